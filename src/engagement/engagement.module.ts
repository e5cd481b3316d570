import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import { meetingPolicyProvider } from './meeting-policy.provider.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { meetingStatsProjection } from './projections/meeting-stats.projection.js';
import { meetingsProjection } from './projections/meetings.projection.js';
import { rollsProjection } from './projections/rolls.projection.js';
import { RollsController } from './rolls/rolls.controller.js';

/** Community Engagement (DOMAIN.md 5.6): community meetings and eligibility rolls. */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [meetingsProjection, meetingStatsProjection, rollsProjection] })],
  controllers: [MeetingsController, RollsController],
  providers: [UnitContextLoader, meetingPolicyProvider],
})
export class EngagementModule {}
