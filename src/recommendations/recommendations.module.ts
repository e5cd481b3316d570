import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { ExecuteRecommendationCommandHandler } from './commands/recommendation-command.handler.js';
import { recommendationsProjection } from './projections/recommendations.projection.js';
import { FindRecommendationsHandler, GetRecommendationHandler, RecommendationSummaryHandler } from './queries/recommendation.queries.js';
import { RecommendationsController } from './recommendations.controller.js';

/** Policy Recommendations (context 6, DOMAIN.md 5.9): recommendations to government and the authorities' responses. */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [recommendationsProjection] })],
  controllers: [RecommendationsController],
  providers: [ExecuteRecommendationCommandHandler, GetRecommendationHandler, FindRecommendationsHandler, RecommendationSummaryHandler],
})
export class RecommendationsModule {}
