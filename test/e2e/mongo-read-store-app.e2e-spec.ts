import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeIf } from '../support/describe-if.js';
import { type MongoServer, mongoServerAvailability, startMongoServer } from '../support/ferretdb.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { snapshotKindOf } from '../../src/audit/stream-registry.js';
import { SNAPSHOTS_COLLECTION, StateSnapshots } from '../../src/shared/snapshots/state-snapshots.js';
import { administrativeUnitDecider } from '../../src/territory/domain/administrative-unit.decider.js';

const mongo = mongoServerAvailability();

describeIf(mongo.available || !!process.env.CI, mongo.why)('The app with READ_STORE=mongo', () => {
  let server: MongoServer;
  let t: TestApp;
  beforeAll(async () => {
    server = await startMongoServer();
    process.stderr.write(`App e2e on the MongoDB read store: running against ${server.name}\n`);
    const url = new URL(server.url);
    url.pathname = `/app_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    t = await startTestApp({ env: { READ_STORE: 'mongo', MONGODB_URL: url.toString(), SNAPSHOT_EVERY: '2' } });
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('answers queries from MongoDB, reading its own writes, and reports the store on /health', async () => {
    const region = { unitId: randomUUID(), level: 'REGION', names: { en: 'Karaganda region', ru: 'Карагандинская область' }, parentId: null, effectiveFrom: '2017-01-01' };
    const created = await t.request('POST', '/units', { body: region });
    expect(created.status).toBe(201);
    const read = await t.request('GET', `/units/${region.unitId}`, { headers: { 'consistent-with': created.body.position } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ unitId: region.unitId, names: { ru: 'Карагандинская область' } });
    const found = await t.request('GET', '/units?name=караг', { headers: { 'consistent-with': created.body.position } });
    expect(found.body.items.map((u: { unitId: string }) => u.unitId)).toEqual([region.unitId]);
    const health = await t.request('GET', '/health', { auth: null });
    expect(health.body.checks.readStore).toEqual({ status: 'up' });
  });

  it('keeps the audit trail in MongoDB (array and range filters) and finds no drift in a clean rebuild', async () => {
    const unitId = randomUUID();
    const created = await t.request('POST', '/units', { body: { unitId, level: 'REGION', names: { en: 'Audit region' }, parentId: null, effectiveFrom: '2017-01-01' } });
    const trail = await t.request('GET', `/audit/events?ref=${unitId}&from=2000-01-01T00:00:00Z&type=AdministrativeUnitRegistered,Nothing`, { headers: { 'consistent-with': created.body.position } });
    expect(trail.body.items).toEqual([expect.objectContaining({ streamId: `administrativeUnit-${unitId}`, context: 'territory' })]);
    const drift = await t.request('POST', '/audit/drift-checks', { body: { projections: ['audit.trail', 'territory.units'] } });
    expect(drift.body).toMatchObject({ ok: true, results: [{ match: true }, { match: true }] });
  });

  it('keeps state snapshots in MongoDB, found again by a cold process', async () => {
    const unitId = randomUUID();
    const streamId = `administrativeUnit-${unitId}`;
    expect((await t.request('POST', '/units', { body: { unitId, level: 'REGION', names: { en: 'Snapshot region' }, parentId: null, effectiveFrom: '2017-01-01' } })).status).toBe(201);
    for (const count of [310, 320, 330]) expect((await t.request('POST', `/units/${unitId}/population`, { body: { year: 2019, count } })).status).toBe(200);
    await t.app.get(StateSnapshots).settled(); // the second population command folded revision 1 (a multiple of 2, less one)
    expect(await t.reads.count(SNAPSHOTS_COLLECTION, { streamId })).toBe(1);
    const found = await new StateSnapshots(t.reads, 2, snapshotKindOf).latest<{ populationByYear: Map<number, number> }>(streamId, administrativeUnitDecider);
    expect(found).toMatchObject({ revision: 1n, state: { status: 'Active' } });
    expect(found!.state.populationByYear).toEqual(new Map([[2019, 310]]));
  });
});
