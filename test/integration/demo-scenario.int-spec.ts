import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app.config.js';
import { demoId } from '../../src/demo/deterministic.js';
import { type LogDigest, logDigest } from '../../src/demo/log-digest.js';
import { StoreNotEmptyError, seedDemo } from '../../src/demo/seed.js';
import { openEventStore } from '../../src/shared/event-store/event-store.module.js';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';
import { ADMIN_KEY, type TestApp, startTestApp } from '../support/test-app.js';

/**
 * The demo scenario (DOMAIN.md 6) seeded into a fresh SQLite data directory, then read through the real API. The
 * residents are fewer than the demo's ~300 per aul (14–19) to keep the run short; every other figure is the demo's.
 * Seeded a second time into another directory, it writes a byte-identical log; seeded with another random seed, the
 * same content sealed under other keys.
 */
describe('The demo scenario', () => {
  const dirs: string[] = [];
  let t: TestApp;
  let first: LogDigest;
  let seeded: { events: number; commands: number };

  const seedInto = async (randomSeed?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-demo-'));
    dirs.push(dir);
    const config = loadConfig({ DATA_DIR: dir, ADMIN_API_KEY: ADMIN_KEY });
    const report = await seedDemo(config, { residentsPerUnit: [14, 19], randomSeed });
    const store = await openEventStore(config);
    try {
      return { dir, report, digest: await logDigest(store), chains: await verifyChains(store) };
    } finally {
      await store.close();
    }
  };
  const get = async (path: string) => {
    const res = await t.request('GET', path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body;
  };

  beforeAll(async () => {
    const run = await seedInto();
    first = run.digest;
    seeded = run.report;
    expect(run.chains).toMatchObject({ ok: true });
    t = await startTestApp({ dataDir: run.dir });
    await t.catchUp();
  }, 600_000);
  afterAll(async () => {
    await t?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loads 23 plans, all active, with their amendments applied, one of them after a conflict and a rebase', async () => {
    const plans = await get('/plans?limit=200');
    expect(plans.items).toHaveLength(23);
    expect(new Set(plans.items.map((p: { status: string }) => p.status))).toEqual(new Set(['ACTIVE']));
    const versions = plans.items.reduce((s: number, p: { version: number }) => s + p.version - 1, 0);
    expect(versions).toBe(12 + 4); // 12 adopted MAJOR amendments and 4 MINOR ones
    const actions = plans.items.reduce((s: number, p: { actionCount?: number; actions?: unknown[] }) => s + (p.actionCount ?? p.actions?.length ?? 0), 0);
    expect(actions).toBeGreaterThanOrEqual(150);
    const rebased = await get(`/plan-amendments/${demoId('amendment:belousovka:minor-1')}`);
    expect(rebased).toMatchObject({ status: 'APPLIED', classification: 'MINOR', baseVersion: 2, appliedVersion: 3, conflict: { baseVersion: 1, currentVersion: 2 } });
    expect(rebased.history.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['AmendmentConflicted', 'AmendmentRebased', 'AmendmentApplied']));
  });

  it('shows, as of a day before an amendment was applied, the plan version in force then (the audit’s as-of view)', async () => {
    const amendment = await get(`/plan-amendments/${demoId('amendment:belousovka:minor-1')}`);
    const appliedAt: string = amendment.history.find((h: { type: string }) => h.type === 'AmendmentApplied').at;
    const dayBefore = new Date(Date.parse(appliedAt) - 86_400_000).toISOString();
    const before = await get(`/audit/plans/${amendment.planId}/as-of?asOf=${dayBefore}`);
    const after = await get(`/audit/plans/${amendment.planId}/as-of?asOf=${appliedAt}`);
    expect(before).toMatchObject({ planId: amendment.planId, version: amendment.appliedVersion - 1 });
    expect(after).toMatchObject({ planId: amendment.planId, version: amendment.appliedVersion });
  });

  it('loads 80 meetings of the seed’s kinds', async () => {
    const meetings = await get('/meetings?limit=200');
    expect(meetings.items).toHaveLength(80);
    const byType: Record<string, number> = {};
    for (const m of meetings.items as Array<{ meetingType: string }>) byType[m.meetingType] = (byType[m.meetingType] ?? 0) + 1;
    expect(byType).toEqual({ PROBLEM_DISCUSSION: 23, FOCUS_GROUP: 20, PUBLIC_HEARING: 33, DIALOGUE_PLATFORM: 3, CONFERENCE: 1 });
  });

  it('awards 33 grants totalling KZT 32,500,000 over 4 calls and 91 applications', async () => {
    const calls = await get('/grant-calls?limit=200');
    expect(calls.items).toHaveLength(4);
    const awarded = calls.items.reduce((s: bigint, c: { awardedTotal: { amountMinor: string } }) => s + BigInt(c.awardedTotal.amountMinor), 0n);
    expect(awarded).toBe(32_500_000_00n);
    expect(calls.items.reduce((s: number, c: { awardCount: number }) => s + c.awardCount, 0)).toBe(33);
    let applications = 0;
    for (const c of calls.items as Array<{ callId: string }>) applications += (await get(`/grant-applications?callId=${c.callId}&limit=200`)).items.length;
    expect(applications).toBe(91);
  });

  it('signs 33 agreements (21 by bank transfer, 12 in kind) and closes them, one after a termination with recovery', async () => {
    const agreements = await get('/grant-agreements?limit=200');
    expect(agreements.items).toHaveLength(33);
    expect(new Set(agreements.items.map((a: { status: string }) => a.status))).toEqual(new Set(['CLOSED']));
    const paid = agreements.items.reduce((s: bigint, a: { paid: { amountMinor: string } }) => s + BigInt(a.paid.amountMinor), 0n);
    expect(paid).toBe(32_500_000_00n);
    const modes = agreements.items.map((a: { mode: string }) => a.mode);
    expect(modes.filter((m: string) => m === 'IN_KIND')).toHaveLength(12);
    expect(modes.filter((m: string) => m === 'BANK_TRANSFER')).toHaveLength(21);
  });

  it('records the recovery on its programme’s ledger once, as a disbursement of KZT −300,000', async () => {
    const programmes = (await get('/programmes?limit=20')).items as Array<{ programmeId: string }>;
    const disbursements: string[] = [];
    for (const p of programmes) {
      const ledger = await get(`/programmes/${p.programmeId}/ledger?transactionType=3&limit=200`);
      disbursements.push(...ledger.items.map((e: { amount: { amountMinor: string } }) => e.amount.amountMinor));
    }
    expect(disbursements.filter((a) => a.startsWith('-'))).toEqual(['-30000000']);
    expect(disbursements).toHaveLength(21 * 2 + 1);
  });

  it('shows the two programmes’ budgets: EUR 928,412 in all, EU EUR 832,570, an EU share of 89.68%', async () => {
    const portfolio = await get('/programmes/portfolio/EUR');
    expect(portfolio).toMatchObject({ total: { amountMinor: '92841200', currency: 'EUR' }, euContribution: { amountMinor: '83257000', currency: 'EUR' }, euSharePct: '89.68' });
  });

  it('answers six recommendations: 1 accepted, 2 partially, 3 without response', async () => {
    const list = await get('/recommendations?limit=200');
    expect(list.items).toHaveLength(6);
    const responses = list.items.map((r: { response?: string; latestResponse?: { response: string } }) => r.response ?? r.latestResponse?.response).sort();
    expect(responses).toEqual(['ACCEPTED', 'NO_RESPONSE', 'NO_RESPONSE', 'NO_RESPONSE', 'PARTIALLY_ACCEPTED', 'PARTIALLY_ACCEPTED']);
  });

  it('shows the erased grantee as "[erased]" to an administrator, and keeps the award', async () => {
    const erased = await get(`/grant-applications/${demoId('application:GSE-2018-1:5')}`);
    expect(erased.personal).toMatchObject({ fullName: '[erased]', iin: '[erased]' });
    const other = await get(`/grant-applications/${demoId('application:GSE-2018-1:6')}`);
    expect(other.personal.fullName).not.toBe('[erased]');
  });

  it('marks every event as demo data and refuses to seed a store that is not empty', async () => {
    for (let after: bigint | null = null; ; ) {
      const batch = await t.store.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      for (const e of batch) expect((e.metadata as { demo?: boolean }).demo).toBe(true);
      after = batch.at(-1)!.position;
    }
    expect(first.events).toBe(seeded.events);
    await t.close();
    await expect(seedDemo(loadConfig({ DATA_DIR: t.dataDir, ADMIN_API_KEY: ADMIN_KEY }))).rejects.toBeInstanceOf(StoreNotEmptyError);
  });

  it('writes a byte-identical event log when seeded again, ciphertexts and chain hashes included', async () => {
    const second = await seedInto();
    expect(second.chains).toMatchObject({ ok: true });
    expect(second.digest).toEqual(first);
    expect(first.sealed).toBeGreaterThan(0);
  }, 600_000);

  it('seals the same content under other keys with another random seed, which the raw digest tells apart', async () => {
    const other = await seedInto('another demo random seed');
    expect(other.digest.events).toBe(first.events);
    expect(other.digest.sealed).toBe(first.sealed);
    expect(other.digest.content).toBe(first.content);
    expect(other.digest.raw).not.toBe(first.raw);
  }, 600_000);
});
