import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { AUTHORITY_RESPONSES, type AuthorityResponse, RECOMMENDATION_STATUSES, type RecommendationStatus } from '../domain/recommendation.events.js';
import { RECOMMENDATIONS_PROJECTION, type RecommendationDocument } from '../projections/recommendations.projection.js';

/** One recommendation, from the register. */
export class GetRecommendationQuery extends Query<RecommendationDocument | null> {
  constructor(readonly recommendationId: string) {
    super();
  }
}

@QueryHandler(GetRecommendationQuery)
export class GetRecommendationHandler implements IQueryHandler<GetRecommendationQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ recommendationId }: GetRecommendationQuery): Promise<RecommendationDocument | null> {
    return this.reads.get<RecommendationDocument>(this.projections.collectionFor(RECOMMENDATIONS_PROJECTION), recommendationId);
  }
}

export type RecommendationSearch = { status?: string; theme?: string; limit: number; cursor?: string };

/** Recommendations matching a search, in the order drafted, a page at a time. */
export class FindRecommendationsQuery extends Query<Page<RecommendationDocument>> {
  constructor(readonly search: RecommendationSearch) {
    super();
  }
}

@QueryHandler(FindRecommendationsQuery)
export class FindRecommendationsHandler implements IQueryHandler<FindRecommendationsQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindRecommendationsQuery): Promise<Page<RecommendationDocument>> {
    const filter: Filter = {};
    if (search.status) filter.status = search.status;
    if (search.theme) filter.theme = search.theme;
    return this.reads.find<RecommendationDocument>(this.projections.collectionFor(RECOMMENDATIONS_PROJECTION), {
      filter,
      sort: [{ path: 'draftedAt', direction: 'asc' }],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}

export type RecommendationSummary = {
  total: number;
  byStatus: Record<RecommendationStatus, number>;
  /** By the last recorded response of each recommendation. */
  byResponse: Record<AuthorityResponse, number>;
};

/** Counts of recommendations by status and by last response. */
export class RecommendationSummaryQuery extends Query<RecommendationSummary> {}

@QueryHandler(RecommendationSummaryQuery)
export class RecommendationSummaryHandler implements IQueryHandler<RecommendationSummaryQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  async execute(): Promise<RecommendationSummary> {
    const collection = this.projections.collectionFor(RECOMMENDATIONS_PROJECTION);
    const countBy = async <K extends string>(field: string, values: readonly K[]) =>
      Object.fromEntries(await Promise.all(values.map(async (v) => [v, await this.reads.count(collection, { [field]: v })] as const))) as Record<K, number>;
    const [total, byStatus, byResponse] = await Promise.all([
      this.reads.count(collection),
      countBy('status', RECOMMENDATION_STATUSES),
      countBy('response', AUTHORITY_RESPONSES),
    ]);
    return { total, byStatus, byResponse };
  }
}
