import type { DomainEvent } from '../../shared/domain/message.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { Money } from '../../shared/domain/money.js';

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** Who may apply to a call (DOMAIN.md 3.1, 5.7). */
export const APPLICANT_TYPES = ['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS', 'PEASANT_FARM'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** Lifecycle of a call (DOMAIN.md 5.7): DRAFT → PUBLISHED → CLOSED → PARTIALLY_/FULLY_AWARDED → COMPLETED; DRAFT|PUBLISHED|CLOSED → CANCELLED. */
export const CALL_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'PARTIALLY_AWARDED', 'FULLY_AWARDED', 'COMPLETED', 'CANCELLED'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** One award criterion; the weights of a call's criteria add up to exactly 100. */
export type Criterion = { readonly criterionId: string; readonly title: string; readonly weight: number };

/** The own-contribution band, in whole percent of the project budget (10–20 in the 2018 call). */
export type PercentBand = { readonly min: number; readonly max: number };

/** The award committee: its size, and the quorum a deciding session needs (e.g. 3 of 5). */
export type Committee = { readonly members: number; readonly quorum: number };

/** The caps and criteria that may be amended only before the first submission. */
export type AmendableTerms = {
  readonly perRecipientCap: Money;
  readonly minAward: Money;
  readonly maxAward: Money;
  readonly ownContributionPct: PercentBand;
  readonly criteria: readonly Criterion[];
};

/** Everything a call states when it is drafted. All amounts are in the fund's currency. */
export type CallTerms = AmendableTerms & {
  readonly callId: string;
  readonly programmeId: string;
  readonly reference: string;
  readonly title: LocalizedText;
  readonly fund: Money;
  readonly eligibleUnitIds: readonly string[];
  readonly eligibleApplicantTypes: readonly ApplicantType[];
  readonly openingDate: IsoDate;
  readonly deadline: IsoDate;
  readonly committee: Committee;
  /** Scores an application needs before its assessment (default 3, at most the committee's size). */
  readonly minScoresPerApplication: number;
};

/** One award of a committee session: an application and the amount it is granted (at most what it requested). */
export type Award = { readonly applicationId: string; readonly amount: Money };
/** An application the session turned down, with the reason the applicant is told. */
export type Rejection = { readonly applicationId: string; readonly reason: string };
/** An application put on the reserve list, in order (1 first): it may be awarded later if funds are released. */
export type ReserveEntry = { readonly applicationId: string; readonly position: number };

/** What a committee session decided on an application. */
export const AWARD_OUTCOMES = ['AWARDED', 'REJECTED', 'RESERVE'] as const;
export type AwardOutcome = (typeof AWARD_OUTCOMES)[number];

export type GrantCallDrafted = DomainEvent<'GrantCallDrafted', CallTerms & { readonly draftedAt: string }>;
/** Criteria and/or caps replaced (only before the first submission); `changed` names the fields. */
export type GrantCallAmended = DomainEvent<
  'GrantCallAmended',
  AmendableTerms & { readonly callId: string; readonly changed: readonly string[]; readonly reason: string; readonly amendedAt: string }
>;
export type GrantCallPublished = DomainEvent<'GrantCallPublished', { readonly callId: string; readonly publishedAt: string }>;
export type GrantCallDeadlineExtended = DomainEvent<
  'GrantCallDeadlineExtended',
  { readonly callId: string; readonly previousDeadline: IsoDate; readonly deadline: IsoDate; readonly reason: string; readonly extendedAt: string }
>;
export type FirstSubmissionRecorded = DomainEvent<'FirstSubmissionRecorded', { readonly callId: string; readonly applicationId: string; readonly recordedAt: string }>;
export type GrantCallClosed = DomainEvent<'GrantCallClosed', { readonly callId: string; readonly closedAt: string }>;
/**
 * A committee session decided awards, rejections and a reserve list. `awardedTotal` is the sum awarded by all sessions so far, never above `fund`;
 * `fullyAwarded` when it equals the fund.
 */
export type GrantAwardsDecided = DomainEvent<
  'GrantAwardsDecided',
  {
    readonly callId: string;
    readonly sessionId: string;
    readonly sessionDate: IsoDate;
    readonly membersPresent: number;
    /** The committee members who took part (evaluator ids); none had declared a conflict on an application decided here. */
    readonly memberIds: readonly string[];
    readonly quorum: number;
    readonly awards: readonly Award[];
    readonly rejected: readonly Rejection[];
    readonly reserve: readonly ReserveEntry[];
    readonly sessionTotal: Money;
    readonly awardedTotal: Money;
    readonly remaining: Money;
    readonly fullyAwarded: boolean;
    readonly decidedAt: string;
  }
>;
export type GrantCallCompleted = DomainEvent<'GrantCallCompleted', { readonly callId: string; readonly completedAt: string }>;
export type GrantCallCancelled = DomainEvent<'GrantCallCancelled', { readonly callId: string; readonly reason: string; readonly cancelledAt: string }>;

export type GrantCallEvent =
  | GrantCallDrafted
  | GrantCallAmended
  | GrantCallPublished
  | GrantCallDeadlineExtended
  | FirstSubmissionRecorded
  | GrantCallClosed
  | GrantAwardsDecided
  | GrantCallCompleted
  | GrantCallCancelled;
