import { describe, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { DEFAULT_AMENDMENT_POLICY, classifyAmendment } from '../amendment-policy.js';
import type { AmendmentOp } from './amendment-ops.js';
import type { VoteFacts } from './development-plan.events.js';
import type { ActionSpec, PlanContent } from './plan-content.js';
import { type PlanAmendmentCommand, type PlanAmendmentEvent, type PlanFacts, amendmentContentHash, planAmendmentDecider } from './plan-amendment.decider.js';
import {
  AmendmentAlreadyProposed,
  AmendmentBaseVersionStale,
  AmendmentNotFound,
  AmendmentNotInStatus,
  DecisionNeedsSignOff,
  DecisionNeedsVote,
  InvalidAmendmentOp,
  PlanNotAmendable,
  PlanNotFound,
  StaleContentHash,
} from './planning.errors.js';

const given = DeciderSpecification.for(planAmendmentDecider);
const NOW = '2019-09-01T10:00:00.000Z';
const A = 'b0000000-0000-7000-8000-000000000001';
const P = 'b0000000-0000-7000-8000-000000000002';
const UNIT = 'b0000000-0000-7000-8000-0000000000aa';
const ACT = 'b0000000-0000-7000-8000-000000000301';
const PRIO = 'b0000000-0000-7000-8000-000000000201';
const VOTE = 'b0000000-0000-7000-8000-000000000401';
const meta: CommandMetadata = { actor: { id: 'apiKey:akim', role: 'rural-akim' }, now: NOW, correlationId: 'c-1' };
const cmd = <C extends PlanAmendmentCommand>(type: C['type'], data: C['data']) => ({ type, data, metadata: meta }) as C;
const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' as const });
const action: ActionSpec = {
  actionId: ACT, priorityId: PRIO, title: 'Street lamps', cost: kzt('1000000'),
  fundingSources: [{ source: 'LOCAL_BUDGET', amount: kzt('1000000'), status: 'COMMITTED' }],
  responsibleParty: 'Aul akimat', start: '2019-04-01', end: '2019-10-31', indicators: [],
};
const content = (version = 1): PlanContent => ({
  planId: P, territoryUnitId: UNIT, programmeId: null, period: '2018-2020', version, vision: 'v', problems: [],
  priorities: [{ priorityId: PRIO, rank: 1, title: 't', sector: 's', problemIds: [] }], actions: [action],
});
const plan = (version = 1, status = 'ACTIVE'): PlanFacts => ({ status, content: content(version) });
const DROP: AmendmentOp[] = [{ op: 'DROP_ACTION', actionId: ACT }];
const WORDING: AmendmentOp[] = [{ op: 'REVISE_ACTION', actionId: ACT, fields: { title: 'LED street lamps' } }];
const hashOf = (ops: AmendmentOp[], baseVersion = 1) => amendmentContentHash({ amendmentId: A, planId: P, baseVersion, ops, rationale: 'r' });
const propose = (ops = DROP, p: PlanFacts = plan(), baseVersion = 1) =>
  cmd('ProposeAmendment', { amendmentId: A, planId: P, baseVersion, ops, rationale: 'r', proposer: { kind: 'AKIM', signatures: null }, plan: p, classified: classifyAmendment(ops, [action]) });
const proposed = (ops = DROP): PlanAmendmentEvent => {
  const c = classifyAmendment(ops, [action]);
  return {
    type: 'AmendmentProposed',
    data: { amendmentId: A, planId: P, territoryUnitId: UNIT, baseVersion: 1, ops, rationale: 'r', proposer: { kind: 'AKIM', signatures: null }, contentHash: hashOf(ops), ...c, proposedAt: NOW },
  };
};
const submitted = (ops = DROP): PlanAmendmentEvent => ({
  type: 'AmendmentSubmittedForDecision',
  data: { amendmentId: A, planId: P, route: ops === DROP ? 'COMMUNITY_VOTE' : 'AKIM_AND_WG', contentHash: hashOf(ops), submittedAt: NOW },
});
const approved = (ops = DROP, voteId: string | null = VOTE): PlanAmendmentEvent => ({
  type: 'AmendmentApproved',
  data: { amendmentId: A, planId: P, decisionId: null, voteId, baseVersion: 1, ops, classification: ops === DROP ? 'MAJOR' : 'MINOR', approvedAt: NOW },
});
const conflicted = (): PlanAmendmentEvent => ({ type: 'AmendmentConflicted', data: { amendmentId: A, planId: P, baseVersion: 1, currentVersion: 2, conflictedAt: NOW } });
const vote = (over: Partial<VoteFacts> = {}): VoteFacts => ({ voteId: VOTE, meetingId: null, territoryUnitId: UNIT, subject: { type: 'AMENDMENT', ref: A, contentHash: hashOf(DROP) }, outcome: 'ADOPTED', ...over });
const decision = (v: VoteFacts | null, d: 'APPROVED' | 'REJECTED' = 'APPROVED', signOff = false) =>
  cmd('RecordAmendmentDecision', { amendmentId: A, decision: d, decisionId: null, vote: v, akimSignOff: signOff, workingGroupSignOff: signOff });

describe('PlanAmendment', () => {
  describe('ProposeAmendment', () => {
    it('proposes with the policy’s classification and version', () => given([]).when(propose()).then([proposed()]));
    it('classifies a wording change MINOR', () => given([]).when(propose(WORDING)).then([proposed(WORDING)]));
    it('refuses an unknown plan', () => given([]).when(propose(DROP, null)).thenThrows(PlanNotFound));
    it('refuses a draft plan', () => given([]).when(propose(DROP, plan(1, 'DRAFT'))).thenThrows(PlanNotAmendable));
    it('refuses a base version that is not the plan’s current one', () => given([]).when(propose(DROP, plan(2))).thenThrows(AmendmentBaseVersionStale));
    it('refuses ops that do not fit the plan', () => given([]).when(propose([{ op: 'DROP_ACTION', actionId: PRIO }])).thenThrows(InvalidAmendmentOp));
    it('refuses the same id with other ops', () => given([proposed()]).when(propose(WORDING)).thenThrows(AmendmentAlreadyProposed));
    it('ignores a resent proposal', () => given([proposed()]).when(propose()).thenNothingHappened());
  });

  describe('SubmitAmendmentForDecision', () => {
    const submit = () => cmd('SubmitAmendmentForDecision', { amendmentId: A });
    it('routes a MAJOR amendment to a community vote', () => given([proposed()]).when(submit()).then([submitted()]));
    it('routes a MINOR amendment to the akim and working group', () => given([proposed(WORDING)]).when(submit()).then([submitted(WORDING)]));
    it('refuses an unknown amendment', () => given([]).when(submit()).thenThrows(AmendmentNotFound));
    it('refuses an approved amendment', () => given([proposed(), submitted(), approved()]).when(submit()).thenThrows(AmendmentNotInStatus));
    it('ignores a resubmission', () => given([proposed(), submitted()]).when(submit()).thenNothingHappened());
  });

  describe('RecordAmendmentDecision', () => {
    it('approves a MAJOR amendment by a certified ADOPTED vote on its hash', () => given([proposed(), submitted()]).when(decision(vote())).then([approved()]));
    it('rejects a MAJOR amendment the vote rejected', () =>
      given([proposed(), submitted()]).when(decision(vote({ outcome: 'REJECTED' }), 'REJECTED')).then([
        { type: 'AmendmentRejected', data: { amendmentId: A, planId: P, decisionId: null, voteId: VOTE, rejectedAt: NOW } },
      ]));
    it('refuses a MAJOR decision without a vote, or against it', () => {
      given([proposed(), submitted()]).when(decision(null)).thenThrows(DecisionNeedsVote);
      given([proposed(), submitted()]).when(decision(vote({ outcome: 'NO_QUORUM' }))).thenThrows(DecisionNeedsVote);
      given([proposed(), submitted()]).when(decision(vote({ subject: { type: 'PLAN', ref: A, contentHash: hashOf(DROP) } }))).thenThrows(DecisionNeedsVote);
    });
    it('refuses a vote on a stale content hash', () => given([proposed(), submitted()]).when(decision(vote({ subject: { type: 'AMENDMENT', ref: A, contentHash: 'e'.repeat(64) } }))).thenThrows(StaleContentHash));
    it('approves a MINOR amendment with akim and working-group sign-off', () => given([proposed(WORDING), submitted(WORDING)]).when(decision(null, 'APPROVED', true)).then([approved(WORDING, null)]));
    it('refuses a MINOR approval without both sign-offs', () => given([proposed(WORDING), submitted(WORDING)]).when(decision(null)).thenThrows(DecisionNeedsSignOff));
    it('refuses a decision before submission', () => given([proposed()]).when(decision(vote())).thenThrows(AmendmentNotInStatus));
    it('ignores the same decision again', () => given([proposed(), submitted(), approved()]).when(decision(vote())).thenNothingHappened());
  });

  describe('WithdrawAmendment', () => {
    const withdraw = () => cmd('WithdrawAmendment', { amendmentId: A, reason: 'no longer needed' });
    const withdrawn = (): PlanAmendmentEvent => ({ type: 'AmendmentWithdrawn', data: { amendmentId: A, planId: P, reason: 'no longer needed', withdrawnAt: NOW } });
    it('withdraws a submitted amendment', () => given([proposed(), submitted()]).when(withdraw()).then([withdrawn()]));
    it('refuses an approved amendment', () => given([proposed(), submitted(), approved()]).when(withdraw()).thenThrows(AmendmentNotInStatus));
    it('ignores a second withdrawal', () => given([proposed(), withdrawn()]).when(withdraw()).thenNothingHappened());
  });

  describe('MarkAmendmentApplied', () => {
    const mark = () => cmd('MarkAmendmentApplied', { amendmentId: A, toVersion: 2 });
    const applied = (): PlanAmendmentEvent => ({ type: 'AmendmentApplied', data: { amendmentId: A, planId: P, toVersion: 2, appliedAt: NOW } });
    it('marks an approved amendment applied', () => given([proposed(), submitted(), approved()]).when(mark()).then([applied()]));
    it('refuses an amendment not approved', () => given([proposed(), submitted()]).when(mark()).thenThrows(AmendmentNotInStatus));
    it('applies exactly once', () => given([proposed(), submitted(), approved(), applied()]).when(mark()).thenNothingHappened());
  });

  describe('RecordAmendmentConflict', () => {
    const conflict = () => cmd('RecordAmendmentConflict', { amendmentId: A, currentVersion: 2 });
    it('marks an approved amendment conflicted', () => given([proposed(), submitted(), approved()]).when(conflict()).then([conflicted()]));
    it('refuses an amendment not approved', () => given([proposed()]).when(conflict()).thenThrows(AmendmentNotInStatus));
    it('ignores a second conflict', () => given([proposed(), submitted(), approved(), conflicted()]).when(conflict()).thenNothingHappened());
  });

  describe('RebaseAmendment', () => {
    const rebase = (p: PlanFacts = plan(2)) => cmd('RebaseAmendment', { amendmentId: A, plan: p, classified: classifyAmendment(DROP, [action], DEFAULT_AMENDMENT_POLICY) });
    it('rebases on the current version with a new hash; it needs a new decision', () =>
      given([proposed(), submitted(), approved(), conflicted()]).when(rebase()).then([
        {
          type: 'AmendmentRebased',
          data: { amendmentId: A, planId: P, fromBaseVersion: 1, baseVersion: 2, contentHash: hashOf(DROP, 2), ...classifyAmendment(DROP, [action]), rebasedAt: NOW },
        },
      ]));
    it('refuses an amendment that is not conflicted', () => given([proposed()]).when(rebase()).thenThrows(AmendmentNotInStatus));
    it('refuses when the ops no longer fit the plan', () =>
      given([proposed(), submitted(), approved(), conflicted()]).when(rebase({ status: 'ACTIVE', content: { ...content(2), actions: [] } })).thenThrows(InvalidAmendmentOp));
  });
});
