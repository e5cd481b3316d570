import type { Decider } from '../../shared/domain/decider.js';
import { percentage } from '../../shared/domain/money.js';
import { applyOps, checkAction } from './amendment-ops.js';
import type { DevelopmentPlanCommand, DevelopmentPlanEvent, PlanStatus } from './development-plan.events.js';
import { type ActionStatus, type PlanContent, contentHashOf } from './plan-content.js';
import {
  AmendmentBaseVersionStale,
  AnotherPlanActive,
  DuplicateAction,
  EmptyPlan,
  InvalidPriorityRanking,
  PlanAlreadyDrafted,
  PlanNotEndorsed,
  PlanNotFound,
  PlanNotInStatus,
  PriorityInUse,
  ProblemAlreadyRecorded,
  StaleContentHash,
  TerritoryUnitNotInForce,
  UnknownAction,
  UnknownProblem,
  VoteNotForThisPlan,
  InvalidIndicatorValue,
  UnknownIndicator,
} from './planning.errors.js';

/** The write model of a plan: its content, lifecycle and what decide needs about approvals and amendments. */
export type DevelopmentPlan =
  | { status: 'Empty' }
  | {
      status: PlanStatus;
      content: PlanContent;
      actionStatus: Record<string, ActionStatus>;
      submitted: { version: number; contentHash: string } | null;
      approvedVoteId: string | null;
      endorsed: boolean;
      appliedAmendments: string[];
      /** Last actual per `<actionId>|<indicator>|<asOf>`, so a resent measurement is a no-op. */
      indicatorActuals: Record<string, string>;
    };
type Existing = Exclude<DevelopmentPlan, { status: 'Empty' }>;

export const initialState = (): DevelopmentPlan => ({ status: 'Empty' });

/** The hash a vote must certify to approve `content`. */
export const planContentHash = (content: PlanContent): string => contentHashOf(content);

export const evolve = (s: DevelopmentPlan, e: DevelopmentPlanEvent): DevelopmentPlan => {
  if (e.type === 'PlanDrafted') {
    const { planId, territoryUnitId, programmeId, period, vision, version } = e.data;
    return {
      status: 'DRAFT',
      content: { planId, territoryUnitId, programmeId, period, version, vision, problems: [], priorities: [], actions: [] },
      actionStatus: {},
      submitted: null,
      approvedVoteId: null,
      endorsed: false,
      appliedAmendments: [],
      indicatorActuals: {},
    };
  }
  if (s.status === 'Empty') return s;
  const c = s.content;
  switch (e.type) {
    case 'ProblemRecorded':
      return { ...s, content: { ...c, problems: [...c.problems, e.data.problem] } };
    case 'PrioritiesSet':
      return { ...s, content: { ...c, priorities: e.data.priorities } };
    case 'PlanActionAdded':
      return { ...s, content: { ...c, actions: [...c.actions, e.data.action] }, actionStatus: { ...s.actionStatus, [e.data.action.actionId]: 'PLANNED' } };
    case 'PlanActionRevised':
      return { ...s, content: { ...c, actions: c.actions.map((a) => (a.actionId === e.data.action.actionId ? e.data.action : a)) } };
    case 'PlanActionRemoved': {
      const { [e.data.actionId]: _removed, ...rest } = s.actionStatus;
      return { ...s, content: { ...c, actions: c.actions.filter((a) => a.actionId !== e.data.actionId) }, actionStatus: rest };
    }
    case 'PlanSubmittedForApproval':
      return { ...s, status: 'SUBMITTED', submitted: { version: e.data.version, contentHash: e.data.contentHash } };
    case 'PlanReturnedToDraft':
      return { ...s, status: 'DRAFT', submitted: null, content: { ...c, version: e.data.version } };
    case 'PlanApprovedByCommunity':
      return { ...s, status: 'APPROVED', approvedVoteId: e.data.voteId };
    case 'PlanEndorsedByAkim':
      return { ...s, endorsed: true };
    case 'PlanActivated':
      return { ...s, status: 'ACTIVE' };
    case 'PlanActionProgressRecorded':
      return { ...s, actionStatus: { ...s.actionStatus, [e.data.actionId]: e.data.status } };
    case 'IndicatorActualRecorded':
      return { ...s, indicatorActuals: { ...s.indicatorActuals, [`${e.data.actionId}|${e.data.indicator}|${e.data.asOf}`]: e.data.actual } };
    case 'PlanAmendmentApplied': {
      const next = applyOps(c, e.data.ops, e.data.toVersion);
      const actionStatus: Record<string, ActionStatus> = {};
      for (const a of next.actions) actionStatus[a.actionId] = s.actionStatus[a.actionId] ?? 'PLANNED';
      return { ...s, content: next, actionStatus, appliedAmendments: [...s.appliedAmendments, e.data.amendmentId] };
    }
    case 'PlanClosed':
      return { ...s, status: 'CLOSED' };
    case 'PlanSuperseded':
      return { ...s, status: 'SUPERSEDED' };
    default:
      return s;
  }
};

const existing = (s: DevelopmentPlan, planId: string): Existing => {
  if (s.status === 'Empty') throw new PlanNotFound(planId);
  return s;
};
const inStatus = (s: DevelopmentPlan, planId: string, expected: readonly PlanStatus[], what: string): Existing => {
  const p = existing(s, planId);
  if (!expected.includes(p.status)) throw new PlanNotInStatus(planId, p.status, expected, what);
  return p;
};
const same = (a: unknown, b: unknown) => contentHashOf(a) === contentHashOf(b);

/**
 * Decides a DevelopmentPlan command (DOMAIN.md 5.5). Structure is editable only in DRAFT; approval needs a certified
 * ADOPTED vote on this plan's submitted content hash; activation needs the akim's endorsement (one ACTIVE plan per
 * territory and period is enforced by the handler's reservation stream); the version only grows. Pure.
 */
export const decide = (command: DevelopmentPlanCommand, s: DevelopmentPlan): DevelopmentPlanEvent[] => {
  const at = command.metadata.now;
  switch (command.type) {
    case 'DraftPlan': {
      const { unit, ...d } = command.data;
      if (s.status !== 'Empty') {
        const c = s.content;
        if (c.territoryUnitId === d.territoryUnitId && c.programmeId === d.programmeId && c.period === d.period) return [];
        throw new PlanAlreadyDrafted(d.planId);
      }
      if (!unit || !unit.inForce) throw new TerritoryUnitNotInForce(d.territoryUnitId);
      return [{ type: 'PlanDrafted', data: { ...d, version: 1, draftedAt: at } }];
    }
    case 'RecordProblem': {
      const p = inStatus(s, command.data.planId, ['DRAFT'], 'recording a problem');
      const old = p.content.problems.find((x) => x.problemId === command.data.problem.problemId);
      if (old) {
        if (same(old, command.data.problem)) return [];
        throw new ProblemAlreadyRecorded(old.problemId);
      }
      return [{ type: 'ProblemRecorded', data: { planId: command.data.planId, problem: command.data.problem, recordedAt: at } }];
    }
    case 'SetPriorities': {
      const { planId, voteId } = command.data;
      const p = inStatus(s, planId, ['DRAFT'], 'setting priorities');
      const priorities = command.data.priorities.map((x, i) => ({ ...x, rank: i + 1 }));
      if (priorities.length === 0) throw new InvalidPriorityRanking('At least one priority is needed.');
      if (new Set(priorities.map((x) => x.priorityId)).size !== priorities.length) throw new InvalidPriorityRanking('Each priority appears once in the ranking.');
      priorities.forEach((x, i) =>
        x.problemIds.forEach((id, j) => {
          if (!p.content.problems.some((pr) => pr.problemId === id)) throw new UnknownProblem(id, `priorities[${i}].problemIds[${j}]`);
        }),
      );
      for (const a of p.content.actions) if (!priorities.some((x) => x.priorityId === a.priorityId)) throw new PriorityInUse(a.priorityId);
      if (same(p.content.priorities, priorities)) return [];
      return [{ type: 'PrioritiesSet', data: { planId, priorities, voteId, setAt: at } }];
    }
    case 'AddPlanAction': {
      const { planId, action } = command.data;
      const p = inStatus(s, planId, ['DRAFT'], 'adding an action');
      const old = p.content.actions.find((a) => a.actionId === action.actionId);
      if (old) {
        if (same(old, action)) return [];
        throw new DuplicateAction(action.actionId, 'actionId');
      }
      checkAction(p.content, action, 'action');
      return [{ type: 'PlanActionAdded', data: { planId, action, addedAt: at } }];
    }
    case 'ReviseDraftAction': {
      const { planId, action } = command.data;
      const p = inStatus(s, planId, ['DRAFT'], 'revising an action');
      const old = p.content.actions.find((a) => a.actionId === action.actionId);
      if (!old) throw new UnknownAction(action.actionId);
      if (same(old, action)) return [];
      checkAction(p.content, action, 'action');
      return [{ type: 'PlanActionRevised', data: { planId, action, revisedAt: at } }];
    }
    case 'RemoveDraftAction': {
      const { planId, actionId } = command.data;
      const p = inStatus(s, planId, ['DRAFT'], 'removing an action');
      if (!p.content.actions.some((a) => a.actionId === actionId)) return [];
      return [{ type: 'PlanActionRemoved', data: { planId, actionId, removedAt: at } }];
    }
    case 'SubmitPlanForApproval': {
      const { planId } = command.data;
      const p = existing(s, planId);
      if (p.status === 'SUBMITTED') return [];
      inStatus(s, planId, ['DRAFT'], 'submitting for approval');
      if (p.content.priorities.length === 0 || p.content.actions.length === 0) throw new EmptyPlan();
      return [{ type: 'PlanSubmittedForApproval', data: { planId, version: p.content.version, contentHash: planContentHash(p.content), submittedAt: at } }];
    }
    case 'ReturnPlanToDraft': {
      const { planId, reason } = command.data;
      const p = existing(s, planId);
      if (p.status === 'DRAFT') return [];
      inStatus(s, planId, ['SUBMITTED'], 'returning to draft');
      return [{ type: 'PlanReturnedToDraft', data: { planId, reason, version: p.content.version + 1, returnedAt: at } }];
    }
    case 'RecordPlanApproval': {
      const { planId, vote } = command.data;
      const p = existing(s, planId);
      if (p.approvedVoteId === vote.voteId) return [];
      inStatus(s, planId, ['SUBMITTED'], 'recording the community’s approval');
      if (vote.subject.type !== 'PLAN' || vote.subject.ref !== planId) throw new VoteNotForThisPlan(`Vote ${vote.voteId} is not about plan ${planId}.`);
      if (vote.territoryUnitId !== p.content.territoryUnitId) throw new VoteNotForThisPlan(`Vote ${vote.voteId} was held in another territory than the plan’s.`);
      if (vote.outcome !== 'ADOPTED') throw new VoteNotForThisPlan(`Vote ${vote.voteId} did not adopt the plan (${vote.outcome}).`);
      if (vote.subject.contentHash !== p.submitted!.contentHash) throw new StaleContentHash(vote.subject.contentHash, p.submitted!.contentHash);
      return [
        { type: 'PlanApprovedByCommunity', data: { planId, voteId: vote.voteId, decisionId: vote.meetingId, version: p.submitted!.version, contentHash: p.submitted!.contentHash, approvedAt: at } },
      ];
    }
    case 'EndorsePlan': {
      const { planId, akimTenureId } = command.data;
      const p = existing(s, planId);
      if (p.endorsed) return [];
      inStatus(s, planId, ['APPROVED'], 'the akim’s endorsement');
      return [{ type: 'PlanEndorsedByAkim', data: { planId, akimTenureId, endorsedBy: command.metadata.actor.id, endorsedAt: at } }];
    }
    case 'ActivatePlan': {
      const { planId } = command.data;
      const p = existing(s, planId);
      if (p.status === 'ACTIVE') return [];
      inStatus(s, planId, ['APPROVED'], 'activation');
      if (!p.endorsed) throw new PlanNotEndorsed(planId);
      return [{ type: 'PlanActivated', data: { planId, territoryUnitId: p.content.territoryUnitId, period: p.content.period, version: p.content.version, activatedAt: at } }];
    }
    case 'RecordActionProgress': {
      const { planId, actionId, status, spent, fundingReceived } = command.data;
      const p = inStatus(s, planId, ['ACTIVE'], 'recording progress');
      if (!(actionId in p.actionStatus)) throw new UnknownAction(actionId);
      if (p.actionStatus[actionId] === status && spent === null && fundingReceived.length === 0) return [];
      return [{ type: 'PlanActionProgressRecorded', data: { planId, actionId, status, spent, fundingReceived, recordedAt: at } }];
    }
    case 'RecordIndicatorActual': {
      const { planId, actionId, indicator, asOf, actual } = command.data;
      const p = inStatus(s, planId, ['ACTIVE'], 'recording an indicator');
      const action = p.content.actions.find((a) => a.actionId === actionId);
      if (!action) throw new UnknownAction(actionId);
      if (!action.indicators.some((i) => i.name === indicator)) throw new UnknownIndicator(actionId, indicator);
      if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(actual)) throw new InvalidIndicatorValue(actual);
      if (p.indicatorActuals[`${actionId}|${indicator}|${asOf}`] === actual) return [];
      return [{ type: 'IndicatorActualRecorded', data: { planId, actionId, indicator, asOf, actual, recordedAt: at } }];
    }
    case 'ApplyAmendment': {
      const { planId, amendmentId, baseVersion, ops } = command.data;
      const p = existing(s, planId);
      if (p.appliedAmendments.includes(amendmentId)) return [];
      inStatus(s, planId, ['APPROVED', 'ACTIVE'], 'applying an amendment');
      if (baseVersion !== p.content.version) throw new AmendmentBaseVersionStale(planId, baseVersion, p.content.version);
      const next = applyOps(p.content, ops, p.content.version + 1);
      return [
        { type: 'PlanAmendmentApplied', data: { planId, amendmentId, fromVersion: p.content.version, toVersion: next.version, ops, contentHash: planContentHash(next), appliedAt: at } },
      ];
    }
    case 'ClosePlan': {
      const { planId } = command.data;
      const p = existing(s, planId);
      if (p.status === 'CLOSED') return [];
      inStatus(s, planId, ['ACTIVE'], 'closure');
      const counted = Object.values(p.actionStatus).filter((x) => x !== 'DROPPED');
      const done = counted.filter((x) => x === 'DONE').length;
      return [
        {
          type: 'PlanClosed',
          data: { planId, territoryUnitId: p.content.territoryUnitId, period: p.content.period, actionsDone: done, actionsTotal: counted.length, implementationRatePct: percentage(BigInt(done), BigInt(counted.length)), closedAt: at },
        },
      ];
    }
    case 'SupersedePlan': {
      const { planId, byPlanId } = command.data;
      const p = existing(s, planId);
      if (p.status === 'SUPERSEDED') return [];
      inStatus(s, planId, ['ACTIVE'], 'being superseded');
      return [{ type: 'PlanSuperseded', data: { planId, territoryUnitId: p.content.territoryUnitId, period: p.content.period, byPlanId, supersededAt: at } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${(_exhaustive as { type: string }).type}`);
    }
  }
};

/** The DevelopmentPlan aggregate (DOMAIN.md 5.5) as a pure decider. */
export const developmentPlanDecider: Decider<DevelopmentPlan, DevelopmentPlanCommand, DevelopmentPlanEvent> = { decide, evolve, initialState };

/** Stream of one plan: `plan-<planId>`. */
export const planStream = (planId: string): string => `plan-${planId}`;

/** Reservation of the one ACTIVE plan per territory unit and period: `activePlan-<unitId>.<period>`. */
export const activePlanStream = (unitId: string, period: string): string => `activePlan-${unitId}.${period}`;

export { AnotherPlanActive };
