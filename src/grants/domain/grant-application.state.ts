import type { Criterion } from './grant-call.events.js';
import type { ApplicationStatus, CriterionScore, GrantApplicationEvent, GrantApplicationSubmitted } from './grant-application.events.js';

/** One evaluator's standing on an application: declared (with or without a conflict), and their current score. */
export type EvaluatorStanding = { readonly hasConflict: boolean; readonly score: readonly CriterionScore[] | null; readonly weightedHundredths: bigint | null };

/** What `decide` needs about a submitted application. */
export type ApplicationFacts = {
  readonly status: ApplicationStatus;
  readonly applicationId: string;
  readonly callId: string;
  readonly submitted: GrantApplicationSubmitted['data'];
  readonly criteria: readonly Criterion[];
  readonly minScores: number;
  readonly evaluators: ReadonlyMap<string, EvaluatorStanding>;
  readonly meanScore: string | null;
  /** The sessions whose outcome was recorded, to recognise a redelivered outcome. */
  readonly decidedInSessions: ReadonlySet<string>;
  /** The outcome each notification reported, to recognise a resent NotifyApplicant. */
  readonly notified: ReadonlySet<string>;
};

/** The write model of a GrantApplication: `Empty` until submitted. */
export type GrantApplication = { readonly status: 'Empty' } | ApplicationFacts;

export const initialApplicationState = (): GrantApplication => ({ status: 'Empty' });

/** Σ score × weight (weights add up to 100): the evaluator's weighted score in hundredths. */
export const weightedHundredths = (criteria: readonly Criterion[], scores: readonly CriterionScore[]): bigint => {
  const weights = new Map(criteria.map((c) => [c.criterionId, BigInt(c.weight)]));
  return scores.reduce((s, c) => s + BigInt(c.score) * (weights.get(c.criterionId) ?? 0n), 0n);
};

/** Hundredths as a decimal string with 2 decimals: 8125n → "81.25". */
export const hundredthsText = (h: bigint): string => {
  const sign = h < 0n ? '-' : '';
  const a = h < 0n ? -h : h;
  return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};

/** Scores that count: those of declared evaluators without a conflict. */
export const countedScores = (app: ApplicationFacts): bigint[] =>
  [...app.evaluators.values()].filter((e) => !e.hasConflict && e.weightedHundredths !== null).map((e) => e.weightedHundredths!);

/** Folds one event. Total and tolerant: unknown events change nothing. */
export const evolveApplication = (state: GrantApplication, event: GrantApplicationEvent): GrantApplication => {
  if (event.type === 'GrantApplicationSubmitted') {
    if (state.status !== 'Empty') return state;
    const d = event.data;
    return { status: 'SUBMITTED', applicationId: d.applicationId, callId: d.callId, submitted: d, criteria: d.criteria, minScores: d.minScores, evaluators: new Map(), meanScore: null, decidedInSessions: new Set(), notified: new Set() };
  }
  if (state.status === 'Empty') return state;
  switch (event.type) {
    case 'GrantApplicationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    case 'ApplicationEligibilityConfirmed':
      return { ...state, status: 'ELIGIBLE' };
    case 'ApplicationDeclaredIneligible':
      return { ...state, status: 'INELIGIBLE' };
    case 'ConflictOfInterestDeclared': {
      const earlier = state.evaluators.get(event.data.evaluatorId);
      const standing: EvaluatorStanding = event.data.hasConflict
        ? { hasConflict: true, score: null, weightedHundredths: null }
        : { hasConflict: false, score: earlier?.score ?? null, weightedHundredths: earlier?.weightedHundredths ?? null };
      return { ...state, evaluators: new Map(state.evaluators).set(event.data.evaluatorId, standing) };
    }
    case 'EvaluatorRecused': {
      const evaluators = new Map(state.evaluators).set(event.data.evaluatorId, { hasConflict: true, score: null, weightedHundredths: null });
      return { ...state, evaluators };
    }
    case 'ApplicationScored': {
      const score = event.data.criterionScores;
      const evaluators = new Map(state.evaluators).set(event.data.evaluatorId, { hasConflict: false, score, weightedHundredths: weightedHundredths(state.criteria, score) });
      return { ...state, status: state.status === 'ELIGIBLE' ? 'UNDER_ASSESSMENT' : state.status, evaluators };
    }
    case 'ApplicationAssessed':
      return { ...state, status: 'ASSESSED', meanScore: event.data.meanScore };
    case 'ApplicationAwarded':
      return { ...state, status: 'AWARDED', decidedInSessions: new Set(state.decidedInSessions).add(event.data.sessionId) };
    case 'ApplicationRejected':
      return { ...state, status: 'REJECTED', decidedInSessions: new Set(state.decidedInSessions).add(event.data.sessionId) };
    case 'ApplicationPutOnReserve':
      return { ...state, status: 'RESERVE', decidedInSessions: new Set(state.decidedInSessions).add(event.data.sessionId) };
    case 'ApplicantNotified':
      return { ...state, notified: new Set(state.notified).add(event.data.outcome) };
    default:
      return state;
  }
};
