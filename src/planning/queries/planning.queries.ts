import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { PLANS_PROJECTION, type PlanDocument } from '../projections/plans.projection.js';

/** One document of a planning read model (`planning.plans`, `planning.implementation`, `planning.amendments`) by id. */
export class GetPlanningDocumentQuery<T> extends Query<T | null> {
  constructor(
    readonly projection: string,
    readonly id: string,
  ) {
    super();
  }
}

@QueryHandler(GetPlanningDocumentQuery)
export class GetPlanningDocumentHandler implements IQueryHandler<GetPlanningDocumentQuery<unknown>> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ projection, id }: GetPlanningDocumentQuery<unknown>): Promise<unknown> {
    return this.reads.get(this.projections.collectionFor(projection), id);
  }
}

export type PlanSearch = { territoryUnitId?: string; status?: string; limit: number; cursor?: string };

/** Plans by territory unit and status, by period then id, a page at a time. */
export class FindPlansQuery extends Query<Page<PlanDocument>> {
  constructor(readonly search: PlanSearch) {
    super();
  }
}

@QueryHandler(FindPlansQuery)
export class FindPlansHandler implements IQueryHandler<FindPlansQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindPlansQuery): Promise<Page<PlanDocument>> {
    const filter: Filter = {};
    if (search.territoryUnitId) filter.territoryUnitId = search.territoryUnitId;
    if (search.status) filter.status = search.status;
    return this.reads.find<PlanDocument>(this.projections.collectionFor(PLANS_PROJECTION), {
      filter,
      sort: [
        { path: 'period', direction: 'asc' },
        { path: 'planId', direction: 'asc' },
      ],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}
