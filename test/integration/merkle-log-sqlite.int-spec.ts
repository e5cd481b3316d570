import { describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import { MerkleLog } from '../../src/integrity/merkle-log.js';
import { DemoEventStore } from '../../src/demo/demo-event-store.js';
import { UpcastingEventStore, Upcasters } from '../../src/shared/event-store/upcasting.js';

const metadata = { actor: { id: 'tester', role: 'system' }, correlationId: 'c', occurredAt: '2026-01-01T00:00:00Z' };

describe('MerkleLog without leaves in memory, over SQLite', () => {
  it('finds events by id through the store and gives the roots and proofs of a full log', async () => {
    const store = SqliteEventStore.open(':memory:', { pollIntervalMs: 60_000 });
    try {
      for (let i = 0; i < 40; i++) {
        await store.appendToStream(`s-${i % 3}`, [0, 1, 2].slice(0, 1 + (i % 3)).map((j) => ({ type: 'T', data: { i, j }, metadata })), 'any');
      }
      const events = await store.readAll({ maxCount: 1000 });
      expect(await store.positionOfEvent(events[5]!.eventId)).toBe(events[5]!.position);
      expect(await store.positionOfEvent('no-such-event')).toBeNull();
      // The application's wrappers pass the lookup on (so its Merkle log keeps no id index of its own).
      const wrapped = new DemoEventStore(new UpcastingEventStore(store, new Upcasters()));
      expect(await wrapped.positionOfEvent!(events[7]!.eventId)).toBe(events[7]!.position);

      const lean = new MerkleLog(store, 7, { leavesInMemory: false });
      const full = new MerkleLog(store, 7);
      const size = await lean.sync();
      expect(await full.sync()).toBe(size);
      expect(size).toBe(events.length);
      for (let n = 1; n <= size; n++) {
        expect(await lean.root(n)).toEqual(full.tree.root(n));
        expect(await lean.inclusionProof(n - 1, n)).toEqual(full.tree.inclusionProof(n - 1, n));
        expect(await lean.inclusionProof(Math.floor(n / 2), n)).toEqual(full.tree.inclusionProof(Math.floor(n / 2), n));
        expect(await lean.consistencyProof(Math.ceil(n / 3), n)).toEqual(full.tree.consistencyProof(Math.ceil(n / 3), n));
      }
      for (const [i, e] of events.entries()) expect(await lean.findEvent(e.eventId)).toBe(i);
    } finally {
      await store.close();
    }
  });
});
