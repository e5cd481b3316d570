import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent } from './event-store.port.js';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything but its global position (known only after the append) and the chain fields. */
export type HashedFields = Pick<RecordedEvent, 'eventId' | 'type' | 'schemaVersion' | 'streamId' | 'revision' | 'recordedAt' | 'data' | 'metadata'>;

/** RFC 8785 canonical JSON of an event's hashed fields; the revision is written as a decimal string. */
export const canonicalEvent = (e: HashedFields): string => {
  const text = canonicalize({
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    revision: e.revision.toString(),
    recordedAt: e.recordedAt,
    data: e.data,
    metadata: e.metadata,
  });
  if (text === undefined) throw new Error(`Event ${e.eventId} cannot be canonicalised`);
  return text;
};

/** hash = hex(SHA-256(prevHash as ASCII hex ‖ RFC 8785 canonical JSON of the hashed fields as UTF-8)). */
export const chainHash = (prevHash: string, e: HashedFields): string =>
  createHash('sha256').update(prevHash, 'ascii').update(canonicalEvent(e), 'utf8').digest('hex');
