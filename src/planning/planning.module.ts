import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import { AMENDMENT_POLICY, DEFAULT_AMENDMENT_POLICY } from './amendment-policy.js';
import { ExecuteAmendmentCommandHandler } from './commands/amendment-command.handler.js';
import { ExecutePlanCommandHandler } from './commands/plan-command.handler.js';
import { PlanAmendmentsController, PlansController } from './planning.controller.js';
import { AmendmentApplicationReactor, PlanApprovalReactor } from './planning.reactors.js';
import { amendmentsProjection } from './projections/amendments.projection.js';
import { implementationProjection, plansProjection } from './projections/plans.projection.js';
import { FindPlansHandler, GetPlanningDocumentHandler } from './queries/planning.queries.js';

/**
 * Development Planning (DOMAIN.md 5.5): development plans and their amendments, the PlanApproval and
 * AmendmentApplication reactors (5.11), and the plans, implementation and amendments read models. Reads territory
 * units and certified votes (Voting's published VoteResultCertified) from their streams before deciding.
 */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [plansProjection, implementationProjection, amendmentsProjection], reactors: [PlanApprovalReactor, AmendmentApplicationReactor] })],
  controllers: [PlansController, PlanAmendmentsController],
  providers: [
    UnitContextLoader,
    { provide: AMENDMENT_POLICY, useValue: DEFAULT_AMENDMENT_POLICY },
    ExecutePlanCommandHandler,
    ExecuteAmendmentCommandHandler,
    FindPlansHandler,
    GetPlanningDocumentHandler,
  ],
})
export class PlanningModule {}
