import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { NewEvent, ReadAllOptions, RecordedEvent } from '../../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import type { Projection } from '../../src/shared/projections/projection.js';
import { ProjectionRunner } from '../../src/shared/projections/projection-runner.js';
import { SqliteReadStore } from '../../src/shared/read-store/sqlite/sqlite-read-store.js';

const meta = { actor: { id: 'runner-test', role: 'administrator' }, correlationId: 'c', occurredAt: '2019-01-01T00:00:00.000Z' };
const counted = (account: string, n: number): NewEvent => ({ type: 'Counted', data: { account, n }, metadata: meta });

/** Busy-waits `ms` milliseconds (a slow evolve, keeping the event loop as a long synchronous fold would). */
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

type Tally = { account: string; sum: number; events: number };
const tallies: Projection<Tally> = {
  name: 'test.tallies',
  version: 1,
  handles: ['Counted'],
  fields: [{ path: 'sum', type: 'number' }],
  documentId: (e) => (e.data as { account: string }).account,
  evolve: (doc, e: RecordedEvent) => {
    const { account, n } = e.data as { account: string; n: number };
    return { account, sum: (doc?.sum ?? 0) + n, events: (doc?.events ?? 0) + 1 };
  },
};

/** A read store counting document reads, and an event store recording each batch size asked for. */
const instrumented = (events: SqliteEventStore, reads: SqliteReadStore) => {
  const asked: number[] = [];
  let documentReads = 0;
  const eventsProxy = new Proxy(events, {
    get: (t, p) => (p === 'readAll' ? (o: ReadAllOptions) => (asked.push(o.maxCount), t.readAll(o)) : typeof t[p as keyof typeof t] === 'function' ? (t[p as keyof typeof t] as Function).bind(t) : t[p as keyof typeof t]),
  });
  const readsProxy = new Proxy(reads, {
    get: (t, p) => (p === 'getStored' ? (c: string, id: string) => (documentReads++, t.getStored(c, id)) : typeof t[p as keyof typeof t] === 'function' ? (t[p as keyof typeof t] as Function).bind(t) : t[p as keyof typeof t]),
  });
  return { events: eventsProxy, reads: readsProxy, asked, documentReads: () => documentReads };
};

describe('Projection runner: catching up', () => {
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(async () => {
    events = SqliteEventStore.open(':memory:');
    reads = SqliteReadStore.open(':memory:');
    // 3000 events over 40 accounts, interleaved, so documents span many batches.
    await Promise.all(Array.from({ length: 3000 }, (_, i) => events.appendToStream(`account-${i % 40}`, [counted(`a${i % 40}`, i)], 'any')));
  });
  afterEach(async () => {
    await events.close();
    await reads.close();
  });

  const expected = (upTo: number) => {
    const sums = new Map<string, Tally>();
    for (let i = 0; i < upTo; i++) {
      const account = `a${i % 40}`;
      const t = sums.get(account) ?? { account, sum: 0, events: 0 };
      sums.set(account, { account, sum: t.sum + i, events: t.events + 1 });
    }
    return sums;
  };

  it('doubles its batches while they come back full, and builds from zero without reading documents it has not written', async () => {
    const probe = instrumented(events, reads);
    const runner = new ProjectionRunner(probe.events, probe.reads, { batchSize: 100, maxBatchSize: 800 });
    runner.addProjection(tallies);
    await runner.start();
    await runner.catchUp();
    // 100, 200, 400, 800, 800, then 800 more asked for and 700 found (the end).
    expect(probe.asked.slice(0, 6)).toEqual([100, 200, 400, 800, 800, 800]);
    // Documents written by an earlier batch are read back; in the first batch none are.
    expect(probe.documentReads()).toBeLessThanOrEqual(40 * 6);
    expect(probe.documentReads()).toBeGreaterThan(0);
    const collection = runner.collectionFor(tallies.name);
    for (const [id, doc] of expected(3000)) expect(await reads.get(collection, id)).toEqual(doc);

    await events.appendToStream('account-0', [counted('a0', 5)], 'any');
    await runner.catchUp();
    // Back to 100 at the end of the log (that read may come after catchUp resolved the first time, in a later turn).
    expect(probe.asked[6]).toBe(100);
    expect(await reads.get(collection, 'a0')).toEqual({ ...expected(3000).get('a0')!, sum: expected(3000).get('a0')!.sum + 5, events: 76 });
    await runner.stop();
  });

  it('reads each batch of the log once for consumers that follow one another', async () => {
    const probe = instrumented(events, reads);
    const runner = new ProjectionRunner(probe.events, probe.reads, { batchSize: 100, maxBatchSize: 100 });
    const copies = ['a', 'b', 'c', 'd'].map((n) => ({ ...tallies, name: `test.tallies_${n}` }));
    for (const p of copies) runner.addProjection(p);
    await runner.start();
    await runner.catchUp();
    // 30 full batches and the end of the log, for four consumers: without sharing, 4 × 31 reads.
    expect(probe.asked.length).toBeLessThan(31 + 4 * 3);
    for (const p of copies) {
      for (const [id, doc] of expected(3000)) expect(await reads.get(runner.collectionFor(p.name), id)).toEqual(doc);
    }
    await runner.stop();
  });

  it('lets timers and requests run between batches while it catches up', async () => {
    const runner = new ProjectionRunner(events, reads, { batchSize: 100, maxBatchSize: 100 });
    // Each batch takes at least 2 ms, so the whole catch-up (30 batches) takes at least 60.
    runner.addProjection({ ...tallies, evolve: (doc, e) => (e.position % 100n === 0n && spin(2), tallies.evolve(doc, e)) });
    const checkpoint = () => runner.status()[0]?.checkpoint ?? null;
    const server = createServer((_, res) => res.end(String(checkpoint())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await runner.start();
      const timer = new Promise<string | null>((resolve) => setTimeout(() => resolve(checkpoint()), 5));
      const answer = fetch(url).then((r) => r.text());
      const [atTimer, atRequest] = await Promise.all([timer, answer]);
      expect(Number(atTimer)).toBeLessThan(3000);
      expect(Number(atRequest)).toBeLessThan(3000);
      await runner.catchUp();
      expect(checkpoint()).toBe('3000');
    } finally {
      await runner.stop();
      server.close();
    }
  });

  it('passes over batches with none of its types without storing anything, then stores its checkpoint once', async () => {
    const stored: string[] = [];
    const counting = new Proxy(reads, {
      get: (t, p) => (p === 'applyBatch' ? (b: { projection: string }) => (stored.push(b.projection), t.applyBatch(b as never)) : typeof t[p as keyof typeof t] === 'function' ? (t[p as keyof typeof t] as Function).bind(t) : t[p as keyof typeof t]),
    });
    const others: Projection<Tally> = { ...tallies, name: 'test.others', handles: ['Other'] };
    const seen: bigint[] = [];
    const runner = new ProjectionRunner(events, counting, { batchSize: 100, maxBatchSize: 100 });
    runner.addProjection(tallies).addProjection(others).addReactor({ name: 'test.other-reactor', handles: ['Other'], react: async (e) => void seen.push(e.position) });
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    // 30 batches of Counted: the tallies store each; the others store their checkpoint once (at the end of the log, or when stopped).
    expect(stored.filter((p) => p === runner.collectionFor(tallies.name))).toHaveLength(30);
    expect(stored.filter((p) => p === runner.collectionFor(others.name))).toHaveLength(1);
    expect(stored.filter((p) => p === 'reactor:test.other-reactor')).toHaveLength(1);
    expect(await reads.getCheckpoint(runner.collectionFor(others.name))).toBe(3000n);
    expect(await reads.getCheckpoint('reactor:test.other-reactor')).toBe(3000n);

    // An event of its type, later: handled (at least once) and stored with its checkpoint.
    await events.appendToStream('other-1', [{ type: 'Other', data: { account: 'o1', n: 1 }, metadata: meta }], 'no_stream');
    const again = new ProjectionRunner(events, reads, { batchSize: 100 });
    again.addProjection(tallies).addProjection(others).addReactor({ name: 'test.other-reactor', handles: ['Other'], react: async (e) => void seen.push(e.position) });
    await again.start();
    await again.catchUp();
    await again.stop();
    expect(seen).toEqual([3001n]);
    expect(await reads.get(again.collectionFor(others.name), 'o1')).toEqual({ account: 'o1', sum: 1, events: 1 });
    expect(await reads.getCheckpoint(again.collectionFor(others.name))).toBe(3001n);
  });

  it('reads stored documents when it resumes from a checkpoint', async () => {
    const first = new ProjectionRunner(events, reads, { batchSize: 100 });
    first.addProjection(tallies);
    await first.start();
    await first.catchUp();
    await first.stop();
    await Promise.all(Array.from({ length: 40 }, (_, i) => events.appendToStream(`account-${i}`, [counted(`a${i}`, 1)], 'any')));

    const probe = instrumented(events, reads);
    const resumed = new ProjectionRunner(probe.events, probe.reads, { batchSize: 100 });
    resumed.addProjection(tallies);
    await resumed.start();
    await resumed.catchUp();
    expect(probe.documentReads()).toBe(40);
    for (const [id, doc] of expected(3000)) expect(await reads.get(resumed.collectionFor(tallies.name), id)).toEqual({ ...doc, sum: doc.sum + 1, events: doc.events + 1 });
    await resumed.stop();
  });
});
