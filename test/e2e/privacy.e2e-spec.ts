import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withControlDigit } from '../../src/privacy/iin.js';
import { PersonalDataService } from '../../src/privacy/personal-data.service.js';
import type { EncryptedValue } from '../../src/shared/domain/personal-data.js';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';
import { RESIDENT_COUNTS_PROJECTION, RESIDENTS_PROJECTION } from '../../src/territory/residents/residents.projection.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/** Every byte of every file under the data directory: the stores, their WAL and shared-memory files. */
const rawBytes = (dir: string) => Buffer.concat(readdirSync(dir).filter((f) => !f.endsWith('.key')).map((f) => readFileSync(join(dir, f))));

/** A demo-style IIN: a valid control digit, in a block whose birth date (month 13+) cannot be a real person's. */
const demoIin = (n: number) => withControlDigit(`9013${String(10 + (n % 80)).padStart(2, '0')}${String(n).padStart(5, '0')}`) ?? withControlDigit(`9014${String(10 + (n % 80)).padStart(2, '0')}${String(n).padStart(5, '0')}`)!;

describe('Personal data: encrypted per person, erasable without breaking history', () => {
  let t: TestApp;
  const logLines: string[] = [];
  let village: string;
  let last = '0';
  const person = (n: number) => ({
    residentId: randomUUID(),
    fullName: `Testperson-${n}-${randomUUID().slice(0, 8)} Серикқызы`,
    iin: demoIin(n),
    birthDate: `1991-04-${String(10 + n).padStart(2, '0')}`,
    phone: `+7 701 555 ${String(1000 + n)}`,
    address: `Unique street ${randomUUID().slice(0, 8)}, house ${n}`,
    sex: n % 2 === 0 ? 'female' : 'male',
  });
  const plaintexts = (p: ReturnType<typeof person>) => [p.fullName, p.iin, p.phone, p.address];
  const a = person(1);
  const b = person(2);
  const c = person(3);

  const post = async (path: string, body: unknown, status?: number) => {
    const r = await t.request('POST', path, { body });
    if (status) expect({ path, status: r.status, body: r.body }).toMatchObject({ path, status });
    if (r.body?.position) last = r.body.position;
    return r;
  };
  const get = (path: string) => t.request('GET', path, { headers: { 'consistent-with': last } });
  const scan = async () => {
    const files = rawBytes(t.dataDir);
    const exported = (await t.store.readAll({ after: null, maxCount: 100_000 })).map((e) => JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).join('\n');
    const logs = logLines.join('');
    const api = (await get(`/residents/${a.residentId}`)).text;
    return (text: string) => ({ files: files.includes(text), export: exported.includes(text), logs: logs.includes(text), api: api.includes(text) });
  };

  beforeAll(async () => {
    t = await startTestApp({ logLines });
    const region = randomUUID();
    const district = randomUUID();
    village = randomUUID();
    await post('/units', { unitId: region, level: 'REGION', names: { en: 'Mangystau region' }, effectiveFrom: '2017-01-01' }, 201);
    await post('/units', { unitId: district, level: 'DISTRICT', names: { en: 'Munaily district' }, parentId: region, effectiveFrom: '2017-01-01' }, 201);
    await post('/units', { unitId: village, level: 'VILLAGE', names: { en: 'Batyr' }, parentId: district, effectiveFrom: '2017-01-01' }, 201);
    for (const p of [a, b, c]) await post('/residents', { ...p, settlementId: village }, 201);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('stores personal fields only as ciphertext, and shows them to staff in clear', async () => {
    const before = await scan();
    for (const text of plaintexts(a)) expect({ text, ...before(text) }).toEqual({ text, files: false, export: false, logs: false, api: true });
    // Positive controls: the scan reads the files (the plain resident id is there) and the request logs.
    expect(before(a.residentId).files).toBe(true);
    expect(before('"url":"/residents"').logs).toBe(true);
    const [registered] = await t.store.readStream(`resident-${a.residentId}`);
    expect((registered!.data as { personal: Record<string, EncryptedValue> }).personal.iin).toMatchObject({ keyId: `${a.residentId}#1`, alg: 'A256GCM' });
    const view = await get(`/residents/${a.residentId}`);
    expect(view.body).toMatchObject({ residentId: a.residentId, settlementId: village, sex: 'male', birthYearBand: '1990–1994', erased: false, personal: { fullName: a.fullName, iin: a.iin, phone: a.phone } });
  });

  it('keeps IINs unique among active residents, and finds a resident by IIN sent in a body', async () => {
    const twin = await t.request('POST', '/residents', { body: { ...person(9), iin: b.iin, settlementId: village } });
    expect(twin.status).toBe(409);
    expect(twin.body).toMatchObject({ type: '/problems/iin-already-registered' });
    const found = await t.request('POST', '/residents/lookup', { body: { iin: b.iin } });
    expect(found.body).toEqual({ residentId: b.residentId });
    const badIin = await t.request('POST', '/residents', { body: { ...person(10), iin: '900101300127', settlementId: village } });
    expect(badIin.status).toBe(400);
    expect(badIin.body.errors).toEqual([expect.objectContaining({ path: 'iin' })]);
  });

  it('after erasure, no plaintext remains anywhere; reads show [erased]; the chain verifies; totals hold, also after rebuilds', async () => {
    const counts = (await get(`/residents/counts?settlementId=${village}`)).body;
    expect(counts).toMatchObject({ total: 3 });

    const erased = await post(`/data-subjects/${a.residentId}/erasure`, { basis: 'Request of the data subject' }, 200);
    expect(erased.body).toMatchObject({ outcome: 'completed' });

    const after = await scan();
    for (const text of plaintexts(a)) expect({ text, ...after(text) }).toEqual({ text, files: false, export: false, logs: false, api: false });
    const view = await get(`/residents/${a.residentId}`);
    expect(view.body).toMatchObject({ erased: true, personal: { fullName: '[erased]', iin: '[erased]', birthDate: '[erased]' } });
    const [registered] = await t.store.readStream(`resident-${a.residentId}`);
    const personal = t.app.get(PersonalDataService);
    expect(await personal.reveal('fullName', (registered!.data as { personal: Record<string, EncryptedValue> }).personal.fullName!)).toBe('[erased]');
    expect((await get(`/residents/${b.residentId}`)).body.personal.fullName).toBe(b.fullName); // others untouched

    expect(await verifyChains(t.store)).toMatchObject({ ok: true });
    expect((await get(`/residents/counts?settlementId=${village}`)).body).toEqual(counts);
    expect((await get(`/data-subjects/${a.residentId}`)).body).toMatchObject({ status: 'erased', erasure: { basis: 'Request of the data subject', completedAt: expect.any(String) } });

    for (const name of [RESIDENT_COUNTS_PROJECTION, RESIDENTS_PROJECTION]) await t.projections.rebuild(name);
    await t.catchUp();
    expect((await get(`/residents/counts?settlementId=${village}`)).body).toEqual(counts);
    expect((await get(`/residents/${a.residentId}`)).body).toMatchObject({ erased: true, personal: { fullName: '[erased]' } });

    // The erased IIN's HMAC went with the key: the number is free again.
    expect((await t.request('POST', '/residents/lookup', { body: { iin: a.iin } })).status).toBe(404);
    // And nothing can be recorded for the erased person again.
    const again = await t.request('POST', `/residents/${a.residentId}/contact`, { body: { phone: '+7 700 000 0000' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: '/problems/data-subject-erased' });
  });

  it('defers an erasure under a legal hold, shows auditors why and until when, and completes it after the date', async () => {
    const holdId = randomUUID();
    await post(`/data-subjects/${c.residentId}/legal-holds`, { holdId, basis: 'EU grant audit retention', until: '2027-01-01' }, 200);
    const deferred = await post(`/data-subjects/${c.residentId}/erasure`, { basis: 'Request of the data subject' }, 200);
    expect(deferred.body).toMatchObject({ outcome: 'deferred', deferredUntil: '2027-01-01', deferralBasis: 'EU grant audit retention' });
    expect((await get(`/data-subjects/${c.residentId}`)).body).toMatchObject({
      status: 'erasure-deferred',
      holds: [{ holdId, basis: 'EU grant audit retention', until: '2027-01-01' }],
      erasure: { deferredUntil: '2027-01-01', deferralBasis: 'EU grant audit retention' },
    });
    expect((await get(`/residents/${c.residentId}`)).body.personal.fullName).toBe(c.fullName);

    t.clock.set(new Date('2027-01-02T09:00:00.000Z'));
    const completed = await post(`/data-subjects/${c.residentId}/erasure`, { basis: 'Request of the data subject' }, 200);
    expect(completed.body).toMatchObject({ outcome: 'completed' });
    expect((await get(`/residents/${c.residentId}`)).body.personal.fullName).toBe('[erased]');
  });
});
