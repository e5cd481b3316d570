import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../src/shared/event-store/event-store.port.js';
import type { Reactor } from '../../src/shared/projections/projection.js';
import { ProjectionsModule } from '../../src/shared/projections/projections.module.js';
import { reactionContext, reactionMetadata } from '../../src/shared/projections/reaction.js';
import { ExecuteUnitCommand } from '../../src/territory/commands/unit-command.handler.js';
import { type TestApp, eventCount, startTestApp } from '../support/test-app.js';

const unit = (level: string, parentId: string | null, en: string, ru?: string) => ({ unitId: randomUUID(), level, names: { en, ...(ru ? { ru } : {}) }, parentId, effectiveFrom: '2017-01-01' });

describe('Territory queries on the units projection', () => {
  let t: TestApp;
  const region = unit('REGION', null, 'Mangystau region', 'Мангистауская область');
  const district = unit('DISTRICT', region.unitId, 'Munaily district', 'Мунайлинский район');
  const villages = [
    ['Batyr', 'Батыр', '475042100'], ['Bayandy', 'Баянды', '475036100'], ['Kyzyltobe', 'Кызылтобе', '475039100'],
    ['Mangistau', 'Мангистау', '475030100'], ['Baskuduk', 'Баскудук', '475033100'], ['Atameken', 'Атамекен', '475045100'], ['Daulet', 'Даулет', '475048100'],
  ].map(([en, ru, code]) => ({ ...unit('VILLAGE', district.unitId, en!, ru), code: code! }));
  let last = '0';

  beforeAll(async () => {
    t = await startTestApp();
    const post = async (path: string, body: unknown) => {
      const r = await t.request('POST', path, { body });
      expect(r.status).toBeLessThan(300);
      last = r.body.position;
    };
    await post('/units', region);
    await post(`/units/${region.unitId}/kato-codes`, { code: '470000000', classifierVersion: 'KATO-2019', validFrom: '2017-01-01' });
    await post('/units', district);
    await post(`/units/${district.unitId}/kato-codes`, { code: '475000000', classifierVersion: 'KATO-2019', validFrom: '2017-01-01' });
    for (const v of villages) {
      const { code, ...body } = v;
      await post('/units', body);
      await post(`/units/${v.unitId}/kato-codes`, { code, classifierVersion: 'KATO-2019', validFrom: '2017-01-01' });
    }
    await post(`/units/${villages[0]!.unitId}/names`, { names: { en: 'Batyr village', ru: 'Село Батыр' }, effectiveFrom: '2019-01-01' });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const get = (path: string) => t.request('GET', path, { headers: { 'consistent-with': last } });

  it('lists the children of a unit by name, a page at a time, with next links', async () => {
    const seen: string[] = [];
    let path: string | null = `/units/${district.unitId}/children?limit=3`;
    let pages = 0;
    while (path && pages < 10) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toMatch(/^W\/"/);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((u: { names: { ru: string } }) => u.names.ru));
      path = res.body.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Атамекен', 'Баскудук', 'Баянды', 'Даулет', 'Кызылтобе', 'Мангистау', 'Село Батыр']);
  });

  it('finds units by KATO code or its leading digits, in any classifier version', async () => {
    const exact = await get('/units?kato=475036100');
    expect(exact.body.items.map((u: { unitId: string }) => u.unitId)).toEqual([villages[1]!.unitId]);
    const prefix = await get('/units?kato=4750&level=VILLAGE&limit=100');
    expect(prefix.body.items).toHaveLength(7);
    expect(prefix.body.next).toBeNull();
  });

  it('finds units by the start of any word of a current or former name, in any language', async () => {
    const former = await get('/units?name=batyr');
    expect(former.body.items.map((u: { unitId: string }) => u.unitId)).toEqual([villages[0]!.unitId]);
    const russian = await get('/units?name=%D0%BC%D1%83%D0%BD%D0%B0%D0%B9'); // "мунай"
    expect(russian.body.items.map((u: { unitId: string }) => u.unitId)).toEqual([district.unitId]);
  });

  it('answers 304 to If-None-Match with the ETag of an unchanged page', async () => {
    const first = await get(`/units/${district.unitId}/children`);
    const again = await t.request('GET', `/units/${district.unitId}/children`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('refuses bad query parameters with a problem', async () => {
    for (const q of ['limit=0', 'limit=201', 'kato=47x', 'level=PLANET', 'name=a', 'colour=red']) {
      const res = await t.request('GET', `/units?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const badCursor = await t.request('GET', '/units?cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ type: '/problems/invalid-query' });
  });
});

describe('Read your writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A generous wait: on a loaded machine (or over gRPC to EventStoreDB) a projection may need more than a moment.
    t = await startTestApp({ env: { READ_WAIT_MS: '15000' } });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('a query naming a command position sees that command', async () => {
    for (let i = 0; i < 20; i++) {
      const u = unit('REGION', null, `Region ${i}`);
      const created = await t.request('POST', '/units', { body: u });
      const read = await t.request('GET', `/units/${u.unitId}`, { headers: { 'consistent-with': created.body.position } });
      expect(read.status).toBe(200);
      expect(read.body.names.en).toBe(`Region ${i}`);
      expect(read.headers.get('consistency')).toBeNull();
    }
  });

  it('says which position it reflects when the projections cannot reach the one asked for in time', async () => {
    const impatient = await startTestApp({ env: { READ_WAIT_MS: '200' } });
    try {
      await impatient.request('POST', '/units', { body: unit('REGION', null, 'Impatient region') });
      await impatient.catchUp();
      const reflected = BigInt((await impatient.request('GET', '/units')).headers.get('reflects-position')!);
      const res = await impatient.request('GET', '/units', { headers: { 'consistent-with': String(reflected + 1000n) } });
      expect(res.status).toBe(200);
      expect(res.headers.get('reflects-position')).toBe(String(reflected));
      expect(res.headers.get('consistency')).toBe('stale');
      const bad = await impatient.request('GET', '/units', { headers: { 'consistent-with': 'latest' } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ type: '/problems/invalid-consistent-with' });
    } finally {
      await impatient.cleanup();
    }
  });

  it('publishes projection checkpoints, lag and request counts on /metrics', async () => {
    await t.catchUp();
    const res = await t.request('GET', '/metrics', { auth: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const head = await t.store.headPosition();
    expect(res.text).toContain(`aul_ledger_event_store_head_position ${head}`);
    expect(res.text).toMatch(/aul_ledger_projection_lag\{projection="territory.units",kind="projection",collection="territory_units_v1"\} 0/);
    expect(res.text).toMatch(/aul_ledger_http_requests_total\{method="POST",route="\/units",status="201"\} \d+/);
  });
});

const REACTOR = 'test.region-baseline';

/** A reactor for the test: every new region gets a population record of 0 for 2016 (a baseline). */
@Injectable()
class RegionBaselineReactor implements Reactor {
  readonly name = REACTOR;
  readonly handles = ['AdministrativeUnitRegistered'];
  constructor(private readonly commands: CommandBus) {}
  async react(event: RecordedEvent): Promise<void> {
    const data = event.data as { unitId: string; level: string };
    if (data.level !== 'REGION') return;
    const payload = { unitId: data.unitId, year: 2016, count: 0 };
    const context = reactionContext(REACTOR, event, 0, payload);
    await this.commands.execute(new ExecuteUnitCommand({ type: 'RecordPopulation', data: payload, metadata: reactionMetadata(context, event) }, context));
  }
}

@Module({ imports: [ProjectionsModule.forFeature({ reactors: [RegionBaselineReactor] })] })
class ReactorFixtureModule {}

describe('Reactors', () => {
  it('dispatch commands through the pipeline once, and a redelivered event changes nothing', async () => {
    let t = await startTestApp({ imports: [ReactorFixtureModule] });
    const dataDir = t.dataDir;
    try {
      const regions = [unit('REGION', null, 'Karaganda region'), unit('REGION', null, 'East Kazakhstan region')];
      for (const r of regions) await t.request('POST', '/units', { body: r });
      await t.request('POST', '/units', { body: unit('DISTRICT', regions[0]!.unitId, 'Nura district') });
      await t.catchUp();
      await t.catchUp(); // the reactions' own events
      for (const r of regions) {
        const events = await t.store.readStream(`administrativeUnit-${r.unitId}`);
        expect(events.map((e) => e.type)).toEqual(['AdministrativeUnitRegistered', 'PopulationRecorded']);
        expect(events[1]!.metadata).toMatchObject({ actor: { id: `reactor:${REACTOR}`, role: 'system' }, causationId: events[0]!.eventId, occurredAt: events[0]!.metadata.occurredAt });
      }
      const count = await eventCount(t.store);

      // Redelivery: forget the reactor's checkpoint and start again; every reaction replays its recorded result.
      await t.reads.deleteCheckpoint(`reactor:${REACTOR}`);
      await t.close();
      t = await startTestApp({ dataDir, imports: [ReactorFixtureModule] });
      await t.catchUp();
      expect(await t.reads.getCheckpoint(`reactor:${REACTOR}`)).toBe(await t.store.headPosition());
      expect(await eventCount(t.store)).toBe(count);
    } finally {
      await t.cleanup();
    }
  });
});
