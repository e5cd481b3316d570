import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp, eventCount, startTestApp } from '../support/test-app.js';

const region = () => ({ unitId: randomUUID(), level: 'REGION', names: { en: 'East Kazakhstan region' }, parentId: null, effectiveFrom: '2017-01-01' });

describe('Command pipeline over HTTP: concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('ends each of 50 concurrent commands on one aggregate in success or 409, with contiguous revisions and every accepted change kept', async () => {
    const unit = region();
    expect((await t.request('POST', '/units', { body: unit })).status).toBe(201);
    const years = Array.from({ length: 50 }, (_, i) => 1990 + i);
    const responses = await Promise.all(
      years.map((year) => t.request('POST', `/units/${unit.unitId}/population`, { body: { year, count: 1000 + year } })),
    );
    const accepted = years.filter((_, i) => responses[i]!.status === 200);
    for (const r of responses) {
      expect([200, 409]).toContain(r.status);
      if (r.status === 409) expect(r.body).toMatchObject({ type: '/problems/concurrent-modification' });
    }
    expect(accepted.length).toBeGreaterThan(0);

    const events = await t.store.readStream(`administrativeUnit-${unit.unitId}`);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
    expect(events).toHaveLength(1 + accepted.length);
    const acceptedRevisions = responses.filter((r) => r.status === 200).map((r) => r.body.revision);
    expect(new Set(acceptedRevisions).size).toBe(accepted.length);

    await t.catchUp();
    const read = await t.request('GET', `/units/${unit.unitId}`);
    expect(Object.keys(read.body.populationByYear).map(Number).sort()).toEqual(accepted.sort());
    for (const year of accepted) expect(read.body.populationByYear[String(year)]).toBe(1000 + year);
  });

  it('answers 412 to a stale If-Match and appends nothing; the current ETag succeeds', async () => {
    const unit = region();
    const created = await t.request('POST', '/units', { body: unit });
    const etag = created.headers.get('etag')!;
    const renamed = await t.request('POST', `/units/${unit.unitId}/names`, { body: { names: { en: 'EKO' }, effectiveFrom: '2018-01-01' }, headers: { 'if-match': etag } });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"1"');

    const before = await eventCount(t.store);
    const stale = await t.request('POST', `/units/${unit.unitId}/names`, { body: { names: { en: 'Stale' }, effectiveFrom: '2019-01-01' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: '/problems/revision-mismatch', status: 412 });
    expect(await eventCount(t.store)).toBe(before);

    const current = await t.request('POST', `/units/${unit.unitId}/names`, { body: { names: { en: 'Fresh' }, effectiveFrom: '2019-01-01' }, headers: { 'if-match': '"1"' } });
    expect(current.status).toBe(200);
  });
});

describe('Command pipeline over HTTP: idempotency', () => {
  it('returns the first response to a retry, appends nothing, survives a restart, and refuses the key for another request', async () => {
    let t = await startTestApp();
    const dataDir = t.dataDir;
    try {
      const unit = region();
      const key = randomUUID();
      const first = await t.request('POST', '/units', { body: unit, headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      const count = await eventCount(t.store);

      const retry = await t.request('POST', '/units', { body: unit, headers: { 'idempotency-key': key } });
      expect(retry.status).toBe(201);
      expect(retry.text).toBe(first.text);
      expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await eventCount(t.store)).toBe(count);

      // The stream moves on; a retry still answers what the first attempt answered.
      await t.request('POST', `/units/${unit.unitId}/names`, { body: { names: { en: 'Renamed' }, effectiveFrom: '2018-01-01' } });
      const countAfterRename = await eventCount(t.store);

      await t.close();
      t = await startTestApp({ dataDir });
      const afterRestart = await t.request('POST', '/units', { body: unit, headers: { 'idempotency-key': key } });
      expect(afterRestart.status).toBe(201);
      expect(afterRestart.text).toBe(first.text);
      expect(await eventCount(t.store)).toBe(countAfterRename);

      const other = await t.request('POST', '/units', { body: { ...unit, names: { en: 'Another name' } }, headers: { 'idempotency-key': key } });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ type: '/problems/idempotency-key-reused', status: 422 });
      expect(await eventCount(t.store)).toBe(countAfterRename);
    } finally {
      await t.cleanup();
    }
  });

  it('records one result when the same request races under one key', async () => {
    const t = await startTestApp();
    try {
      const unit = region();
      const key = randomUUID();
      const before = await eventCount(t.store);
      const responses = await Promise.all(Array.from({ length: 10 }, () => t.request('POST', '/units', { body: unit, headers: { 'idempotency-key': key } })));
      for (const r of responses) {
        expect(r.status).toBe(201);
        expect(r.text).toBe(responses[0]!.text);
      }
      expect(await eventCount(t.store)).toBe(before + 1);
    } finally {
      await t.cleanup();
    }
  });

  it('replays a no-op result too', async () => {
    const t = await startTestApp();
    try {
      const unit = region();
      await t.request('POST', '/units', { body: unit });
      const key = randomUUID();
      const noop = await t.request('POST', '/units', { body: unit, headers: { 'idempotency-key': key } });
      expect(noop.status).toBe(200);
      expect(noop.body).toMatchObject({ eventsAppended: 0, revision: '0' });
      const again = await t.request('POST', '/units', { body: unit, headers: { 'idempotency-key': key } });
      expect(again.text).toBe(noop.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await t.cleanup();
    }
  });
});
