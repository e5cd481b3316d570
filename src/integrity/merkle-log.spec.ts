import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { MerkleLog } from './merkle-log.js';

const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** A log of `n` events at positions 2, 4, 6, ... (gaps, as a log may have), ids UUIDs but every 97th. */
const logOf = (n: number) => {
  const events = Array.from({ length: n }, (_, i) => ({
    position: BigInt(2 * (i + 1)),
    eventId: i % 97 === 0 ? `event-${i}` : randomUUID(),
    streamId: 's',
    type: 'T',
    hash: createHash('sha256').update(String(i)).digest('hex'),
  })) as unknown as RecordedEvent[];
  const store = {
    readAll: async ({ after, maxCount }: ReadAllOptions) => events.filter((e) => e.position > (after ?? 0n)).slice(0, maxCount),
  } as unknown as EventStore;
  return { events, store };
};

describe('MerkleLog', () => {
  it('finds every event by id and by position, in compact storage grown many times over', async () => {
    const { events, store } = logOf(5000);
    const log = new MerkleLog(store, 300);
    expect(await log.sync()).toBe(5000);
    events.forEach((e, i) => {
      expect(log.indexOfEvent(e.eventId)).toBe(i);
      expect(log.indexOfPosition(e.position)).toBe(i);
      expect(log.positionAt(i)).toBe(e.position);
    });
    expect(log.indexOfEvent(randomUUID())).toBeUndefined();
    expect(log.indexOfEvent(events[1]!.eventId.toUpperCase())).toBeUndefined();
    expect(log.indexOfEvent('event-1')).toBeUndefined();
    expect(log.indexOfPosition(3n)).toBeUndefined();
    expect(() => log.positionAt(5000)).toThrow(RangeError);

    // MTH of RFC 9162 2.1.1 written out again, over plain Buffers.
    const leaves = events.map((e) => H(Buffer.from([0]), Buffer.from(e.hash, 'hex')));
    const mth = (from: number, n: number): Buffer => {
      if (n === 1) return leaves[from]!;
      let k = 1;
      while (k * 2 < n) k *= 2;
      return H(Buffer.from([1]), mth(from, k), mth(from + k, n - k));
    };
    for (const size of [1, 2, 3, 1024, 1025, 4999, 5000]) expect(log.tree.root(size)).toEqual(mth(0, size));
    expect(log.tree.leaf(4321)).toEqual(leaves[4321]);
  });
});

describe('MerkleLog without leaves in memory', () => {
  it('answers the same roots and proofs as a full log, reading the leaves it needs again, and finds ids in the store', async () => {
    const { events, store } = logOf(3000);
    let reads = 0;
    const byId = new Map(events.map((e) => [e.eventId, e.position]));
    const lean = new MerkleLog(
      {
        readAll: (options: ReadAllOptions) => {
          reads += 1;
          return store.readAll(options);
        },
        positionOfEvent: async (id: string) => byId.get(id) ?? null,
      } as unknown as EventStore,
      500,
      { leavesInMemory: false },
    );
    const full = new MerkleLog(store, 500);
    expect(await lean.sync()).toBe(3000);
    await full.sync();
    expect(lean.byteLength).toBeLessThan(full.byteLength * 0.5);

    for (const n of [1, 2, 3, 5, 63, 64, 65, 1025, 2999, 3000]) {
      expect(await lean.root(n)).toEqual(full.tree.root(n));
      for (const m of new Set([0, 1, Math.floor(n / 2), n - 1].filter((m) => m < n))) {
        const before = reads;
        expect(await lean.inclusionProof(m, n)).toEqual(full.tree.inclusionProof(m, n));
        expect(await lean.leaf(m)).toEqual(full.tree.leaf(m));
        expect(await lean.consistencyProof(m + 1, n)).toEqual(full.tree.consistencyProof(m + 1, n));
        expect(reads - before).toBeLessThanOrEqual(4);
      }
    }
    for (const i of [0, 1, 96, 97, 1500, 2999]) expect(await lean.findEvent(events[i]!.eventId)).toBe(i);
    expect(await lean.findEvent(randomUUID())).toBeUndefined();
    expect(() => lean.indexOfEvent(events[1]!.eventId)).toThrow(/findEvent/);
  });

  it('keeps its own event-id index when the store cannot look ids up', async () => {
    const { events, store } = logOf(500);
    const lean = new MerkleLog(store, 100, { leavesInMemory: false });
    await lean.sync();
    for (const i of [0, 1, 250, 499]) expect(await lean.findEvent(events[i]!.eventId)).toBe(i);
    expect(lean.indexOfEvent(events[3]!.eventId)).toBe(3);
  });
});
