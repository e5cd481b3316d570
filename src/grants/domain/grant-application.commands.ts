import type { DomainCommand } from '../../shared/domain/message.js';
import type { Money } from '../../shared/domain/money.js';
import type { ApplicantType, CallStatus, Criterion, IsoDate, PercentBand } from './grant-call.events.js';
import type { CriterionScore, SealedApplicant } from './grant-application.events.js';

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

export type GrantApplicationCommand =
  | SubmitApplication
  | WithdrawApplication
  | ConfirmEligibility
  | RefuseEligibility
  | DeclareConflictOfInterest
  | ScoreApplication
  | AssessApplication;
