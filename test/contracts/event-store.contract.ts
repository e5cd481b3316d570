import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DuplicateIdempotencyKeyError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  VersionConflictError,
} from '../../src/shared/event-store/event-store.port.js';
import { GENESIS_HASH, chainHash } from '../../src/shared/event-store/integrity.js';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';

const actor = { id: 'contract-test', role: 'administrator' };
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  data: data as NewEvent['data'],
  metadata: { actor, correlationId: randomUUID(), occurredAt: '2019-06-05T09:30:00.000Z' },
});
const stream = (prefix = 'contract') => `${prefix}-${randomUUID()}`;

/** Takes events from a subscription until one satisfies `until`, giving up after `ms`. */
const takeUntil = async (iterator: AsyncIterator<RecordedEvent>, until: (e: RecordedEvent) => boolean, ms: number): Promise<RecordedEvent[]> => {
  const got: RecordedEvent[] = [];
  const deadline = Date.now() + ms;
  while (!got.some(until)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), left);
      }),
    ]);
    clearTimeout(timer);
    if (next === 'timeout' || next.done) break;
    got.push(next.value);
  }
  return got;
};

/**
 * The EventStore contract: every adapter must pass it. `open` returns a fresh store (it may share a server with
 * other runs: tests use fresh stream names and positions relative to the head they saw).
 */
export const eventStoreContract = (name: string, open: () => Promise<EventStore>) =>
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    describe('appending', () => {
      it('creates a stream with no_stream and numbers revisions from 0', async () => {
        const s = stream();
        const r = await store.appendToStream(s, [event('A'), event('B')], 'no_stream');
        expect(r.nextRevision).toBe(1n);
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.revision])).toEqual([['A', 0n], ['B', 1n]]);
        expect(read[1]!.position).toBe(r.position);
        expect(await store.streamRevision(s)).toBe(1n);
      });

      it('refuses no_stream on an existing stream and stream_exists on a missing one', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')], 'no_stream');
        await expect(store.appendToStream(s, [event('B')], 'no_stream')).rejects.toBeInstanceOf(VersionConflictError);
        await expect(store.appendToStream(stream(), [event('B')], 'stream_exists')).rejects.toBeInstanceOf(VersionConflictError);
        await store.appendToStream(s, [event('C')], 'stream_exists');
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'C']);
      });

      it('rejects a stale expected revision with the actual revision, and appends nothing', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A'), event('B')], 'no_stream');
        const refused = store.appendToStream(s, [event('C'), event('D')], 0n);
        await expect(refused).rejects.toBeInstanceOf(VersionConflictError);
        await expect(refused).rejects.toMatchObject({ streamId: s, expected: 0n, actual: 1n });
        expect(await store.readStream(s)).toHaveLength(2);
        await store.appendToStream(s, [event('C')], 1n);
        expect(await store.streamRevision(s)).toBe(2n);
      });

      it('accepts any on new and existing streams', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')], 'any');
        await store.appendToStream(s, [event('B')], 'any');
        expect(await store.streamRevision(s)).toBe(1n);
      });

      it('lets exactly one of several concurrent appends at the same revision win', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')], 'no_stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.appendToStream(s, [event('B', { i })], 0n)));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(VersionConflictError);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('keeps a given event id', async () => {
        const s = stream();
        const eventId = randomUUID();
        await store.appendToStream(s, [{ ...event('A'), eventId }], 'no_stream');
        expect((await store.readStream(s))[0]!.eventId).toBe(eventId);
      });
    });

    describe('reading', () => {
      it('reads a missing stream as empty with no revision', async () => {
        const s = stream();
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.streamRevision(s)).toBeNull();
      });

      it('reads a stream forwards and backwards from a revision with a limit', async () => {
        const s = stream();
        await store.appendToStream(s, ['A', 'B', 'C', 'D', 'E'].map((t) => event(t)), 'no_stream');
        expect((await store.readStream(s, { fromRevision: 1n, maxCount: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect((await store.readStream(s, { direction: 'backwards', maxCount: 2 })).map((e) => e.type)).toEqual(['E', 'D']);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 2n })).map((e) => e.type)).toEqual(['C', 'B', 'A']);
      });

      it('round-trips data, metadata, dates and text unchanged', async () => {
        const s = stream();
        const data = {
          names: { kk: 'Жаңаталап', ru: 'Жанаталап', en: 'Zhanatalap' },
          amount: { amountMinor: '3250000000', currency: 'KZT' },
          effectiveFrom: '2019-01-01',
          at: '2020-01-23T10:00:00.000Z',
          nested: [{ a: 1, b: [true, null, 2.5] }],
        };
        const e = event('Rich', data);
        e.metadata = { ...e.metadata, causationId: 'c-1', commandName: 'DoRich', reason: 'Decision of the meeting № 4', idempotencyKey: 'key-12345678' };
        await store.appendToStream(s, [e], 'no_stream');
        const [read] = await store.readStream(s);
        expect(read!.data).toEqual(data);
        expect(read!.metadata).toEqual(e.metadata);
        expect(read!.schemaVersion).toBe(1);
        expect(read!.streamId).toBe(s);
        expect(new Date(read!.recordedAt).toISOString()).toBe(read!.recordedAt);
      });

      it('reads all events after a position in global order, in batches', async () => {
        const before = await store.headPosition();
        const a = stream('contractAll');
        const b = stream('contractAll');
        await store.appendToStream(a, [event('A1'), event('A2')], 'no_stream');
        await store.appendToStream(b, [event('B1')], 'no_stream');
        await store.appendToStream(a, [event('A3')], 1n);
        const seen: RecordedEvent[] = [];
        let after = before;
        for (;;) {
          const batch = await store.readAll({ after, maxCount: 2 });
          if (batch.length === 0) break;
          expect(batch.length).toBeLessThanOrEqual(2);
          seen.push(...batch);
          after = batch.at(-1)!.position;
        }
        const ours = seen.filter((e) => e.streamId === a || e.streamId === b);
        expect(ours.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
        for (let i = 1; i < seen.length; i++) expect(seen[i]!.position > seen[i - 1]!.position).toBe(true);
        expect(await store.headPosition()).toBe(seen.at(-1)!.position);
      });
    });

    describe('hash chain', () => {
      it('links every event to the previous one of its stream', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A'), event('B')], 'no_stream');
        await store.appendToStream(s, [event('C')], 1n);
        const read = await store.readStream(s);
        expect(read[0]!.prevHash).toBe(GENESIS_HASH);
        for (let i = 0; i < read.length; i++) {
          if (i > 0) expect(read[i]!.prevHash).toBe(read[i - 1]!.hash);
          expect(read[i]!.hash).toBe(chainHash(read[i]!.prevHash, read[i]!));
        }
        expect(await verifyChains(store)).toMatchObject({ ok: true });
      });
    });

    describe('subscriptions', () => {
      it('catches up from a position, then delivers new events live', async () => {
        const s = stream('contractSub');
        const head = await store.headPosition();
        await store.appendToStream(s, [event('Old1'), event('Old2')], 'no_stream');
        const sub = store.subscribeToAll({ after: head });
        try {
          const ours = (e: RecordedEvent) => e.streamId === s;
          const caughtUp: RecordedEvent[] = [];
          const iterator = sub[Symbol.asyncIterator]();
          while (caughtUp.filter(ours).length < 2) {
            const next = await iterator.next();
            if (next.done) break;
            caughtUp.push(next.value);
          }
          expect(caughtUp.filter(ours).map((e) => e.type)).toEqual(['Old1', 'Old2']);
          const appending = store.appendToStream(s, [event('New1')], 1n);
          const live = (await takeUntil(iterator, (e) => ours(e) && e.type === 'New1', 5000)).filter(ours);
          await appending;
          expect(live.map((e) => e.type)).toEqual(['New1']);
        } finally {
          await sub.close();
        }
      });
    });

    describe('command results (idempotency)', () => {
      it('records a result with the append and refuses a second append under the same scope', async () => {
        const s = stream();
        const scope = `actor:${randomUUID()}`;
        const result = await store.appendToStream(s, [event('A')], 'no_stream', {
          scope,
          result: (a) => ({ requestHash: 'h1', status: 201, body: { revision: a.nextRevision.toString() } }),
        });
        expect(await store.findCommandResult(scope)).toEqual({ requestHash: 'h1', status: 201, body: { revision: result.nextRevision.toString() } });
        await expect(
          store.appendToStream(s, [event('B')], 0n, { scope, result: () => ({ requestHash: 'h1', status: 200, body: {} }) }),
        ).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('records a no-op result once', async () => {
        const scope = `actor:${randomUUID()}`;
        expect(await store.findCommandResult(scope)).toBeNull();
        await store.recordCommandResult(scope, { requestHash: 'h', status: 200, body: { revision: null } });
        await expect(store.recordCommandResult(scope, { requestHash: 'h2', status: 200, body: {} })).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
        expect(await store.findCommandResult(scope)).toEqual({ requestHash: 'h', status: 200, body: { revision: null } });
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
