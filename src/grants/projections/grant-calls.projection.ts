import { type Money, minorOf, money, percentage } from '../../shared/domain/money.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import { DEFAULT_MIN_SCORES } from '../domain/grant-application.events.js';
import type { ApplicantType, Award, CallStatus, Committee, Criterion, GrantCallEvent, PercentBand, Rejection, ReserveEntry } from '../domain/grant-call.events.js';

/** One committee session as the read model shows it. */
export type AwardSession = {
  sessionId: string;
  sessionDate: string;
  membersPresent: number;
  memberIds: string[];
  quorum: number;
  awards: Award[];
  rejected: Rejection[];
  reserve: ReserveEntry[];
  sessionTotal: Money;
  decidedAt: string;
};

/** A grant call with its terms, status, awards and the sum awarded against the fund. */
export type GrantCallDocument = {
  callId: string;
  programmeId: string;
  reference: string;
  title: LocalizedText;
  status: CallStatus;
  fund: Money;
  perRecipientCap: Money;
  minAward: Money;
  maxAward: Money;
  ownContributionPct: PercentBand;
  eligibleUnitIds: string[];
  eligibleApplicantTypes: ApplicantType[];
  criteria: Criterion[];
  openingDate: string;
  deadline: string;
  committee: Committee;
  minScoresPerApplication: number;
  submissionsStarted: boolean;
  sessions: AwardSession[];
  awardCount: number;
  awardedTotal: Money;
  remaining: Money;
  /** awardedTotal as a percentage of the fund, 2 decimals. */
  awardedPct: string | null;
  amendments: Array<{ changed: string[]; reason: string; at: string }>;
  deadlineExtensions: Array<{ from: string; to: string; reason: string; at: string }>;
  cancellationReason: string | null;
  draftedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  /** Stream revision of the call after the last event (the ETag). */
  revision: string;
  position: string;
};

export const GRANT_CALLS_PROJECTION = 'grants.calls';

const withTotals = (doc: GrantCallDocument, awardedMinor: bigint): GrantCallDocument => {
  const fund = minorOf(doc.fund);
  return {
    ...doc,
    awardCount: doc.sessions.reduce((n, s) => n + s.awards.length, 0),
    awardedTotal: money(awardedMinor, doc.fund.currency),
    remaining: money(fund - awardedMinor, doc.fund.currency),
    awardedPct: percentage(awardedMinor, fund),
  };
};

/** Folds one GrantCall event into its call's document. Pure. */
export const evolveGrantCall = (doc: GrantCallDocument | null, event: RecordedEvent): GrantCallDocument | null => {
  const e = event as unknown as GrantCallEvent;
  const stamp = { revision: event.revision.toString(), position: event.position.toString() };
  if (e.type === 'GrantCallDrafted') {
    if (doc) return doc;
    const { draftedAt, ...terms } = e.data;
    return withTotals(
      {
        ...terms,
        minScoresPerApplication: terms.minScoresPerApplication ?? DEFAULT_MIN_SCORES,
        eligibleUnitIds: [...terms.eligibleUnitIds],
        eligibleApplicantTypes: [...terms.eligibleApplicantTypes],
        criteria: [...terms.criteria],
        status: 'DRAFT',
        submissionsStarted: false,
        sessions: [],
        awardCount: 0,
        awardedTotal: money(0n, terms.fund.currency),
        remaining: terms.fund,
        awardedPct: null,
        amendments: [],
        deadlineExtensions: [],
        cancellationReason: null,
        draftedAt,
        publishedAt: null,
        closedAt: null,
        completedAt: null,
        cancelledAt: null,
        ...stamp,
      },
      0n,
    );
  }
  if (!doc) return doc;
  switch (e.type) {
    case 'GrantCallAmended': {
      const { perRecipientCap, minAward, maxAward, ownContributionPct, criteria, changed, reason, amendedAt } = e.data;
      return {
        ...doc, perRecipientCap, minAward, maxAward, ownContributionPct, criteria: [...criteria],
        amendments: [...doc.amendments, { changed: [...changed], reason, at: amendedAt }], ...stamp,
      };
    }
    case 'GrantCallPublished':
      return { ...doc, status: 'PUBLISHED', publishedAt: e.data.publishedAt, ...stamp };
    case 'GrantCallDeadlineExtended':
      return {
        ...doc, deadline: e.data.deadline,
        deadlineExtensions: [...doc.deadlineExtensions, { from: e.data.previousDeadline, to: e.data.deadline, reason: e.data.reason, at: e.data.extendedAt }], ...stamp,
      };
    case 'FirstSubmissionRecorded':
      return { ...doc, submissionsStarted: true, ...stamp };
    case 'GrantCallClosed':
      return { ...doc, status: 'CLOSED', closedAt: e.data.closedAt, ...stamp };
    case 'GrantAwardsDecided': {
      const d = e.data;
      if (doc.sessions.some((s) => s.sessionId === d.sessionId)) return doc;
      const session: AwardSession = {
        sessionId: d.sessionId, sessionDate: d.sessionDate, membersPresent: d.membersPresent, memberIds: [...(d.memberIds ?? [])], quorum: d.quorum,
        awards: [...d.awards], rejected: [...(d.rejected ?? [])], reserve: [...(d.reserve ?? [])], sessionTotal: d.sessionTotal, decidedAt: d.decidedAt,
      };
      return withTotals({ ...doc, status: d.fullyAwarded ? 'FULLY_AWARDED' : 'PARTIALLY_AWARDED', sessions: [...doc.sessions, session], ...stamp }, minorOf(d.awardedTotal));
    }
    case 'GrantCallCompleted':
      return { ...doc, status: 'COMPLETED', completedAt: e.data.completedAt, ...stamp };
    case 'GrantCallCancelled':
      return { ...doc, status: 'CANCELLED', cancellationReason: e.data.reason, cancelledAt: e.data.cancelledAt, ...stamp };
    default:
      return doc;
  }
};

/** Grant calls by id (the document id is the call id). */
export const grantCallsProjection: Projection<GrantCallDocument> = {
  name: GRANT_CALLS_PROJECTION,
  version: 2,
  handles: [
    'GrantCallDrafted', 'GrantCallAmended', 'GrantCallPublished', 'GrantCallDeadlineExtended', 'FirstSubmissionRecorded',
    'GrantCallClosed', 'GrantAwardsDecided', 'GrantCallCompleted', 'GrantCallCancelled',
  ],
  fields: [
    { path: 'programmeId', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'reference', type: 'string' },
  ],
  documentId: (event) => (event.data as { callId?: string }).callId ?? null,
  evolve: evolveGrantCall,
};
