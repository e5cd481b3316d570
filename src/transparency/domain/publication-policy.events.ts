import type { DomainCommand, DomainEvent } from '../../shared/domain/message.js';

/**
 * A delay: an entry rendered from `eventType` stays unpublished until an event of type `releasedBy` arrives whose
 * data field `matchOn` equals the entry's key of the same name (an award's `applicationId`, a tally's `voteId`).
 */
export type DelayRule = { readonly eventType: string; readonly releasedBy: string; readonly matchOn: string };

/** What a publication policy says (DOMAIN.md 5.10). */
export type PolicyContent = {
  /** Event types whose feed entries are public; every other type is never published. */
  readonly publicEventTypes: readonly string[];
  readonly delays: readonly DelayRule[];
  /** Whether officials acting in office appear by name (the key holder's name) or only by role. */
  readonly allowOfficialNames: boolean;
};

/** The policy in force from this event on is `version`, replacing the previous one, for `reason`. */
export type PublicationPolicyChanged = DomainEvent<'PublicationPolicyChanged', PolicyContent & { readonly version: number; readonly reason: string; readonly changedAt: string }>;

export type PublicationPolicyEvent = PublicationPolicyChanged;

/** Replace the policy in force (the whole content), for a reason. */
export type ChangePublicationPolicy = DomainCommand<'ChangePublicationPolicy', PolicyContent & { readonly reason: string }>;
export type PublicationPolicyCommand = ChangePublicationPolicy;
