import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { DevelopmentPlanEvent } from '../domain/development-plan.events.js';
import type { ActionSpec } from '../domain/plan-content.js';
import { evolveImplementation, evolvePlanDocument, type ImplementationDocument, type PlanDocument } from './plans.projection.js';

const P = 'c0000000-0000-7000-8000-000000000001';
const PRIO = 'c0000000-0000-7000-8000-000000000201';
const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' as const });
const action = (actionId: string, cost: string, over: Partial<ActionSpec> = {}): ActionSpec => ({
  actionId, priorityId: PRIO, title: `Action ${actionId.slice(-1)}`, cost: kzt(cost),
  fundingSources: [{ source: 'LOCAL_BUDGET', amount: kzt(cost), status: 'COMMITTED' }],
  responsibleParty: 'Aul akimat', start: '2019-04-01', end: '2019-10-31', indicators: [], ...over,
});
const A1 = action('c0000000-0000-7000-8000-000000000301', '1000');
const A2 = action('c0000000-0000-7000-8000-000000000302', '3000');
let position = 0n;
const recorded = (e: DevelopmentPlanEvent): RecordedEvent =>
  ({ ...e, eventId: `e${position}`, schemaVersion: 1, streamId: `plan-${P}`, revision: position, position: ++position, recordedAt: '2019-06-05T00:00:00Z', metadata: { actor: { id: 'a', role: 'administrator' }, correlationId: 'c', occurredAt: '2019-06-05T00:00:00Z' }, prevHash: '', hash: '' }) as unknown as RecordedEvent;
const history: DevelopmentPlanEvent[] = [
  { type: 'PlanDrafted', data: { planId: P, territoryUnitId: 'u', programmeId: null, period: '2018-2020', vision: 'v', version: 1, draftedAt: 't' } },
  { type: 'PrioritiesSet', data: { planId: P, priorities: [{ priorityId: PRIO, rank: 1, title: 't', sector: 's', problemIds: [] }], voteId: null, setAt: 't' } },
  { type: 'PlanActionAdded', data: { planId: P, action: A1, addedAt: 't' } },
  { type: 'PlanActionAdded', data: { planId: P, action: A2, addedAt: 't' } },
  { type: 'PlanSubmittedForApproval', data: { planId: P, version: 1, contentHash: 'h1', submittedAt: 't' } },
  { type: 'PlanApprovedByCommunity', data: { planId: P, voteId: 'v', decisionId: null, version: 1, contentHash: 'h1', approvedAt: 't' } },
  { type: 'PlanEndorsedByAkim', data: { planId: P, akimTenureId: null, endorsedBy: 'a', endorsedAt: 't' } },
  { type: 'PlanActivated', data: { planId: P, territoryUnitId: 'u', period: '2018-2020', version: 1, activatedAt: 't' } },
  {
    type: 'PlanAmendmentApplied',
    data: { planId: P, amendmentId: 'am', fromVersion: 1, toVersion: 2, ops: [{ op: 'REVISE_ACTION', actionId: A1.actionId, fields: { title: 'Renamed' } }], contentHash: 'h2', appliedAt: 't' },
  },
  { type: 'PlanActionProgressRecorded', data: { planId: P, actionId: A1.actionId, status: 'DONE', spent: kzt('900'), fundingReceived: [{ source: 'LOCAL_BUDGET', amount: kzt('1000') }] } as never },
];

describe('planning.plans', () => {
  const doc = history.map(recorded).reduce<PlanDocument | null>(evolvePlanDocument, null)!;
  it('keeps the version history with a field-by-field diff per amendment', () => {
    expect(doc.versions.map((v) => [v.version, v.madeBy])).toEqual([[1, 'SUBMISSION'], [2, 'AMENDMENT']]);
    expect(doc.versions[1]!.diff).toEqual({
      fromVersion: 1, toVersion: 2, actionsAdded: [], actionsDropped: [], prioritiesReordered: [],
      actionsRevised: [{ actionId: A1.actionId, changes: [{ field: 'title', from: 'Action 1', to: 'Renamed' }] }],
    });
    expect(doc.versions[0]!.content.actions[0]!.title).toBe('Action 1');
    expect(doc).toMatchObject({ status: 'ACTIVE', version: 2, approvals: [{ voteId: 'v', contentHash: 'h1' }] });
  });
});

describe('planning.implementation', () => {
  const doc = history.map(recorded).reduce<ImplementationDocument | null>(evolveImplementation, null)!;
  it('counts the share of actions done and the cost funded by source, exactly', () => {
    expect(doc).toMatchObject({
      actionsTotal: 2, actionsDone: 1, implementationRatePct: '50.00', cost: [kzt('4000')],
      plannedBySource: [{ source: 'LOCAL_BUDGET', amount: kzt('4000') }],
      receivedBySource: [{ source: 'LOCAL_BUDGET', amount: kzt('1000') }],
      spent: [kzt('900')], fundedPct: [{ currency: 'KZT', pct: '25.00' }],
    });
  });
});
