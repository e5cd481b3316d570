import type { DomainCommand } from '../../shared/domain/message.js';
import type { Money } from '../../shared/domain/money.js';
import type { ApplicantType, AwardOutcome, CallStatus, Criterion, IsoDate, PercentBand } from './grant-call.events.js';
import type { CriterionScore, NotificationChannel, SealedApplicant } from './grant-application.events.js';

/** Facts about the call, folded by the handler from `grantCall-<callId>` (null when it was never drafted). */
export type CallFactsForApplication = {
  readonly callId: string;
  readonly programmeId: string;
  readonly status: CallStatus;
  readonly deadline: IsoDate;
  readonly minAward: Money;
  readonly maxAward: Money;
  readonly ownContributionPct: PercentBand;
  readonly eligibleUnitIds: readonly string[];
  readonly eligibleApplicantTypes: readonly ApplicantType[];
  readonly criteria: readonly Criterion[];
  readonly minScoresPerApplication?: number;
};

export type SubmitApplication = DomainCommand<
  'SubmitApplication',
  {
    readonly applicationId: string;
    readonly callId: string;
    readonly applicantId: string;
    readonly applicantType: ApplicantType;
    readonly territoryUnitId: string;
    readonly projectTitle: string;
    readonly budget: { readonly total: Money; readonly requested: Money; readonly ownContribution: Money };
    readonly personal: SealedApplicant;
    /** Handler's fact: the call. */
    readonly call: CallFactsForApplication | null;
  }
>;
export type WithdrawApplication = DomainCommand<'WithdrawApplication', { readonly applicationId: string; readonly reason: string }>;
export type ConfirmEligibility = DomainCommand<'ConfirmEligibility', { readonly applicationId: string }>;
export type RefuseEligibility = DomainCommand<'RefuseEligibility', { readonly applicationId: string; readonly reasons: readonly string[] }>;
export type DeclareConflictOfInterest = DomainCommand<
  'DeclareConflictOfInterest',
  { readonly applicationId: string; readonly evaluatorId: string; readonly hasConflict: boolean; readonly nature?: string }
>;
export type ScoreApplication = DomainCommand<
  'ScoreApplication',
  { readonly applicationId: string; readonly evaluatorId: string; readonly criterionScores: readonly CriterionScore[]; readonly comment?: string }
>;
export type AssessApplication = DomainCommand<'AssessApplication', { readonly applicationId: string }>;
/**
 * Records what a committee session of the call decided on this application. Issued by the AwardOutcome reactor from
 * `GrantAwardsDecided` (the call enforces the fund and the committee rules); the application records the outcome.
 */
export type RecordAwardOutcome = DomainCommand<
  'RecordAwardOutcome',
  {
    readonly applicationId: string;
    readonly callId: string;
    readonly sessionId: string;
    readonly sessionDate: IsoDate;
    readonly outcome: AwardOutcome;
    /** AWARDED: the amount granted. */
    readonly amount?: Money;
    /** REJECTED: the reason given. */
    readonly reason?: string;
    /** RESERVE: the position on the reserve list (1 first). */
    readonly position?: number;
  }
>;
/** Records that the applicant was told the outcome, how and when. */
export type NotifyApplicant = DomainCommand<
  'NotifyApplicant',
  { readonly applicationId: string; readonly channel: NotificationChannel; readonly notifiedOn: IsoDate; readonly reference?: string }
>;

export type GrantApplicationCommand =
  | SubmitApplication
  | WithdrawApplication
  | ConfirmEligibility
  | RefuseEligibility
  | DeclareConflictOfInterest
  | ScoreApplication
  | AssessApplication
  | RecordAwardOutcome
  | NotifyApplicant;
