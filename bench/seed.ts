import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { NewEvent } from '../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/shared/event-store/sqlite/sqlite-event-store.js';

export const PER_UNIT = 10;
export const seedMeta = { actor: { id: 'bench', role: 'administrator' }, correlationId: 'bench', occurredAt: '2019-01-01T00:00:00.000Z' };

/** The ten events of one synthetic village: registered, a KATO code, eight population records. */
export const unitEvents = (unitId: string, u: number): NewEvent[] => {
  const batch: NewEvent[] = [
    { type: 'AdministrativeUnitRegistered', data: { unitId, level: 'REGION', names: { ru: `Аул ${u}`, en: `Aul ${u}` }, parentId: null, effectiveFrom: '2017-01-01', registeredAt: seedMeta.occurredAt }, metadata: seedMeta },
    { type: 'KatoCodeAssigned', data: { unitId, katoCode: { code: String(100000000 + u), classifierVersion: 'KATO-2019', validFrom: '2017-01-01' }, assignedAt: seedMeta.occurredAt }, metadata: seedMeta },
  ];
  for (let y = 0; y < PER_UNIT - 2; y++) batch.push({ type: 'PopulationRecorded', data: { unitId, year: 2010 + y, count: 300 + y, recordedAt: seedMeta.occurredAt }, metadata: seedMeta });
  return batch;
};

/** Appends `events` synthetic unit events (10 per unit), 64 units at a time concurrently so group commit packs them. */
async function appendUnits(store: SqliteEventStore, events: number): Promise<void> {
  for (let u = 0; u < events / PER_UNIT; u += 64) {
    const appends: Promise<unknown>[] = [];
    for (let k = u; k < Math.min(u + 64, events / PER_UNIT); k++) {
      const unitId = randomUUID();
      appends.push(store.appendToStream(`administrativeUnit-${unitId}`, unitEvents(unitId, k), 'no_stream'));
    }
    await Promise.all(appends);
  }
}

/**
 * An event store file with `events` synthetic unit events (10 per unit), made once and kept under .bench-dist/data
 * (seeding 1M events takes about a minute), copied to `target` when given so a run may write to it.
 * Units are appended 64 at a time concurrently, so group commit packs them into few transactions.
 */
export async function seededEventStore(events: number, target?: string): Promise<{ path: string; seedMs: number | null }> {
  const dir = join(process.cwd(), '.bench-dist', 'data');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `units-${events}.db`);
  let seedMs: number | null = null;
  if (!existsSync(path)) {
    const tmp = `${path}.tmp`;
    rmSync(tmp, { force: true });
    const store = SqliteEventStore.open(tmp, { synchronous: 'NORMAL' });
    const start = performance.now();
    await appendUnits(store, events);
    seedMs = performance.now() - start;
    await store.close(); // checkpoints the WAL into the file
    renameSync(tmp, path);
  }
  if (!target) return { path, seedMs };
  copyFileSync(path, target);
  return { path: target, seedMs };
}

/**
 * The demo scenario's log followed by `events` synthetic unit events, made once and kept under .bench-dist/data.
 * The demo is seeded once by the built command line (`npm run build` first; `aul-ledger seed`, a few minutes) into
 * .bench-dist/data/demo, whose event store is then copied and appended to.
 */
export async function demoPlusUnitsEventStore(events: number): Promise<{ path: string; seedMs: number | null; demoEvents: number }> {
  const dir = join(process.cwd(), '.bench-dist', 'data');
  const demo = join(dir, 'demo');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(demo, 'events.db'))) {
    const cli = join(process.cwd(), 'dist', 'cli', 'main.js');
    if (!existsSync(cli)) throw new Error('The demo is seeded by the built command line: run `npm run build` first (or DEMO=0 for synthetic events only)');
    const tmp = `${demo}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    const seeded = spawnSync(process.execPath, [cli, 'seed'], { env: { ...process.env, DATA_DIR: tmp, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (seeded.status !== 0) throw new Error(`Seeding the demo failed (exit ${seeded.status})`);
    const wal = new Database(join(tmp, 'events.db'));
    wal.pragma('wal_checkpoint(TRUNCATE)'); // everything in the one file that is copied
    wal.close();
    renameSync(tmp, demo);
  }
  const counted = new Database(join(demo, 'events.db'), { readonly: true });
  const demoEvents = Number((counted.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n);
  counted.close();
  const path = join(dir, `demo-units-${events}.db`);
  let seedMs: number | null = null;
  if (!existsSync(path)) {
    const tmp = `${path}.tmp`;
    copyFileSync(join(demo, 'events.db'), tmp);
    const store = SqliteEventStore.open(tmp, { synchronous: 'NORMAL' });
    const start = performance.now();
    await appendUnits(store, events);
    seedMs = performance.now() - start;
    await store.close();
    renameSync(tmp, path);
  }
  return { path, seedMs, demoEvents };
}
