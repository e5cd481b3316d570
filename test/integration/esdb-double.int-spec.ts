import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  type AllStreamResolvedEvent,
  EventStoreDBClient,
  FORWARDS,
  BACKWARDS,
  END,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import { EsdbEventStore } from '../../src/shared/event-store/esdb/esdb-event-store.js';
import { EventStoreUnavailableError, type NewEvent, type RecordedEvent } from '../../src/shared/event-store/event-store.port.js';
import { eventStoreContract } from '../contracts/event-store.contract.js';
import { EsdbDouble } from '../support/esdb-double/index.js';

/**
 * The EventStoreDB adapter over the real client and the real wire protocol, against the in-process EventStoreDB test
 * double (docs/esdb-test-double.md), once per client append path: BatchAppend (what EventStoreDB 21.10+ advertises)
 * and Append (servers that do not advertise BatchAppend). The double always runs: it needs nothing installed.
 * Against a real EventStoreDB, `ESDB_URL=… npm run test:int` runs the same contract (esdb-event-store.int-spec.ts).
 */

// The int project's own testTimeout is not applied by Jest (only a global one is); these tests take well under a
// second each, but the machine may be busy.
jest.setTimeout(60_000);

const PATHS = [
  { batchAppend: true, path: 'BatchAppend' },
  { batchAppend: false, path: 'Append' },
] as const;

const actor = { id: 'esdb-double-test', role: 'administrator' };
const newEvent = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  data: data as NewEvent['data'],
  metadata: { actor, correlationId: randomUUID(), occurredAt: '2019-06-05T09:30:00.000Z' },
});
const raw = (type: string, id: string = randomUUID()) => jsonEvent({ id, type, data: { n: type } });

/** Collects a client read. */
const collect = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
};

/** The next item of an iterator, or 'timeout' after `ms`. */
const nextWithin = async <T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'timeout'> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([iterator.next(), new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
};

/** Takes events from a subscription until `until` holds for one (at most `ms`); fails on a timeout. */
const takeUntil = async (iterator: AsyncIterator<RecordedEvent>, until: (e: RecordedEvent) => boolean, ms = 5000): Promise<RecordedEvent[]> => {
  const got: RecordedEvent[] = [];
  const deadline = Date.now() + ms;
  while (!got.some(until)) {
    const next = await nextWithin(iterator, Math.max(1, deadline - Date.now()));
    if (next === 'timeout') throw new Error(`timed out after ${ms} ms, got ${got.map((e) => `${e.type}@${e.position}`).join(', ')}`);
    if (next.done) throw new Error('the subscription ended');
    got.push(next.value);
  }
  return got;
};

for (const { batchAppend, path } of PATHS) {
  describe(`EventStoreDB adapter over the wire (${path} path)`, () => {
    let double: EsdbDouble;
    beforeAll(async () => {
      // A system event after every third append, so that $all reads meet system events between the clients' events.
      double = await EsdbDouble.start({ batchAppend, systemEventEvery: 3 });
      process.stderr.write(`EventStoreDB contract (int): running against ${double.describe()}\n`);
    });
    afterAll(async () => {
      await double?.stop();
    });

    eventStoreContract(`esdb over gRPC to the test double, ${path}`, async () => EsdbEventStore.connect(double.url));

    describe('EventStoreDB semantics, through the client', () => {
      let client: EventStoreDBClient;
      beforeAll(() => {
        client = EventStoreDBClient.connectionString(double.url);
      });
      afterAll(async () => {
        await client.dispose();
      });

      it('numbers revisions from 0 and answers a wrong expected revision with the current one', async () => {
        const s = `semantics-${randomUUID()}`;
        const first = await client.appendToStream(s, [raw('A'), raw('B')], { expectedRevision: 'no_stream' });
        expect(first).toMatchObject({ success: true, nextExpectedRevision: 1n });
        await expect(client.appendToStream(s, raw('C'), { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          constructor: WrongExpectedVersionError,
          actualVersion: 1n,
          expectedVersion: 'no_stream',
        });
        await expect(client.appendToStream(s, raw('C'), { expectedRevision: 0n })).rejects.toMatchObject({ actualVersion: 1n, expectedVersion: 0n });
        await expect(client.appendToStream(`missing-${randomUUID()}`, raw('C'), { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          actualVersion: 'no_stream',
          expectedVersion: 'stream_exists',
        });
        expect(await client.appendToStream(s, raw('C'), { expectedRevision: 'stream_exists' })).toMatchObject({ nextExpectedRevision: 2n });
        expect(await client.appendToStream(s, raw('D'), { expectedRevision: 'any' })).toMatchObject({ nextExpectedRevision: 3n });
        const read = await collect(client.readStream(s));
        expect(read.map((r) => [r.event!.type, r.event!.revision])).toEqual([['A', 0n], ['B', 1n], ['C', 2n], ['D', 3n]]);
      });

      it('treats a re-append of the same event ids as a success that writes nothing and reports no position', async () => {
        const s = `idempotent-${randomUUID()}`;
        const events = [raw('A'), raw('B')];
        const first = await client.appendToStream(s, events, { expectedRevision: 'no_stream' });
        expect(first.position).toBeDefined();
        const again = await client.appendToStream(s, events, { expectedRevision: 'no_stream' });
        expect(again).toEqual({ success: true, nextExpectedRevision: 1n, position: undefined });
        const anyAgain = await client.appendToStream(s, events, { expectedRevision: 'any' });
        expect(anyAgain).toMatchObject({ success: true, nextExpectedRevision: 1n });
        // Only some of the ids: not a duplicate, and not at the expected revision either.
        await expect(client.appendToStream(s, [events[0]!, raw('C')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await collect(client.readStream(s))).toHaveLength(2);
      });

      it('gives every event a commit position equal to its prepare position, growing in $all, and the append the last one', async () => {
        const s = `positions-${randomUUID()}`;
        const written = await client.appendToStream(s, [raw('A'), raw('B'), raw('C')], { expectedRevision: 'no_stream' });
        const all = await collect(client.readAll({ direction: FORWARDS, fromPosition: START }));
        for (let i = 1; i < all.length; i++) expect(all[i]!.event!.position!.commit > all[i - 1]!.event!.position!.commit).toBe(true);
        for (const r of all) expect(r.event!.position!.commit).toBe(r.event!.position!.prepare);
        const ours = all.filter((r) => r.event!.streamId === s);
        expect(ours.at(-1)!.event!.position).toEqual(written.position);
        expect(ours.map((r) => r.commitPosition)).toEqual(ours.map((r) => r.event!.position!.commit));
      });

      it('reads $all from a position inclusively forwards, and before it backwards', async () => {
        const s = `allreads-${randomUUID()}`;
        await client.appendToStream(s, [raw('A'), raw('B'), raw('C')], { expectedRevision: 'no_stream' });
        const ours = (await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 10 }))).filter((r) => r.event!.streamId === s).reverse();
        expect(ours.map((r) => r.event!.type)).toEqual(['A', 'B', 'C']);
        const b = ours[1]!.event!.position!;
        const forwards = await collect(client.readAll({ direction: FORWARDS, fromPosition: b, maxCount: 2 }));
        expect(forwards.map((r) => r.event!.type)).toEqual(['B', 'C']);
        const backwards = await collect(client.readAll({ direction: BACKWARDS, fromPosition: b, maxCount: 1 }));
        expect(backwards.map((r) => r.event!.type)).toEqual(['A']);
      });

      it('reads a stream forwards and backwards from a revision (inclusive), and a missing stream as not found', async () => {
        const s = `streamreads-${randomUUID()}`;
        await client.appendToStream(s, ['A', 'B', 'C', 'D'].map((t) => raw(t)), { expectedRevision: 'no_stream' });
        const types = async (options: Parameters<EventStoreDBClient['readStream']>[1]) => (await collect(client.readStream(s, options))).map((r) => r.event!.type);
        expect(await types({ fromRevision: 1n, maxCount: 2 })).toEqual(['B', 'C']);
        expect(await types({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual(['D', 'C']);
        expect(await types({ direction: BACKWARDS, fromRevision: 2n })).toEqual(['C', 'B', 'A']);
        // EventStoreDB reads a backwards window ending at the start revision: past the head it comes back short.
        expect(await types({ direction: BACKWARDS, fromRevision: 5n, maxCount: 3 })).toEqual(['D']);
        await expect(collect(client.readStream(`missing-${randomUUID()}`))).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('catches a subscription up over thousands of events in order (flow control on the server side)', async () => {
        const s = `bulk-${randomUUID()}`;
        for (let i = 0; i < 20; i++) {
          await client.appendToStream(s, Array.from({ length: 100 }, (_, j) => raw(`E${i * 100 + j}`)), { expectedRevision: i === 0 ? 'no_stream' : BigInt(i * 100 - 1) });
        }
        const subscription = client.subscribeToStream(s, { fromRevision: START });
        let count = 0;
        try {
          for await (const r of subscription) {
            expect(r.event!.revision).toBe(BigInt(count));
            count++;
            if (count === 2000) break;
          }
        } finally {
          await subscription.unsubscribe();
        }
        expect(count).toBe(2000);
      });

      it('keeps system events in $all and leaves them out of a subscription filtered with excludeSystemEvents', async () => {
        const all = await collect(client.readAll({ direction: FORWARDS, fromPosition: START }));
        expect(all.some((r) => r.event!.streamId === '$settings' && r.event!.type === '$settings')).toBe(true);
        expect(all.some((r) => r.event!.type === '$statsCollected' && r.event!.streamId.startsWith('$stats-'))).toBe(true);

        const s = `filtered-${randomUUID()}`;
        const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
        try {
          await client.appendToStream(s, [raw('A'), raw('B'), raw('C'), raw('D')], { expectedRevision: 'no_stream' });
          const seen: AllStreamResolvedEvent[] = [];
          for await (const r of subscription) {
            seen.push(r);
            if (r.event?.streamId === s && r.event.type === 'D') break;
          }
          expect(seen.length).toBeGreaterThan(4);
          expect(seen.filter((r) => r.event!.type.startsWith('$'))).toEqual([]);
        } finally {
          await subscription.unsubscribe();
        }
      });

      it('confirms a subscription, catches up after its (exclusive) start, says when it caught up, then delivers live events, with checkpoints on a filter', async () => {
        const prefix = `sub${randomUUID().slice(0, 8)}-`;
        const [a, b] = [`${prefix}a`, `${prefix}b`];
        const first = await client.appendToStream(a, [raw('A1'), raw('A2')], { expectedRevision: 'no_stream' });
        await client.appendToStream(`other-${randomUUID()}`, raw('X'), { expectedRevision: 'no_stream' });
        await client.appendToStream(b, raw('B1'), { expectedRevision: 'no_stream' });
        const checkpoints: bigint[] = [];
        const [a1] = (await collect(client.readStream(a, { maxCount: 1 }))).map((r) => r.event!.position!);
        const subscription = client.subscribeToAll({
          fromPosition: a1!,
          filter: streamNameFilter({ prefixes: [prefix], maxSearchWindow: 1, checkpointInterval: 1, checkpointReached: (_s, p) => void checkpoints.push(p.commit) }),
        });
        const events: string[] = [];
        const marks: string[] = [];
        subscription.on('confirmation', () => marks.push('confirmation'));
        subscription.on('caughtUp', () => marks.push(`caughtUp after ${events.length}`));
        try {
          for await (const r of subscription) {
            events.push(r.event!.type);
            if (events.length === 2) await client.appendToStream(b, raw('B2'), { expectedRevision: 0n });
            if (events.length === 3) break;
          }
        } finally {
          await subscription.unsubscribe();
        }
        expect(events).toEqual(['A2', 'B1', 'B2']);
        expect(marks).toEqual(['confirmation', 'caughtUp after 2']);
        expect(checkpoints.length).toBeGreaterThanOrEqual(3);
        for (let i = 1; i < checkpoints.length; i++) expect(checkpoints[i]! > checkpoints[i - 1]!).toBe(true);
        expect(checkpoints[0]! > first.position!.commit - 1n).toBe(true);
      });
    });

    it('deduplicates a racing re-append of the same event id through the adapter (EventStoreDB answers success without a position)', async () => {
      const store = EsdbEventStore.connect(double.url, { clock: () => new Date('2020-01-01T00:00:00.000Z') });
      try {
        const s = `race-${randomUUID()}`;
        const eventId = randomUUID();
        const e = { ...newEvent('Raced'), eventId };
        // Both read the (missing) head before either append reaches the server, so both send the same event id with
        // no_stream: the server writes the first and answers the second as an idempotent success, without a position.
        const results = await Promise.all([store.appendToStream(s, [e], 'no_stream'), store.appendToStream(s, [e], 'no_stream')]);
        const read = await store.readStream(s);
        expect(read.map((r) => r.eventId)).toEqual([eventId]);
        expect(results).toEqual([
          { nextRevision: 0n, position: read[0]!.position },
          { nextRevision: 0n, position: read[0]!.position },
        ]);
      } finally {
        await store.close();
      }
    });

    it('delivers catch-up then live events through the adapter without gaps or duplicates across a stop and start of the server', async () => {
      const store = EsdbEventStore.connect(double.url);
      const s = `restart-${randomUUID()}`;
      const ours = (e: RecordedEvent) => e.streamId === s;
      const delivered: RecordedEvent[] = [];
      try {
        const head = await store.headPosition();
        await store.appendToStream(s, [newEvent('A1'), newEvent('A2')], 'no_stream');
        let sub = store.subscribeToAll({ after: head });
        let iterator = sub[Symbol.asyncIterator]();
        delivered.push(...(await takeUntil(iterator, (e) => ours(e) && e.type === 'A2'))); // catch-up
        await store.appendToStream(s, [newEvent('A3')], 1n);
        delivered.push(...(await takeUntil(iterator, (e) => ours(e) && e.type === 'A3'))); // live

        await double.stop();
        const ended = await nextWithin(iterator, 5000).catch((e: unknown) => e);
        expect(ended).toBeInstanceOf(EventStoreUnavailableError);
        await expect(store.appendToStream(s, [newEvent('Lost')], 2n)).rejects.toBeInstanceOf(EventStoreUnavailableError);
        await double.start();

        // The same adapter (and its client) reconnects: appends after the restart, then resumes where it stopped.
        await store.appendToStream(s, [newEvent('B1'), newEvent('B2')], 2n);
        sub = store.subscribeToAll({ after: delivered.at(-1)!.position });
        iterator = sub[Symbol.asyncIterator]();
        delivered.push(...(await takeUntil(iterator, (e) => ours(e) && e.type === 'B2'))); // catch-up after the restart
        await store.appendToStream(s, [newEvent('B3')], 4n);
        delivered.push(...(await takeUntil(iterator, (e) => ours(e) && e.type === 'B3'))); // live after the restart
        await sub.close();

        expect(delivered.filter(ours).map((e) => e.type)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
        expect(delivered.filter(ours).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]!.position > delivered[i - 1]!.position).toBe(true);
        // Nothing of the log after `head` was skipped: the adapter delivered every non-system event.
        const all = await store.readAll({ after: head, maxCount: 10_000 });
        expect(delivered.map((e) => e.eventId)).toEqual(all.filter((e) => e.position <= delivered.at(-1)!.position).map((e) => e.eventId));
      } finally {
        if (!double.running) await double.start();
        await store.close();
      }
    });

    it('refuses every operation once the adapter is closed, as the SQLite adapter does', async () => {
      const store = EsdbEventStore.connect(double.url);
      await store.ping();
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readStream('any-stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.appendToStream(`closed-${randomUUID()}`, [newEvent('A')], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.subscribeToAll({ after: null })[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it(`appended through ${path} only`, () => {
      if (batchAppend) {
        expect(double.calls.batchAppend).toBeGreaterThan(0);
        expect(double.calls.append).toBe(0);
      } else {
        expect(double.calls.append).toBeGreaterThan(0);
        expect(double.calls.batchAppend).toBe(0);
      }
      process.stderr.write(`EventStoreDB contract (int, ${path} path): ${double.calls.append} Append calls, ${double.calls.batchAppend} BatchAppend appends, ${double.calls.read} reads, ${double.calls.subscribe} subscriptions\n`);
    });
  });
}
