import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { DuplicateIdempotencyKeyError, type NewEvent, VersionConflictError } from '../../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';

const event = (type: string, data: Record<string, string | number> = {}): NewEvent => ({
  type,
  data,
  metadata: { actor: { id: 'tester', role: 'administrator' }, correlationId: randomUUID(), occurredAt: '2019-03-14T08:00:00.000Z' },
});

describe('SQLite event store: group commit', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-group-'));
    path = join(dir, 'events.db');
    store = SqliteEventStore.open(path);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits appends issued in one turn in one transaction, each settled with its own outcome', async () => {
    await store.appendToStream('unit-a', [event('Registered')], 'no_stream');
    await store.appendToStream('unit-b', [event('Registered')], 'no_stream');
    const before = store.groupCommitStats;

    const outcomes = await Promise.allSettled([
      store.appendToStream('unit-a', [event('Renamed', { n: 1 })], 0n), // ok: a at 0 → 1
      store.appendToStream('unit-b', [event('Renamed', { n: 2 })], 5n), // conflict: b is at 0
      store.appendToStream('unit-a', [event('Renamed', { n: 3 })], 0n), // conflict: the first append moved a to 1
      store.appendToStream('unit-a', [event('Renamed', { n: 4 }), event('Retired')], 1n), // ok, sees the first append
      store.appendToStream('unit-c', [event('Registered')], 'no_stream', { scope: 'k1', result: () => ({ requestHash: 'h', status: 201, body: {} }) }),
      store.appendToStream('unit-d', [event('Registered')], 'no_stream', { scope: 'k1', result: () => ({ requestHash: 'h', status: 201, body: {} }) }), // duplicate key
      store.appendToStream('unit-b', [event('Renamed', { n: 7 })], 0n), // ok despite the conflict on b above
    ]);

    const after = store.groupCommitStats;
    expect(after.transactions - before.transactions).toBe(1);
    expect(after.appends - before.appends).toBe(7);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ constructor: VersionConflictError, streamId: 'unit-b', expected: 5n, actual: 0n });
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ constructor: VersionConflictError, streamId: 'unit-a', expected: 0n, actual: 1n });
    expect((outcomes[5] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateIdempotencyKeyError);
    expect((outcomes[3] as PromiseFulfilledResult<{ nextRevision: bigint }>).value.nextRevision).toBe(3n);

    // A refused append wrote nothing: its savepoint was rolled back, the others' writes kept.
    expect((await store.readStream('unit-a')).map((e) => e.data.n ?? e.type)).toEqual(['Registered', 1, 4, 'Retired']);
    expect((await store.readStream('unit-b')).map((e) => e.data.n ?? e.type)).toEqual(['Registered', 7]);
    expect(await store.readStream('unit-d')).toEqual([]);
    expect(await store.findCommandResult('k1')).toEqual({ requestHash: 'h', status: 201, body: {} });
    expect(await verifyChains(store)).toMatchObject({ ok: true, events: 7 });
    // Rolled-back savepoints leave no hole in the global log.
    expect((await store.readAll({ after: null, maxCount: 100 })).map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
  });

  it('keeps the others of a batch when one append fails part-way through its writes (a duplicate event id)', async () => {
    const taken = randomUUID();
    await store.appendToStream('unit-a', [{ ...event('Registered'), eventId: taken }], 'no_stream');
    const before = store.groupCommitStats;

    const outcomes = await Promise.allSettled([
      store.appendToStream('unit-b', [event('Registered')], 'no_stream'),
      // Its first event is written before the second's id collides: the whole append must leave nothing behind.
      store.appendToStream('unit-c', [event('Registered'), { ...event('Renamed'), eventId: taken }], 'no_stream', { scope: 'k2', result: () => ({ requestHash: 'h', status: 201, body: {} }) }),
      store.appendToStream('unit-a', [event('Renamed', { n: 1 })], 5n), // conflict: a is at 0
      store.appendToStream('unit-d', [event('Registered')], 'no_stream'),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect(store.groupCommitStats.transactions - before.transactions).toBe(1);
    expect(await store.readStream('unit-c')).toEqual([]);
    expect(await store.findCommandResult('k2')).toBeNull();
    expect((await store.readStream('unit-b')).map((e) => e.type)).toEqual(['Registered']);
    expect((await store.readStream('unit-d')).map((e) => e.type)).toEqual(['Registered']);
    expect(await verifyChains(store)).toMatchObject({ ok: true, events: 3 });
    expect((await store.readAll({ after: null, maxCount: 100 })).map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('assigns global positions in the order of the calls, without gaps', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.appendToStream(`s-${i % 5}`, [event('E', { i }), event('F', { i })], 'any')));
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 40 }, (_, i) => BigInt(2 * i + 2)));
    const all = await store.readAll({ after: null, maxCount: 1000 });
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 80 }, (_, i) => BigInt(i + 1)));
    expect(all.filter((e) => e.type === 'E').map((e) => e.data.i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('has every acknowledged append on disk: another connection sees it without the store closing', async () => {
    const acked: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let k = 0; k < 5; k++) {
          const id = `w${w}-${k}`;
          await store.appendToStream(`writer-${w}`, [event('Written', { id })], k === 0 ? 'no_stream' : BigInt(k - 1));
          acked.push(id);
        }
      }),
    );
    // Fewer transactions than appends: the writers' appends shared commits.
    expect(store.groupCommitStats.transactions).toBeLessThan(80);
    // A fresh connection, as after a crash of this process, reads every acknowledged event.
    const other = new Database(path, { readonly: true });
    try {
      const ids = other.prepare<[], { data: string }>('SELECT data FROM events ORDER BY position').all().map((r) => JSON.parse(r.data).id as string);
      expect(new Set(ids)).toEqual(new Set(acked));
      expect(ids).toHaveLength(80);
    } finally {
      other.close();
    }
  });

  it('commits a full batch at once and waits no longer than the window for a lone append', async () => {
    await store.close();
    store = SqliteEventStore.open(path, { groupCommitWindowMs: 30, groupCommitMaxBatch: 4 });
    const started = Date.now();
    await store.appendToStream('lone', [event('E')], 'no_stream');
    const lone = Date.now() - started;
    expect(lone).toBeGreaterThanOrEqual(25);
    expect(lone).toBeLessThan(1000);

    await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendToStream(`full-${i}`, [event('E')], 'no_stream')));
    const stats = store.groupCommitStats;
    expect(stats.largestBatch).toBe(4);
    expect(stats.transactions).toBe(1 + 3); // the lone one, then 4 + 4 + 2
  });

  it('commits appends still queued when the store closes', async () => {
    const pending = store.appendToStream('closing', [event('E')], 'no_stream');
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextRevision: 0n });
    store = SqliteEventStore.open(path);
    expect(await store.streamRevision('closing')).toBe(0n);
  });
});
