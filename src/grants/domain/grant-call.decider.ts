import type { Decider } from '../../shared/domain/decider.js';
import type { GrantCallCommand } from './grant-call.commands.js';
import { decide } from './grant-call.decide.js';
import type { GrantCallEvent } from './grant-call.events.js';
import { type GrantCall, evolve, initialState } from './grant-call.state.js';

/** The GrantCall aggregate (Grants context, DOMAIN.md 5.7) as a pure decider. */
export const grantCallDecider: Decider<GrantCall, GrantCallCommand, GrantCallEvent> = { decide, evolve, initialState };

/** Stream of one call: `grantCall-<callId>`. */
export const grantCallStream = (callId: string): string => `grantCall-${callId}`;
