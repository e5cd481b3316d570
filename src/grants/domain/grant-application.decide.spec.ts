import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { CurrencyMismatch, type Money } from '../../shared/domain/money.js';
import type {
  AssessApplication,
  CallFactsForApplication,
  ConfirmEligibility,
  DeclareConflictOfInterest,
  NotifyApplicant,
  RecordAwardOutcome,
  RefuseEligibility,
  ScoreApplication,
  SubmitApplication,
  WithdrawApplication,
} from './grant-application.commands.js';
import { grantApplicantStream, grantApplicationDecider, grantApplicationStream } from './grant-application.decider.js';
import {
  ApplicantTypeNotEligible,
  ApplicationStatusConflict,
  AwardOutcomeIncomplete,
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
  NothingToNotify,
  OwnContributionOutOfBand,
  ReasonsRequired,
  RequestedAmountOutOfRange,
  ScoresDoNotMatchCriteria,
  TerritoryNotEligible,
} from './grant-application.errors.js';
import type { CriterionScore, GrantApplicationEvent, SealedApplicant } from './grant-application.events.js';
import { GrantCallNotFound, InvalidDate } from './grant-call.errors.js';

const CALL = '5b1c0b5e-0a4e-4c57-9e3f-0c1a2b3c4d5e';
const PROGRAMME = '0b8f3f2e-7c1d-4a8e-9f00-112233445566';
const APP = 'a0000000-0000-4000-8000-000000000001';
const APPLICANT = 'b0000000-0000-4000-8000-000000000001';
const IZENDY = '9a0c7e11-1111-4a11-8a11-111111111111';
const OTHER_UNIT = '9a0c7e33-3333-4a33-8a33-333333333333';
const E1 = 'e1';
const E2 = 'e2';
const E3 = 'e3';
const NOW = '2018-10-20T09:00:00.000Z';
const kzt = (major: number): Money => ({ amountMinor: String(major * 100), currency: 'KZT' });
const meta = (now = NOW): CommandMetadata => ({ actor: { id: 'apiKey:test', role: 'administrator' }, now, correlationId: 'c-1' });
const CRITERIA = [
  { criterionId: 'feasibility', title: 'Feasibility', weight: 60 },
  { criterionId: 'jobs', title: 'Jobs', weight: 40 },
];
const PERSONAL: SealedApplicant = { fullName: { keyId: `${APPLICANT}#1`, alg: 'A256GCM', iv: 'aaaa', ct: 'bbbb' } as SealedApplicant['fullName'] & object };

const callFacts = (over: Partial<CallFactsForApplication> = {}): CallFactsForApplication => ({
  callId: CALL, programmeId: PROGRAMME, status: 'PUBLISHED', deadline: '2018-11-09', minAward: kzt(500_000), maxAward: kzt(1_200_000),
  ownContributionPct: { min: 10, max: 20 }, eligibleUnitIds: [IZENDY], eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'SMALL_BUSINESS'],
  criteria: CRITERIA, ...over,
});
const budget = (total: number, requested: number, own: number) => ({ total: kzt(total), requested: kzt(requested), ownContribution: kzt(own) });
const submit = (over: Partial<SubmitApplication['data']> = {}, now = NOW): SubmitApplication => ({
  type: 'SubmitApplication',
  data: {
    applicationId: APP, callId: CALL, applicantId: APPLICANT, applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: IZENDY,
    projectTitle: 'Mini dairy', budget: budget(1_000_000, 850_000, 150_000), personal: PERSONAL, call: callFacts(), ...over,
  },
  metadata: meta(now),
});
const submitted: GrantApplicationEvent = {
  type: 'GrantApplicationSubmitted',
  data: {
    applicationId: APP, callId: CALL, programmeId: PROGRAMME, applicantId: APPLICANT, applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: IZENDY,
    projectTitle: 'Mini dairy', budget: budget(1_000_000, 850_000, 150_000), ownContributionPct: '15.00', criteria: CRITERIA, minScores: 3,
    personal: PERSONAL, submittedAt: NOW,
  },
};
const ids = { applicationId: APP, callId: CALL };
const eligible: GrantApplicationEvent = { type: 'ApplicationEligibilityConfirmed', data: { ...ids, confirmedAt: NOW } };
const declared = (evaluatorId: string, hasConflict = false, nature: string | null = null): GrantApplicationEvent => ({
  type: 'ConflictOfInterestDeclared', data: { ...ids, evaluatorId, hasConflict, nature, declaredAt: NOW },
});
const recused = (evaluatorId: string): GrantApplicationEvent => ({ type: 'EvaluatorRecused', data: { ...ids, evaluatorId, recusedAt: NOW } });
const sc = (feasibility: number, jobs: number): CriterionScore[] => [{ criterionId: 'feasibility', score: feasibility }, { criterionId: 'jobs', score: jobs }];
const scored = (evaluatorId: string, scores: CriterionScore[], weightedScore: string, supersedes = false): GrantApplicationEvent => ({
  type: 'ApplicationScored', data: { ...ids, evaluatorId, criterionScores: scores, weightedScore, supersedes, comment: null, scoredAt: NOW },
});
const cmd = <C extends { type: string; data: unknown }>(type: C['type'], data: C['data']) => ({ type, data, metadata: meta() }) as unknown as C;
const withdraw = (reason = 'Moved to town') => cmd<WithdrawApplication>('WithdrawApplication', { applicationId: APP, reason });
const confirm = () => cmd<ConfirmEligibility>('ConfirmEligibility', { applicationId: APP });
const refuse = (reasons: string[] = ['Business registered outside the aul']) => cmd<RefuseEligibility>('RefuseEligibility', { applicationId: APP, reasons });
const declare = (evaluatorId: string, hasConflict = false, nature?: string) =>
  cmd<DeclareConflictOfInterest>('DeclareConflictOfInterest', { applicationId: APP, evaluatorId, hasConflict, ...(nature ? { nature } : {}) });
const score = (evaluatorId: string, criterionScores: CriterionScore[]) => cmd<ScoreApplication>('ScoreApplication', { applicationId: APP, evaluatorId, criterionScores });
const assess = () => cmd<AssessApplication>('AssessApplication', { applicationId: APP });

const given = DeciderSpecification.for(grantApplicationDecider);
const underAssessment = [submitted, eligible, declared(E1), declared(E2), declared(E3), scored(E1, sc(80, 70), '76.00'), scored(E2, sc(90, 60), '78.00')];

describe('GrantApplication decider', () => {
  it('names its streams', () => {
    expect(grantApplicationStream(APP)).toBe(`grantApplication-${APP}`);
    expect(grantApplicantStream(CALL, APPLICANT)).toBe(`grantApplicant-${CALL}.${APPLICANT}`);
  });

  describe('SubmitApplication', () => {
    it('submits within the window, range and band', () => given([]).when(submit()).then([submitted]));
    it('accepts the deadline day and the band edges', () => {
      given([]).when(submit({}, '2018-11-09T23:00:00.000Z')).then([{ ...submitted, data: { ...submitted.data, submittedAt: '2018-11-09T23:00:00.000Z' } } as GrantApplicationEvent]);
      const edge = submit({ budget: budget(1_000_000, 800_000, 200_000) });
      expect(grantApplicationDecider.decide(edge, grantApplicationDecider.initialState())[0]!.data).toMatchObject({ ownContributionPct: '20.00' });
    });
    it('takes the call minimum of scores when it states one', () => {
      const events = grantApplicationDecider.decide(submit({ call: callFacts({ minScoresPerApplication: 5 }) }), grantApplicationDecider.initialState());
      expect(events[0]!.data).toMatchObject({ minScores: 5 });
    });
    it('is a no-op when resent', () => given([submitted]).when(submit()).thenNothingHappened());
    it('refuses the same id with other content', () => given([submitted]).when(submit({ projectTitle: 'Bakery' })).thenThrows(GrantApplicationAlreadySubmitted));
    it('refuses an unknown call', () => given([]).when(submit({ call: null })).thenThrows(GrantCallNotFound));
    it('refuses a call that is not published', () => given([]).when(submit({ call: callFacts({ status: 'DRAFT' }) })).thenThrows(CallNotOpen));
    it('refuses after the deadline', () => given([]).when(submit({}, '2018-11-10T00:00:00.000Z')).thenThrows(CallDeadlinePassed));
    it('refuses an ineligible applicant type', () => given([]).when(submit({ applicantType: 'PEASANT_FARM' })).thenThrows(ApplicantTypeNotEligible));
    it('refuses an ineligible territory', () => given([]).when(submit({ territoryUnitId: OTHER_UNIT })).thenThrows(TerritoryNotEligible));
    it('refuses a budget that does not add up', () => given([]).when(submit({ budget: budget(1_000_000, 850_000, 100_000) })).thenThrows(BudgetMismatch));
    it('refuses a requested amount outside the range', () => {
      given([]).when(submit({ budget: budget(540_000, 450_000, 90_000) })).thenThrows(RequestedAmountOutOfRange);
      given([]).when(submit({ budget: budget(1_500_000, 1_250_000, 250_000) })).thenThrows(RequestedAmountOutOfRange);
    });
    it('refuses an own contribution outside the band, exactly', () => {
      // 9.99% and 20.01% are out, by one tiyn of arithmetic, not by a float.
      given([]).when(submit({ budget: { total: kzt(1_000_000), requested: { amountMinor: '90010000', currency: 'KZT' }, ownContribution: { amountMinor: '9990000', currency: 'KZT' } } }))
        .thenThrows(OwnContributionOutOfBand, (e) => e.pct === '9.99');
      given([]).when(submit({ budget: { total: kzt(1_000_000), requested: { amountMinor: '79990000', currency: 'KZT' }, ownContribution: { amountMinor: '20010000', currency: 'KZT' } } }))
        .thenThrows(OwnContributionOutOfBand, (e) => e.pct === '20.01');
    });
    it('refuses another currency', () =>
      given([]).when(submit({ budget: { total: { amountMinor: '100000', currency: 'EUR' }, requested: kzt(850_000), ownContribution: kzt(150_000) } })).thenThrows(CurrencyMismatch));
  });

  describe('WithdrawApplication', () => {
    it('withdraws a submitted application', () =>
      given([submitted]).when(withdraw()).then([{ type: 'GrantApplicationWithdrawn', data: { ...ids, reason: 'Moved to town', withdrawnAt: NOW } }]));
    it('is a no-op when withdrawn', () => given([submitted, { type: 'GrantApplicationWithdrawn', data: { ...ids, reason: 'x', withdrawnAt: NOW } }]).when(withdraw()).thenNothingHappened());
    it('requires a reason', () => given([submitted]).when(withdraw('  ')).thenThrows(ReasonsRequired));
    it('refuses once under assessment', () => given(underAssessment).when(withdraw()).thenThrows(ApplicationStatusConflict));
    it('refuses an unknown application', () => given([]).when(withdraw()).thenThrows(GrantApplicationNotFound));
  });

  describe('ConfirmEligibility / RefuseEligibility', () => {
    it('confirms', () => given([submitted]).when(confirm()).then([eligible]));
    it('confirming again is a no-op', () => given([submitted, eligible]).when(confirm()).thenNothingHappened());
    it('declares ineligible with reasons', () =>
      given([submitted]).when(refuse()).then([{ type: 'ApplicationDeclaredIneligible', data: { ...ids, reasons: ['Business registered outside the aul'], declaredAt: NOW } }]));
    it('refuses without reasons', () => given([submitted]).when(refuse(['', ' '])).thenThrows(ReasonsRequired));
    it('refuses ineligibility after confirmation', () => given([submitted, eligible]).when(refuse()).thenThrows(ApplicationStatusConflict));
    it('refusing again is a no-op', () =>
      given([submitted, { type: 'ApplicationDeclaredIneligible', data: { ...ids, reasons: ['x'], declaredAt: NOW } }]).when(refuse()).thenNothingHappened());
  });

  describe('DeclareConflictOfInterest', () => {
    it('records no conflict', () => given([submitted, eligible]).when(declare(E1)).then([declared(E1)]));
    it('recuses on a conflict', () => given([submitted, eligible]).when(declare(E3, true, 'Brother of the applicant')).then([declared(E3, true, 'Brother of the applicant'), recused(E3)]));
    it('recuses on a conflict declared after "none"', () => given([submitted, eligible, declared(E1)]).when(declare(E1, true)).then([declared(E1, true), recused(E1)]));
    it('the same declaration again is a no-op', () => given([submitted, eligible, declared(E1)]).when(declare(E1)).thenNothingHappened());
    it('a recusal is final', () => given([submitted, eligible, declared(E3, true), recused(E3)]).when(declare(E3, false)).thenThrows(ConflictDeclarationFinal));
    it('refuses on a withdrawn application', () =>
      given([submitted, { type: 'GrantApplicationWithdrawn', data: { ...ids, reason: 'x', withdrawnAt: NOW } }]).when(declare(E1)).thenThrows(ApplicationStatusConflict));
  });

  describe('ScoreApplication', () => {
    const ready = [submitted, eligible, declared(E1), declared(E3, true), recused(E3)];
    it('scores with the weighted score', () => given(ready).when(score(E1, sc(80, 70))).then([scored(E1, sc(80, 70), '76.00')]));
    it('a different score is a revision that supersedes', () => given([...ready, scored(E1, sc(80, 70), '76.00')]).when(score(E1, sc(81, 70))).then([scored(E1, sc(81, 70), '76.60', true)]));
    it('the same score again is a no-op', () => given([...ready, scored(E1, sc(80, 70), '76.00')]).when(score(E1, [{ criterionId: 'jobs', score: 70 }, { criterionId: 'feasibility', score: 80 }])).thenNothingHappened());
    it('refuses an undeclared evaluator', () => given(ready).when(score(E2, sc(80, 70))).thenThrows(EvaluatorNotDeclared));
    it('refuses a recused evaluator', () => given(ready).when(score(E3, sc(80, 70))).thenThrows(EvaluatorRecusedFromScoring));
    it('refuses scores that miss or add a criterion', () => {
      given(ready).when(score(E1, [{ criterionId: 'feasibility', score: 80 }])).thenThrows(ScoresDoNotMatchCriteria);
      given(ready).when(score(E1, [...sc(80, 70), { criterionId: 'market', score: 1 }])).thenThrows(ScoresDoNotMatchCriteria);
    });
    it('refuses a score outside 0-100', () => given(ready).when(score(E1, sc(101, 70))).thenThrows(InvalidScore));
    it('refuses before eligibility', () => given([submitted, declared(E1)]).when(score(E1, sc(80, 70))).thenThrows(ApplicationStatusConflict));
  });

  describe('AssessApplication', () => {
    const three = [...underAssessment, scored(E3, sc(75, 80), '77.00')];
    it('assesses with the exact weighted mean', () =>
      given(three).when(assess()).then([{ type: 'ApplicationAssessed', data: { ...ids, meanScore: '77.00', exact: true, scoresCount: 3, assessedAt: NOW } }]));
    it('counts only the latest score of each evaluator', () =>
      given([...three, scored(E1, sc(80, 71), '76.40', true)]).when(assess()).then([
        { type: 'ApplicationAssessed', data: { ...ids, meanScore: '77.13', exact: false, scoresCount: 3, assessedAt: NOW } },
      ]));
    it('refuses with fewer than the minimum of scores', () => given(underAssessment).when(assess()).thenThrows(NotEnoughScores, (e) => e.count === 2 && e.min === 3));
    it('is a no-op once assessed', () =>
      given([...three, { type: 'ApplicationAssessed', data: { ...ids, meanScore: '77.00', exact: true, scoresCount: 3, assessedAt: NOW } }]).when(assess()).thenNothingHappened());
    it('refuses a submitted application', () => given([submitted]).when(assess()).thenThrows(ApplicationStatusConflict));
  });

  describe('RecordAwardOutcome and NotifyApplicant', () => {
    const assessedEvents: GrantApplicationEvent[] = [
      ...underAssessment, scored(E3, sc(75, 80), '77.00'),
      { type: 'ApplicationAssessed', data: { ...ids, meanScore: '77.00', exact: true, scoresCount: 3, assessedAt: NOW } },
    ];
    const AT = '2018-11-22T12:00:00.000Z';
    const session = { ...ids, sessionId: 's-1', sessionDate: '2018-11-22' };
    const outcome = (over: Partial<RecordAwardOutcome['data']>): RecordAwardOutcome => ({ type: 'RecordAwardOutcome', data: { ...session, outcome: 'AWARDED', ...over }, metadata: meta(AT) });
    const awarded: GrantApplicationEvent = { type: 'ApplicationAwarded', data: { ...session, amount: kzt(800_000), awardedAt: AT } };
    const onReserve: GrantApplicationEvent = { type: 'ApplicationPutOnReserve', data: { ...session, position: 1, reservedAt: AT } };
    const notify = (over: Partial<NotifyApplicant['data']> = {}): NotifyApplicant =>
      ({ type: 'NotifyApplicant', data: { applicationId: APP, channel: 'LETTER', notifiedOn: '2018-11-26', reference: ' L-114 ', ...over }, metadata: meta(AT) });

    it('records an award with its amount', () => given(assessedEvents).when(outcome({ amount: kzt(800_000) })).then([awarded]));
    it('ignores a redelivered session', () => given([...assessedEvents, awarded]).when(outcome({ amount: kzt(800_000) })).thenNothingHappened());
    it('records a rejection with its reason and a reserve position', () => {
      given(assessedEvents).when(outcome({ outcome: 'REJECTED', reason: ' Weak market ' }))
        .then([{ type: 'ApplicationRejected', data: { ...session, reason: 'Weak market', rejectedAt: AT } }]);
      given(assessedEvents).when(outcome({ outcome: 'RESERVE', position: 1 })).then([onReserve]);
    });
    it('awards an application from the reserve list in a later session', () =>
      given([...assessedEvents, onReserve]).when(outcome({ sessionId: 's-2', amount: kzt(700_000) }))
        .then([{ type: 'ApplicationAwarded', data: { ...session, sessionId: 's-2', amount: kzt(700_000), awardedAt: AT } }]));
    it('refuses an outcome without its amount, reason or position', () => {
      given(assessedEvents).when(outcome({})).thenThrows(AwardOutcomeIncomplete, (e) => e.errors[0]?.path === 'amount');
      given(assessedEvents).when(outcome({ outcome: 'REJECTED', reason: ' ' })).thenThrows(AwardOutcomeIncomplete);
      given(assessedEvents).when(outcome({ outcome: 'RESERVE', position: 0 })).thenThrows(AwardOutcomeIncomplete);
    });
    it('refuses an outcome on an application not assessed, or already awarded', () => {
      given(underAssessment).when(outcome({ amount: kzt(800_000) })).thenThrows(ApplicationStatusConflict);
      given([...assessedEvents, awarded]).when(outcome({ sessionId: 's-2', outcome: 'REJECTED', reason: 'x' })).thenThrows(ApplicationStatusConflict);
    });
    it('records that the applicant was told the outcome, once', () => {
      given([...assessedEvents, awarded]).when(notify()).then([
        { type: 'ApplicantNotified', data: { ...ids, outcome: 'AWARDED', channel: 'LETTER', notifiedOn: '2018-11-26', reference: 'L-114', recordedAt: AT } },
      ]);
      const told: GrantApplicationEvent = { type: 'ApplicantNotified', data: { ...ids, outcome: 'AWARDED', channel: 'LETTER', notifiedOn: '2018-11-26', reference: 'L-114', recordedAt: AT } };
      given([...assessedEvents, awarded, told]).when(notify({ channel: 'SMS' })).thenNothingHappened();
    });
    it('refuses to notify before there is an outcome, or on an impossible date', () => {
      given(assessedEvents).when(notify()).thenThrows(NothingToNotify);
      given([...assessedEvents, awarded]).when(notify({ notifiedOn: '2018-02-30' })).thenThrows(InvalidDate);
    });
  });
});
