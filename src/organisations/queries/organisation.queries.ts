import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { ORGANISATIONS_PROJECTION, type OrganisationDocument } from '../projections/organisations.projection.js';

/** One organisation, from the organisations projection. */
export class GetOrganisationQuery extends Query<OrganisationDocument | null> {
  constructor(readonly organisationId: string) {
    super();
  }
}

@QueryHandler(GetOrganisationQuery)
export class GetOrganisationHandler implements IQueryHandler<GetOrganisationQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ organisationId }: GetOrganisationQuery): Promise<OrganisationDocument | null> {
    return this.reads.get<OrganisationDocument>(this.projections.collectionFor(ORGANISATIONS_PROJECTION), organisationId);
  }
}

export type OrganisationSearch = { orgIdentifier?: string; iatiOrgType?: string; country?: string; limit: number; cursor?: string };

/** Organisations matching a search, sorted by name, a page at a time. */
export class FindOrganisationsQuery extends Query<Page<OrganisationDocument>> {
  constructor(readonly search: OrganisationSearch) {
    super();
  }
}

@QueryHandler(FindOrganisationsQuery)
export class FindOrganisationsHandler implements IQueryHandler<FindOrganisationsQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindOrganisationsQuery): Promise<Page<OrganisationDocument>> {
    const filter: Filter = {};
    if (search.orgIdentifier) filter.orgIdentifier = search.orgIdentifier;
    if (search.iatiOrgType) filter.iatiOrgType = search.iatiOrgType;
    if (search.country) filter.country = search.country;
    return this.reads.find<OrganisationDocument>(this.projections.collectionFor(ORGANISATIONS_PROJECTION), {
      filter,
      sort: [{ path: 'sortName', direction: 'asc' }],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}
