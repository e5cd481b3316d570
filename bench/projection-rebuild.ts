/**
 * Rebuilding a projection from zero over the demo plus 1M events on SQLite, in events per second, against the limit
 * to approach: reading the whole log in order with JSON.parse (raw better-sqlite3), measured in the same run. The log
 * is the demo scenario's (seeded once by the built command line: `npm run build` first) followed by synthetic unit
 * events (bench/seed.ts; both kept between runs under .bench-dist/data). DEMO=0: the synthetic events alone.
 * CPU time is reported beside the rates: the machine is shared, and wall-clock rates move with its load.
 *   npm run bench:projections            (EVENTS=1000000 by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src/shared/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../src/shared/projections/projection-runner.js';
import { SqliteReadStore } from '../src/shared/read-store/sqlite/sqlite-read-store.js';
import { unitsProjection } from '../src/territory/projections/units.projection.js';
import { PER_UNIT, demoPlusUnitsEventStore, seededEventStore } from './seed.js';
import { machine, perSecond, publishResults, runMain } from './support.js';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const DEMO = process.env.DEMO !== '0';

/** CPU time of this process in ms (the stores run on its thread). */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-'));
  try {
    const { path, seedMs, demoEvents } = DEMO ? await demoPlusUnitsEventStore(EVENTS) : { ...(await seededEventStore(EVENTS)), demoEvents: 0 };

    // The limit: the whole log read in order, with JSON.parse of every event's data and metadata (what any rebuild must do).
    // Measured before and after the rebuild; the faster one is the limit (the machine is shared).
    let read = 0;
    let rawCpu = Infinity;
    const rawRead = (): number => {
      const raw = new Database(path, { readonly: true });
      raw.defaultSafeIntegers(true);
      const page = raw.prepare<[bigint], { position: bigint; data: string; metadata: string }>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 1000');
      const rawStart = performance.now();
      const cpuStart = cpu();
      read = 0;
      for (let after = 0n; ; ) {
        const rows = page.all(after);
        if (rows.length === 0) break;
        for (const r of rows) {
          JSON.parse(r.data);
          JSON.parse(r.metadata);
        }
        read += rows.length;
        after = rows.at(-1)!.position;
      }
      const ms = performance.now() - rawStart;
      rawCpu = Math.min(rawCpu, cpu() - cpuStart);
      raw.close();
      return ms;
    };
    let rawMs = rawRead();

    const events = SqliteEventStore.open(path, { synchronous: 'NORMAL' });
    const adapterStart = performance.now();
    for (let after: bigint | null = null; ; ) {
      const batch = await events.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      after = batch.at(-1)!.position;
    }
    const adapterMs = performance.now() - adapterStart;

    const reads = SqliteReadStore.open(join(dir, 'read.db'));
    const runner = new ProjectionRunner(events, reads);
    runner.addProjection(unitsProjection);
    const rebuildStart = performance.now();
    const rebuildCpuStart = cpu();
    await runner.start();
    await runner.catchUp(1_800_000);
    const rebuildMs = performance.now() - rebuildStart;
    const rebuildCpu = cpu() - rebuildCpuStart;
    await runner.stop();
    rawMs = Math.min(rawMs, rawRead());
    const documents = await reads.count(runner.collectionFor(unitsProjection.name));
    await reads.close();
    await events.close();

    const rawRate = perSecond(read, rawMs);
    const row = (name: string, ms: number, target = '') => `| ${name} | ${perSecond(read, ms)} | ${(perSecond(read, ms) / rawRate).toFixed(2)} | ${target} |`;
    const lines = [
      '## Projection rebuild (SQLite)',
      '',
      `Command: \`npm run bench:projections\` (EVENTS=${EVENTS}). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `${read} events: ${DEMO ? `the demo scenario's ${demoEvents}, then ` : 'synthetic only (DEMO=0): '}${read - demoEvents} synthetic unit events (${PER_UNIT} each: registered, KATO code, 8 population records)${seedMs === null ? ', seeded by an earlier run' : `, appended in ${(seedMs / 1000).toFixed(1)} s`}; ${documents} unit documents.`,
      '',
      '| measure | events/s | ratio | target |',
      '|---|---:|---:|---|',
      `| raw read of the whole log with JSON.parse of data and metadata (the limit; best of a read before and one after the rebuild) | ${rawRate} | 1.00 | |`,
      row('`readAll` through the adapter (envelopes, 1000 per page)', adapterMs),
      row('rebuild of `territory.units` from zero into a fresh SQLite read store (indexes built at the end)', rebuildMs, '≥ 0.5'),
      '',
      `CPU time (this process): raw read ${(rawCpu / 1000).toFixed(2)} s (best of two), rebuild ${(rebuildCpu / 1000).toFixed(2)} s: ratio ${(rawCpu / rebuildCpu).toFixed(2)}.`,
    ].join('\n');
    publishResults('projection-rebuild', lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main);
