import { minorOf } from '../../shared/domain/money.js';
import { DEFAULT_MIN_SCORES } from './grant-application.events.js';
import type { AwardOutcome, CallStatus, CallTerms, GrantCallEvent } from './grant-call.events.js';

/** What `decide` needs about a drafted call. Amounts are minor units of the fund's currency. */
export type CallFacts = {
  readonly terms: CallTerms;
  /** Canonical form of the drafted terms, to recognise a resent DraftCall. */
  readonly drafted: string;
  readonly status: CallStatus;
  readonly submissionsStarted: boolean;
  readonly awarded: bigint;
  /** What the sessions decided on each application so far (a RESERVE may later become AWARDED). */
  readonly outcomes: ReadonlyMap<string, AwardOutcome>;
  /** Canonical form of every decided session by id, to recognise a resent DecideAwards. */
  readonly sessions: ReadonlyMap<string, string>;
};

/** The write model of a GrantCall: `Empty` until drafted. */
export type GrantCall = { readonly status: 'Empty' } | CallFacts;
export type DraftedCall = Exclude<GrantCall, { status: 'Empty' }>;

export const initialState = (): GrantCall => ({ status: 'Empty' });

/** JSON with keys sorted at every level: equal values give equal strings, whatever order their keys were written in. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** What a resent DecideAwards must reproduce exactly. */
export const sessionFingerprint = (s: {
  sessionDate: string;
  memberIds?: readonly string[];
  awards: readonly unknown[];
  rejected?: readonly unknown[];
  reserve?: readonly unknown[];
}): string =>
  canonical({ sessionDate: s.sessionDate, memberIds: [...(s.memberIds ?? [])].sort(), awards: s.awards, rejected: s.rejected ?? [], reserve: s.reserve ?? [] });

/** Folds one event. Total and tolerant: events that do not apply to the current status, and unknown types, change nothing. */
export const evolve = (state: GrantCall, event: GrantCallEvent): GrantCall => {
  if (event.type === 'GrantCallDrafted') {
    if (state.status !== 'Empty') return state;
    const { draftedAt: _, ...drafted } = event.data;
    // Calls drafted before minScoresPerApplication was a term had the default.
    const terms: CallTerms = { ...drafted, minScoresPerApplication: drafted.minScoresPerApplication ?? DEFAULT_MIN_SCORES };
    return {
      status: 'DRAFT',
      terms,
      drafted: canonical(terms),
      submissionsStarted: false,
      awarded: 0n,
      outcomes: new Map(),
      sessions: new Map(),
    };
  }
  if (state.status === 'Empty') return state;
  switch (event.type) {
    case 'GrantCallAmended': {
      const { perRecipientCap, minAward, maxAward, ownContributionPct, criteria } = event.data;
      return { ...state, terms: { ...state.terms, perRecipientCap, minAward, maxAward, ownContributionPct, criteria } };
    }
    case 'GrantCallPublished':
      return { ...state, status: 'PUBLISHED' };
    case 'GrantCallDeadlineExtended':
      return { ...state, terms: { ...state.terms, deadline: event.data.deadline } };
    case 'FirstSubmissionRecorded':
      return { ...state, submissionsStarted: true };
    case 'GrantCallClosed':
      return { ...state, status: 'CLOSED' };
    case 'GrantAwardsDecided': {
      const d = event.data;
      const outcomes = new Map(state.outcomes);
      for (const a of d.awards) outcomes.set(a.applicationId, 'AWARDED');
      for (const r of d.rejected ?? []) outcomes.set(r.applicationId, 'REJECTED');
      for (const r of d.reserve ?? []) outcomes.set(r.applicationId, 'RESERVE');
      return {
        ...state,
        status: d.fullyAwarded ? 'FULLY_AWARDED' : 'PARTIALLY_AWARDED',
        awarded: minorOf(d.awardedTotal),
        outcomes,
        sessions: new Map(state.sessions).set(d.sessionId, sessionFingerprint(d)),
      };
    }
    case 'GrantCallCompleted':
      return { ...state, status: 'COMPLETED' };
    case 'GrantCallCancelled':
      return { ...state, status: 'CANCELLED' };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};
