import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { AmendmentClassification } from '../amendment-policy.js';
import type { AmendmentOp } from '../domain/amendment-ops.js';
import type { AmendmentStatus, DecisionRoute, PlanAmendmentEvent, Proposer } from '../domain/plan-amendment.decider.js';

export const AMENDMENTS_PROJECTION = 'planning.amendments';

/** A plan amendment now (the `planning.amendments` read model). */
export type AmendmentDocument = {
  amendmentId: string;
  planId: string;
  territoryUnitId: string;
  status: AmendmentStatus;
  baseVersion: number;
  ops: AmendmentOp[];
  rationale: string;
  proposer: Proposer;
  classification: AmendmentClassification;
  classificationReasons: string[];
  policyVersion: string;
  contentHash: string;
  route: DecisionRoute | null;
  decision: { outcome: 'APPROVED' | 'REJECTED'; decisionId: string | null; voteId: string | null; at: string } | null;
  appliedVersion: number | null;
  conflict: { baseVersion: number; currentVersion: number; at: string } | null;
  history: Array<{ type: string; at: string }>;
  revision: string;
  position: string;
};

/** Folds one amendment event into its document. Pure. */
export const evolveAmendment = (doc: AmendmentDocument | null, event: RecordedEvent): AmendmentDocument | null => {
  const e = event as unknown as PlanAmendmentEvent;
  const at = event.metadata.occurredAt;
  const stamp = { revision: event.revision.toString(), position: event.position.toString() };
  if (e.type === 'AmendmentProposed') {
    const d = e.data;
    return {
      amendmentId: d.amendmentId,
      planId: d.planId,
      territoryUnitId: d.territoryUnitId,
      status: 'PROPOSED',
      baseVersion: d.baseVersion,
      ops: d.ops,
      rationale: d.rationale,
      proposer: d.proposer,
      classification: d.classification,
      classificationReasons: d.reasons,
      policyVersion: d.policyVersion,
      contentHash: d.contentHash,
      route: null,
      decision: null,
      appliedVersion: null,
      conflict: null,
      history: [{ type: e.type, at }],
      ...stamp,
    };
  }
  if (!doc) return doc;
  const next = { ...doc, ...stamp, history: [...doc.history, { type: e.type, at }] };
  switch (e.type) {
    case 'AmendmentSubmittedForDecision':
      return { ...next, status: 'SUBMITTED', route: e.data.route };
    case 'AmendmentApproved':
      return { ...next, status: 'APPROVED', decision: { outcome: 'APPROVED', decisionId: e.data.decisionId, voteId: e.data.voteId, at } };
    case 'AmendmentRejected':
      return { ...next, status: 'REJECTED', decision: { outcome: 'REJECTED', decisionId: e.data.decisionId, voteId: e.data.voteId, at } };
    case 'AmendmentWithdrawn':
      return { ...next, status: 'WITHDRAWN' };
    case 'AmendmentApplied':
      return { ...next, status: 'APPLIED', appliedVersion: e.data.toVersion };
    case 'AmendmentConflicted':
      return { ...next, status: 'CONFLICTED', conflict: { baseVersion: e.data.baseVersion, currentVersion: e.data.currentVersion, at } };
    case 'AmendmentRebased':
      return {
        ...next,
        status: 'PROPOSED',
        baseVersion: e.data.baseVersion,
        contentHash: e.data.contentHash,
        classification: e.data.classification,
        classificationReasons: e.data.reasons,
        policyVersion: e.data.policyVersion,
        route: null,
        decision: null,
      };
    default:
      return doc;
  }
};

/** `planning.amendments`: each amendment with its classification, decision and outcome. */
export const amendmentsProjection: Projection<AmendmentDocument> = {
  name: AMENDMENTS_PROJECTION,
  version: 1,
  handles: ['AmendmentProposed', 'AmendmentSubmittedForDecision', 'AmendmentApproved', 'AmendmentRejected', 'AmendmentWithdrawn', 'AmendmentApplied', 'AmendmentConflicted', 'AmendmentRebased'],
  fields: [
    { path: 'planId', type: 'string' },
    { path: 'status', type: 'string' },
  ],
  documentId: (event) => (event.data as { amendmentId?: string }).amendmentId ?? null,
  evolve: evolveAmendment,
};
