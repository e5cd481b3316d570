import type { Decider } from '../../shared/domain/decider.js';
import type { GrantApplicationCommand } from './grant-application.commands.js';
import { decideApplication } from './grant-application.decide.js';
import type { GrantApplicationEvent } from './grant-application.events.js';
import { type GrantApplication, evolveApplication, initialApplicationState } from './grant-application.state.js';

/** The GrantApplication aggregate (Grants context, DOMAIN.md 5.7) as a pure decider. */
export const grantApplicationDecider: Decider<GrantApplication, GrantApplicationCommand, GrantApplicationEvent> = {
  decide: decideApplication,
  evolve: evolveApplication,
  initialState: initialApplicationState,
};

/** Stream of one application: `grantApplication-<applicationId>`. */
export const grantApplicationStream = (applicationId: string): string => `grantApplication-${applicationId}`;

/** Reservation stream of one applicant in one call: `grantApplicant-<callId>.<applicantId>`. */
export const grantApplicantStream = (callId: string, applicantId: string): string => `grantApplicant-${callId}.${applicantId}`;
