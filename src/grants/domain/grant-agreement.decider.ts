import type { Decider } from '../../shared/domain/decider.js';
import type { GrantAgreementCommand } from './grant-agreement.commands.js';
import { decideAgreement } from './grant-agreement.decide.js';
import type { GrantAgreementEvent } from './grant-agreement.events.js';
import { type GrantAgreement, evolveAgreement, initialAgreementState } from './grant-agreement.state.js';

/** The GrantAgreement aggregate (Grants context, DOMAIN.md 5.7) as a pure decider. */
export const grantAgreementDecider: Decider<GrantAgreement, GrantAgreementCommand, GrantAgreementEvent> = {
  decide: decideAgreement,
  evolve: evolveAgreement,
  initialState: initialAgreementState,
};

/** Stream of one agreement: `grantAgreement-<agreementId>`. */
export const grantAgreementStream = (agreementId: string): string => `grantAgreement-${agreementId}`;

/** Reservation stream of an application's one agreement: `grantAgreementFor-<applicationId>`. */
export const grantAgreementForStream = (applicationId: string): string => `grantAgreementFor-${applicationId}`;
