import type { EncryptedValue } from '../../shared/domain/personal-data.js';
import type { DomainEvent } from '../../shared/domain/message.js';
import type { Money } from '../../shared/domain/money.js';
import type { ApplicantType, Criterion, IsoDate } from './grant-call.events.js';

/**
 * Lifecycle of an application (DOMAIN.md 5.7): SUBMITTED → (INELIGIBLE | ELIGIBLE) → UNDER_ASSESSMENT → ASSESSED →
 * (AWARDED | REJECTED | RESERVE); SUBMITTED | ELIGIBLE → WITHDRAWN; RESERVE → AWARDED (when funds are released).
 */
export const APPLICATION_STATUSES = ['SUBMITTED', 'ELIGIBLE', 'INELIGIBLE', 'UNDER_ASSESSMENT', 'ASSESSED', 'AWARDED', 'REJECTED', 'RESERVE', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The applicant's personal fields, sealed under the applicant id (data subject kind 'applicant'); never in clear. */
export const APPLICANT_PERSONAL_FIELDS = ['fullName', 'iin', 'phone'] as const;
export type ApplicantPersonalField = (typeof APPLICANT_PERSONAL_FIELDS)[number];
export type SealedApplicant = { readonly [F in ApplicantPersonalField]?: EncryptedValue };

/** The project budget: total = requested + own contribution, all in the call fund's currency. */
export type ApplicationBudget = { readonly total: Money; readonly requested: Money; readonly ownContribution: Money };

/** One evaluator's score on one criterion, a whole number 0-100. */
export type CriterionScore = { readonly criterionId: string; readonly score: number };

/** Default minimum number of scores before an assessment, when the call states none. */
export const DEFAULT_MIN_SCORES = 3;

export type GrantApplicationSubmitted = DomainEvent<
  'GrantApplicationSubmitted',
  {
    readonly applicationId: string;
    readonly callId: string;
    readonly programmeId: string;
    readonly applicantId: string;
    readonly applicantType: ApplicantType;
    readonly territoryUnitId: string;
    readonly projectTitle: string;
    readonly budget: ApplicationBudget;
    /** Own contribution as a percentage of the total, 2 decimals (rounded half-even). */
    readonly ownContributionPct: string;
    /** The call's criteria when the application was submitted (frozen from then on). */
    readonly criteria: readonly Criterion[];
    readonly minScores: number;
    readonly personal: SealedApplicant;
    readonly submittedAt: string;
  }
>;
export type GrantApplicationWithdrawn = DomainEvent<'GrantApplicationWithdrawn', { readonly applicationId: string; readonly callId: string; readonly reason: string; readonly withdrawnAt: string }>;
export type ApplicationEligibilityConfirmed = DomainEvent<'ApplicationEligibilityConfirmed', { readonly applicationId: string; readonly callId: string; readonly confirmedAt: string }>;
export type ApplicationDeclaredIneligible = DomainEvent<
  'ApplicationDeclaredIneligible',
  { readonly applicationId: string; readonly callId: string; readonly reasons: readonly string[]; readonly declaredAt: string }
>;
export type ConflictOfInterestDeclared = DomainEvent<
  'ConflictOfInterestDeclared',
  { readonly applicationId: string; readonly callId: string; readonly evaluatorId: string; readonly hasConflict: boolean; readonly nature: string | null; readonly declaredAt: string }
>;
export type EvaluatorRecused = DomainEvent<'EvaluatorRecused', { readonly applicationId: string; readonly callId: string; readonly evaluatorId: string; readonly recusedAt: string }>;
/** An evaluator's score; `supersedes` is true when it replaces their earlier score (a revision). */
export type ApplicationScored = DomainEvent<
  'ApplicationScored',
  {
    readonly applicationId: string;
    readonly callId: string;
    readonly evaluatorId: string;
    readonly criterionScores: readonly CriterionScore[];
    /** Σ score × weight / 100, 2 decimals (exact: weights are whole numbers adding up to 100). */
    readonly weightedScore: string;
    readonly supersedes: boolean;
    readonly comment: string | null;
    readonly scoredAt: string;
  }
>;
/** The weighted mean of the scores, as a decimal string with 2 decimals (rounded half-even; `exact` when no rounding was needed). */
export type ApplicationAssessed = DomainEvent<
  'ApplicationAssessed',
  { readonly applicationId: string; readonly callId: string; readonly meanScore: string; readonly exact: boolean; readonly scoresCount: number; readonly assessedAt: string }
>;

/** The committee of the call awarded the application `amount` (at most what it requested) in session `sessionId`. */
export type ApplicationAwarded = DomainEvent<
  'ApplicationAwarded',
  { readonly applicationId: string; readonly callId: string; readonly sessionId: string; readonly sessionDate: IsoDate; readonly amount: Money; readonly awardedAt: string }
>;
export type ApplicationRejected = DomainEvent<
  'ApplicationRejected',
  { readonly applicationId: string; readonly callId: string; readonly sessionId: string; readonly sessionDate: IsoDate; readonly reason: string; readonly rejectedAt: string }
>;
export type ApplicationPutOnReserve = DomainEvent<
  'ApplicationPutOnReserve',
  { readonly applicationId: string; readonly callId: string; readonly sessionId: string; readonly sessionDate: IsoDate; readonly position: number; readonly reservedAt: string }
>;

/** How an applicant was told the outcome. */
export const NOTIFICATION_CHANNELS = ['LETTER', 'EMAIL', 'SMS', 'IN_PERSON', 'PHONE'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** The applicant was told the current outcome (`outcome`) on `notifiedOn`; `reference` is e.g. a letter number. */
export type ApplicantNotified = DomainEvent<
  'ApplicantNotified',
  {
    readonly applicationId: string;
    readonly callId: string;
    readonly outcome: 'AWARDED' | 'REJECTED' | 'RESERVE' | 'INELIGIBLE';
    readonly channel: NotificationChannel;
    readonly notifiedOn: IsoDate;
    readonly reference: string | null;
    readonly recordedAt: string;
  }
>;

export type GrantApplicationEvent =
  | GrantApplicationSubmitted
  | GrantApplicationWithdrawn
  | ApplicationEligibilityConfirmed
  | ApplicationDeclaredIneligible
  | ConflictOfInterestDeclared
  | EvaluatorRecused
  | ApplicationScored
  | ApplicationAssessed
  | ApplicationAwarded
  | ApplicationRejected
  | ApplicationPutOnReserve
  | ApplicantNotified;

/** Reservation of one applicant's place in a call: `grantApplicant-<callId>.<applicantId>`, appended with 'no_stream'. */
export type GrantApplicantReserved = DomainEvent<'GrantApplicantReserved', { readonly callId: string; readonly applicantId: string; readonly applicationId: string; readonly reservedAt: string }>;
