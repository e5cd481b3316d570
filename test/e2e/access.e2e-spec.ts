import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routeAccess, routesWithoutRule } from '../../src/access/access-audit.js';
import { BAD_KEY_LIMIT } from '../../src/access/access.guard.js';
import { ROLES, type Role } from '../../src/access/roles.js';
import { withControlDigit } from '../../src/privacy/iin.js';
import { ADMIN_KEY, type TestApp, eventCount, startTestApp } from '../support/test-app.js';

type Ids = { region: string; district: string; village: string; otherDistrict: string; otherVillage: string; resident: string };

/** Issues a key for `role` through the API, as the bootstrap administrator. */
const issueKey = async (t: TestApp, role: Role, scope: Record<string, string[]> = {}, expiresAt = '2020-06-01T00:00:00.000Z') => {
  const keyId = randomUUID();
  const res = await t.request('POST', '/api-keys', { body: { keyId, name: `${role} key`, role, scope, expiresAt } });
  expect(res.status).toBe(201);
  expect(res.body.apiKey).toMatch(/^aul\./);
  return { keyId, apiKey: res.body.apiKey as string };
};

const build = async (t: TestApp): Promise<Ids> => {
  const ids: Ids = { region: randomUUID(), district: randomUUID(), village: randomUUID(), otherDistrict: randomUUID(), otherVillage: randomUUID(), resident: randomUUID() };
  const unit = (unitId: string, level: string, parentId: string | null, en: string) => t.request('POST', '/units', { body: { unitId, level, names: { en }, parentId, effectiveFrom: '2017-01-01' } });
  await unit(ids.region, 'REGION', null, 'Karaganda region');
  await unit(ids.district, 'DISTRICT', ids.region, 'Nura district');
  await unit(ids.village, 'VILLAGE', ids.district, 'Izendy');
  await unit(ids.otherDistrict, 'DISTRICT', ids.region, 'Osakarovka district');
  await unit(ids.otherVillage, 'VILLAGE', ids.otherDistrict, 'Molodezhny');
  const r = await t.request('POST', '/residents', {
    body: { residentId: ids.resident, settlementId: ids.village, sex: 'female', fullName: 'Access Matrix Person', iin: withControlDigit('90130000001')!, birthDate: '1990-02-02' },
  });
  expect(r.status).toBe(201);
  await t.catchUp();
  return ids;
};

describe('Access: roles, scopes and hardening', () => {
  let t: TestApp;
  let ids: Ids;
  const keys = {} as Record<Role, { keyId: string; apiKey: string }>;
  const programme = randomUUID();
  const call = randomUUID();
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ logLines });
    ids = await build(t);
    const scopes: Partial<Record<Role, Record<string, string[]>>> = {
      'programme-officer': { programmes: [programme] },
      'rural-akim': { units: [ids.district] },
      'meeting-secretary': { units: [ids.village] },
      evaluator: { calls: [call] },
    };
    for (const role of ROLES) keys[role] = await issueKey(t, role, scopes[role]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('has an explicit rule (or is public) on every route', () => {
    expect(routesWithoutRule(t.app)).toEqual([]);
    expect(routeAccess(t.app).length).toBeGreaterThan(20);
  });

  it('answers every route, for every role and for no key, as its rule says', async () => {
    const fill = (path: string) =>
      path
        .replace(':unitId', ids.village)
        .replace(':residentId', ids.resident)
        .replace(':subjectId', ids.resident)
        .replace(':keyId', keys.auditor.keyId)
        .replace(':classifierVersion', 'KATO-2019')
        .replace(':code', '355245100')
        .replace(':programmeId', programme)
        .replace(':callId', call)
        .replace(/^\/public\/feed\/stream$/, '/public/feed/stream?until=caught-up') // a live stream would never end
        .replace(/:[A-Za-z]+/g, randomUUID());
    const mismatches: string[] = [];
    for (const route of routeAccess(t.app)) {
      if (route.path.startsWith('/api-keys') && route.method === 'POST') continue; // would revoke the keys in use; covered below
      for (const role of [...ROLES, null] as const) {
        const res = await t.request(route.method, fill(route.path), {
          auth: role === null ? null : keys[role].apiKey,
          body: route.method === 'POST' ? { parentId: ids.village, settlementId: ids.village, programmeId: programme, callId: call } : undefined,
        });
        const expected = route.public ? 'pass' : role === null ? 401 : !route.rule!.roles.includes(role) ? 403 : 'pass';
        const ok = expected === 'pass' ? res.status !== 401 && res.status !== 403 : res.status === expected;
        if (!ok) mismatches.push(`${route.method} ${route.path} as ${role ?? 'public'}: ${res.status} ${res.body?.type ?? ''}, expected ${expected}`);
        if (res.status === 401 || res.status === 403) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('refuses a rural akim’s change to a unit outside their district with 403, appending nothing', async () => {
    const akim = keys['rural-akim'].apiKey;
    const before = await eventCount(t.store);
    const outside = await t.request('POST', `/units/${ids.otherVillage}/names`, { auth: akim, body: { names: { en: 'Renamed' }, effectiveFrom: '2019-01-01' } });
    expect(outside.status).toBe(403);
    expect(outside.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(outside.body).toMatchObject({ type: '/problems/out-of-scope', status: 403 });
    const registerElsewhere = await t.request('POST', '/units', { auth: akim, body: { unitId: randomUUID(), level: 'VILLAGE', names: { en: 'X' }, parentId: ids.otherDistrict, effectiveFrom: '2019-01-01' } });
    expect(registerElsewhere.status).toBe(403);
    expect(await eventCount(t.store)).toBe(before);

    const inside = await t.request('POST', `/units/${ids.village}/names`, { auth: akim, body: { names: { en: 'Izendy village' }, effectiveFrom: '2019-01-01' } });
    expect(inside.status).toBe(200);
    const renamed = (await t.store.readStream(`administrativeUnit-${ids.village}`)).at(-1);
    expect(renamed?.type).toBe('AdministrativeUnitRenamed');
    expect(renamed?.metadata.actor).toEqual({ id: `apiKey:${keys['rural-akim'].keyId}`, role: 'rural-akim' });
  });

  it('shows auditors pseudonymous ids only, never personal values', async () => {
    const asAuditor = await t.request('GET', `/residents/${ids.resident}`, { auth: keys.auditor.apiKey });
    expect(asAuditor.status).toBe(200);
    expect(asAuditor.body).toMatchObject({ residentId: ids.resident, personal: null });
    expect(asAuditor.text).not.toContain('Access Matrix Person');
    const asAdmin = await t.request('GET', `/residents/${ids.resident}`);
    expect(asAdmin.body.personal.fullName).toBe('Access Matrix Person');
  });

  it('refuses revoked and expired keys at once', async () => {
    const dpo = await issueKey(t, 'data-protection-officer');
    expect((await t.request('GET', `/data-subjects/${ids.resident}`, { auth: dpo.apiKey })).status).toBe(200);
    const revoked = await t.request('POST', `/api-keys/${dpo.keyId}/revocation`, { body: { reason: 'Left the programme' } });
    expect(revoked.status).toBe(200);
    const after = await t.request('GET', `/data-subjects/${ids.resident}`, { auth: dpo.apiKey });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ type: '/problems/unauthorized' });

    const shortLived = await issueKey(t, 'auditor', {}, '2019-06-05T10:30:00.000Z');
    expect((await t.request('GET', '/units', { auth: shortLived.apiKey })).status).toBe(200);
    t.clock.advance(2 * 3600 * 1000);
    expect((await t.request('GET', '/units', { auth: shortLived.apiKey })).status).toBe(401);
    t.clock.advance(-2 * 3600 * 1000);
  });

  it('rotates a key: the new secret works, the old one stops at once', async () => {
    const key = await issueKey(t, 'auditor');
    const rotated = await t.request('POST', `/api-keys/${key.keyId}/rotation`, { body: { expiresAt: '2020-06-01T00:00:00.000Z' } });
    expect(rotated.status).toBe(200);
    expect((await t.request('GET', '/units', { auth: key.apiKey })).status).toBe(401);
    expect((await t.request('GET', '/units', { auth: rotated.body.apiKey })).status).toBe(200);
    await t.catchUp();
    const listed = await t.request('GET', `/api-keys/${key.keyId}`);
    expect(listed.body).toMatchObject({ keyId: key.keyId, role: 'auditor', status: 'active', rotatedAt: expect.any(String), lastUsedAt: expect.any(String) });
    expect(listed.text).not.toMatch(/secretHash|aul\./);
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/health', { auth: null });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('access-control-allow-origin')).toBeNull(); // no CORS unless configured
  });

  it('never writes a key to the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('"url":"/api-keys"'); // the scan reads real request logs
    for (const secret of [ADMIN_KEY, ...Object.values(keys).map((k) => k.apiKey)]) expect(logs.includes(secret)).toBe(false);
  });

  it('throttles repeated bad keys from one address with 429 problem+json (last: it blocks this address)', async () => {
    // Earlier tests already presented a few revoked or expired keys from this address: they count too.
    const statuses: number[] = [];
    for (let i = 0; i <= BAD_KEY_LIMIT && !statuses.includes(429); i++) statuses.push((await t.request('GET', '/units', { auth: `aul.${randomUUID()}.${'x'.repeat(43)}` })).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(BAD_KEY_LIMIT);
    expect(statuses.at(-1)).toBe(429);
    const blocked = await t.request('GET', '/units', { auth: ADMIN_KEY }); // even a good key, from a blocked address
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(blocked.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

@Controller('unruled')
class UnruledController {
  @Get()
  hello() {
    return { hello: 'world' };
  }
}
@Module({ controllers: [UnruledController] })
class UnruledModule {}

describe('A route added without an access rule', () => {
  it('is reported by the matrix check and refused to everyone', async () => {
    const t = await startTestApp({ imports: [UnruledModule] });
    try {
      expect(routesWithoutRule(t.app)).toEqual([{ method: 'GET', path: '/unruled', public: false, rule: null }]);
      const res = await t.request('GET', '/unruled');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ type: '/problems/no-access-rule' });
    } finally {
      await t.cleanup();
    }
  });
});

describe('Rate limits', () => {
  it('answer 429 problem+json past the limit, stricter without a key', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '6', PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const publicStatuses = [];
      for (let i = 0; i < 4; i++) publicStatuses.push((await t.request('GET', '/health/live', { auth: null })).status);
      expect(publicStatuses).toEqual([200, 200, 200, 429]);
      const keyed = [];
      for (let i = 0; i < 7; i++) keyed.push((await t.request('GET', '/units')).status);
      expect(keyed).toEqual([200, 200, 200, 200, 200, 200, 429]);
      const limited = await t.request('GET', '/units');
      expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(limited.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    } finally {
      await t.cleanup();
    }
  });
});
