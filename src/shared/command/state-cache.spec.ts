import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../config/app.config.js';
import { type Decider, fold } from '../domain/decider.js';
import type { CommandMetadata } from '../domain/message.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { CommandPipeline } from './command-pipeline.js';
import { countingReads as counting } from '../../../test/support/counting-event-store.js';

type Add = { type: 'Add'; data: { amount: number }; metadata: CommandMetadata };
/** Each event records the total the decider saw, so a wrong state shows in the log. */
type Added = { type: 'Added'; data: { amount: number; seenTotal: number; seenCount: number } };
type Tally = { total: number; count: number };

const counter = (): Decider<Tally, Add, Added> & { version: number } => ({
  version: 1,
  initialState: () => ({ total: 0, count: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount, count: s.count + 1 }),
  decide: (c, s) => (c.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: c.data.amount, seenTotal: s.total, seenCount: s.count } }]),
});

const metadata: CommandMetadata = { actor: { id: 'tester', role: 'administrator' }, now: '2019-05-01T00:00:00.000Z', correlationId: 'c' };
const add = (amount: number): Add => ({ type: 'Add', data: { amount }, metadata });


describe('CommandPipeline: cached folds by stream revision and decider version', () => {
  let raw: SqliteEventStore;
  let store: EventStore;
  let reads: number[];
  let pipeline: CommandPipeline;
  beforeEach(() => {
    raw = SqliteEventStore.open(':memory:');
    ({ store, reads } = counting(raw));
    pipeline = new CommandPipeline(store, { commandRetries: 3 } as AppConfig);
  });
  afterEach(() => raw.close());

  const run = (decider: Decider<Tally, Add, Added>, amount: number, streamId = 'tally-1') =>
    pipeline.run({ id: 'tally', streamId, decider, command: add(amount), context: {} });

  it('reads only the events after the cached revision, and decides on the same state as a full fold', async () => {
    const decider = counter();
    const amounts = Array.from({ length: 60 }, (_, i) => (i % 7) + 1);
    for (const a of amounts) await run(decider, a);
    // After the first command, each read returns the cached event and the one event the previous command appended.
    expect(reads[0]).toBe(0);
    expect(reads.slice(2).every((n) => n === 2)).toBe(true);

    const log = (await raw.readStream('tally-1')) as unknown as Array<RecordedEvent & Added>;
    expect(log).toHaveLength(60);
    // Every decision saw exactly the fold of the events before it.
    log.forEach((e, i) => {
      const full = fold(decider, log.slice(0, i) as unknown as Added[]);
      expect({ total: e.data.seenTotal, count: e.data.seenCount }).toEqual(full);
    });
    expect(pipeline.states.stats).toMatchObject({ hits: 58, misses: 2 }); // the empty stream, then the first full read
  });

  it('folds the events another writer appended after the cached revision', async () => {
    const decider = counter();
    await run(decider, 5);
    await run(decider, 5);
    // Another process (or a pipeline without this cache) appends behind the cache's back.
    await new CommandPipeline(raw, { commandRetries: 3 } as AppConfig).run({ id: 'tally', streamId: 'tally-1', decider, command: add(100), context: {} });
    const r = await run(decider, 1);
    expect(r.body.revision).toBe('3');
    const last = (await raw.readStream('tally-1')).at(-1)!;
    expect(last.data).toEqual({ amount: 1, seenTotal: 110, seenCount: 3 });
  });

  it('folds again from the first event when the decider version changes', async () => {
    const decider = counter();
    for (let i = 0; i < 10; i++) await run(decider, 2);
    // The new version counts every event double: the cached state (v1) must not be reused.
    decider.version = 2;
    decider.evolve = (s, e) => ({ total: s.total + 2 * e.data.amount, count: s.count + 1 });
    reads.length = 0;
    await run(decider, 1);
    expect(reads[0]).toBe(10); // the whole stream, not the cached tail
    expect((await raw.readStream('tally-1')).at(-1)!.data).toEqual({ amount: 1, seenTotal: 40, seenCount: 10 });
    // And the v2 state is cached from then on.
    reads.length = 0;
    await run(decider, 1);
    expect(reads).toEqual([2]); // the cached event and the one appended since
    expect((await raw.readStream('tally-1')).at(-1)!.data).toEqual({ amount: 1, seenTotal: 42, seenCount: 11 });
  });

  it('does not use a state another decider folded, nor one of a store that no longer has the event', async () => {
    const a = counter();
    const b = counter();
    for (let i = 0; i < 3; i++) await run(a, 1);
    reads.length = 0;
    await run(b, 1);
    expect(reads[0]).toBe(3);

    // Same stream id in a fresh store: the cached event id is not found, so the stream is read in full.
    const fresh = SqliteEventStore.open(':memory:');
    try {
      await fresh.appendToStream('tally-1', [{ type: 'Added', data: { amount: 50, seenTotal: 0, seenCount: 0 }, metadata: { actor: metadata.actor, correlationId: 'c', occurredAt: metadata.now } }], 'no_stream');
      const other = new CommandPipeline(fresh, { commandRetries: 3 } as AppConfig);
      Object.assign(other, { states: pipeline.states });
      await other.run({ id: 'tally', streamId: 'tally-1', decider: b, command: add(1), context: {} });
      expect((await fresh.readStream('tally-1')).at(-1)!.data).toEqual({ amount: 1, seenTotal: 50, seenCount: 1 });
    } finally {
      await fresh.close();
    }
  });

  it('answers a no-op from the cached state with the stream revision and position', async () => {
    const decider = counter();
    const first = await run(decider, 3);
    const noop = await run(decider, 0);
    expect(noop.body).toMatchObject({ revision: '0', position: first.body.position, eventsAppended: 0 });
  });
});
