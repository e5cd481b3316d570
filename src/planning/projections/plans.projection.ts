import { minorOf, money, percentage } from '../../shared/domain/money.js';
import type { Money } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import { type DevelopmentPlan, developmentPlanDecider } from '../domain/development-plan.decider.js';
import type { DevelopmentPlanEvent, PlanStatus } from '../domain/development-plan.events.js';
import { type ActionSpec, type ActionStatus, type PlanContent, type PlanDiff, type Priority, type Problem, diffContent } from '../domain/plan-content.js';

export const PLANS_PROJECTION = 'planning.plans';
export const IMPLEMENTATION_PROJECTION = 'planning.implementation';

const PLAN_EVENTS: DevelopmentPlanEvent['type'][] = [
  'PlanDrafted',
  'ProblemRecorded',
  'PrioritiesSet',
  'PlanActionAdded',
  'PlanActionRevised',
  'PlanActionRemoved',
  'PlanSubmittedForApproval',
  'PlanReturnedToDraft',
  'PlanApprovedByCommunity',
  'PlanEndorsedByAkim',
  'PlanActivated',
  'PlanActionProgressRecorded',
  'IndicatorActualRecorded',
  'PlanAmendmentApplied',
  'PlanClosed',
  'PlanSuperseded',
];

/** A measured value of an action's indicator. */
export type IndicatorActual = { indicator: string; asOf: string; actual: string };

/** The actuals of one action, by indicator and date, from the write model's `<actionId>|<indicator>|<asOf>` keys. */
const actualsOf = (all: Record<string, string>, actionId: string): IndicatorActual[] =>
  Object.entries(all)
    .filter(([key]) => key.startsWith(`${actionId}|`))
    .map(([key, actual]) => {
      const [, indicator, asOf] = key.split('|') as [string, string, string];
      return { indicator, asOf, actual };
    })
    .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.asOf.localeCompare(b.asOf));

/** One recorded version of a plan's text: at submission, or made by an amendment (with its diff from the version before). */
export type PlanVersion = {
  version: number;
  contentHash: string;
  content: PlanContent;
  recordedAt: string;
  madeBy: 'SUBMISSION' | 'AMENDMENT';
  amendmentId: string | null;
  diff: PlanDiff | null;
};

/** A plan now, with its approvals and version history (the `planning.plans` read model). */
export type PlanDocument = {
  planId: string;
  territoryUnitId: string;
  programmeId: string | null;
  period: string;
  status: PlanStatus;
  version: number;
  vision: string;
  problems: Problem[];
  priorities: Priority[];
  actions: Array<ActionSpec & { status: ActionStatus; indicatorActuals: IndicatorActual[] }>;
  submittedContentHash: string | null;
  approvals: Array<{ voteId: string; decisionId: string | null; version: number; contentHash: string; approvedAt: string }>;
  endorsement: { akimTenureId: string | null; endorsedBy: string; endorsedAt: string } | null;
  activatedAt: string | null;
  closure: { implementationRatePct: string | null; actionsDone: number; actionsTotal: number; closedAt: string } | null;
  supersededBy: string | null;
  versions: PlanVersion[];
  revision: string;
  position: string;
  /** The folded write model the view is derived from (not part of the API). */
  _model: DevelopmentPlan;
};

/** Folds one plan event into the plan's document. Pure. */
export const evolvePlanDocument = (doc: PlanDocument | null, event: RecordedEvent): PlanDocument | null => {
  const e = event as unknown as DevelopmentPlanEvent;
  const before = doc?._model ?? developmentPlanDecider.initialState();
  const model = developmentPlanDecider.evolve(before, e);
  if (model.status === 'Empty') return doc;
  const c = model.content;
  const base: PlanDocument = doc ?? {
    planId: c.planId,
    territoryUnitId: c.territoryUnitId,
    programmeId: c.programmeId,
    period: c.period,
    status: model.status,
    version: c.version,
    vision: c.vision,
    problems: [],
    priorities: [],
    actions: [],
    submittedContentHash: null,
    approvals: [],
    endorsement: null,
    activatedAt: null,
    closure: null,
    supersededBy: null,
    versions: [],
    revision: '0',
    position: '0',
    _model: model,
  };
  const next: PlanDocument = {
    ...base,
    status: model.status,
    version: c.version,
    vision: c.vision,
    problems: c.problems,
    priorities: c.priorities,
    actions: c.actions.map((a) => ({ ...a, status: model.actionStatus[a.actionId] ?? 'PLANNED', indicatorActuals: actualsOf(model.indicatorActuals ?? {}, a.actionId) })),
    submittedContentHash: model.submitted?.contentHash ?? null,
    revision: event.revision.toString(),
    position: event.position.toString(),
    _model: model,
  };
  const at = event.metadata.occurredAt;
  switch (e.type) {
    case 'PlanSubmittedForApproval':
      return { ...next, versions: [...next.versions.filter((v) => v.version !== e.data.version), { version: e.data.version, contentHash: e.data.contentHash, content: c, recordedAt: at, madeBy: 'SUBMISSION', amendmentId: null, diff: null }] };
    case 'PlanApprovedByCommunity': {
      const { voteId, decisionId, version, contentHash, approvedAt } = e.data;
      return { ...next, approvals: [...next.approvals, { voteId, decisionId, version, contentHash, approvedAt }] };
    }
    case 'PlanEndorsedByAkim':
      return { ...next, endorsement: { akimTenureId: e.data.akimTenureId, endorsedBy: e.data.endorsedBy, endorsedAt: e.data.endorsedAt } };
    case 'PlanActivated':
      return { ...next, activatedAt: e.data.activatedAt };
    case 'PlanAmendmentApplied': {
      if (before.status === 'Empty') return next;
      const diff = diffContent(before.content, c);
      return { ...next, versions: [...next.versions, { version: e.data.toVersion, contentHash: e.data.contentHash, content: c, recordedAt: at, madeBy: 'AMENDMENT', amendmentId: e.data.amendmentId, diff }] };
    }
    case 'PlanClosed':
      return { ...next, closure: { implementationRatePct: e.data.implementationRatePct, actionsDone: e.data.actionsDone, actionsTotal: e.data.actionsTotal, closedAt: e.data.closedAt } };
    case 'PlanSuperseded':
      return { ...next, supersededBy: e.data.byPlanId };
    default:
      return next;
  }
};

/** `planning.plans`: each plan now, with its approvals, its version history and a structured diff per amendment. */
export const plansProjection: Projection<PlanDocument> = {
  name: PLANS_PROJECTION,
  version: 1,
  handles: PLAN_EVENTS,
  fields: [
    { path: 'territoryUnitId', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'period', type: 'string' },
    { path: 'planId', type: 'string' },
  ],
  documentId: (event) => (event.data as { planId?: string }).planId ?? null,
  evolve: evolvePlanDocument,
};

/** Plan implementation (the `planning.implementation` read model): share of actions done, cost and funding by source. */
export type ImplementationDocument = {
  planId: string;
  territoryUnitId: string;
  period: string;
  status: PlanStatus;
  actionsTotal: number;
  actionsDone: number;
  actionsDropped: number;
  implementationRatePct: string | null;
  cost: Money[];
  plannedBySource: Array<{ source: string; amount: Money }>;
  receivedBySource: Array<{ source: string; amount: Money }>;
  spent: Money[];
  /** Received funding as a share of the cost of the actions not dropped, per currency. */
  fundedPct: Array<{ currency: string; pct: string | null }>;
  position: string;
  _model: DevelopmentPlan;
  _received: Array<{ actionId: string; source: string; amount: Money }>;
  _spent: Array<{ actionId: string; amount: Money }>;
};

const addTo = (list: Array<{ source: string; amount: Money }>, source: string, m: Money) => {
  const i = list.findIndex((x) => x.source === source && x.amount.currency === m.currency);
  if (i < 0) return [...list, { source, amount: m }];
  return list.map((x, j) => (j === i ? { source, amount: money(minorOf(x.amount) + minorOf(m), m.currency) } : x));
};
const byCurrency = (amounts: readonly Money[]): Money[] =>
  addList(amounts.map((m) => ({ source: m.currency, amount: m }))).map((x) => x.amount);
const addList = (items: Array<{ source: string; amount: Money }>) => items.reduce<Array<{ source: string; amount: Money }>>((acc, x) => addTo(acc, x.source, x.amount), []);

/** Folds one plan event into the plan's implementation figures. Pure. */
export const evolveImplementation = (doc: ImplementationDocument | null, event: RecordedEvent): ImplementationDocument | null => {
  const e = event as unknown as DevelopmentPlanEvent;
  const model = developmentPlanDecider.evolve(doc?._model ?? developmentPlanDecider.initialState(), e);
  if (model.status === 'Empty') return doc;
  let received = doc?._received ?? [];
  let spentList = doc?._spent ?? [];
  if (e.type === 'PlanActionProgressRecorded') {
    received = [...received, ...e.data.fundingReceived.map((f) => ({ actionId: e.data.actionId, source: f.source, amount: f.amount }))];
    if (e.data.spent) spentList = [...spentList, { actionId: e.data.actionId, amount: e.data.spent }];
  }
  const live = model.content.actions.filter((a) => model.actionStatus[a.actionId] !== 'DROPPED');
  const done = live.filter((a) => model.actionStatus[a.actionId] === 'DONE').length;
  const cost = byCurrency(live.map((a) => a.cost));
  const receivedBySource = addList(received.map(({ source, amount }) => ({ source, amount })));
  const receivedTotals = byCurrency(received.map((r) => r.amount));
  return {
    planId: model.content.planId,
    territoryUnitId: model.content.territoryUnitId,
    period: model.content.period,
    status: model.status,
    actionsTotal: live.length,
    actionsDone: done,
    actionsDropped: model.content.actions.length - live.length,
    implementationRatePct: percentage(BigInt(done), BigInt(live.length)),
    cost,
    plannedBySource: addList(live.flatMap((a) => a.fundingSources.map((f) => ({ source: f.source, amount: f.amount })))),
    receivedBySource,
    spent: byCurrency(spentList.map((s) => s.amount)),
    fundedPct: cost.map((c) => ({ currency: c.currency, pct: percentage(minorOf(receivedTotals.find((r) => r.currency === c.currency) ?? money(0n, c.currency)), minorOf(c)) })),
    position: event.position.toString(),
    _model: model,
    _received: received,
    _spent: spentList,
  };
};

/** `planning.implementation`: per plan, the share of actions done and the cost funded by source. */
export const implementationProjection: Projection<ImplementationDocument> = {
  name: IMPLEMENTATION_PROJECTION,
  version: 1,
  handles: PLAN_EVENTS,
  fields: [
    { path: 'territoryUnitId', type: 'string' },
    { path: 'status', type: 'string' },
  ],
  documentId: (event) => (event.data as { planId?: string }).planId ?? null,
  evolve: evolveImplementation,
};

/** The plan document as the API shows it (without the folded write model). */
export const publicPlan = ({ _model, ...doc }: PlanDocument) => doc;
export const publicImplementation = ({ _model, _received, _spent, ...doc }: ImplementationDocument) => doc;
