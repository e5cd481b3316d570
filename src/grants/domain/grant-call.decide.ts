import { compactText, localizedTextErrors } from '../../shared/domain/localized-text.js';
import { type Currency, type Money, isCalendarDate, minorOf, money, parseMoney, requireCurrency } from '../../shared/domain/money.js';
import type {
  AmendCall,
  CancelCall,
  CloseCall,
  CompleteCall,
  DecideAwards,
  DraftCall,
  ExtendDeadline,
  GrantCallCommand,
  PublishCall,
  RecordFirstSubmission,
} from './grant-call.commands.js';
import {
  ApplicantTypesRequired,
  ApplicationAlreadyAwarded,
  ApplicationAlreadyDecided,
  ApplicationNotAssessed,
  ApplicationNotSubmitted,
  AwardAboveRequested,
  DeciderHasConflict,
  DecisionRequired,
  InvalidMinScores,
  MembersPresentMismatch,
  AwardAboveFund,
  AwardAboveRecipientCap,
  AwardOutOfRange,
  AwardRangeInvalid,
  CallHasAwards,
  CallPeriodInvalid,
  CallStatusConflict,
  CallTitleRequired,
  CriteriaRequired,
  CriteriaWeightsNot100,
  DeadlineNotLater,
  DeadlineNotPassed,
  DeadlinePassed,
  DuplicateAward,
  DuplicateCriterion,
  EligibleUnitsRequired,
  FundExceeded,
  GrantCallAlreadyDrafted,
  GrantCallNotFound,
  InvalidCallReference,
  InvalidCriterionWeight,
  InvalidDate,
  InvalidQuorum,
  NothingToAmend,
  OwnContributionBandInvalid,
  ProgrammeNotOpen,
  ReasonRequired,
  SessionIdReused,
  SubmissionsStarted,
  TooManyMembersPresent,
  QuorumNotMet,
  UnknownProgramme,
  UnknownUnit,
} from './grant-call.errors.js';
import type {
  AmendableTerms,
  Award,
  CallStatus,
  CallTerms,
  Criterion,
  FirstSubmissionRecorded,
  GrantAwardsDecided,
  GrantCallAmended,
  GrantCallCancelled,
  GrantCallClosed,
  GrantCallCompleted,
  GrantCallDeadlineExtended,
  GrantCallDrafted,
  GrantCallEvent,
  GrantCallPublished,
  PercentBand,
  Rejection,
  ReserveEntry,
} from './grant-call.events.js';
import { type DraftedCall, type GrantCall, canonical, sessionFingerprint } from './grant-call.state.js';
import { DEFAULT_MIN_SCORES } from './grant-application.events.js';

const CALL_REFERENCE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const AMENDABLE: ReadonlyArray<keyof AmendableTerms> = ['perRecipientCap', 'minAward', 'maxAward', 'ownContributionPct', 'criteria'];

/** The calendar day (UTC) of a command's business time. */
const today = (now: string): string => now.slice(0, 10);

const drafted = (state: GrantCall, callId: string): DraftedCall => {
  if (state.status === 'Empty') throw new GrantCallNotFound(callId);
  return state;
};

const requireStatus = (call: DraftedCall, action: string, allowed: readonly CallStatus[]): void => {
  if (!allowed.includes(call.status)) throw new CallStatusConflict(call.terms.callId, call.status, action, allowed);
};

const requireReason = (reason: string): string => {
  if (typeof reason !== 'string' || reason.trim() === '') throw new ReasonRequired();
  return reason.trim();
};

const requireDate = (value: string, path: string): string => {
  if (!isCalendarDate(value)) throw new InvalidDate(path, value);
  return value;
};

const amountIn = (value: Money, currency: Currency, path: string): Money => requireCurrency(parseMoney(value, path), currency, `${path}.currency`);

/** Checks caps, band and criteria; returns them clean. */
const amendableTerms = (t: AmendableTerms, fund: Money): AmendableTerms => {
  const perRecipientCap = amountIn(t.perRecipientCap, fund.currency, 'perRecipientCap');
  const minAward = amountIn(t.minAward, fund.currency, 'minAward');
  const maxAward = amountIn(t.maxAward, fund.currency, 'maxAward');
  if (minorOf(minAward) > minorOf(maxAward)) throw new AwardRangeInvalid(minAward, maxAward);
  if (minorOf(maxAward) > minorOf(perRecipientCap)) throw new AwardAboveRecipientCap('maxAward', maxAward, perRecipientCap);
  if (minorOf(maxAward) > minorOf(fund)) throw new AwardAboveFund(maxAward, fund);
  return { perRecipientCap, minAward, maxAward, ownContributionPct: band(t.ownContributionPct), criteria: criteria(t.criteria) };
};

const band = (b: PercentBand): PercentBand => {
  const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100;
  if (!ok(b.min) || !ok(b.max) || b.min > b.max) throw new OwnContributionBandInvalid(b.min, b.max);
  return { min: b.min, max: b.max };
};

const criteria = (list: readonly Criterion[]): Criterion[] => {
  if (list.length === 0) throw new CriteriaRequired();
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.criterionId)) throw new DuplicateCriterion(`criteria[${i}].criterionId`, c.criterionId);
    seen.add(c.criterionId);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) throw new InvalidCriterionWeight(`criteria[${i}].weight`, c.weight);
  });
  const sum = list.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100) throw new CriteriaWeightsNot100(sum);
  return list.map((c) => ({ criterionId: c.criterionId, title: c.title, weight: c.weight }));
};

/** The terms of a DraftCall, checked and in canonical shape (no handler facts). */
const termsOf = (d: DraftCall['data']): CallTerms => {
  if (!CALL_REFERENCE.test(d.reference)) throw new InvalidCallReference(d.reference);
  const titleErrors = localizedTextErrors(d.title, 'title');
  if (titleErrors.length > 0) throw new CallTitleRequired(titleErrors);
  const fund = parseMoney(d.fund, 'fund');
  const amendable = amendableTerms(d, fund);
  if (d.eligibleUnitIds.length === 0) throw new EligibleUnitsRequired();
  if (d.eligibleApplicantTypes.length === 0) throw new ApplicantTypesRequired();
  const openingDate = requireDate(d.openingDate, 'openingDate');
  const deadline = requireDate(d.deadline, 'deadline');
  if (deadline <= openingDate) throw new CallPeriodInvalid(openingDate, deadline);
  const { members, quorum } = d.committee;
  if (!Number.isInteger(members) || members < 1 || !Number.isInteger(quorum) || quorum < 1 || quorum > members) throw new InvalidQuorum(members, quorum);
  const minScoresPerApplication = d.minScoresPerApplication ?? DEFAULT_MIN_SCORES;
  if (!Number.isInteger(minScoresPerApplication) || minScoresPerApplication < 1 || minScoresPerApplication > members) throw new InvalidMinScores(minScoresPerApplication, members);
  return {
    callId: d.callId,
    programmeId: d.programmeId,
    reference: d.reference,
    title: compactText(d.title),
    fund,
    ...amendable,
    eligibleUnitIds: [...new Set(d.eligibleUnitIds)],
    eligibleApplicantTypes: [...new Set(d.eligibleApplicantTypes)],
    openingDate,
    deadline,
    committee: { members, quorum },
    minScoresPerApplication,
  };
};

/** Drafts a call under an open programme, for registered units, with criteria weighing 100. A resent draft is a no-op. */
export const draftCall = ({ data, metadata }: DraftCall, state: GrantCall): GrantCallDrafted[] => {
  const terms = termsOf(data);
  if (state.status !== 'Empty') {
    if (state.drafted === canonical(terms)) return []; // resent command
    throw new GrantCallAlreadyDrafted(data.callId);
  }
  if (data.programme?.programmeId !== data.programmeId) throw new UnknownProgramme(data.programmeId);
  if (data.programme.ended) throw new ProgrammeNotOpen(data.programmeId);
  const known = new Set(data.knownUnitIds);
  data.eligibleUnitIds.forEach((unitId, i) => {
    if (!known.has(unitId)) throw new UnknownUnit(`eligibleUnitIds[${i}]`, unitId);
  });
  return [{ type: 'GrantCallDrafted', data: { ...terms, draftedAt: metadata.now } }];
};

/** Replaces criteria and/or caps, before the first submission. Identical terms are a no-op. */
export const amendCall = ({ data, metadata }: AmendCall, state: GrantCall): GrantCallAmended[] => {
  const call = drafted(state, data.callId);
  const reason = requireReason(data.reason);
  const given = AMENDABLE.filter((k) => data[k] !== undefined);
  if (given.length === 0) throw new NothingToAmend();
  const current: AmendableTerms = call.terms;
  const next = amendableTerms({ ...pick(current), ...Object.fromEntries(given.map((k) => [k, data[k]])) } as AmendableTerms, call.terms.fund);
  const changed = AMENDABLE.filter((k) => canonical(next[k]) !== canonical(current[k]));
  if (changed.length === 0) return [];
  requireStatus(call, 'amended', ['DRAFT', 'PUBLISHED']);
  if (call.submissionsStarted) throw new SubmissionsStarted(data.callId);
  return [{ type: 'GrantCallAmended', data: { callId: data.callId, ...next, changed, reason, amendedAt: metadata.now } }];
};
const pick = (t: AmendableTerms): AmendableTerms => ({
  perRecipientCap: t.perRecipientCap,
  minAward: t.minAward,
  maxAward: t.maxAward,
  ownContributionPct: t.ownContributionPct,
  criteria: t.criteria,
});

export const publishCall = ({ data, metadata }: PublishCall, state: GrantCall): GrantCallPublished[] => {
  const call = drafted(state, data.callId);
  if (call.status === 'PUBLISHED') return [];
  requireStatus(call, 'published', ['DRAFT']);
  return [{ type: 'GrantCallPublished', data: { callId: data.callId, publishedAt: metadata.now } }];
};

/** Moves the deadline later, for a reason, before it passes. The same deadline again is a no-op. */
export const extendDeadline = ({ data, metadata }: ExtendDeadline, state: GrantCall): GrantCallDeadlineExtended[] => {
  const call = drafted(state, data.callId);
  const reason = requireReason(data.reason);
  const deadline = requireDate(data.deadline, 'deadline');
  const current = call.terms.deadline;
  if (deadline === current) return [];
  requireStatus(call, 'extended', ['DRAFT', 'PUBLISHED']);
  if (deadline < current) throw new DeadlineNotLater(current, deadline);
  if (today(metadata.now) > current) throw new DeadlinePassed(current, today(metadata.now));
  return [{ type: 'GrantCallDeadlineExtended', data: { callId: data.callId, previousDeadline: current, deadline, reason, extendedAt: metadata.now } }];
};

/** Freezes criteria and caps: the first application was submitted. Later submissions are no-ops. */
export const recordFirstSubmission = ({ data, metadata }: RecordFirstSubmission, state: GrantCall): FirstSubmissionRecorded[] => {
  const call = drafted(state, data.callId);
  if (call.submissionsStarted) return [];
  requireStatus(call, 'submitted to', ['PUBLISHED']);
  return [{ type: 'FirstSubmissionRecorded', data: { callId: data.callId, applicationId: data.applicationId, recordedAt: metadata.now } }];
};

/** Closes a published call after its deadline. */
export const closeCall = ({ data, metadata }: CloseCall, state: GrantCall): GrantCallClosed[] => {
  const call = drafted(state, data.callId);
  if (call.status === 'CLOSED') return [];
  requireStatus(call, 'closed', ['PUBLISHED']);
  if (today(metadata.now) <= call.terms.deadline) throw new DeadlineNotPassed(call.terms.deadline, today(metadata.now));
  return [{ type: 'GrantCallClosed', data: { callId: data.callId, closedAt: metadata.now } }];
};

/**
 * Records one committee session: awards, rejections and a reserve list. The session had quorum (the members named);
 * every application decided on was submitted to this call and is ASSESSED, and no member who declared a conflict of
 * interest on it took part; each award is within the call's range and at most what was requested; an application is
 * decided once (except that one on the reserve list may be awarded later); and Σ awards over all sessions never
 * exceeds the fund. A resent session is a no-op.
 */
export const decideAwards = ({ data, metadata }: DecideAwards, state: GrantCall): GrantAwardsDecided[] => {
  const call = drafted(state, data.callId);
  const { terms } = call;
  const sessionDate = requireDate(data.sessionDate, 'sessionDate');
  const rejectedIn = data.rejected ?? [];
  const reserveIn = data.reserve ?? [];
  if (data.awards.length + rejectedIn.length + reserveIn.length === 0) throw new DecisionRequired();
  const awards: Award[] = data.awards.map((a, i) => ({ applicationId: a.applicationId, amount: amountIn(a.amount, terms.fund.currency, `awards[${i}].amount`) }));
  const rejected: Rejection[] = rejectedIn.map((r, i) => {
    if (typeof r.reason !== 'string' || r.reason.trim() === '') throw new ReasonRequired(`rejected[${i}].reason`);
    return { applicationId: r.applicationId, reason: r.reason.trim() };
  });
  const reserve: ReserveEntry[] = reserveIn.map((r, i) => ({ applicationId: r.applicationId, position: i + 1 }));
  const memberIds = [...new Set(data.memberIds)].sort();
  const earlier = call.sessions.get(data.sessionId);
  if (earlier !== undefined) {
    if (earlier === sessionFingerprint({ sessionDate, memberIds, awards, rejected, reserve })) return []; // resent command
    throw new SessionIdReused(data.sessionId);
  }
  requireStatus(call, 'awarded', ['CLOSED', 'PARTIALLY_AWARDED', 'FULLY_AWARDED']);
  const { members, quorum } = terms.committee;
  if (data.membersPresent !== undefined && data.membersPresent !== memberIds.length) throw new MembersPresentMismatch(data.membersPresent, memberIds.length);
  if (memberIds.length > members) throw new TooManyMembersPresent(memberIds.length, members);
  if (memberIds.length < quorum) throw new QuorumNotMet(memberIds.length, quorum, members);
  const present = new Set(memberIds);
  const seen = new Set<string>();
  const decidable = (applicationId: string, path: string, becoming: 'AWARDED' | 'REJECTED' | 'RESERVE') => {
    if (seen.has(applicationId)) throw new DuplicateAward(path, applicationId);
    seen.add(applicationId);
    const before = call.outcomes.get(applicationId);
    if (before === 'AWARDED') throw new ApplicationAlreadyAwarded(path, applicationId);
    if (before !== undefined && !(before === 'RESERVE' && becoming !== 'RESERVE')) throw new ApplicationAlreadyDecided(path, applicationId, before);
    const facts = data.applications[applicationId];
    if (!facts || facts.callId !== terms.callId) throw new ApplicationNotSubmitted(path, applicationId);
    if (facts.status !== 'ASSESSED' && facts.status !== 'RESERVE') throw new ApplicationNotAssessed(path, applicationId, facts.status);
    const conflicted = facts.conflictedEvaluatorIds.filter((id) => present.has(id));
    if (conflicted.length > 0) throw new DeciderHasConflict(path, applicationId, conflicted);
    return facts;
  };
  const min = minorOf(terms.minAward);
  const max = minorOf(terms.maxAward);
  awards.forEach((a, i) => {
    const path = `awards[${i}].applicationId`;
    const facts = decidable(a.applicationId, path, 'AWARDED');
    const amount = minorOf(a.amount);
    if (amount < min || amount > max) throw new AwardOutOfRange(`awards[${i}].amount`, a.amount, terms.minAward, terms.maxAward);
    if (amount > minorOf(facts.requested)) throw new AwardAboveRequested(`awards[${i}].amount`, a.amount, facts.requested);
  });
  rejected.forEach((r, i) => decidable(r.applicationId, `rejected[${i}].applicationId`, 'REJECTED'));
  reserve.forEach((r, i) => decidable(r.applicationId, `reserve[${i}].applicationId`, 'RESERVE'));
  const currency = terms.fund.currency;
  const sessionTotal = awards.reduce((s, a) => s + minorOf(a.amount), 0n);
  const fund = minorOf(terms.fund);
  if (call.awarded + sessionTotal > fund) throw new FundExceeded(terms.fund, money(call.awarded, currency), money(sessionTotal, currency));
  const awardedTotal = call.awarded + sessionTotal;
  return [
    {
      type: 'GrantAwardsDecided',
      data: {
        callId: data.callId,
        sessionId: data.sessionId,
        sessionDate,
        membersPresent: memberIds.length,
        memberIds,
        quorum,
        awards,
        rejected,
        reserve,
        sessionTotal: money(sessionTotal, currency),
        awardedTotal: money(awardedTotal, currency),
        remaining: money(fund - awardedTotal, currency),
        fullyAwarded: awardedTotal === fund,
        decidedAt: metadata.now,
      },
    },
  ];
};

/** Completes an awarded call. */
export const completeCall = ({ data, metadata }: CompleteCall, state: GrantCall): GrantCallCompleted[] => {
  const call = drafted(state, data.callId);
  if (call.status === 'COMPLETED') return [];
  requireStatus(call, 'completed', ['PARTIALLY_AWARDED', 'FULLY_AWARDED']);
  return [{ type: 'GrantCallCompleted', data: { callId: data.callId, completedAt: metadata.now } }];
};

/** Cancels a call, for a reason, before any award. */
export const cancelCall = ({ data, metadata }: CancelCall, state: GrantCall): GrantCallCancelled[] => {
  const call = drafted(state, data.callId);
  if (call.status === 'CANCELLED') return [];
  const reason = requireReason(data.reason);
  if (call.awarded > 0n || call.sessions.size > 0) throw new CallHasAwards(data.callId);
  requireStatus(call, 'cancelled', ['DRAFT', 'PUBLISHED', 'CLOSED']);
  return [{ type: 'GrantCallCancelled', data: { callId: data.callId, reason, cancelledAt: metadata.now } }];
};

export const decide = (command: GrantCallCommand, state: GrantCall): GrantCallEvent[] => {
  switch (command.type) {
    case 'DraftCall':
      return draftCall(command, state);
    case 'AmendCall':
      return amendCall(command, state);
    case 'PublishCall':
      return publishCall(command, state);
    case 'ExtendDeadline':
      return extendDeadline(command, state);
    case 'RecordFirstSubmission':
      return recordFirstSubmission(command, state);
    case 'CloseCall':
      return closeCall(command, state);
    case 'DecideAwards':
      return decideAwards(command, state);
    case 'CompleteCall':
      return completeCall(command, state);
    case 'CancelCall':
      return cancelCall(command, state);
  }
};
