import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp, eventCount, startTestApp } from '../support/test-app.js';

describe('Territory over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) => t.request('POST', '/units', { body, headers });
  const unit = (level: string, parentId: string | null, en: string) => ({ unitId: randomUUID(), level, names: { en }, parentId, effectiveFrom: '2017-01-01' });
  const kato = (unitId: string, code: string, classifierVersion = 'KATO-2019') =>
    t.request('POST', `/units/${unitId}/kato-codes`, { body: { code, classifierVersion, validFrom: '2017-01-01' } });

  /** A region with a district below it, each with its KATO-2019 code. */
  const hierarchy = async () => {
    const region = unit('REGION', null, 'Karaganda region');
    const district = unit('DISTRICT', region.unitId, 'Nura district');
    expect((await register(region)).status).toBe(201);
    expect((await kato(region.unitId, '350000000')).status).toBe(200);
    expect((await register(district)).status).toBe(201);
    expect((await kato(district.unitId, '355200000')).status).toBe(200);
    return { region, district };
  };

  it('registers a hierarchy, assigns KATO codes and reads a unit back with its revision as ETag', async () => {
    const { region, district } = await hierarchy();
    const okrug = unit('RURAL_OKRUG', district.unitId, 'Izendy rural okrug');
    const created = await register({ ...okrug, names: { kk: 'Ізенді ауылдық округі', ru: 'Изендинский сельский округ', en: 'Izendy rural okrug' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"0"');
    expect(created.body).toEqual({ id: okrug.unitId, streamId: `administrativeUnit-${okrug.unitId}`, revision: '0', position: expect.stringMatching(/^\d+$/), eventsAppended: 1 });

    const assigned = await kato(okrug.unitId, '355245100');
    expect(assigned.status).toBe(200);
    expect(assigned.headers.get('etag')).toBe('"1"');

    const population = await t.request('POST', `/units/${okrug.unitId}/population`, { body: { year: 2019, count: 3120 } });
    expect(population.status).toBe(200);

    // Read your write: the query waits until the projection reflects the command's position.
    const read = await t.request('GET', `/units/${okrug.unitId}`, { headers: { 'consistent-with': population.body.position } });
    expect(read.status).toBe(200);
    expect(BigInt(read.headers.get('reflects-position')!)).toBeGreaterThanOrEqual(BigInt(population.body.position));
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.body).toMatchObject({
      unitId: okrug.unitId,
      status: 'Active',
      level: 'RURAL_OKRUG',
      parentId: district.unitId,
      names: { ru: 'Изендинский сельский округ' },
      katoCodes: [{ code: '355245100', classifierVersion: 'KATO-2019', validFrom: '2017-01-01' }],
      populationByYear: { '2019': 3120 },
      revision: '2',
    });
    const unchanged = await t.request('GET', `/units/${okrug.unitId}`, { headers: { 'if-none-match': '"2"' } });
    expect(unchanged.status).toBe(304);

    const events = await t.store.readStream(`administrativeUnit-${okrug.unitId}`);
    expect(events.map((e) => e.type)).toEqual(['AdministrativeUnitRegistered', 'KatoCodeAssigned', 'PopulationRecorded']);
    expect(events[0]!.metadata).toMatchObject({ actor: { id: 'bootstrap-admin', role: 'administrator' }, commandName: 'RegisterAdministrativeUnit', occurredAt: '2019-06-05T09:30:00.000Z' });
    expect(region.unitId).not.toBe(okrug.unitId);
  });

  it('renames, reparents and retires a unit, refusing further changes after retirement', async () => {
    const { region, district } = await hierarchy();
    const other = unit('DISTRICT', region.unitId, 'Osakarovka district');
    await register(other);
    const village = unit('VILLAGE', district.unitId, 'Kievka');
    await register(village);

    const renamed = await t.request('POST', `/units/${village.unitId}/names`, { body: { names: { en: 'Nura', ru: 'Нура' }, effectiveFrom: '2018-03-01' } });
    expect(renamed.status).toBe(200);
    const moved = await t.request('POST', `/units/${village.unitId}/reparenting`, { body: { parentId: other.unitId, effectiveFrom: '2019-01-01' } });
    expect(moved.status).toBe(200);
    const retired = await t.request('POST', `/units/${village.unitId}/retirement`, { body: { reason: 'Merged into a neighbouring okrug', effectiveFrom: '2020-01-01' } });
    expect(retired.status).toBe(200);

    const read = await t.request('GET', `/units/${village.unitId}`, { headers: { 'consistent-with': retired.body.position } });
    expect(read.body).toMatchObject({ status: 'Retired', names: { en: 'Nura' }, parentId: other.unitId, retired: { reason: 'Merged into a neighbouring okrug' } });
    expect(read.body.nameHistory).toHaveLength(2);

    const before = await eventCount(t.store);
    const refused = await t.request('POST', `/units/${village.unitId}/names`, { body: { names: { en: 'Again' }, effectiveFrom: '2021-01-01' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/unit-retired', status: 409 });
    expect(await eventCount(t.store)).toBe(before);
  });

  it('treats a resent registration as a no-op', async () => {
    const region = unit('REGION', null, 'Mangystau region');
    expect((await register(region)).status).toBe(201);
    const again = await register(region);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: '0', eventsAppended: 0 });
  });

  it('answers 404 problem+json for an unknown unit', async () => {
    const res = await t.request('GET', `/units/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/unit-not-found', title: expect.any(String), status: 404, detail: expect.any(String) });
  });

  describe('bad input gets a 4xx problem+json and changes nothing', () => {
    const cases: Array<[string, () => Promise<{ status: number; body: any; headers: Headers }>, number, string, string[]]> = [
      ['malformed JSON', () => t.request('POST', '/units', { rawBody: '{"unitId": "x",' }), 400, 'malformed-json', []],
      ['a body that is not an object', () => t.request('POST', '/units', { rawBody: '"text"' }), 400, 'validation-failed', []],
      ['unknown fields', () => register({ ...unit('REGION', null, 'X'), colour: 'red' }), 400, 'validation-failed', ['colour']],
      ['wrong types', () => register({ unitId: 42, level: 'REGION', names: 'Karaganda', effectiveFrom: 20170101 }), 400, 'validation-failed', ['unitId', 'names', 'effectiveFrom']],
      ['an unknown level', () => register({ ...unit('REGION', null, 'X'), level: 'PLANET' }), 400, 'validation-failed', ['level']],
      ['an impossible date', () => register({ ...unit('REGION', null, 'X'), effectiveFrom: '2019-02-29' }), 400, 'validation-failed', ['effectiveFrom']],
      ['an oversized body', () => register({ ...unit('REGION', null, 'X'), names: { en: 'x'.repeat(2_000_000) } }), 413, 'payload-too-large', []],
      ['no API key', () => t.request('POST', '/units', { body: unit('REGION', null, 'X'), auth: null }), 401, 'unauthorized', []],
      ['a wrong API key', () => t.request('POST', '/units', { body: unit('REGION', null, 'X'), auth: 'not-a-key-of-this-ledger' }), 401, 'unauthorized', []],
      ['an unsupported content type', () => t.request('POST', '/units', { rawBody: 'a=b', headers: { 'content-type': 'text/csv' } }), 415, 'unsupported-media-type', []],
      ['an invalid If-Match', () => register(unit('REGION', null, 'X'), { 'if-match': 'yesterday' }), 400, 'invalid-if-match', ['headers.if-match']],
      ['an invalid Idempotency-Key', () => register(unit('REGION', null, 'X'), { 'idempotency-key': 'short' }), 400, 'invalid-idempotency-key', ['headers.idempotency-key']],
      ['an overlong path segment', () => t.request('POST', `/units/${'x'.repeat(101)}/names`, { body: { names: { en: 'X' }, effectiveFrom: '2019-01-01' } }), 414, 'uri-too-long', []],
      ['a malformed path segment', () => t.request('POST', '/units/%E0%A4%A/names', { body: { names: { en: 'X' }, effectiveFrom: '2019-01-01' } }), 400, 'bad-url', []],
    ];
    it.each(cases)('%s', async (_, send, status, code, paths) => {
      const before = await eventCount(t.store);
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: `/problems/${code}`, status, title: expect.any(String), detail: expect.any(String), instance: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
      for (const path of paths) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect(await eventCount(t.store)).toBe(before);
    });

    it('a bad KATO code', async () => {
      const { district } = await hierarchy();
      const okrug = unit('RURAL_OKRUG', district.unitId, 'Akmeshit');
      await register(okrug);
      const before = await eventCount(t.store);
      for (const [code, problem] of [['35523310', 'invalid-kato-code'], ['475233100', 'kato-prefix-mismatch'], ['355133100', 'kato-prefix-mismatch']] as const) {
        const res = await kato(okrug.unitId, code);
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ type: `/problems/${problem}`, errors: [expect.objectContaining({ path: 'katoCode.code' })] });
      }
      expect(await eventCount(t.store)).toBe(before);
    });

    it('a parent of the wrong level', async () => {
      const { district } = await hierarchy();
      const village = unit('VILLAGE', district.unitId, 'Zhanatalap');
      await register(village);
      const before = await eventCount(t.store);
      const res = await register(unit('RURAL_OKRUG', village.unitId, 'Under a village'));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: '/problems/parent-level-not-higher', errors: [expect.objectContaining({ path: 'parentId' })] });
      const cycle = await t.request('POST', `/units/${district.unitId}/reparenting`, { body: { parentId: village.unitId, effectiveFrom: '2019-01-01' } });
      expect(cycle.status).toBe(422);
      expect(await eventCount(t.store)).toBe(before);
    });
  });
});
