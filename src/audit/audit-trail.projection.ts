import type { JsonValue } from '../shared/domain/message.js';
import type { RecordedEvent } from '../shared/event-store/event-store.port.js';
import { ALL_EVENTS, type Projection } from '../shared/projections/projection.js';
import { isEncryptedValue } from '../privacy/encrypted-value.js';
import { toJsonSafe } from './json-safe.js';
import { kindOf } from './stream-registry.js';

export const AUDIT_TRAIL_PROJECTION = 'audit.trail';

/** Something an event cites as the ground of a decision: a certified vote, a meeting, a signed document, a hash. */
export type Evidence = { kind: 'vote' | 'meeting' | 'discussion' | 'document' | 'content-hash' | 'policy'; ref: string; sha256?: string };

/**
 * One event of the global audit trail: the envelope (who, in which role, by which command, why, with which correlation
 * and causation), the evidence the event cites, the ids it refers to, and its data with every sealed personal value
 * replaced by a marker (never ciphertext, never plaintext).
 */
export type AuditEntry = {
  eventId: string;
  /** Global log position (a JSON number: exact up to 2^53). */
  position: number;
  type: string;
  schemaVersion: number;
  streamId: string;
  /** Stream category (`plan`, `grantCall`…) and its bounded context (`planning`, `grants`…). */
  category: string;
  context: string;
  revision: number;
  /** Business time of the command (metadata.occurredAt). */
  occurredAt: string;
  /** System time the store accepted the event. */
  recordedAt: string;
  actorId: string;
  actorRole: string;
  commandName: string | null;
  reason: string | null;
  correlationId: string;
  /** The request id (commands over HTTP) or the event id (reactions) that caused this event. */
  causationId: string | null;
  evidence: Evidence[];
  /** Ids the event's data refers to (`…Id`, `…Ids`, a vote subject's `ref`), for finding related aggregates. */
  refs: string[];
  data: JsonValue;
  hash: string;
  prevHash: string;
};

const MAX_REFS = 64;
const EVIDENCE_KEYS: Record<string, Evidence['kind']> = { voteId: 'vote', meetingId: 'meeting', discussionId: 'discussion', contentHash: 'content-hash', policyVersion: 'policy' };

/** The ids and evidence an event body refers to, found by key name at any depth (sealed values are skipped). */
export function referencesOf(data: unknown): { refs: string[]; evidence: Evidence[] } {
  const refs = new Set<string>();
  const evidence = new Map<string, Evidence>();
  const visit = (value: unknown, key: string | null, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object' || isEncryptedValue(value)) {
      if (typeof value !== 'string' || key === null) return;
      if (/Id$/.test(key) || key === 'ref') refs.add(value);
      const kind = EVIDENCE_KEYS[key];
      if (kind) evidence.set(`${kind}:${value}`, { kind, ref: value });
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key !== null && /Ids$/.test(key) ? key.slice(0, -1) : null, depth + 1);
      return;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.documentId === 'string') {
      evidence.set(`document:${o.documentId}`, { kind: 'document', ref: o.documentId, ...(typeof o.sha256 === 'string' ? { sha256: o.sha256 } : {}) });
    }
    for (const [k, v] of Object.entries(o)) visit(v, k, depth + 1);
  };
  visit(data, null, 0);
  return { refs: [...refs].slice(0, MAX_REFS), evidence: [...evidence.values()] };
}

/** The audit entry of a recorded event (pure). */
export function auditEntryOf(e: RecordedEvent): AuditEntry {
  const kind = kindOf(e.streamId);
  const m = e.metadata;
  return {
    eventId: e.eventId,
    position: Number(e.position),
    type: e.type,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    category: kind.category,
    context: kind.context,
    revision: Number(e.revision),
    occurredAt: m.occurredAt,
    recordedAt: e.recordedAt,
    actorId: m.actor.id,
    actorRole: m.actor.role,
    commandName: m.commandName ?? null,
    reason: m.reason ?? null,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    ...referencesOf(e.data),
    data: toJsonSafe(e.data),
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** The global audit trail: one document per event of the log, keyed by event id, with the fields auditors filter on. */
export const auditTrailProjection: Projection<AuditEntry> = {
  name: AUDIT_TRAIL_PROJECTION,
  version: 1,
  handles: [ALL_EVENTS],
  fields: [
    { path: 'position', type: 'number' },
    { path: 'type', type: 'string' },
    { path: 'streamId', type: 'string' },
    { path: 'category', type: 'string' },
    { path: 'context', type: 'string' },
    { path: 'occurredAt', type: 'string' },
    { path: 'recordedAt', type: 'string' },
    { path: 'actorId', type: 'string' },
    { path: 'actorRole', type: 'string' },
    { path: 'commandName', type: 'string' },
    { path: 'correlationId', type: 'string' },
    { path: 'causationId', type: 'string' },
    { path: 'refs', type: 'string', array: true },
  ],
  documentId: (e) => e.eventId,
  evolve: (_doc, e) => auditEntryOf(e),
};
