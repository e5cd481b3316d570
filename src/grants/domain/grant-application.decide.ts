import { type Money, minorOf, parseMoney, requireCurrency, roundHalfEven } from '../../shared/domain/money.js';
import type {
  AssessApplication,
  ConfirmEligibility,
  NotifyApplicant,
  RecordAwardOutcome,
  DeclareConflictOfInterest,
  GrantApplicationCommand,
  RefuseEligibility,
  ScoreApplication,
  SubmitApplication,
  WithdrawApplication,
} from './grant-application.commands.js';
import {
  ApplicantTypeNotEligible,
  ApplicationStatusConflict,
  AwardOutcomeIncomplete,
  NothingToNotify,
  BudgetMismatch,
  CallDeadlinePassed,
  CallNotOpen,
  ConflictDeclarationFinal,
  EvaluatorNotDeclared,
  EvaluatorRecusedFromScoring,
  GrantApplicationAlreadySubmitted,
  GrantApplicationNotFound,
  InvalidScore,
  NotEnoughScores,
  OwnContributionOutOfBand,
  ReasonsRequired,
  RequestedAmountOutOfRange,
  ScoresDoNotMatchCriteria,
  TerritoryNotEligible,
} from './grant-application.errors.js';
import {
  type ApplicantNotified,
  type ApplicationAssessed,
  type ApplicationAwarded,
  type ApplicationPutOnReserve,
  type ApplicationRejected,
  type ApplicationDeclaredIneligible,
  type ApplicationEligibilityConfirmed,
  type ApplicationScored,
  type ApplicationStatus,
  type ConflictOfInterestDeclared,
  type CriterionScore,
  DEFAULT_MIN_SCORES,
  type EvaluatorRecused,
  type GrantApplicationEvent,
  type GrantApplicationSubmitted,
  type GrantApplicationWithdrawn,
} from './grant-application.events.js';
import { type ApplicationFacts, type GrantApplication, countedScores, hundredthsText, weightedHundredths } from './grant-application.state.js';
import { GrantCallNotFound, InvalidDate } from './grant-call.errors.js';
import { isCalendarDate } from '../../shared/domain/money.js';
import { canonical } from './grant-call.state.js';

const today = (now: string): string => now.slice(0, 10);

const submitted = (state: GrantApplication, applicationId: string): ApplicationFacts => {
  if (state.status === 'Empty') throw new GrantApplicationNotFound(applicationId);
  return state;
};

const requireStatus = (app: ApplicationFacts, action: string, allowed: readonly ApplicationStatus[]): void => {
  if (!allowed.includes(app.status)) throw new ApplicationStatusConflict(app.applicationId, app.status, action, allowed);
};

/** What a resent SubmitApplication must repeat (the sealed personal values differ on every sealing and are left out). */
const submissionFingerprint = (d: { callId: string; applicantId: string; applicantType: string; territoryUnitId: string; projectTitle: string; budget: unknown }): string =>
  canonical({ callId: d.callId, applicantId: d.applicantId, applicantType: d.applicantType, territoryUnitId: d.territoryUnitId, projectTitle: d.projectTitle.trim(), budget: d.budget });

/**
 * Submits an application inside the call's window (PUBLISHED, today ≤ deadline), for an eligible unit and applicant
 * type, with the requested amount within the call's range and the own contribution within its band (exact bigint
 * arithmetic: own × 100 compared with total × percent). A resent submission is a no-op.
 */
export const submitApplication = ({ data, metadata }: SubmitApplication, state: GrantApplication): GrantApplicationSubmitted[] => {
  const call = data.call;
  if (!call) throw new GrantCallNotFound(data.callId);
  const currency = call.minAward.currency;
  const amount = (m: Money, path: string, rule: 'positive' | 'non-negative' = 'positive') => requireCurrency(parseMoney(m, path, rule), currency, `${path}.currency`);
  const budget = {
    total: amount(data.budget.total, 'budget.total'),
    requested: amount(data.budget.requested, 'budget.requested'),
    ownContribution: amount(data.budget.ownContribution, 'budget.ownContribution', 'non-negative'),
  };
  if (state.status !== 'Empty') {
    if (submissionFingerprint(state.submitted) === submissionFingerprint({ ...data, budget })) return []; // resent command
    throw new GrantApplicationAlreadySubmitted(data.applicationId);
  }
  if (call.status !== 'PUBLISHED') throw new CallNotOpen(call.callId, call.status);
  if (today(metadata.now) > call.deadline) throw new CallDeadlinePassed(call.deadline, today(metadata.now));
  if (!call.eligibleApplicantTypes.includes(data.applicantType)) throw new ApplicantTypeNotEligible(data.applicantType, call.eligibleApplicantTypes);
  if (!call.eligibleUnitIds.includes(data.territoryUnitId)) throw new TerritoryNotEligible(data.territoryUnitId);
  const total = minorOf(budget.total);
  const requested = minorOf(budget.requested);
  const own = minorOf(budget.ownContribution);
  if (requested + own !== total) throw new BudgetMismatch(budget.total, budget.requested, budget.ownContribution);
  if (requested < minorOf(call.minAward) || requested > minorOf(call.maxAward)) throw new RequestedAmountOutOfRange(budget.requested, call.minAward, call.maxAward);
  const pct = hundredthsText(roundHalfEven(own * 10_000n, total));
  const { min, max } = call.ownContributionPct;
  if (own * 100n < total * BigInt(min) || own * 100n > total * BigInt(max)) throw new OwnContributionOutOfBand(pct, min, max);
  return [
    {
      type: 'GrantApplicationSubmitted',
      data: {
        applicationId: data.applicationId,
        callId: call.callId,
        programmeId: call.programmeId,
        applicantId: data.applicantId,
        applicantType: data.applicantType,
        territoryUnitId: data.territoryUnitId,
        projectTitle: data.projectTitle.trim(),
        budget,
        ownContributionPct: pct,
        criteria: call.criteria.map((c) => ({ criterionId: c.criterionId, title: c.title, weight: c.weight })),
        minScores: call.minScoresPerApplication ?? DEFAULT_MIN_SCORES,
        personal: data.personal,
        submittedAt: metadata.now,
      },
    },
  ];
};

export const withdrawApplication = ({ data, metadata }: WithdrawApplication, state: GrantApplication): GrantApplicationWithdrawn[] => {
  const app = submitted(state, data.applicationId);
  if (app.status === 'WITHDRAWN') return [];
  const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
  if (reason === '') throw new ReasonsRequired('reason');
  requireStatus(app, 'withdrawn', ['SUBMITTED', 'ELIGIBLE']);
  return [{ type: 'GrantApplicationWithdrawn', data: { applicationId: app.applicationId, callId: app.callId, reason, withdrawnAt: metadata.now } }];
};

export const confirmEligibility = ({ data, metadata }: ConfirmEligibility, state: GrantApplication): ApplicationEligibilityConfirmed[] => {
  const app = submitted(state, data.applicationId);
  if (app.status === 'ELIGIBLE') return [];
  requireStatus(app, 'confirmed eligible', ['SUBMITTED']);
  return [{ type: 'ApplicationEligibilityConfirmed', data: { applicationId: app.applicationId, callId: app.callId, confirmedAt: metadata.now } }];
};

export const refuseEligibility = ({ data, metadata }: RefuseEligibility, state: GrantApplication): ApplicationDeclaredIneligible[] => {
  const app = submitted(state, data.applicationId);
  const reasons = (data.reasons ?? []).map((r) => (typeof r === 'string' ? r.trim() : '')).filter((r) => r !== '');
  if (reasons.length === 0) throw new ReasonsRequired('reasons');
  if (app.status === 'INELIGIBLE') return [];
  requireStatus(app, 'declared ineligible', ['SUBMITTED']);
  return [{ type: 'ApplicationDeclaredIneligible', data: { applicationId: app.applicationId, callId: app.callId, reasons, declaredAt: metadata.now } }];
};

/** Records an evaluator's declaration; a conflict recuses them (also when declared after a first "no conflict"). The same declaration again is a no-op. */
export const declareConflictOfInterest = ({ data, metadata }: DeclareConflictOfInterest, state: GrantApplication): Array<ConflictOfInterestDeclared | EvaluatorRecused> => {
  const app = submitted(state, data.applicationId);
  const earlier = app.evaluators.get(data.evaluatorId);
  if (earlier && earlier.hasConflict === data.hasConflict) return [];
  if (earlier?.hasConflict) throw new ConflictDeclarationFinal(data.evaluatorId);
  requireStatus(app, 'declared on', ['SUBMITTED', 'ELIGIBLE', 'UNDER_ASSESSMENT']);
  const ids = { applicationId: app.applicationId, callId: app.callId, evaluatorId: data.evaluatorId };
  const nature = data.hasConflict && typeof data.nature === 'string' && data.nature.trim() !== '' ? data.nature.trim() : null;
  const declared: ConflictOfInterestDeclared = { type: 'ConflictOfInterestDeclared', data: { ...ids, hasConflict: data.hasConflict, nature, declaredAt: metadata.now } };
  if (!data.hasConflict) return [declared];
  return [declared, { type: 'EvaluatorRecused', data: { ...ids, recusedAt: metadata.now } }];
};

const scoresOf = (app: ApplicationFacts, given: readonly CriterionScore[]): CriterionScore[] => {
  const expected = app.criteria.map((c) => c.criterionId);
  const ids = given.map((s) => s.criterionId);
  if (ids.length !== expected.length || new Set(ids).size !== ids.length || !ids.every((id) => expected.includes(id))) throw new ScoresDoNotMatchCriteria(expected);
  given.forEach((s, i) => {
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > 100) throw new InvalidScore(`criterionScores[${i}].score`, s.score);
  });
  const byId = new Map(given.map((s) => [s.criterionId, s.score]));
  return expected.map((criterionId) => ({ criterionId, score: byId.get(criterionId)! }));
};

/**
 * Scores an eligible application: one whole score 0-100 per criterion of the call. The evaluator must have declared,
 * without a conflict. A second score by the same evaluator is a revision that replaces the first (`supersedes`);
 * the same score again is a no-op.
 */
export const scoreApplication = ({ data, metadata }: ScoreApplication, state: GrantApplication): ApplicationScored[] => {
  const app = submitted(state, data.applicationId);
  const criterionScores = scoresOf(app, data.criterionScores);
  const standing = app.evaluators.get(data.evaluatorId);
  if (!standing) throw new EvaluatorNotDeclared(data.evaluatorId);
  if (standing.hasConflict) throw new EvaluatorRecusedFromScoring(data.evaluatorId);
  const comment = typeof data.comment === 'string' && data.comment.trim() !== '' ? data.comment.trim() : null;
  if (standing.score && canonical(standing.score) === canonical(criterionScores)) return [];
  requireStatus(app, 'scored', ['ELIGIBLE', 'UNDER_ASSESSMENT']);
  return [
    {
      type: 'ApplicationScored',
      data: {
        applicationId: app.applicationId,
        callId: app.callId,
        evaluatorId: data.evaluatorId,
        criterionScores,
        weightedScore: hundredthsText(weightedHundredths(app.criteria, criterionScores)),
        supersedes: standing.score !== null,
        comment,
        scoredAt: metadata.now,
      },
    },
  ];
};

/** The weighted mean of the counted scores (2 decimals, half-even), once at least the call's minimum number was given. */
export const assessApplication = ({ data, metadata }: AssessApplication, state: GrantApplication): ApplicationAssessed[] => {
  const app = submitted(state, data.applicationId);
  if (app.status === 'ASSESSED') return [];
  requireStatus(app, 'assessed', ['ELIGIBLE', 'UNDER_ASSESSMENT']);
  const scores = countedScores(app);
  if (scores.length < app.minScores) throw new NotEnoughScores(scores.length, app.minScores);
  const sum = scores.reduce((s, x) => s + x, 0n);
  const n = BigInt(scores.length);
  return [
    {
      type: 'ApplicationAssessed',
      data: {
        applicationId: app.applicationId,
        callId: app.callId,
        meanScore: hundredthsText(roundHalfEven(sum, n)),
        exact: sum % n === 0n,
        scoresCount: scores.length,
        assessedAt: metadata.now,
      },
    },
  ];
};

/**
 * Records a committee outcome on an assessed application (or one on the reserve list, which may later be awarded or
 * rejected). The call's decider has enforced the fund, the quorum and the conflicts; a redelivered session is a no-op.
 */
export const recordAwardOutcome = (
  { data, metadata }: RecordAwardOutcome,
  state: GrantApplication,
): Array<ApplicationAwarded | ApplicationRejected | ApplicationPutOnReserve> => {
  const app = submitted(state, data.applicationId);
  if (app.decidedInSessions.has(data.sessionId)) return [];
  requireStatus(app, 'decided on', data.outcome === 'RESERVE' ? ['ASSESSED'] : ['ASSESSED', 'RESERVE']);
  const ids = { applicationId: app.applicationId, callId: app.callId, sessionId: data.sessionId, sessionDate: data.sessionDate };
  switch (data.outcome) {
    case 'AWARDED': {
      if (!data.amount) throw new AwardOutcomeIncomplete('AWARDED', 'amount');
      return [{ type: 'ApplicationAwarded', data: { ...ids, amount: parseMoney(data.amount, 'amount'), awardedAt: metadata.now } }];
    }
    case 'REJECTED': {
      const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
      if (reason === '') throw new AwardOutcomeIncomplete('REJECTED', 'reason');
      return [{ type: 'ApplicationRejected', data: { ...ids, reason, rejectedAt: metadata.now } }];
    }
    case 'RESERVE': {
      if (!Number.isInteger(data.position) || (data.position ?? 0) < 1) throw new AwardOutcomeIncomplete('RESERVE', 'position');
      return [{ type: 'ApplicationPutOnReserve', data: { ...ids, position: data.position!, reservedAt: metadata.now } }];
    }
  }
};

const NOTIFIABLE = ['AWARDED', 'REJECTED', 'RESERVE', 'INELIGIBLE'] as const;

/** Records that the applicant was told the current outcome. Telling the same outcome again is a no-op. */
export const notifyApplicant = ({ data, metadata }: NotifyApplicant, state: GrantApplication): ApplicantNotified[] => {
  const app = submitted(state, data.applicationId);
  if (!isCalendarDate(data.notifiedOn)) throw new InvalidDate('notifiedOn', data.notifiedOn);
  const outcome = NOTIFIABLE.find((s) => s === app.status);
  if (!outcome) throw new NothingToNotify(app.applicationId, app.status);
  if (app.notified.has(outcome)) return [];
  const reference = typeof data.reference === 'string' && data.reference.trim() !== '' ? data.reference.trim() : null;
  return [
    {
      type: 'ApplicantNotified',
      data: { applicationId: app.applicationId, callId: app.callId, outcome, channel: data.channel, notifiedOn: data.notifiedOn, reference, recordedAt: metadata.now },
    },
  ];
};

export const decideApplication = (command: GrantApplicationCommand, state: GrantApplication): GrantApplicationEvent[] => {
  switch (command.type) {
    case 'SubmitApplication':
      return submitApplication(command, state);
    case 'WithdrawApplication':
      return withdrawApplication(command, state);
    case 'ConfirmEligibility':
      return confirmEligibility(command, state);
    case 'RefuseEligibility':
      return refuseEligibility(command, state);
    case 'DeclareConflictOfInterest':
      return declareConflictOfInterest(command, state);
    case 'ScoreApplication':
      return scoreApplication(command, state);
    case 'AssessApplication':
      return assessApplication(command, state);
    case 'RecordAwardOutcome':
      return recordAwardOutcome(command, state);
    case 'NotifyApplicant':
      return notifyApplicant(command, state);
  }
};
