import type { Decider } from '../../shared/domain/decider.js';
import type { AdministrativeUnitCommand } from './administrative-unit.commands.js';
import { decide } from './administrative-unit.decide.js';
import type { AdministrativeUnitEvent } from './administrative-unit.events.js';
import { evolve, initialState, type AdministrativeUnit } from './administrative-unit.state.js';

/** The AdministrativeUnit aggregate (Territory context) as a pure decider. */
export const administrativeUnitDecider: Decider<AdministrativeUnit, AdministrativeUnitCommand, AdministrativeUnitEvent> = {
  decide,
  evolve,
  initialState,
};

/** Stream of one unit: `administrativeUnit-<unitId>`, so the category is `administrativeUnit`. */
export const unitStream = (unitId: string): string => `administrativeUnit-${unitId}`;
