import { Module } from '@nestjs/common';
import { UNIT_HIERARCHY } from '../access/authorization.js';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { ExecuteUnitCommandHandler } from './commands/unit-command.handler.js';
import { unitsProjection } from './projections/units.projection.js';
import { ResidentsController } from './residents/residents.controller.js';
import { residentCountsProjection, residentsProjection } from './residents/residents.projection.js';
import { FindUnitsHandler } from './queries/find-units.query.js';
import { GetUnitHandler } from './queries/get-unit.query.js';
import { UnitContextLoader } from './unit-context.loader.js';
import { UnitsController } from './units.controller.js';

/** Territory & People: administrative units with effective-dated names, parents and KATO codes; the residents register. */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [unitsProjection, residentsProjection, residentCountsProjection] })],
  controllers: [UnitsController, ResidentsController],
  exports: [UNIT_HIERARCHY],
  providers: [{ provide: UNIT_HIERARCHY, useExisting: UnitContextLoader }, UnitContextLoader, ExecuteUnitCommandHandler, GetUnitHandler, FindUnitsHandler],
})
export class TerritoryModule {}
