import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';
import { describeIf } from '../support/describe-if.js';
import { type MongoServer, freePort, mongoServerAvailability, startMongoServer } from '../support/ferretdb.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * Faults (docs/reliability.md): the event store cannot write (SQLite answers SQLITE_FULL or SQLITE_READONLY), and the
 * read store goes away mid-run (FerretDB stopped). One summary line per fault goes to the CI log.
 */
const unit = (en: string) => ({ unitId: randomUUID(), level: 'REGION', names: { en }, parentId: null, effectiveFrom: '2017-01-01' });
const expect503 = (res: TestResponse) => {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.body).toMatchObject({ type: '/problems/store-unavailable', status: 503, title: 'The event store is unavailable' });
};

describe('The event store cannot write', () => {
  let t: TestApp;
  /** The SQLite connection of the app's event store (under the upcasting wrapper): the faults are set on it. */
  let db: Database.Database;
  beforeAll(async () => {
    t = await startTestApp();
    db = (t.store as unknown as { raw: { db: Database.Database } }).raw.db;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  /** After the fault is mended, a command refused during it and retried with its Idempotency-Key is applied once. */
  const retryOnce = async (body: ReturnType<typeof unit>, key: string, before: number) => {
    const retried = await t.request('POST', '/units', { body, headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await t.store.findCommandResult(`bootstrap-admin:${key}`)).not.toBeNull();
    expect(await t.store.readStream(`administrativeUnit-${body.unitId}`)).toHaveLength(1);
    expect(await eventCount(t.store)).toBe(before + 1);
    expect((await verifyChains(t.store)).ok).toBe(true);
  };

  it('answers 503 problem+json on a read-only file (SQLITE_READONLY), writes nothing, and applies the retried command once afterwards', async () => {
    const existing = unit('Existing region');
    expect((await t.request('POST', '/units', { body: existing })).status).toBe(201);
    const before = await eventCount(t.store);
    const revision = await t.store.streamRevision(`administrativeUnit-${existing.unitId}`);

    db.pragma('query_only = ON');
    const key = `fault-${randomUUID()}`;
    const fresh = unit('Region registered during the fault');
    const refused = [
      await t.request('POST', '/units', { body: fresh, headers: { 'idempotency-key': key } }),
      await t.request('POST', `/units/${existing.unitId}/names`, { body: { names: { en: 'Renamed during the fault' }, effectiveFrom: '2019-01-01' } }),
      await t.request('POST', `/units/${existing.unitId}/population`, { body: { year: 2019, count: 3120 } }),
    ];
    refused.forEach(expect503);
    expect(await eventCount(t.store)).toBe(before);
    expect(await t.store.streamRevision(`administrativeUnit-${existing.unitId}`)).toBe(revision);
    expect(await t.store.findCommandResult(`bootstrap-admin:${key}`)).toBeNull();
    expect((await t.request('GET', '/health', { auth: null })).status).toBe(200); // it still reads

    db.pragma('query_only = OFF');
    await retryOnce(fresh, key, before);
    process.stderr.write(`reliability faults: PASS event store read-only (SQLITE_READONLY): ${refused.length} commands answered 503 problem+json, 0 events written, retry applied once\n`);
  });

  it('answers 503 problem+json on a full disk (SQLITE_FULL): each command is written whole or not at all', async () => {
    const before = await eventCount(t.store);
    // No page may be added to the file: appends fit in the free space of its last pages, then the disk is full.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const answers: Array<{ status: number; body: ReturnType<typeof unit>; key: string; res: TestResponse }> = [];
    for (let i = 0; i < 60 && !answers.some((a) => a.status === 503); i++) {
      const body = unit(`Region ${i} ${'x'.repeat(200)}`);
      const key = `full-${randomUUID()}`;
      const res = await t.request('POST', '/units', { body, headers: { 'idempotency-key': key } });
      answers.push({ status: res.status, body, key, res });
    }
    const written = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    refused.forEach((a) => expect503(a.res));
    expect(await eventCount(t.store)).toBe(before + written.length);
    for (const a of written) expect(await t.store.readStream(`administrativeUnit-${a.body.unitId}`)).toHaveLength(1);
    for (const a of refused) {
      expect(await t.store.streamRevision(`administrativeUnit-${a.body.unitId}`)).toBeNull();
      expect(await t.store.findCommandResult(`bootstrap-admin:${a.key}`)).toBeNull();
    }

    db.pragma('max_page_count = 1073741823');
    await retryOnce(refused[0]!.body, refused[0]!.key, before + written.length);
    process.stderr.write(
      `reliability faults: PASS event store full (SQLITE_FULL): ${written.length} commands fitted and were written whole, the next answered 503 problem+json with nothing written, retry applied once\n`,
    );
  });
});

const mongo = mongoServerAvailability();

describeIf(mongo.available || !!process.env.CI, mongo.why)('The read store goes away (FerretDB stopped mid-run)', () => {
  let dir: string;
  let port: number;
  let server: MongoServer;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-ferretdb-fault-'));
    port = await freePort();
    server = await startMongoServer({ dir, port });
    t = await startTestApp({ env: { READ_STORE: 'mongo', MONGODB_URL: `mongodb://127.0.0.1:${port}/fault_${randomUUID().replace(/-/g, '').slice(0, 12)}`, READ_WAIT_MS: '500' } });
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps accepting commands, answers queries 503, and projections resume with nothing lost when it is back', async () => {
    const before = [unit('Before the outage')];
    for (const u of before) expect((await t.request('POST', '/units', { body: u })).status).toBe(201);
    await t.catchUp();

    await server.stop();
    const during = Array.from({ length: 12 }, (_, i) => unit(`During the outage ${i + 1}`));
    const accepted = await Promise.all(during.map((u) => t.request('POST', '/units', { body: u })));
    expect(accepted.map((r) => r.status)).toEqual(during.map(() => 201));
    const renamed = await t.request('POST', `/units/${before[0]!.unitId}/names`, { body: { names: { en: 'Renamed during the outage' }, effectiveFrom: '2019-01-01' } });
    expect(renamed.status).toBe(200);
    const query = await t.request('GET', `/units/${during[0]!.unitId}`);
    expect(query.status).toBe(503);
    expect(query.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await t.request('GET', '/health', { auth: null })).body.checks.readStore.status).toBe('down');
    const head = await t.store.headPosition();

    server = await startMongoServer({ dir, port });
    await t.projections.catchUp(60_000, 1_000); // failures while it was down do not count: it must resume
    for (const p of t.projections.status()) expect(BigInt(p.checkpoint ?? 0)).toBe(head);
    for (const u of during) {
      const read = await t.request('GET', `/units/${u.unitId}`);
      expect({ status: read.status, name: read.body?.names?.en }).toEqual({ status: 200, name: u.names.en });
    }
    expect((await t.request('GET', `/units/${before[0]!.unitId}`)).body.names.en).toBe('Renamed during the outage');
    expect((await t.request('GET', '/health', { auth: null })).body.checks.readStore).toEqual({ status: 'up' });
    process.stderr.write(`reliability faults: PASS read store stopped mid-run: ${accepted.length + 1} commands accepted while down, ${t.projections.status().length} consumers resumed to position ${head}, 0 documents lost\n`);
  }, 120_000);
});
