import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { type Money, minorOf, sumMoney } from '../../shared/domain/money.js';

/** Where an action's money comes from (DOMAIN.md 2, 1.6). */
export const FUNDING_SOURCES = ['LOCAL_BUDGET', 'DISTRICT_BUDGET', 'AUYL_EL_BESIGI', 'NURLY_ZHOL', 'NURLY_ZHER', 'EU_PROJECT', 'COMMUNITY', 'SPONSOR', 'OTHER'] as const;
export type FundingSourceKind = (typeof FUNDING_SOURCES)[number];
export const FUNDING_STATUSES = ['INDICATIVE', 'COMMITTED', 'RECEIVED'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];
export const ACTION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type FundingSource = { source: FundingSourceKind; amount: Money; status: FundingStatus };
export type Indicator = { name: string; unit: string; baseline: string; target: string };
export type Problem = { problemId: string; title: string; category: string; discussionId: string };
export type Priority = { priorityId: string; rank: number; title: string; sector: string; problemIds: string[] };

/** The content of an action as the plan text states it (status is monitoring, not content). */
export type ActionSpec = {
  actionId: string;
  priorityId: string;
  title: string;
  cost: Money;
  fundingSources: FundingSource[];
  responsibleParty: string;
  start: string;
  end: string;
  indicators: Indicator[];
};

/** The part of a plan that is voted on and versioned: what the content hash covers. */
export type PlanContent = {
  planId: string;
  territoryUnitId: string;
  programmeId: string | null;
  period: string;
  version: number;
  vision: string;
  problems: Problem[];
  priorities: Priority[];
  actions: ActionSpec[];
};

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a value: the hash a vote pins. */
export const contentHashOf = (value: unknown): string => createHash('sha256').update(canonicalize(value) ?? '', 'utf8').digest('hex');

/** Whether an action's funding sources add up exactly to its cost, all in the cost's currency. */
export const fundingMatchesCost = (a: Pick<ActionSpec, 'cost' | 'fundingSources'>): boolean =>
  a.fundingSources.length > 0 &&
  a.fundingSources.every((f) => f.amount.currency === a.cost.currency) &&
  minorOf(sumMoney(a.cost.currency, a.fundingSources.map((f) => f.amount))) === minorOf(a.cost);

/** The fields of an action a revision may change, with their before and after values. */
export type FieldChange = { field: string; from: unknown; to: unknown };

/** A structured diff between two plan versions: actions added, revised field by field, dropped; priorities reordered. */
export type PlanDiff = {
  fromVersion: number;
  toVersion: number;
  actionsAdded: ActionSpec[];
  actionsRevised: Array<{ actionId: string; changes: FieldChange[] }>;
  actionsDropped: ActionSpec[];
  prioritiesReordered: Array<{ priorityId: string; fromRank: number | null; toRank: number | null }>;
};

const ACTION_FIELDS = ['priorityId', 'title', 'cost', 'fundingSources', 'responsibleParty', 'start', 'end', 'indicators'] as const;
const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** The structured diff from `before` to `after`. Pure. */
export const diffContent = (before: PlanContent, after: PlanContent): PlanDiff => {
  const old = new Map(before.actions.map((a) => [a.actionId, a]));
  const now = new Map(after.actions.map((a) => [a.actionId, a]));
  const revised: PlanDiff['actionsRevised'] = [];
  for (const a of after.actions) {
    const b = old.get(a.actionId);
    if (!b) continue;
    const changes = ACTION_FIELDS.filter((f) => !same(b[f], a[f])).map((f) => ({ field: f, from: b[f], to: a[f] }));
    if (changes.length > 0) revised.push({ actionId: a.actionId, changes });
  }
  const oldRanks = new Map(before.priorities.map((p) => [p.priorityId, p.rank]));
  const newRanks = new Map(after.priorities.map((p) => [p.priorityId, p.rank]));
  const ids = [...new Set([...oldRanks.keys(), ...newRanks.keys()])];
  return {
    fromVersion: before.version,
    toVersion: after.version,
    actionsAdded: after.actions.filter((a) => !old.has(a.actionId)),
    actionsRevised: revised,
    actionsDropped: before.actions.filter((a) => !now.has(a.actionId)),
    prioritiesReordered: ids
      .filter((id) => oldRanks.get(id) !== newRanks.get(id))
      .map((id) => ({ priorityId: id, fromRank: oldRanks.get(id) ?? null, toRank: newRanks.get(id) ?? null })),
  };
};
