import { CorruptEventError } from './corrupt-event.error.js';
import type { EventStore } from './event-store.port.js';
import { GENESIS_HASH, chainHash } from './integrity.js';

/** The first broken link found: which event, and what was expected there. */
export type ChainBreak = {
  streamId: string;
  revision: bigint;
  position: bigint;
  kind: 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap' | 'undecodable';
  expected: string;
  found: string;
};

export type ChainReport = { ok: true; events: number; streams: number; head: bigint | null } | ({ ok: false; events: number } & ChainBreak);

/**
 * Walks the whole log in global order and checks every per-stream hash chain: each event's hash recomputed from
 * its canonical form, its prevHash equal to the previous event's hash in the stream, and revisions contiguous from 0.
 * Stops at the first broken link and names it exactly. Reads the store's raw events (no upcasting).
 */
export async function verifyChains(store: EventStore, { batchSize = 1000, onProgress }: { batchSize?: number; onProgress?: (events: number) => void } = {}): Promise<ChainReport> {
  const last = new Map<string, { revision: bigint; hash: string }>();
  let after: bigint | null = null;
  let events = 0;
  // An adapter may decode an event when it reads it or when its data is first used (SQLite): either way a
  // CorruptEventError names it.
  const undecodable = (e: unknown): ChainReport => {
    if (!(e instanceof CorruptEventError)) throw e;
    return { ok: false, events, streamId: e.streamId, revision: e.revision, position: e.position, kind: 'undecodable', expected: 'valid JSON', found: e.reason };
  };
  for (;;) {
    let batch;
    try {
      batch = await store.readAll({ after, maxCount: batchSize });
    } catch (e) {
      return undecodable(e);
    }
    if (batch.length === 0) break;
    for (const e of batch) {
      const prev = last.get(e.streamId);
      const expectedRevision = prev ? prev.revision + 1n : 0n;
      const at = { streamId: e.streamId, revision: e.revision, position: e.position };
      if (e.revision !== expectedRevision) {
        return { ok: false, events, ...at, kind: 'revision-gap', expected: expectedRevision.toString(), found: e.revision.toString() };
      }
      const expectedPrev = prev?.hash ?? GENESIS_HASH;
      if (e.prevHash !== expectedPrev) return { ok: false, events, ...at, kind: 'prev-hash-mismatch', expected: expectedPrev, found: e.prevHash };
      let recomputed;
      try {
        recomputed = chainHash(e.prevHash, e);
      } catch (error) {
        return undecodable(error);
      }
      if (recomputed !== e.hash) return { ok: false, events, ...at, kind: 'hash-mismatch', expected: recomputed, found: e.hash };
      last.set(e.streamId, { revision: e.revision, hash: e.hash });
      events += 1;
      after = e.position;
    }
    onProgress?.(events);
  }
  return { ok: true, events, streams: last.size, head: after };
}
