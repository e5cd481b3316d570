import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import { collectionDigest } from '../../src/shared/projections/digest.js';
import type { Projection } from '../../src/shared/projections/projection.js';
import { ProjectionRunner } from '../../src/shared/projections/projection-runner.js';
import type { ReadStore } from '../../src/shared/read-store/read-store.port.js';
import { MongoReadStore } from '../../src/shared/read-store/mongodb/mongo-read-store.js';
import { SqliteReadStore } from '../../src/shared/read-store/sqlite/sqlite-read-store.js';
import { describeIf } from '../support/describe-if.js';
import { type MongoServer, mongoServerAvailability, startMongoServer } from '../support/ferretdb.js';

const meta = { actor: { id: 'runner-test', role: 'administrator' }, correlationId: 'c', occurredAt: '2019-01-01T00:00:00.000Z' };
const deposit = (account: string, amount: number): NewEvent => ({ type: 'Deposited', data: { account, amount }, metadata: meta });
const closed = (account: string): NewEvent => ({ type: 'Closed', data: { account }, metadata: meta });

type Balance = { account: string; balance: number; deposits: number; version?: number };

/** Balances per account; `failAt` makes evolve throw on the event at that position (a bug in a release). */
const balances = (options: { version?: number; failAt?: bigint; scale?: number } = {}): Projection<Balance> => ({
  name: 'test.balances',
  version: options.version ?? 1,
  handles: ['Deposited', 'Closed'],
  fields: [{ path: 'balance', type: 'number' }],
  documentId: (e) => (e.data as { account: string }).account,
  evolve: (doc, e: RecordedEvent) => {
    if (options.failAt !== undefined && e.position === options.failAt) throw new Error(`boom at ${e.position}`);
    const data = e.data as { account: string; amount?: number };
    if (e.type === 'Closed') return null;
    const base = doc ?? { account: data.account, balance: 0, deposits: 0 };
    return { ...base, balance: base.balance + (data.amount ?? 0) * (options.scale ?? 1), deposits: base.deposits + 1, ...(options.version ? { version: options.version } : {}) };
  },
});

/** 300 events over 12 accounts, with two accounts closed and one reopened. */
const seed = async (events: EventStore) => {
  for (let i = 0; i < 300; i++) {
    const account = `acc-${i % 12}`;
    await events.appendToStream(`account-${account}`, [i === 100 || i === 101 ? closed(account) : deposit(account, i)], 'any');
  }
};

/** The field indexes a collection has now (adapter internals: the port does not list indexes). */
const fieldIndexes = async (reads: ReadStore, collection: string): Promise<string[]> => {
  if (reads instanceof SqliteReadStore) {
    const db = (reads as unknown as { db: { prepare(sql: string): { all(...p: unknown[]): Array<{ name: string }> } } }).db;
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(`c_${collection}`).map((r) => r.name);
  }
  const db = (reads as unknown as { db: { collection(name: string): { indexes(): Promise<Array<{ name?: string }>> } } }).db;
  return (await db.collection(collection).indexes()).map((i) => i.name!).filter((n) => n !== '_id_');
};

/** The runner's guarantees on one read store adapter; `openReads` gives a fresh, empty store each time. */
const runnerSuite = (label: string, openReads: () => Promise<ReadStore>) => describe(`Projection runner (${label})`, () => {
  let events: SqliteEventStore;
  let reads: ReadStore;
  beforeEach(async () => {
    events = SqliteEventStore.open(':memory:');
    reads = await openReads();
  });
  afterEach(async () => {
    await events.close();
    await reads.close();
  });

  it('folds the log into documents, deletes on null, and follows new events live', async () => {
    await seed(events);
    const runner = new ProjectionRunner(events, reads, { batchSize: 50 });
    runner.addProjection(balances());
    await runner.start();
    await runner.catchUp();
    const collection = runner.collectionFor('test.balances');
    expect(collection).toBe('test_balances_v1');
    expect(await reads.count(collection)).toBe(12);
    const acc4 = await reads.get<Balance>(collection, 'acc-4');
    // acc-4 was closed at i = 100 (its document deleted) and reopened by the deposits after it.
    const reopened = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 12 === 4 && i > 100);
    expect(acc4).toEqual({ account: 'acc-4', deposits: reopened.length, balance: reopened.reduce((a, b) => a + b, 0) });

    await events.appendToStream('account-acc-new', [deposit('acc-new', 5)], 'no_stream');
    await runner.catchUp();
    expect(await reads.get(collection, 'acc-new')).toEqual({ account: 'acc-new', balance: 5, deposits: 1 });
    expect(runner.positionOf('test.balances')).toBe(301n);
    await runner.stop();
  });

  it('after a failure and a restart, ends identical to a clean rebuild', async () => {
    await seed(events);
    const failing = new ProjectionRunner(events, reads, { batchSize: 7, maxRetryMs: 50 });
    failing.addProjection(balances({ failAt: 137n }));
    await failing.start();
    await expect(failing.catchUp(5000)).rejects.toThrow(/boom at 137/);
    expect(failing.status()[0]).toMatchObject({ state: 'failed', lastError: 'boom at 137' });
    expect(Number(failing.positionOf('test.balances'))).toBeLessThan(137);
    await failing.stop();

    const fixed = new ProjectionRunner(events, reads, { batchSize: 7 });
    fixed.addProjection(balances());
    await fixed.start();
    await fixed.catchUp();
    await fixed.stop();

    const cleanReads = await openReads();
    const clean = new ProjectionRunner(events, cleanReads, { batchSize: 1000 });
    clean.addProjection(balances());
    await clean.start();
    await clean.catchUp();
    await clean.stop();
    const recovered = await collectionDigest(reads, 'test_balances_v1');
    expect(recovered).toEqual(await collectionDigest(cleanReads, 'test_balances_v1'));
    expect(recovered.documents).toBe(12);
    await cleanReads.close();
  });

  it('builds a collection from zero without its field indexes and creates them at the end of the log, also after a restart mid-build', async () => {
    await seed(events);
    const failing = new ProjectionRunner(events, reads, { batchSize: 20, maxRetryMs: 50 });
    failing.addProjection(balances({ failAt: 150n }));
    await failing.start();
    await expect(failing.catchUp(5000, 1)).rejects.toThrow(/boom at 150/);
    expect(Number(failing.positionOf('test.balances'))).toBeGreaterThan(0);
    expect(await fieldIndexes(reads, 'test_balances_v1')).toEqual([]);
    // Unindexed meanwhile, queries still answer.
    expect((await reads.find<Balance>('test_balances_v1', { filter: { balance: { $gt: 0 } }, sort: [{ path: 'balance', direction: 'desc' }], limit: 100 })).items.length).toBeGreaterThan(0);
    await failing.stop();

    const restarted = new ProjectionRunner(events, reads, { batchSize: 20 });
    restarted.addProjection(balances());
    await restarted.start();
    await restarted.catchUp();
    expect(await fieldIndexes(reads, 'test_balances_v1')).toHaveLength(1);

    const rebuilt = await restarted.rebuild('test.balances');
    await restarted.catchUp();
    expect(restarted.collectionFor('test.balances')).toBe(rebuilt);
    expect(await fieldIndexes(reads, rebuilt)).toHaveLength(1);
    await restarted.stop();
  });

  it('never applies an event twice when a batch is replayed after its documents were written', async () => {
    await seed(events);
    const runner = new ProjectionRunner(events, reads);
    runner.addProjection(balances());
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    const before = await collectionDigest(reads, 'test_balances_v1');
    // A crash between the document writes and the checkpoint (possible on MongoDB): the checkpoint is behind.
    await reads.applyBatch({ projection: 'test_balances_v1', checkpoint: 150n, writes: [] });
    const replay = new ProjectionRunner(events, reads);
    replay.addProjection(balances());
    await replay.start();
    await replay.catchUp();
    await replay.stop();
    expect(await collectionDigest(reads, 'test_balances_v1')).toEqual(before);
  });

  it('rebuilds a new version into a fresh collection while readers keep the old one, then switches and drops it', async () => {
    await seed(events);
    const v1 = new ProjectionRunner(events, reads);
    v1.addProjection(balances());
    await v1.start();
    await v1.catchUp();
    await v1.stop();

    const v2 = new ProjectionRunner(events, reads, { batchSize: 5 });
    v2.addProjection(balances({ version: 2, scale: 100 }));
    await v2.start();
    expect(v2.collectionFor('test.balances')).toBe('test_balances_v1');
    expect(await reads.get(v2.collectionFor('test.balances'), 'acc-4')).not.toHaveProperty('version');
    await v2.catchUp();
    await v2.stop();
    expect(v2.collectionFor('test.balances')).toBe('test_balances_v2');
    expect(await reads.get(v2.collectionFor('test.balances'), 'acc-4')).toMatchObject({ version: 2 });
    expect(await reads.getMeta('projection:test.balances:collection')).toBe('test_balances_v2');
    expect(await reads.getCheckpoint('test_balances_v1')).toBeNull();
    await reads.ensureCollection({ name: 'test_balances_v1', fields: [] }); // dropped: it comes back empty
    expect(await reads.count('test_balances_v1')).toBe(0);
  });

  it('rebuilds on demand into a new generation with the same result', async () => {
    await seed(events);
    const runner = new ProjectionRunner(events, reads);
    runner.addProjection(balances());
    await runner.start();
    await runner.catchUp();
    const before = await collectionDigest(reads, 'test_balances_v1');
    const target = await runner.rebuild('test.balances');
    expect(target).toBe('test_balances_v1_g2');
    await runner.catchUp();
    await runner.stop();
    expect(runner.collectionFor('test.balances')).toBe('test_balances_v1_g2');
    expect(await collectionDigest(reads, 'test_balances_v1_g2')).toEqual(before);
  });

  it('runs reactors from their checkpoint, retrying a failed reaction, never repeating a completed one', async () => {
    await seed(events);
    const seen: bigint[] = [];
    let failOnce = true;
    const reactor = {
      name: 'test.reactor',
      handles: ['Closed'],
      react: async (e: RecordedEvent) => {
        if (e.position === 102n && failOnce) {
          failOnce = false;
          throw new Error('transient');
        }
        seen.push(e.position);
      },
    };
    const first = new ProjectionRunner(events, reads, { maxRetryMs: 20 });
    first.addReactor(reactor);
    await first.start();
    await first.catchUp();
    await first.stop();
    expect(seen).toEqual([101n, 102n]);

    await events.appendToStream(`account-${randomUUID()}`, [closed('x')], 'no_stream');
    const second = new ProjectionRunner(events, reads);
    second.addReactor(reactor);
    await second.start();
    await second.catchUp();
    await second.stop();
    expect(seen).toEqual([101n, 102n, 301n]);
  });
});

runnerSuite('SQLite read store', async () => SqliteReadStore.open(':memory:'));

const mongo = mongoServerAvailability();
if (mongo.available || process.env.CI) {
  describe('on MongoDB', () => {
    let server: MongoServer | undefined;
    beforeAll(async () => {
      server = await startMongoServer();
      process.stderr.write(`Projection runner: running against ${server.name}\n`);
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });
    runnerSuite('MongoDB read store', () => MongoReadStore.connect(server!.url, { dbName: `runner_${randomUUID().replace(/-/g, '').slice(0, 12)}` }));
  });
} else {
  describeIf(false, mongo.why)('Projection runner (MongoDB read store)', () => it('runs', () => undefined));
}
