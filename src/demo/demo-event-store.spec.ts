import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../shared/event-store/sqlite/sqlite-event-store.js';
import { DemoEventStore } from './demo-event-store.js';

const meta = { actor: { id: 'a', role: 'administrator' }, correlationId: 'c', occurredAt: '2018-01-01T00:00:00.000Z' };
/** A few turns of the event loop: long enough for a woken subscription to read and deliver. */
const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('DemoEventStore', () => {
  it('marks events as demo data with ids derived from stream, revision and index', async () => {
    const store = new DemoEventStore(SqliteEventStore.open(':memory:'));
    await store.appendToStream('unit-1', [{ type: 'A', data: {}, metadata: meta }, { type: 'B', data: {}, metadata: meta }], 'no_stream');
    const again = new DemoEventStore(SqliteEventStore.open(':memory:'));
    await again.appendToStream('unit-1', [{ type: 'A', data: {}, metadata: meta }, { type: 'B', data: {}, metadata: meta }], 'no_stream');
    const [a, b] = await store.readStream('unit-1');
    expect(a!.metadata).toMatchObject({ demo: true });
    expect(a!.eventId).not.toBe(b!.eventId);
    expect((await again.readStream('unit-1')).map((e) => e.eventId)).toEqual([a!.eventId, b!.eventId]);
    await store.close();
    await again.close();
  });

  it('wakes its live subscriptions after each append, or every n-th with wakeEvery(n), and at once on wake()', async () => {
    const store = new DemoEventStore(SqliteEventStore.open(':memory:'), 60_000);
    const seen: RecordedEvent[] = [];
    const sub = store.subscribeToAll({ after: null });
    const done = (async () => {
      for await (const e of sub) seen.push(e);
    })();
    const append = (stream: string) => store.appendToStream(stream, [{ type: 'A', data: {}, metadata: meta }], 'no_stream');

    await append('s-1');
    await turns();
    expect(seen).toHaveLength(1);

    store.wakeEvery(3);
    await append('s-2');
    await append('s-3');
    await turns();
    expect(seen).toHaveLength(1); // held back: the poll interval is a minute
    await append('s-4');
    await turns();
    expect(seen.map((e) => e.streamId)).toEqual(['s-1', 's-2', 's-3', 's-4']);

    await append('s-5');
    await turns();
    expect(seen).toHaveLength(4);
    store.wake();
    await turns();
    expect(seen.map((e) => e.streamId)).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5']);

    await sub.close();
    await done;
    await store.close();
  });
});
