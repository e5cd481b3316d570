import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import { AwardOutcomeReactor } from './award-outcome.reactor.js';
import { ExecuteGrantAgreementCommandHandler } from './commands/grant-agreement-command.handler.js';
import { ExecuteGrantApplicationCommandHandler } from './commands/grant-application-command.handler.js';
import { ExecuteGrantCallCommandHandler } from './commands/grant-call-command.handler.js';
import { GrantAgreementsController } from './grant-agreements.controller.js';
import { GrantApplicationsController } from './grant-applications.controller.js';
import { GrantCallsController } from './grant-calls.controller.js';
import { GrantsLedgerReactor } from './grants-ledger.reactors.js';
import { GrantsRegisterController } from './grants-register.controller.js';
import { grantAgreementsProjection, grantTotalsByRegionProjection, grantTotalsByUnitProjection } from './projections/grant-agreements.projection.js';
import { grantApplicationsProjection } from './projections/grant-applications.projection.js';
import { grantCallsProjection } from './projections/grant-calls.projection.js';
import { FindGrantCallsHandler, GetGrantCallHandler } from './queries/grant-call.queries.js';

/**
 * Grants (DOMAIN.md 5.7): the GrantCall aggregate and its `grants.calls` read model; the GrantApplication aggregate
 * and its `grants.applications` read model. Reads the programme (Programme & Finance), the eligible units (Territory)
 * and, for applications, the call, before deciding, through their streams. The AwardOutcome reactor records each
 * committee session's awards, rejections and reserve list on the applications. The GrantAgreement aggregate, its
 * `grants.agreements` and per-aul and per-region totals read models, and the grants.ledger reactor to the programme ledger.
 */
@Module({
  imports: [
    ProjectionsModule.forFeature({
      projections: [grantCallsProjection, grantApplicationsProjection, grantAgreementsProjection, grantTotalsByUnitProjection, grantTotalsByRegionProjection],
      reactors: [AwardOutcomeReactor, GrantsLedgerReactor],
    }),
  ],
  controllers: [GrantCallsController, GrantApplicationsController, GrantsRegisterController, GrantAgreementsController],
  providers: [UnitContextLoader, ExecuteGrantCallCommandHandler, ExecuteGrantApplicationCommandHandler, ExecuteGrantAgreementCommandHandler, GetGrantCallHandler, FindGrantCallsHandler],
})
export class GrantsModule {}
