import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { InvalidAmount } from '../../shared/domain/money.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { developmentPlanDecider, planContentHash } from './development-plan.decider.js';
import type { DevelopmentPlanCommand, DevelopmentPlanEvent, VoteFacts } from './development-plan.events.js';
import type { ActionSpec, PlanContent } from './plan-content.js';
import {
  AmendmentBaseVersionStale,
  DuplicateAction,
  EmptyPlan,
  FundingDoesNotMatchCost,
  InvalidAmendmentOp,
  InvalidPriorityRanking,
  InvalidTimeline,
  PlanAlreadyDrafted,
  PlanNotEndorsed,
  PlanNotFound,
  PlanNotInStatus,
  PriorityInUse,
  ProblemAlreadyRecorded,
  StaleContentHash,
  TerritoryUnitNotInForce,
  UnknownAction,
  UnknownPriority,
  UnknownProblem,
  VoteNotForThisPlan,
  InvalidIndicatorValue,
  UnknownIndicator,
} from './planning.errors.js';

const given = DeciderSpecification.for(developmentPlanDecider);
const NOW = '2019-06-05T09:30:00.000Z';
const P = 'a0000000-0000-7000-8000-000000000001';
const UNIT = 'a0000000-0000-7000-8000-0000000000aa';
const PROBLEM = 'a0000000-0000-7000-8000-000000000101';
const PRIO = 'a0000000-0000-7000-8000-000000000201';
const PRIO2 = 'a0000000-0000-7000-8000-000000000202';
const ACT = 'a0000000-0000-7000-8000-000000000301';
const ACT2 = 'a0000000-0000-7000-8000-000000000302';
const VOTE = 'a0000000-0000-7000-8000-000000000401';
const meta: CommandMetadata = { actor: { id: 'apiKey:akim', role: 'rural-akim' }, now: NOW, correlationId: 'c-1' };
const cmd = <C extends DevelopmentPlanCommand>(type: C['type'], data: C['data']) => ({ type, data, metadata: meta }) as C;
const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' as const });

const action = (over: Partial<ActionSpec> = {}): ActionSpec => ({
  actionId: ACT,
  priorityId: PRIO,
  title: 'Install 120 LED street lamps',
  cost: kzt('600000000'),
  fundingSources: [
    { source: 'LOCAL_BUDGET', amount: kzt('100000000'), status: 'COMMITTED' },
    { source: 'EU_PROJECT', amount: kzt('500000000'), status: 'INDICATIVE' },
  ],
  responsibleParty: 'Aul akimat',
  start: '2019-04-01',
  end: '2019-10-31',
  indicators: [{ name: 'Lamps working', unit: 'lamps', baseline: '0', target: '120' }],
  ...over,
});
const problem = { problemId: PROBLEM, title: 'No street lighting', category: 'INFRASTRUCTURE', discussionId: 'a0000000-0000-7000-8000-000000000501' };
const priority = (priorityId = PRIO, rank = 1) => ({ priorityId, rank, title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds: [PROBLEM] });

const drafted = (): DevelopmentPlanEvent => ({ type: 'PlanDrafted', data: { planId: P, territoryUnitId: UNIT, programmeId: null, period: '2018-2020', vision: 'A lit aul', version: 1, draftedAt: NOW } });
const problemRecorded = (): DevelopmentPlanEvent => ({ type: 'ProblemRecorded', data: { planId: P, problem, recordedAt: NOW } });
const prioritiesSet = (...ids: string[]): DevelopmentPlanEvent => ({ type: 'PrioritiesSet', data: { planId: P, priorities: (ids.length ? ids : [PRIO]).map((id, i) => priority(id, i + 1)), voteId: null, setAt: NOW } });
const actionAdded = (a = action()): DevelopmentPlanEvent => ({ type: 'PlanActionAdded', data: { planId: P, action: a, addedAt: NOW } });
const content = (over: Partial<PlanContent> = {}): PlanContent => ({
  planId: P, territoryUnitId: UNIT, programmeId: null, period: '2018-2020', version: 1, vision: 'A lit aul', problems: [problem], priorities: [priority()], actions: [action()], ...over,
});
const HASH = planContentHash(content());
const ready = () => [drafted(), problemRecorded(), prioritiesSet(), actionAdded()];
const submitted = (): DevelopmentPlanEvent => ({ type: 'PlanSubmittedForApproval', data: { planId: P, version: 1, contentHash: HASH, submittedAt: NOW } });
const approved = (): DevelopmentPlanEvent => ({ type: 'PlanApprovedByCommunity', data: { planId: P, voteId: VOTE, decisionId: null, version: 1, contentHash: HASH, approvedAt: NOW } });
const endorsed = (): DevelopmentPlanEvent => ({ type: 'PlanEndorsedByAkim', data: { planId: P, akimTenureId: null, endorsedBy: 'apiKey:akim', endorsedAt: NOW } });
const activated = (): DevelopmentPlanEvent => ({ type: 'PlanActivated', data: { planId: P, territoryUnitId: UNIT, period: '2018-2020', version: 1, activatedAt: NOW } });
const active = () => [...ready(), submitted(), approved(), endorsed(), activated()];
const vote = (over: Partial<VoteFacts> = {}): VoteFacts => ({ voteId: VOTE, meetingId: null, territoryUnitId: UNIT, subject: { type: 'PLAN', ref: P, contentHash: HASH }, outcome: 'ADOPTED', ...over });

describe('DevelopmentPlan', () => {
  describe('DraftPlan', () => {
    const draft = (unit: { unitId: string; inForce: boolean } | null = { unitId: UNIT, inForce: true }, period = '2018-2020') =>
      cmd('DraftPlan', { planId: P, territoryUnitId: UNIT, programmeId: null, period, vision: 'A lit aul', unit });
    it('drafts version 1 for a unit in force', () => given([]).when(draft()).then([drafted()]));
    it('refuses a retired or unknown unit', () => {
      given([]).when(draft({ unitId: UNIT, inForce: false })).thenThrows(TerritoryUnitNotInForce);
      given([]).when(draft(null)).thenThrows(TerritoryUnitNotInForce);
    });
    it('ignores a resent draft', () => given([drafted()]).when(draft()).thenNothingHappened());
    it('refuses the same id for another plan', () => given([drafted()]).when(draft(undefined, '2021-2023')).thenThrows(PlanAlreadyDrafted));
  });

  describe('RecordProblem', () => {
    const record = (p = problem) => cmd('RecordProblem', { planId: P, problem: p });
    it('records a problem with its discussion', () => given([drafted()]).when(record()).then([problemRecorded()]));
    it('refuses an unknown plan', () => given([]).when(record()).thenThrows(PlanNotFound));
    it('refuses outside DRAFT', () => given([...ready(), submitted()]).when(record()).thenThrows(PlanNotInStatus));
    it('refuses the same id with other content', () => given([drafted(), problemRecorded()]).when(record({ ...problem, title: 'Other' })).thenThrows(ProblemAlreadyRecorded));
    it('ignores a resent problem', () => given([drafted(), problemRecorded()]).when(record()).thenNothingHappened());
  });

  describe('SetPriorities', () => {
    const set = (ids: string[] = [PRIO], problemIds = [PROBLEM]) =>
      cmd('SetPriorities', { planId: P, priorities: ids.map((id) => ({ priorityId: id, title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds })), voteId: null });
    it('ranks priorities in the order given', () => given([drafted(), problemRecorded()]).when(set([PRIO, PRIO2])).then([prioritiesSet(PRIO, PRIO2)]));
    it('refuses an unknown problem', () => given([drafted()]).when(set()).thenThrows(UnknownProblem));
    it('refuses a duplicate or empty ranking', () => {
      given([drafted(), problemRecorded()]).when(set([PRIO, PRIO])).thenThrows(InvalidPriorityRanking);
      given([drafted(), problemRecorded()]).when(set([])).thenThrows(InvalidPriorityRanking);
    });
    it('refuses to leave out a priority an action belongs to', () => given(ready()).when(set([PRIO2])).thenThrows(PriorityInUse));
    it('ignores the same ranking', () => given([drafted(), problemRecorded(), prioritiesSet()]).when(set()).thenNothingHappened());
  });

  describe('AddPlanAction', () => {
    const add = (a = action()) => cmd('AddPlanAction', { planId: P, action: a });
    const base = () => [drafted(), problemRecorded(), prioritiesSet()];
    it('adds a costed action whose funding adds up', () => given(base()).when(add()).then([actionAdded()]));
    it('refuses funding that does not add up to the cost', () =>
      given(base()).when(add(action({ cost: kzt('600000001') }))).thenThrows(FundingDoesNotMatchCost, (e) => e.errors[0]!.path === 'action.fundingSources'));
    it('refuses funding in another currency', () =>
      given(base()).when(add(action({ fundingSources: [{ source: 'EU_PROJECT', amount: { amountMinor: '600000000', currency: 'EUR' }, status: 'INDICATIVE' }] }))).thenThrows(FundingDoesNotMatchCost));
    it('refuses an unknown priority', () => given(base()).when(add(action({ priorityId: PRIO2 }))).thenThrows(UnknownPriority));
    it('refuses a zero cost', () => given(base()).when(add(action({ cost: kzt('0'), fundingSources: [] }))).thenThrows(InvalidAmount));
    it('refuses an end before the start', () => given(base()).when(add(action({ end: '2019-01-01' }))).thenThrows(InvalidTimeline));
    it('refuses the same id with other content', () => given(ready()).when(add(action({ title: 'Other' }))).thenThrows(DuplicateAction));
    it('refuses outside DRAFT', () => given([...ready(), submitted()]).when(add(action({ actionId: ACT2 }))).thenThrows(PlanNotInStatus));
    it('ignores a resent action', () => given(ready()).when(add()).thenNothingHappened());
  });

  describe('ReviseDraftAction', () => {
    const revise = (a: ActionSpec) => cmd('ReviseDraftAction', { planId: P, action: a });
    const cheaper = action({ cost: kzt('500000000'), fundingSources: [{ source: 'EU_PROJECT', amount: kzt('500000000'), status: 'INDICATIVE' }] });
    it('revises a draft action', () => given(ready()).when(revise(cheaper)).then([{ type: 'PlanActionRevised', data: { planId: P, action: cheaper, revisedAt: NOW } }]));
    it('refuses an unknown action', () => given(ready()).when(revise(action({ actionId: ACT2 }))).thenThrows(UnknownAction));
    it('refuses a revision whose funding does not add up', () => given(ready()).when(revise(action({ cost: kzt('1') }))).thenThrows(FundingDoesNotMatchCost));
    it('refuses outside DRAFT', () => given([...ready(), submitted()]).when(revise(cheaper)).thenThrows(PlanNotInStatus));
    it('ignores an unchanged action', () => given(ready()).when(revise(action())).thenNothingHappened());
  });

  describe('RemoveDraftAction', () => {
    const remove = (actionId = ACT) => cmd('RemoveDraftAction', { planId: P, actionId });
    it('removes a draft action', () => given(ready()).when(remove()).then([{ type: 'PlanActionRemoved', data: { planId: P, actionId: ACT, removedAt: NOW } }]));
    it('refuses outside DRAFT', () => given([...ready(), submitted()]).when(remove()).thenThrows(PlanNotInStatus));
    it('ignores an action that is not there', () => given(ready()).when(remove(ACT2)).thenNothingHappened());
  });

  describe('SubmitPlanForApproval', () => {
    const submit = () => cmd('SubmitPlanForApproval', { planId: P });
    it('records the version and the content hash', () => given(ready()).when(submit()).then([submitted()]));
    it('hashes the RFC 8785 canonical JSON of the content (64 hex digits)', () => expect(HASH).toMatch(/^[0-9a-f]{64}$/));
    it('refuses a plan without actions', () => given([drafted(), problemRecorded(), prioritiesSet()]).when(submit()).thenThrows(EmptyPlan));
    it('refuses an approved plan', () => given([...ready(), submitted(), approved()]).when(submit()).thenThrows(PlanNotInStatus));
    it('ignores a resubmission', () => given([...ready(), submitted()]).when(submit()).thenNothingHappened());
  });

  describe('ReturnPlanToDraft', () => {
    const back = () => cmd('ReturnPlanToDraft', { planId: P, reason: 'Add the youth centre' });
    it('returns to draft with a new version', () =>
      given([...ready(), submitted()]).when(back()).then([{ type: 'PlanReturnedToDraft', data: { planId: P, reason: 'Add the youth centre', version: 2, returnedAt: NOW } }]));
    it('refuses an approved plan', () => given([...ready(), submitted(), approved()]).when(back()).thenThrows(PlanNotInStatus));
    it('ignores a plan already in draft', () => given(ready()).when(back()).thenNothingHappened());
  });

  describe('RecordPlanApproval', () => {
    const approve = (v = vote()) => cmd('RecordPlanApproval', { planId: P, vote: v });
    it('records a certified ADOPTED vote on the submitted hash', () => given([...ready(), submitted()]).when(approve()).then([approved()]));
    it('refuses a vote on a stale content hash', () => given([...ready(), submitted()]).when(approve(vote({ subject: { type: 'PLAN', ref: P, contentHash: 'f'.repeat(64) } }))).thenThrows(StaleContentHash));
    it('refuses a vote that did not adopt', () => given([...ready(), submitted()]).when(approve(vote({ outcome: 'NO_QUORUM' }))).thenThrows(VoteNotForThisPlan));
    it('refuses a vote about another subject or territory', () => {
      given([...ready(), submitted()]).when(approve(vote({ subject: { type: 'AMENDMENT', ref: P, contentHash: HASH } }))).thenThrows(VoteNotForThisPlan);
      given([...ready(), submitted()]).when(approve(vote({ territoryUnitId: PRIO }))).thenThrows(VoteNotForThisPlan);
    });
    it('refuses a plan not submitted', () => given(ready()).when(approve()).thenThrows(PlanNotInStatus));
    it('ignores the same vote again', () => given([...ready(), submitted(), approved()]).when(approve()).thenNothingHappened());
  });

  describe('EndorsePlan', () => {
    const endorse = () => cmd('EndorsePlan', { planId: P, akimTenureId: null });
    it('records the akim’s endorsement', () => given([...ready(), submitted(), approved()]).when(endorse()).then([endorsed()]));
    it('refuses a plan not approved', () => given([...ready(), submitted()]).when(endorse()).thenThrows(PlanNotInStatus));
    it('ignores a second endorsement', () => given([...ready(), submitted(), approved(), endorsed()]).when(endorse()).thenNothingHappened());
  });

  describe('ActivatePlan', () => {
    const activate = () => cmd('ActivatePlan', { planId: P });
    it('activates an approved, endorsed plan', () => given([...ready(), submitted(), approved(), endorsed()]).when(activate()).then([activated()]));
    it('refuses a plan the akim has not endorsed', () => given([...ready(), submitted(), approved()]).when(activate()).thenThrows(PlanNotEndorsed));
    it('refuses a draft', () => given(ready()).when(activate()).thenThrows(PlanNotInStatus));
    it('ignores an active plan', () => given(active()).when(activate()).thenNothingHappened());
  });

  describe('RecordActionProgress', () => {
    const progress = (status: 'DONE' | 'IN_PROGRESS' = 'DONE', actionId = ACT) => cmd('RecordActionProgress', { planId: P, actionId, status, spent: null, fundingReceived: [] });
    it('records a status', () =>
      given(active()).when(progress()).then([{ type: 'PlanActionProgressRecorded', data: { planId: P, actionId: ACT, status: 'DONE', spent: null, fundingReceived: [], recordedAt: NOW } }]));
    it('refuses an unknown action', () => given(active()).when(progress('DONE', ACT2)).thenThrows(UnknownAction));
    it('refuses a plan not active', () => given(ready()).when(progress()).thenThrows(PlanNotInStatus));
    it('ignores an unchanged status', () =>
      given([...active(), { type: 'PlanActionProgressRecorded', data: { planId: P, actionId: ACT, status: 'DONE', spent: null, fundingReceived: [], recordedAt: NOW } }]).when(progress()).thenNothingHappened());
  });

  describe('RecordIndicatorActual', () => {
    const measure = (actual = '87', indicator = 'Lamps working', actionId = ACT) => cmd('RecordIndicatorActual', { planId: P, actionId, indicator, asOf: '2019-09-30', actual });
    const measured = (actual = '87'): DevelopmentPlanEvent => ({
      type: 'IndicatorActualRecorded',
      data: { planId: P, actionId: ACT, indicator: 'Lamps working', asOf: '2019-09-30', actual, recordedAt: NOW },
    });
    it('records a measured value of an indicator', () => given(active()).when(measure()).then([measured()]));
    it('refuses an indicator the action does not have', () => given(active()).when(measure('87', 'Trees planted')).thenThrows(UnknownIndicator));
    it('refuses an unknown action', () => given(active()).when(measure('87', 'Lamps working', ACT2)).thenThrows(UnknownAction));
    it('refuses a value that is not a decimal number', () => given(active()).when(measure('about 90')).thenThrows(InvalidIndicatorValue));
    it('refuses a plan not active', () => given(ready()).when(measure()).thenThrows(PlanNotInStatus));
    it('ignores the same value sent again, records a correction', () => {
      given([...active(), measured()]).when(measure()).thenNothingHappened();
      given([...active(), measured()]).when(measure('91')).then([measured('91')]);
    });
  });

  describe('ApplyAmendment', () => {
    const AMD = 'a0000000-0000-7000-8000-000000000601';
    const apply = (baseVersion = 1, ops = [{ op: 'DROP_ACTION' as const, actionId: ACT }]) => cmd('ApplyAmendment', { planId: P, amendmentId: AMD, baseVersion, ops });
    const after = content({ version: 2, actions: [] });
    const applied = (): DevelopmentPlanEvent => ({
      type: 'PlanAmendmentApplied',
      data: { planId: P, amendmentId: AMD, fromVersion: 1, toVersion: 2, ops: [{ op: 'DROP_ACTION', actionId: ACT }], contentHash: planContentHash(after), appliedAt: NOW },
    });
    it('applies the ops as version n + 1', () => given(active()).when(apply()).then([applied()]));
    it('refuses a stale base version', () => given(active()).when(apply(0)).thenThrows(AmendmentBaseVersionStale, (e) => e.currentVersion === 1));
    it('refuses ops that do not fit the plan', () => given(active()).when(apply(1, [{ op: 'DROP_ACTION', actionId: ACT2 }])).thenThrows(InvalidAmendmentOp));
    it('refuses a draft', () => given(ready()).when(apply()).thenThrows(PlanNotInStatus));
    it('applies an amendment exactly once', () => given([...active(), applied()]).when(apply()).thenNothingHappened());
  });

  describe('ClosePlan', () => {
    const close = () => cmd('ClosePlan', { planId: P });
    const done = (actionId: string): DevelopmentPlanEvent => ({ type: 'PlanActionProgressRecorded', data: { planId: P, actionId, status: 'DONE', spent: null, fundingReceived: [], recordedAt: NOW } });
    it('closes with the share of actions done', () =>
      given([...active(), done(ACT)]).when(close()).then([
        { type: 'PlanClosed', data: { planId: P, territoryUnitId: UNIT, period: '2018-2020', actionsDone: 1, actionsTotal: 1, implementationRatePct: '100.00', closedAt: NOW } },
      ]));
    it('refuses a plan not active', () => given(ready()).when(close()).thenThrows(PlanNotInStatus));
    it('ignores a closed plan', () =>
      given([...active(), { type: 'PlanClosed', data: { planId: P, territoryUnitId: UNIT, period: '2018-2020', actionsDone: 0, actionsTotal: 1, implementationRatePct: '0.00', closedAt: NOW } }])
        .when(close())
        .thenNothingHappened());
  });

  describe('SupersedePlan', () => {
    const supersede = () => cmd('SupersedePlan', { planId: P, byPlanId: ACT2 });
    const superseded = (): DevelopmentPlanEvent => ({ type: 'PlanSuperseded', data: { planId: P, territoryUnitId: UNIT, period: '2018-2020', byPlanId: ACT2, supersededAt: NOW } });
    it('supersedes an active plan', () => given(active()).when(supersede()).then([superseded()]));
    it('refuses a plan not active', () => given(ready()).when(supersede()).thenThrows(PlanNotInStatus));
    it('ignores a superseded plan', () => given([...active(), superseded()]).when(supersede()).thenNothingHappened());
  });
});
