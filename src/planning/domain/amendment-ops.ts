import { parseMoney } from '../../shared/domain/money.js';
import { type ActionSpec, type FundingSource, type PlanContent, fundingMatchesCost } from './plan-content.js';
import { FundingDoesNotMatchCost, InvalidAmendmentOp, InvalidTimeline, UnknownPriority } from './planning.errors.js';

export const AMENDMENT_OPS = ['ADD_ACTION', 'REVISE_ACTION', 'DROP_ACTION', 'REPRIORITISE', 'CHANGE_FUNDING'] as const;

/** Fields of an action REVISE_ACTION may change (funding goes through CHANGE_FUNDING). */
export type RevisableFields = Partial<Pick<ActionSpec, 'priorityId' | 'title' | 'cost' | 'responsibleParty' | 'start' | 'end' | 'indicators'>>;

/** One change an amendment makes to the plan (DOMAIN.md 5.5). */
export type AmendmentOp =
  | { op: 'ADD_ACTION'; action: ActionSpec }
  | { op: 'REVISE_ACTION'; actionId: string; fields: RevisableFields }
  | { op: 'DROP_ACTION'; actionId: string }
  | { op: 'REPRIORITISE'; ranking: string[] }
  | { op: 'CHANGE_FUNDING'; actionId: string; fundingSources: FundingSource[] };

/** Checks an action's own rules: its priority exists, funding adds up to the cost, it ends after it starts. */
export const checkAction = (content: Pick<PlanContent, 'priorities'>, a: ActionSpec, path: string): void => {
  parseMoney(a.cost, `${path}.cost`);
  a.fundingSources.forEach((f, i) => parseMoney(f.amount, `${path}.fundingSources[${i}].amount`));
  if (!content.priorities.some((p) => p.priorityId === a.priorityId)) throw new UnknownPriority(a.priorityId, `${path}.priorityId`);
  if (!fundingMatchesCost(a)) throw new FundingDoesNotMatchCost(a.actionId, `${path}.fundingSources`);
  if (a.end < a.start) throw new InvalidTimeline(`${path}.end`);
};

/** The plan content after `ops`, at `toVersion`. Throws when an op does not fit the content. Pure. */
export const applyOps = (content: PlanContent, ops: readonly AmendmentOp[], toVersion: number): PlanContent => {
  let c: PlanContent = { ...content, version: toVersion };
  // Rules are checked once all ops are applied: a cost revision and its new funding come as two ops.
  const touched = new Map<string, string>();
  ops.forEach((op, i) => {
    const path = `ops[${i}]`;
    const find = (actionId: string) => {
      const a = c.actions.find((x) => x.actionId === actionId);
      if (!a) throw new InvalidAmendmentOp(`Action ${actionId} is not in the plan.`, `${path}.actionId`);
      return a;
    };
    const replace = (a: ActionSpec) => {
      touched.set(a.actionId, path);
      c = { ...c, actions: c.actions.map((x) => (x.actionId === a.actionId ? a : x)) };
    };
    switch (op.op) {
      case 'ADD_ACTION':
        if (c.actions.some((x) => x.actionId === op.action.actionId)) throw new InvalidAmendmentOp(`Action ${op.action.actionId} is already in the plan.`, `${path}.action.actionId`);
        touched.set(op.action.actionId, `${path}.action`);
        c = { ...c, actions: [...c.actions, op.action] };
        break;
      case 'REVISE_ACTION':
        replace({ ...find(op.actionId), ...op.fields });
        break;
      case 'CHANGE_FUNDING':
        replace({ ...find(op.actionId), fundingSources: op.fundingSources });
        break;
      case 'DROP_ACTION':
        find(op.actionId);
        touched.delete(op.actionId);
        c = { ...c, actions: c.actions.filter((x) => x.actionId !== op.actionId) };
        break;
      case 'REPRIORITISE': {
        const ids = c.priorities.map((p) => p.priorityId);
        if (op.ranking.length !== ids.length || new Set(op.ranking).size !== ids.length || !ids.every((id) => op.ranking.includes(id))) {
          throw new InvalidAmendmentOp('The ranking must list every priority of the plan exactly once.', `${path}.ranking`);
        }
        const byId = new Map(c.priorities.map((p) => [p.priorityId, p]));
        c = { ...c, priorities: op.ranking.map((id, r) => ({ ...byId.get(id)!, rank: r + 1 })) };
        break;
      }
    }
  });
  for (const [actionId, path] of touched) checkAction(c, c.actions.find((a) => a.actionId === actionId)!, path);
  return c;
};
