import type { Decider } from '../../shared/domain/decider.js';
import type { ProgrammeCommand } from './programme.commands.js';
import { decide } from './programme.decide.js';
import type { ProgrammeEvent } from './programme.events.js';
import { type Programme, evolve, initialState } from './programme.state.js';

/**
 * The Programme aggregate (Programme & Finance context, DOMAIN.md 5.4) as a pure decider. Version 2: the state keeps
 * what is spent by line (returns of in-kind support are bounded by it), so snapshots of version 1 are not used.
 */
export const programmeDecider: Decider<Programme, ProgrammeCommand, ProgrammeEvent> = { decide, evolve, initialState, version: 2 };

/** Stream of one programme: `programme-<programmeId>`. */
export const programmeStream = (programmeId: string): string => `programme-${programmeId}`;
