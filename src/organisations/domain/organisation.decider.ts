import type { Decider } from '../../shared/domain/decider.js';
import type { OrganisationCommand } from './organisation.commands.js';
import { decide } from './organisation.decide.js';
import type { OrganisationEvent } from './organisation.events.js';
import { type Organisation, evolve, initialState } from './organisation.state.js';

/** The Organisation aggregate (Programme & Finance context, DOMAIN.md 5.4) as a pure decider. */
export const organisationDecider: Decider<Organisation, OrganisationCommand, OrganisationEvent> = { decide, evolve, initialState };

/** Stream of one organisation: `organisation-<organisationId>`. */
export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;
