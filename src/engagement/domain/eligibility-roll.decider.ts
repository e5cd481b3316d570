import type { Decider } from '../../shared/domain/decider.js';
import type { EligibilityRollCommand } from './eligibility-roll.commands.js';
import { decide } from './eligibility-roll.decide.js';
import { type EligibilityRollEvent, rollStream } from './eligibility-roll.events.js';
import { type EligibilityRoll, evolve, initialState } from './eligibility-roll.state.js';

/** The EligibilityRoll aggregate (DOMAIN.md 5.6) as a pure decider; its stream is `rollStream(id)` of the published contract. */
export const eligibilityRollDecider: Decider<EligibilityRoll, EligibilityRollCommand, EligibilityRollEvent> = { decide, evolve, initialState };

export { rollStream };
export { foldRoll, rollHash } from './eligibility-roll.state.js';
