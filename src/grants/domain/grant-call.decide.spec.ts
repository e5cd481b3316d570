import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { CurrencyMismatch, type Money } from '../../shared/domain/money.js';
import type { AmendCall, ApplicationFactsForAward, CancelCall, CloseCall, CompleteCall, DecideAwards, DraftCall, ExtendDeadline, PublishCall, RecordFirstSubmission } from './grant-call.commands.js';
import { grantCallDecider, grantCallStream } from './grant-call.decider.js';
import {
  ApplicationAlreadyAwarded,
  AwardAboveRecipientCap,
  AwardOutOfRange,
  AwardRangeInvalid,
  ApplicationAlreadyDecided,
  ApplicationNotAssessed,
  ApplicationNotSubmitted,
  AwardAboveRequested,
  DeciderHasConflict,
  DecisionRequired,
  InvalidMinScores,
  MembersPresentMismatch,
  CallHasAwards,
  CallPeriodInvalid,
  CallStatusConflict,
  CallTitleRequired,
  CriteriaWeightsNot100,
  DeadlineNotLater,
  DeadlineNotPassed,
  DeadlinePassed,
  DuplicateAward,
  DuplicateCriterion,
  FundExceeded,
  GrantCallAlreadyDrafted,
  GrantCallNotFound,
  InvalidCallReference,
  InvalidQuorum,
  NothingToAmend,
  OwnContributionBandInvalid,
  ProgrammeNotOpen,
  QuorumNotMet,
  ReasonRequired,
  SessionIdReused,
  SubmissionsStarted,
  TooManyMembersPresent,
  UnknownProgramme,
  UnknownUnit,
} from './grant-call.errors.js';
import type { Award, CallTerms, GrantAwardsDecided, GrantCallEvent } from './grant-call.events.js';

/** The real GSE-2018-1 call (DOMAIN.md 3.1, 6.5): KZT 12,000,000; awards 500,000–1,200,000; own contribution 10–20%. */
const CALL = '5b1c0b5e-0a4e-4c57-9e3f-0c1a2b3c4d5e';
const PROGRAMME = '0b8f3f2e-7c1d-4a8e-9f00-112233445566';
const IZENDY = '9a0c7e11-1111-4a11-8a11-111111111111';
const BELOUSOVKA = '9a0c7e22-2222-4a22-8a22-222222222222';
const NOW = '2018-10-10T09:00:00.000Z';
const kzt = (major: number): Money => ({ amountMinor: String(major * 100), currency: 'KZT' });
const meta = (now = NOW, reason?: string): CommandMetadata => ({ actor: { id: 'apiKey:test', role: 'administrator' }, now, correlationId: 'c-1', ...(reason ? { reason } : {}) });
const CRITERIA = [
  { criterionId: 'relevance', title: 'Relevance to the village plan', weight: 20 },
  { criterionId: 'feasibility', title: 'Feasibility and business-plan quality', weight: 25 },
  { criterionId: 'jobs', title: 'Jobs, especially women and youth', weight: 20 },
  { criterionId: 'market', title: 'Market and sustainability', weight: 15 },
  { criterionId: 'budget', title: 'Budget realism and own contribution', weight: 10 },
  { criterionId: 'innovation', title: 'Innovation or social benefit', weight: 10 },
];

const terms = (over: Partial<CallTerms> = {}): CallTerms => ({
  callId: CALL,
  programmeId: PROGRAMME,
  reference: 'GSE-2018-1',
  title: { en: 'Support to local entrepreneurship 2018' },
  fund: kzt(12_000_000),
  perRecipientCap: kzt(1_200_000),
  minAward: kzt(500_000),
  maxAward: kzt(1_200_000),
  ownContributionPct: { min: 10, max: 20 },
  criteria: CRITERIA,
  eligibleUnitIds: [IZENDY, BELOUSOVKA],
  eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS'],
  openingDate: '2018-10-16',
  deadline: '2018-11-09',
  committee: { members: 5, quorum: 3 },
  minScoresPerApplication: 3,
  ...over,
});

const draft = (over: Partial<DraftCall['data']> = {}): DraftCall => ({
  type: 'DraftCall',
  data: { ...(({ minScoresPerApplication: _, ...t }) => t)(terms()), programme: { programmeId: PROGRAMME, ended: false }, knownUnitIds: [IZENDY, BELOUSOVKA], ...over },
  metadata: meta(),
});
const drafted = (over: Partial<CallTerms> = {}): GrantCallEvent => ({ type: 'GrantCallDrafted', data: { ...terms(over), draftedAt: NOW } });
const published: GrantCallEvent = { type: 'GrantCallPublished', data: { callId: CALL, publishedAt: '2018-10-16T09:00:00.000Z' } };
const closed: GrantCallEvent = { type: 'GrantCallClosed', data: { callId: CALL, closedAt: '2018-11-10T09:00:00.000Z' } };
const submitted: GrantCallEvent = { type: 'FirstSubmissionRecorded', data: { callId: CALL, applicationId: 'app-1', recordedAt: '2018-10-20T09:00:00.000Z' } };

const app = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const awardsOf = (from: number, count: number, major = 1_000_000): Award[] => Array.from({ length: count }, (_, i) => ({ applicationId: app(from + i), amount: kzt(major) }));
const AFTER = '2018-11-22T10:00:00.000Z';
const MEMBERS = ['member-1', 'member-2', 'member-3', 'member-4', 'member-5'];
/** An assessed application of this call that requested KZT 1,080,000, with the conflicts given. */
const assessed = (applicationId: string, over: Partial<ApplicationFactsForAward> = {}): ApplicationFactsForAward => ({
  applicationId, callId: CALL, status: 'ASSESSED', requested: kzt(1_080_000), conflictedEvaluatorIds: [], ...over,
});
const factsFor = (ids: string[], over: Record<string, Partial<ApplicationFactsForAward> | null> = {}): DecideAwards['data']['applications'] =>
  Object.fromEntries(ids.map((id) => [id, over[id] === null ? null : assessed(id, over[id] ?? {})]));
const decide = (sessionId: string, awards: Award[], over: Partial<DecideAwards['data']> = {}, facts: Record<string, Partial<ApplicationFactsForAward> | null> = {}): DecideAwards => {
  const ids = [...awards, ...(over.rejected ?? []), ...(over.reserve ?? [])].map((a) => a.applicationId);
  return {
    type: 'DecideAwards',
    data: { callId: CALL, sessionId, sessionDate: '2018-11-22', memberIds: MEMBERS, awards, applications: factsFor(ids, facts), ...over },
    metadata: meta(AFTER),
  };
};
const decided = (sessionId: string, awards: Award[], before: number, over: Partial<GrantAwardsDecided['data']> = {}): GrantAwardsDecided => {
  const session = awards.reduce((s, a) => s + Number(a.amount.amountMinor) / 100, 0);
  return {
    type: 'GrantAwardsDecided',
    data: {
      callId: CALL, sessionId, sessionDate: '2018-11-22', membersPresent: 5, memberIds: MEMBERS, quorum: 3, awards, rejected: [], reserve: [],
      sessionTotal: kzt(session), awardedTotal: kzt(before + session), remaining: kzt(12_000_000 - before - session),
      fullyAwarded: before + session === 12_000_000, decidedAt: AFTER, ...over,
    },
  };
};
const s1 = 'a1111111-1111-4111-8111-111111111111';
const s2 = 'a2222222-2222-4222-8222-222222222222';
const FIRST = awardsOf(1, 5);
const SECOND = awardsOf(6, 7);

const amend = (over: Partial<AmendCall['data']>): AmendCall => ({ type: 'AmendCall', data: { callId: CALL, reason: 'Clarified after info sessions', ...over }, metadata: meta() });
const publish: PublishCall = { type: 'PublishCall', data: { callId: CALL }, metadata: meta('2018-10-16T09:00:00.000Z') };
const extend = (deadline: string, now = '2018-11-05T09:00:00.000Z', reason = 'Few applications from East Kazakhstan'): ExtendDeadline =>
  ({ type: 'ExtendDeadline', data: { callId: CALL, deadline, reason }, metadata: meta(now) });
const firstSubmission: RecordFirstSubmission = { type: 'RecordFirstSubmission', data: { callId: CALL, applicationId: 'app-1' }, metadata: meta('2018-10-20T09:00:00.000Z') };
const close = (now = '2018-11-10T09:00:00.000Z'): CloseCall => ({ type: 'CloseCall', data: { callId: CALL }, metadata: meta(now) });
const complete: CompleteCall = { type: 'CompleteCall', data: { callId: CALL }, metadata: meta(AFTER) };
const cancel = (reason = 'Programme funds reallocated'): CancelCall => ({ type: 'CancelCall', data: { callId: CALL, reason }, metadata: meta() });

const given = DeciderSpecification.for(grantCallDecider);

describe('GrantCall decider', () => {
  it('names its stream grantCall-<id>', () => expect(grantCallStream(CALL)).toBe(`grantCall-${CALL}`));

  describe('DraftCall', () => {
    it('drafts the 2018 GSE call with its terms as data', () => given([]).when(draft()).then([drafted()]));
    it('ignores a resent draft', () => given([drafted()]).when(draft()).thenNothingHappened());
    it('keeps a minimum number of scores per application (default 3)', () =>
      given([]).when(draft({ minScoresPerApplication: 4 })).then([drafted({ minScoresPerApplication: 4 })]));
    it.each([0, 6, 2.5])('refuses a minimum number of scores of %s with a committee of 5', (n) =>
      given([]).when(draft({ minScoresPerApplication: n })).thenThrows(InvalidMinScores));
    it('refuses another draft under the same id', () =>
      given([drafted()]).when(draft({ fund: kzt(9_000_000) })).thenThrows(GrantCallAlreadyDrafted, (e) => e instanceof IllegalStateError));
    it('refuses criteria weights that do not add up to 100', () =>
      given([]).when(draft({ criteria: [...CRITERIA.slice(0, 5)] })).thenThrows(CriteriaWeightsNot100, (e) => e.code === 'criteria-weights-not-100' && e.sum === 90 && e instanceof ValidationError));
    it('refuses weights over 100 too', () =>
      given([]).when(draft({ criteria: [...CRITERIA, { criterionId: 'x', title: 'Extra', weight: 5 }] })).thenThrows(CriteriaWeightsNot100, (e) => e.sum === 105));
    it('refuses a criterion id used twice', () =>
      given([]).when(draft({ criteria: [...CRITERIA.slice(0, 5), { ...CRITERIA[0]!, weight: 10 }] })).thenThrows(DuplicateCriterion, (e) => e.errors[0]?.path === 'criteria[5].criterionId'));
    it('refuses an unknown programme', () => given([]).when(draft({ programme: null })).thenThrows(UnknownProgramme, (e) => e.errors[0]?.path === 'programmeId'));
    it('refuses a closed programme', () => given([]).when(draft({ programme: { programmeId: PROGRAMME, ended: true } })).thenThrows(ProgrammeNotOpen));
    it('refuses an unknown eligible unit', () =>
      given([]).when(draft({ knownUnitIds: [IZENDY] })).thenThrows(UnknownUnit, (e) => e.errors[0]?.path === 'eligibleUnitIds[1]' && e.unitId === BELOUSOVKA));
    it('refuses a malformed reference', () => given([]).when(draft({ reference: 'gse 2018' })).thenThrows(InvalidCallReference));
    it('refuses a blank title', () => given([]).when(draft({ title: { en: ' ' } })).thenThrows(CallTitleRequired, (e) => e.errors[0]?.path === 'title.en'));
    it('refuses min award above max award', () => given([]).when(draft({ minAward: kzt(1_300_000), maxAward: kzt(1_200_000) })).thenThrows(AwardRangeInvalid));
    it('refuses a max award above the per-recipient cap', () =>
      given([]).when(draft({ perRecipientCap: kzt(1_000_000) })).thenThrows(AwardAboveRecipientCap, (e) => e.errors[0]?.path === 'maxAward'));
    it('refuses amounts in another currency than the fund', () =>
      given([]).when(draft({ minAward: { amountMinor: '100000', currency: 'EUR' } })).thenThrows(CurrencyMismatch, (e) => e.errors[0]?.path === 'minAward.currency'));
    it('refuses an own-contribution band with min above max', () => given([]).when(draft({ ownContributionPct: { min: 20, max: 10 } })).thenThrows(OwnContributionBandInvalid));
    it('refuses a deadline before the opening', () => given([]).when(draft({ deadline: '2018-10-01' })).thenThrows(CallPeriodInvalid));
    it('refuses a quorum larger than the committee', () => given([]).when(draft({ committee: { members: 5, quorum: 6 } })).thenThrows(InvalidQuorum));
  });

  describe('AmendCall', () => {
    it('replaces criteria before the first submission', () => {
      const criteria = [{ criterionId: 'feasibility', title: 'Feasibility', weight: 60 }, { criterionId: 'jobs', title: 'Jobs', weight: 40 }];
      given([drafted(), published]).when(amend({ criteria })).then([
        { type: 'GrantCallAmended', data: { callId: CALL, perRecipientCap: kzt(1_200_000), minAward: kzt(500_000), maxAward: kzt(1_200_000), ownContributionPct: { min: 10, max: 20 }, criteria, changed: ['criteria'], reason: 'Clarified after info sessions', amendedAt: NOW } },
      ]);
    });
    it('changes caps, checking them against each other', () =>
      given([drafted()]).when(amend({ maxAward: kzt(1_000_000), perRecipientCap: kzt(1_000_000) })).then([
        { type: 'GrantCallAmended', data: { callId: CALL, perRecipientCap: kzt(1_000_000), minAward: kzt(500_000), maxAward: kzt(1_000_000), ownContributionPct: { min: 10, max: 20 }, criteria: CRITERIA, changed: ['perRecipientCap', 'maxAward'], reason: 'Clarified after info sessions', amendedAt: NOW } },
      ]));
    it('is a no-op when nothing changes', () => given([drafted()]).when(amend({ ownContributionPct: { min: 10, max: 20 } })).thenNothingHappened());
    it('refuses after the first submission', () => given([drafted(), published, submitted]).when(amend({ ownContributionPct: { min: 5, max: 20 } })).thenThrows(SubmissionsStarted));
    it('refuses criteria weights that do not add up to 100', () => given([drafted()]).when(amend({ criteria: CRITERIA.slice(1) })).thenThrows(CriteriaWeightsNot100));
    it('refuses an amendment without a reason', () => given([drafted()]).when(amend({ minAward: kzt(400_000), reason: ' ' })).thenThrows(ReasonRequired));
    it('refuses an empty amendment', () => given([drafted()]).when(amend({})).thenThrows(NothingToAmend));
    it('refuses a closed call', () => given([drafted(), published, closed]).when(amend({ minAward: kzt(400_000) })).thenThrows(CallStatusConflict));
    it('refuses an unknown call', () => given([]).when(amend({ minAward: kzt(400_000) })).thenThrows(GrantCallNotFound, (e) => e instanceof NotFoundError));
  });

  describe('PublishCall', () => {
    it('publishes a draft', () => given([drafted()]).when(publish).then([published]));
    it('ignores a resent publication', () => given([drafted(), published]).when(publish).thenNothingHappened());
    it('refuses a closed call', () => given([drafted(), published, closed]).when(publish).thenThrows(CallStatusConflict, (e) => e.code === 'grant-call-status-conflict'));
    it('refuses an unknown call', () => given([]).when(publish).thenThrows(GrantCallNotFound));
  });

  describe('ExtendDeadline', () => {
    it('moves the deadline later before it passes', () =>
      given([drafted(), published]).when(extend('2018-11-16')).then([
        { type: 'GrantCallDeadlineExtended', data: { callId: CALL, previousDeadline: '2018-11-09', deadline: '2018-11-16', reason: 'Few applications from East Kazakhstan', extendedAt: '2018-11-05T09:00:00.000Z' } },
      ]));
    it('is a no-op for the same deadline', () => given([drafted(), published]).when(extend('2018-11-09')).thenNothingHappened());
    it('refuses an earlier deadline', () => given([drafted(), published]).when(extend('2018-11-01')).thenThrows(DeadlineNotLater));
    it('refuses once the deadline has passed', () => given([drafted(), published]).when(extend('2018-11-16', '2018-11-10T09:00:00.000Z')).thenThrows(DeadlinePassed));
    it('refuses without a reason', () => given([drafted(), published]).when(extend('2018-11-16', undefined, '')).thenThrows(ReasonRequired));
    it('refuses a closed call', () => given([drafted(), published, closed]).when(extend('2018-11-16')).thenThrows(CallStatusConflict));
  });

  describe('RecordFirstSubmission', () => {
    it('freezes criteria and caps', () => given([drafted(), published]).when(firstSubmission).then([submitted]));
    it('is a no-op for later submissions', () => given([drafted(), published, submitted]).when(firstSubmission).thenNothingHappened());
    it('refuses a call that is not published', () => given([drafted()]).when(firstSubmission).thenThrows(CallStatusConflict));
  });

  describe('CloseCall', () => {
    it('closes after the deadline', () => given([drafted(), published]).when(close()).then([closed]));
    it('ignores a resent closure', () => given([drafted(), published, closed]).when(close()).thenNothingHappened());
    it('refuses on the deadline day or before', () => given([drafted(), published]).when(close('2018-11-09T17:00:00.000Z')).thenThrows(DeadlineNotPassed));
    it('refuses a draft', () => given([drafted()]).when(close()).thenThrows(CallStatusConflict));
  });

  describe('DecideAwards', () => {
    const open = [drafted(), published, closed];
    it('records a session’s awards with the sum awarded', () => given(open).when(decide(s1, FIRST)).then([decided(s1, FIRST, 0)]));
    it('uses the whole fund over two sessions (5 + 7 awards of KZT 1,000,000)', () =>
      given([...open, decided(s1, FIRST, 0)]).when(decide(s2, SECOND)).then([decided(s2, SECOND, 5_000_000)]));
    it('refuses awards above the fund, also across sessions', () =>
      given([...open, decided(s1, FIRST, 0)]).when(decide(s2, awardsOf(6, 8)))
        .thenThrows(FundExceeded, (e) => e.code === 'fund-exceeded' && e instanceof ValidationError && e.awarded.amountMinor === '500000000' && e.requested.amountMinor === '800000000'));
    it('refuses any award once the fund is fully awarded', () =>
      given([...open, decided(s1, FIRST, 0), decided(s2, SECOND, 5_000_000)]).when(decide('a3333333-3333-4333-8333-333333333333', awardsOf(20, 1, 500_000))).thenThrows(FundExceeded));
    it('ignores a resent session', () => given([...open, decided(s1, FIRST, 0)]).when(decide(s1, FIRST)).thenNothingHappened());
    it('refuses a session id reused with other awards', () => given([...open, decided(s1, FIRST, 0)]).when(decide(s1, awardsOf(6, 2))).thenThrows(SessionIdReused));
    it('refuses an amount below the minimum', () =>
      given(open).when(decide(s1, [{ applicationId: app(1), amount: kzt(450_000) }])).thenThrows(AwardOutOfRange, (e) => e.errors[0]?.path === 'awards[0].amount'));
    it('refuses an amount above the maximum', () => given(open).when(decide(s1, awardsOf(1, 1, 1_300_000))).thenThrows(AwardOutOfRange));
    it('refuses without quorum', () => given(open).when(decide(s1, FIRST, { memberIds: MEMBERS.slice(0, 2) })).thenThrows(QuorumNotMet, (e) => e.quorum === 3));
    it('counts a member named twice once', () =>
      given(open).when(decide(s1, FIRST, { memberIds: ['member-1', 'member-1', 'member-2'] })).thenThrows(QuorumNotMet, (e) => e.membersPresent === 2));
    it('refuses more members present than the committee has', () => given(open).when(decide(s1, FIRST, { memberIds: [...MEMBERS, 'member-6'] })).thenThrows(TooManyMembersPresent));
    it('refuses a membersPresent that does not match the members named', () =>
      given(open).when(decide(s1, FIRST, { membersPresent: 4 })).thenThrows(MembersPresentMismatch, (e) => e.errors[0]?.path === 'memberIds'));
    it('refuses an application awarded twice in a session', () => given(open).when(decide(s1, [...awardsOf(1, 2), ...awardsOf(1, 1)])).thenThrows(DuplicateAward));
    it('refuses an application awarded by an earlier session', () =>
      given([...open, decided(s1, FIRST, 0)]).when(decide(s2, awardsOf(5, 1))).thenThrows(ApplicationAlreadyAwarded));
    it('refuses a session that decides nothing', () => given(open).when(decide(s1, [])).thenThrows(DecisionRequired));
    it('records rejections with reasons and a reserve list in order', () => {
      const rejected = [{ applicationId: app(20), reason: 'Weak market analysis' }];
      const reserve = [{ applicationId: app(21) }, { applicationId: app(22) }];
      given(open).when(decide(s1, FIRST, { rejected, reserve }))
        .then([decided(s1, FIRST, 0, { rejected, reserve: [{ applicationId: app(21), position: 1 }, { applicationId: app(22), position: 2 }] })]);
    });
    it('decides a session of rejections only', () => {
      const rejected = [{ applicationId: app(20), reason: 'Weak market analysis' }];
      given(open).when(decide(s1, [], { rejected })).then([decided(s1, [], 0, { rejected })]);
    });
    it('refuses a rejection without a reason', () =>
      given(open).when(decide(s1, [], { rejected: [{ applicationId: app(20), reason: ' ' }] })).thenThrows(ReasonRequired, (e) => e.errors[0]?.path === 'rejected[0].reason'));
    it('refuses an application that was not submitted to this call', () =>
      given(open).when(decide(s1, awardsOf(1, 1), {}, { [app(1)]: null })).thenThrows(ApplicationNotSubmitted, (e) => e.errors[0]?.path === 'awards[0].applicationId'));
    it('refuses an application of another call', () =>
      given(open).when(decide(s1, awardsOf(1, 1), {}, { [app(1)]: { callId: 'another-call' } })).thenThrows(ApplicationNotSubmitted));
    it.each(['SUBMITTED', 'ELIGIBLE', 'UNDER_ASSESSMENT', 'INELIGIBLE', 'WITHDRAWN'])('refuses to award an application that is %s', (status) =>
      given(open).when(decide(s1, awardsOf(1, 1), {}, { [app(1)]: { status } })).thenThrows(ApplicationNotAssessed, (e) => e.status === status));
    it('refuses a session in which a member who declared a conflict on an application decides it', () =>
      given(open).when(decide(s1, awardsOf(1, 2), {}, { [app(2)]: { conflictedEvaluatorIds: ['member-4'] } }))
        .thenThrows(DeciderHasConflict, (e) => e.applicationId === app(2) && e.memberIds.join() === 'member-4' && e.errors[0]?.path === 'awards[1].applicationId'));
    it('decides it in a session without the conflicted member', () => {
      const members = ['member-1', 'member-2', 'member-3', 'member-5'];
      given(open).when(decide(s1, awardsOf(1, 2), { memberIds: members }, { [app(2)]: { conflictedEvaluatorIds: ['member-4'] } }))
        .then([decided(s1, awardsOf(1, 2), 0, { membersPresent: 4, memberIds: members })]);
    });
    it('refuses an award above what the application requested (an award may be reduced, not raised)', () =>
      given(open).when(decide(s1, awardsOf(1, 1, 1_100_000))).thenThrows(AwardAboveRequested));
    it('refuses a rejected application in a later session', () =>
      given([...open, decided(s1, [], 0, { rejected: [{ applicationId: app(20), reason: 'Weak' }] })])
        .when(decide(s2, awardsOf(20, 1))).thenThrows(ApplicationAlreadyDecided, (e) => e.outcome === 'REJECTED'));
    it('awards an application from the reserve list in a later session', () => {
      const first = decided(s1, awardsOf(1, 11), 0, { reserve: [{ applicationId: app(30), position: 1 }] });
      given([...open, first]).when(decide(s2, awardsOf(30, 1), {}, { [app(30)]: { status: 'RESERVE' } })).then([decided(s2, awardsOf(30, 1), 11_000_000)]);
    });
    it('refuses to put a reserve application on the reserve list again', () =>
      given([...open, decided(s1, [], 0, { reserve: [{ applicationId: app(30), position: 1 }] })])
        .when(decide(s2, [], { reserve: [{ applicationId: app(30) }] }, { [app(30)]: { status: 'RESERVE' } })).thenThrows(ApplicationAlreadyDecided));
    it('refuses an application both awarded and rejected in one session', () =>
      given(open).when(decide(s1, awardsOf(1, 1), { rejected: [{ applicationId: app(1), reason: 'x' }] })).thenThrows(DuplicateAward));
    it('refuses before closure', () => given([drafted(), published]).when(decide(s1, FIRST)).thenThrows(CallStatusConflict));
  });

  describe('CompleteCall', () => {
    it('completes an awarded call', () =>
      given([drafted(), published, closed, decided(s1, FIRST, 0)]).when(complete).then([{ type: 'GrantCallCompleted', data: { callId: CALL, completedAt: AFTER } }]));
    it('refuses a call without awards', () => given([drafted(), published, closed]).when(complete).thenThrows(CallStatusConflict));
  });

  describe('CancelCall', () => {
    const cancelled: GrantCallEvent = { type: 'GrantCallCancelled', data: { callId: CALL, reason: 'Programme funds reallocated', cancelledAt: NOW } };
    it('cancels a published call for a reason', () => given([drafted(), published]).when(cancel()).then([cancelled]));
    it('ignores a resent cancellation', () => given([drafted(), cancelled]).when(cancel()).thenNothingHappened());
    it('refuses without a reason', () => given([drafted()]).when(cancel(' ')).thenThrows(ReasonRequired));
    it('refuses after awards', () => given([drafted(), published, closed, decided(s1, FIRST, 0)]).when(cancel()).thenThrows(CallHasAwards));
  });
});
