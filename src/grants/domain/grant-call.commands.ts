import type { DomainCommand } from '../../shared/domain/message.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { Money } from '../../shared/domain/money.js';
import type { ApplicantType, Committee, Criterion, IsoDate, PercentBand } from './grant-call.events.js';

/** Facts about the call's programme, read by the handler from `programme-<id>` (null when it is not registered). */
export type ProgrammeFacts = { readonly programmeId: string; readonly ended: boolean };

export type DraftCall = DomainCommand<
  'DraftCall',
  {
    readonly callId: string;
    readonly programmeId: string;
    readonly reference: string;
    readonly title: LocalizedText;
    readonly fund: Money;
    readonly perRecipientCap: Money;
    readonly minAward: Money;
    readonly maxAward: Money;
    readonly ownContributionPct: PercentBand;
    readonly eligibleUnitIds: readonly string[];
    readonly eligibleApplicantTypes: readonly ApplicantType[];
    readonly criteria: readonly Criterion[];
    readonly openingDate: IsoDate;
    readonly deadline: IsoDate;
    readonly committee: Committee;
    /** Handler's facts: the programme, and which of `eligibleUnitIds` are registered units. */
    readonly programme: ProgrammeFacts | null;
    readonly knownUnitIds: readonly string[];
  }
>;

/** Replaces criteria and/or caps; fields left out keep their value. */
export type AmendCall = DomainCommand<
  'AmendCall',
  {
    readonly callId: string;
    readonly perRecipientCap?: Money;
    readonly minAward?: Money;
    readonly maxAward?: Money;
    readonly ownContributionPct?: PercentBand;
    readonly criteria?: readonly Criterion[];
    readonly reason: string;
  }
>;
export type PublishCall = DomainCommand<'PublishCall', { readonly callId: string }>;
export type ExtendDeadline = DomainCommand<'ExtendDeadline', { readonly callId: string; readonly deadline: IsoDate; readonly reason: string }>;
/** Sent by the applications context when the first application is submitted: criteria and caps freeze. */
export type RecordFirstSubmission = DomainCommand<'RecordFirstSubmission', { readonly callId: string; readonly applicationId: string }>;
export type CloseCall = DomainCommand<'CloseCall', { readonly callId: string }>;
export type DecideAwards = DomainCommand<
  'DecideAwards',
  {
    readonly callId: string;
    readonly sessionId: string;
    readonly sessionDate: IsoDate;
    readonly membersPresent: number;
    readonly awards: ReadonlyArray<{ readonly applicationId: string; readonly amount: Money }>;
  }
>;
export type CompleteCall = DomainCommand<'CompleteCall', { readonly callId: string }>;
export type CancelCall = DomainCommand<'CancelCall', { readonly callId: string; readonly reason: string }>;

export type GrantCallCommand =
  | DraftCall
  | AmendCall
  | PublishCall
  | ExtendDeadline
  | RecordFirstSubmission
  | CloseCall
  | DecideAwards
  | CompleteCall
  | CancelCall;
