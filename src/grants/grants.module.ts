import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import { ExecuteGrantCallCommandHandler } from './commands/grant-call-command.handler.js';
import { GrantCallsController } from './grant-calls.controller.js';
import { grantCallsProjection } from './projections/grant-calls.projection.js';
import { FindGrantCallsHandler, GetGrantCallHandler } from './queries/grant-call.queries.js';

/**
 * Grants (DOMAIN.md 5.7), first step: the GrantCall aggregate and its `grants.calls` read model. Reads the programme
 * (Programme & Finance) and the eligible units (Territory) before deciding, through their streams.
 */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [grantCallsProjection] })],
  controllers: [GrantCallsController],
  providers: [UnitContextLoader, ExecuteGrantCallCommandHandler, GetGrantCallHandler, FindGrantCallsHandler],
})
export class GrantsModule {}
