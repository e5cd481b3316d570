import { Module } from '@nestjs/common';
import { ExecuteUnitCommandHandler } from './commands/unit-command.handler.js';
import { GetUnitHandler } from './queries/get-unit.query.js';
import { UnitContextLoader } from './unit-context.loader.js';
import { UnitsController } from './units.controller.js';

/** Territory & People: administrative units with effective-dated names, parents and KATO codes. */
@Module({
  controllers: [UnitsController],
  providers: [UnitContextLoader, ExecuteUnitCommandHandler, GetUnitHandler],
})
export class TerritoryModule {}
