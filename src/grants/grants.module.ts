import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import { AwardOutcomeReactor } from './award-outcome.reactor.js';
import { ExecuteGrantApplicationCommandHandler } from './commands/grant-application-command.handler.js';
import { ExecuteGrantCallCommandHandler } from './commands/grant-call-command.handler.js';
import { GrantApplicationsController } from './grant-applications.controller.js';
import { GrantCallsController } from './grant-calls.controller.js';
import { GrantsRegisterController } from './grants-register.controller.js';
import { grantApplicationsProjection } from './projections/grant-applications.projection.js';
import { grantCallsProjection } from './projections/grant-calls.projection.js';
import { FindGrantCallsHandler, GetGrantCallHandler } from './queries/grant-call.queries.js';

/**
 * Grants (DOMAIN.md 5.7): the GrantCall aggregate and its `grants.calls` read model; the GrantApplication aggregate
 * and its `grants.applications` read model. Reads the programme (Programme & Finance), the eligible units (Territory)
 * and, for applications, the call, before deciding, through their streams. The AwardOutcome reactor records each
 * committee session's awards, rejections and reserve list on the applications.
 */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [grantCallsProjection, grantApplicationsProjection], reactors: [AwardOutcomeReactor] })],
  controllers: [GrantCallsController, GrantApplicationsController, GrantsRegisterController],
  providers: [UnitContextLoader, ExecuteGrantCallCommandHandler, ExecuteGrantApplicationCommandHandler, GetGrantCallHandler, FindGrantCallsHandler],
})
export class GrantsModule {}
