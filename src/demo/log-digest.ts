import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { isEncryptedValue } from '../privacy/encrypted-value.js';

export type LogDigest = {
  events: number;
  /**
   * SHA-256 over every event, in log order, as written (ciphertexts and chain hashes included). Equal for two seeds
   * of the demo with the same random seed (DemoRandomSource), different with another one.
   */
  raw: string;
  /**
   * SHA-256 over every event with each sealed personal value reduced to its key id (its IV and ciphertext left out)
   * and without the chain hashes, which cover those bytes: what the log says, whatever the keys that sealed it.
   */
  content: string;
  /** Sealed personal values met. */
  sealed: number;
};

const json = (v: unknown) => canonicalize(v) ?? '';

/** Digests of the whole event log (see LogDigest). */
export async function logDigest(store: EventStore): Promise<LogDigest> {
  const raw = createHash('sha256');
  const content = createHash('sha256');
  let events = 0;
  let sealed = 0;
  const strip = (v: unknown): unknown => {
    if (isEncryptedValue(v)) {
      sealed++;
      return { keyId: v.keyId, alg: v.alg, sealed: true };
    }
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]));
    return v;
  };
  for (let after: bigint | null = null; ; ) {
    const batch: RecordedEvent[] = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      const fields = { ...e, revision: e.revision.toString(), position: e.position.toString() };
      raw.update(json(fields)).update('\n');
      const { prevHash: _p, hash: _h, ...rest } = fields;
      content.update(json({ ...rest, data: strip(rest.data), metadata: strip(rest.metadata) })).update('\n');
      events++;
    }
    after = batch.at(-1)!.position;
  }
  return { events, raw: raw.digest('hex'), content: content.digest('hex'), sealed };
}
