import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { GRANT_CALLS_PROJECTION, type GrantCallDocument } from '../projections/grant-calls.projection.js';

/** One grant call from the `grants.calls` read model. */
export class GetGrantCallQuery extends Query<GrantCallDocument | null> {
  constructor(readonly callId: string) {
    super();
  }
}

@QueryHandler(GetGrantCallQuery)
export class GetGrantCallHandler implements IQueryHandler<GetGrantCallQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ callId }: GetGrantCallQuery): Promise<GrantCallDocument | null> {
    return this.reads.get<GrantCallDocument>(this.projections.collectionFor(GRANT_CALLS_PROJECTION), callId);
  }
}

export type GrantCallSearch = { programmeId?: string; status?: string; limit: number; cursor?: string };

/** Grant calls matching a search, sorted by reference, a page at a time. */
export class FindGrantCallsQuery extends Query<Page<GrantCallDocument>> {
  constructor(readonly search: GrantCallSearch) {
    super();
  }
}

@QueryHandler(FindGrantCallsQuery)
export class FindGrantCallsHandler implements IQueryHandler<FindGrantCallsQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindGrantCallsQuery): Promise<Page<GrantCallDocument>> {
    const filter: Filter = {};
    if (search.programmeId) filter.programmeId = search.programmeId;
    if (search.status) filter.status = search.status;
    return this.reads.find<GrantCallDocument>(this.projections.collectionFor(GRANT_CALLS_PROJECTION), {
      filter,
      sort: [{ path: 'reference', direction: 'asc' }],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}
