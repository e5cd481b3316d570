import type { Decider } from '../../shared/domain/decider.js';
import type { DomainCommand, DomainEvent } from '../../shared/domain/message.js';
import type { AmendmentClassification, Classified } from '../amendment-policy.js';
import { type AmendmentOp, applyOps } from './amendment-ops.js';
import type { VoteFacts } from './development-plan.events.js';
import { type PlanContent, contentHashOf } from './plan-content.js';
import {
  AmendmentAlreadyProposed,
  AmendmentBaseVersionStale,
  AmendmentNotFound,
  AmendmentNotInStatus,
  DecisionNeedsSignOff,
  DecisionNeedsVote,
  PlanNotAmendable,
  PlanNotFound,
  StaleContentHash,
} from './planning.errors.js';

export type AmendmentStatus = 'PROPOSED' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'APPLIED' | 'CONFLICTED';
export const PROPOSERS = ['AKIM', 'WORKING_GROUP', 'RESIDENT_INITIATIVE', 'PROJECT'] as const;
export type Proposer = { kind: (typeof PROPOSERS)[number]; signatures: number | null };
export type DecisionRoute = 'COMMUNITY_VOTE' | 'AKIM_AND_WG';

type Classification = { classification: AmendmentClassification; policyVersion: string; reasons: string[] };

export type AmendmentProposed = DomainEvent<
  'AmendmentProposed',
  { amendmentId: string; planId: string; territoryUnitId: string; baseVersion: number; ops: AmendmentOp[]; rationale: string; proposer: Proposer; contentHash: string; proposedAt: string } & Classification
>;
export type AmendmentSubmittedForDecision = DomainEvent<'AmendmentSubmittedForDecision', { amendmentId: string; planId: string; route: DecisionRoute; contentHash: string; submittedAt: string }>;
export type AmendmentApproved = DomainEvent<
  'AmendmentApproved',
  { amendmentId: string; planId: string; baseVersion: number; ops: AmendmentOp[]; classification: AmendmentClassification; decisionId: string | null; voteId: string | null; approvedAt: string }
>;
export type AmendmentRejected = DomainEvent<'AmendmentRejected', { amendmentId: string; planId: string; decisionId: string | null; voteId: string | null; rejectedAt: string }>;
export type AmendmentWithdrawn = DomainEvent<'AmendmentWithdrawn', { amendmentId: string; planId: string; reason: string; withdrawnAt: string }>;
export type AmendmentApplied = DomainEvent<'AmendmentApplied', { amendmentId: string; planId: string; toVersion: number; appliedAt: string }>;
export type AmendmentConflicted = DomainEvent<'AmendmentConflicted', { amendmentId: string; planId: string; baseVersion: number; currentVersion: number; conflictedAt: string }>;
export type AmendmentRebased = DomainEvent<
  'AmendmentRebased',
  { amendmentId: string; planId: string; fromBaseVersion: number; baseVersion: number; contentHash: string; rebasedAt: string } & Classification
>;

export type PlanAmendmentEvent =
  | AmendmentProposed
  | AmendmentSubmittedForDecision
  | AmendmentApproved
  | AmendmentRejected
  | AmendmentWithdrawn
  | AmendmentApplied
  | AmendmentConflicted
  | AmendmentRebased;

/** The plan as the handler reads it before an amendment command: its status and current content. */
export type PlanFacts = { status: string; content: PlanContent } | null;

export type ProposeAmendment = DomainCommand<
  'ProposeAmendment',
  { amendmentId: string; planId: string; baseVersion: number; ops: AmendmentOp[]; rationale: string; proposer: Proposer; plan: PlanFacts; classified: Classified }
>;
export type SubmitAmendmentForDecision = DomainCommand<'SubmitAmendmentForDecision', { amendmentId: string }>;
export type RecordAmendmentDecision = DomainCommand<
  'RecordAmendmentDecision',
  { amendmentId: string; decision: 'APPROVED' | 'REJECTED'; decisionId: string | null; vote: VoteFacts | null; akimSignOff: boolean; workingGroupSignOff: boolean }
>;
export type WithdrawAmendment = DomainCommand<'WithdrawAmendment', { amendmentId: string; reason: string }>;
export type MarkAmendmentApplied = DomainCommand<'MarkAmendmentApplied', { amendmentId: string; toVersion: number }>;
export type RecordAmendmentConflict = DomainCommand<'RecordAmendmentConflict', { amendmentId: string; currentVersion: number }>;
export type RebaseAmendment = DomainCommand<'RebaseAmendment', { amendmentId: string; plan: PlanFacts; classified: Classified }>;

export type PlanAmendmentCommand =
  | ProposeAmendment
  | SubmitAmendmentForDecision
  | RecordAmendmentDecision
  | WithdrawAmendment
  | MarkAmendmentApplied
  | RecordAmendmentConflict
  | RebaseAmendment;

export type PlanAmendment =
  | { status: 'Empty' }
  | {
      status: AmendmentStatus;
      amendmentId: string;
      planId: string;
      territoryUnitId: string;
      baseVersion: number;
      ops: AmendmentOp[];
      rationale: string;
      classification: AmendmentClassification;
      contentHash: string;
      voteId: string | null;
      appliedVersion: number | null;
    };
type Existing = Exclude<PlanAmendment, { status: 'Empty' }>;

export const initialState = (): PlanAmendment => ({ status: 'Empty' });

/** The hash a vote on an amendment must certify: its plan, base version, ops and rationale. */
export const amendmentContentHash = (a: { amendmentId: string; planId: string; baseVersion: number; ops: AmendmentOp[]; rationale: string }): string =>
  contentHashOf({ amendmentId: a.amendmentId, planId: a.planId, baseVersion: a.baseVersion, ops: a.ops, rationale: a.rationale });

export const evolve = (s: PlanAmendment, e: PlanAmendmentEvent): PlanAmendment => {
  if (e.type === 'AmendmentProposed') {
    const d = e.data;
    return {
      status: 'PROPOSED',
      amendmentId: d.amendmentId,
      planId: d.planId,
      territoryUnitId: d.territoryUnitId,
      baseVersion: d.baseVersion,
      ops: d.ops,
      rationale: d.rationale,
      classification: d.classification,
      contentHash: d.contentHash,
      voteId: null,
      appliedVersion: null,
    };
  }
  if (s.status === 'Empty') return s;
  switch (e.type) {
    case 'AmendmentSubmittedForDecision':
      return { ...s, status: 'SUBMITTED' };
    case 'AmendmentApproved':
      return { ...s, status: 'APPROVED', voteId: e.data.voteId };
    case 'AmendmentRejected':
      return { ...s, status: 'REJECTED', voteId: e.data.voteId };
    case 'AmendmentWithdrawn':
      return { ...s, status: 'WITHDRAWN' };
    case 'AmendmentApplied':
      return { ...s, status: 'APPLIED', appliedVersion: e.data.toVersion };
    case 'AmendmentConflicted':
      return { ...s, status: 'CONFLICTED' };
    case 'AmendmentRebased':
      return { ...s, status: 'PROPOSED', baseVersion: e.data.baseVersion, contentHash: e.data.contentHash, classification: e.data.classification, voteId: null };
    default:
      return s;
  }
};

const existing = (s: PlanAmendment, id: string): Existing => {
  if (s.status === 'Empty') throw new AmendmentNotFound(id);
  return s;
};
const inStatus = (s: PlanAmendment, id: string, expected: readonly AmendmentStatus[], what: string): Existing => {
  const a = existing(s, id);
  if (!expected.includes(a.status)) throw new AmendmentNotInStatus(id, a.status, expected, what);
  return a;
};
const amendable = (plan: PlanFacts, planId: string): NonNullable<PlanFacts> => {
  if (!plan) throw new PlanNotFound(planId);
  if (plan.status !== 'APPROVED' && plan.status !== 'ACTIVE') throw new PlanNotAmendable(planId, plan.status);
  return plan;
};

/**
 * Decides a PlanAmendment command (DOMAIN.md 5.5): ops must fit the plan at the base version; the classification comes
 * from the amendment policy (passed in by the handler); a MAJOR amendment is approved only by a certified ADOPTED vote
 * on its content hash, a MINOR one by the akim and the working group. Pure.
 */
export const decide = (command: PlanAmendmentCommand, s: PlanAmendment): PlanAmendmentEvent[] => {
  const at = command.metadata.now;
  switch (command.type) {
    case 'ProposeAmendment': {
      const { amendmentId, planId, baseVersion, ops, rationale, proposer, plan, classified } = command.data;
      const contentHash = amendmentContentHash({ amendmentId, planId, baseVersion, ops, rationale });
      if (s.status !== 'Empty') {
        if (s.planId === planId && s.rationale === rationale && contentHashOf(s.ops) === contentHashOf(ops)) return [];
        throw new AmendmentAlreadyProposed(amendmentId);
      }
      const p = amendable(plan, planId);
      if (baseVersion !== p.content.version) throw new AmendmentBaseVersionStale(planId, baseVersion, p.content.version);
      applyOps(p.content, ops, baseVersion + 1);
      return [{ type: 'AmendmentProposed', data: { amendmentId, planId, territoryUnitId: p.content.territoryUnitId, baseVersion, ops, rationale, proposer, contentHash, ...classified, proposedAt: at } }];
    }
    case 'SubmitAmendmentForDecision': {
      const { amendmentId } = command.data;
      const a = existing(s, amendmentId);
      if (a.status === 'SUBMITTED') return [];
      inStatus(s, amendmentId, ['PROPOSED'], 'submission for decision');
      const route: DecisionRoute = a.classification === 'MAJOR' ? 'COMMUNITY_VOTE' : 'AKIM_AND_WG';
      return [{ type: 'AmendmentSubmittedForDecision', data: { amendmentId, planId: a.planId, route, contentHash: a.contentHash, submittedAt: at } }];
    }
    case 'RecordAmendmentDecision': {
      const { amendmentId, decision, decisionId, vote, akimSignOff, workingGroupSignOff } = command.data;
      const a = existing(s, amendmentId);
      if ((a.status === 'APPROVED' || a.status === 'APPLIED') && decision === 'APPROVED' && a.voteId === (vote?.voteId ?? null)) return [];
      if (a.status === 'REJECTED' && decision === 'REJECTED') return [];
      inStatus(s, amendmentId, ['SUBMITTED'], 'a decision');
      const base = { amendmentId, planId: a.planId, decisionId, voteId: vote?.voteId ?? null };
      if (a.classification === 'MAJOR') {
        if (!vote) throw new DecisionNeedsVote('Name the certified vote (voteId) of the community meeting that decided this amendment.');
        if (vote.subject.type !== 'AMENDMENT' || vote.subject.ref !== amendmentId) throw new DecisionNeedsVote(`Vote ${vote.voteId} is not about amendment ${amendmentId}.`);
        if (vote.territoryUnitId !== a.territoryUnitId) throw new DecisionNeedsVote(`Vote ${vote.voteId} was held in another territory than the plan’s.`);
        if (vote.subject.contentHash !== a.contentHash) throw new StaleContentHash(vote.subject.contentHash, a.contentHash);
        const adopted = vote.outcome === 'ADOPTED';
        if ((decision === 'APPROVED') !== adopted) throw new DecisionNeedsVote(`Vote ${vote.voteId} ended ${vote.outcome}; the decision must follow it.`);
      } else if (decision === 'APPROVED' && !(akimSignOff && workingGroupSignOff)) {
        throw new DecisionNeedsSignOff();
      }
      return decision === 'APPROVED'
        ? [{ type: 'AmendmentApproved', data: { ...base, baseVersion: a.baseVersion, ops: a.ops, classification: a.classification, approvedAt: at } }]
        : [{ type: 'AmendmentRejected', data: { ...base, rejectedAt: at } }];
    }
    case 'WithdrawAmendment': {
      const { amendmentId, reason } = command.data;
      const a = existing(s, amendmentId);
      if (a.status === 'WITHDRAWN') return [];
      inStatus(s, amendmentId, ['PROPOSED', 'SUBMITTED'], 'withdrawal');
      return [{ type: 'AmendmentWithdrawn', data: { amendmentId, planId: a.planId, reason, withdrawnAt: at } }];
    }
    case 'MarkAmendmentApplied': {
      const { amendmentId, toVersion } = command.data;
      const a = existing(s, amendmentId);
      if (a.status === 'APPLIED') return [];
      inStatus(s, amendmentId, ['APPROVED'], 'being applied');
      return [{ type: 'AmendmentApplied', data: { amendmentId, planId: a.planId, toVersion, appliedAt: at } }];
    }
    case 'RecordAmendmentConflict': {
      const { amendmentId, currentVersion } = command.data;
      const a = existing(s, amendmentId);
      if (a.status === 'CONFLICTED') return [];
      inStatus(s, amendmentId, ['APPROVED'], 'a conflict');
      return [{ type: 'AmendmentConflicted', data: { amendmentId, planId: a.planId, baseVersion: a.baseVersion, currentVersion, conflictedAt: at } }];
    }
    case 'RebaseAmendment': {
      const { amendmentId, plan, classified } = command.data;
      const a = inStatus(s, amendmentId, ['CONFLICTED'], 'a rebase');
      const p = amendable(plan, a.planId);
      applyOps(p.content, a.ops, p.content.version + 1);
      const baseVersion = p.content.version;
      const contentHash = amendmentContentHash({ amendmentId, planId: a.planId, baseVersion, ops: a.ops, rationale: a.rationale });
      return [{ type: 'AmendmentRebased', data: { amendmentId, planId: a.planId, fromBaseVersion: a.baseVersion, baseVersion, contentHash, ...classified, rebasedAt: at } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${(_exhaustive as { type: string }).type}`);
    }
  }
};

/** The PlanAmendment aggregate (DOMAIN.md 5.5) as a pure decider. */
export const planAmendmentDecider: Decider<PlanAmendment, PlanAmendmentCommand, PlanAmendmentEvent> = { decide, evolve, initialState };

/** Stream of one amendment: `planAmendment-<amendmentId>`. */
export const planAmendmentStream = (amendmentId: string): string => `planAmendment-${amendmentId}`;
