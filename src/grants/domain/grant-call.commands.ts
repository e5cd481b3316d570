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
    /** Scores each application needs before its assessment; 3 when left out. */
    readonly minScoresPerApplication?: number;
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
/**
 * Facts about one application a session decides on, folded by the handler from `grantApplication-<id>` before
 * `decide` (null when no such application was submitted).
 */
export type ApplicationFactsForAward = {
  readonly applicationId: string;
  readonly callId: string;
  /** The application's status: only ASSESSED applications (so eligible and scored) may be decided on. */
  readonly status: string;
  readonly requested: Money;
  /** Evaluators who declared a conflict of interest on it: they may not decide it. */
  readonly conflictedEvaluatorIds: readonly string[];
};

export type DecideAwards = DomainCommand<
  'DecideAwards',
  {
    readonly callId: string;
    readonly sessionId: string;
    readonly sessionDate: IsoDate;
    /** The committee members taking part (evaluator ids, as in their conflict-of-interest declarations). */
    readonly memberIds: readonly string[];
    /** Optional cross-check: when given, it must equal the number of memberIds. */
    readonly membersPresent?: number;
    readonly awards: ReadonlyArray<{ readonly applicationId: string; readonly amount: Money }>;
    readonly rejected?: ReadonlyArray<{ readonly applicationId: string; readonly reason: string }>;
    /** The reserve list, best first. */
    readonly reserve?: ReadonlyArray<{ readonly applicationId: string }>;
    /** Handler's facts about every application named above, by id. */
    readonly applications: Readonly<Record<string, ApplicationFactsForAward | null>>;
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
