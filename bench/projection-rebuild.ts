/**
 * Rebuilding a projection from zero over 100k events on SQLite, in events per second, against the limit to approach:
 * reading the whole log in order with JSON.parse, measured in the same run.
 *   npm run bench:projections            (EVENTS=100000 by default)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewEvent } from '../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/shared/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../src/shared/projections/projection-runner.js';
import { SqliteReadStore } from '../src/shared/read-store/sqlite/sqlite-read-store.js';
import { unitsProjection } from '../src/territory/projections/units.projection.js';
import { machine, perSecond, recordResults } from './support.js';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const PER_UNIT = 10;
const meta = { actor: { id: 'bench', role: 'administrator' }, correlationId: 'bench', occurredAt: '2019-01-01T00:00:00.000Z' };

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-'));
  try {
    const events = SqliteEventStore.open(join(dir, 'events.db'), { synchronous: 'NORMAL' });
    const seedStart = performance.now();
    for (let u = 0; u < EVENTS / PER_UNIT; u++) {
      const unitId = randomUUID();
      const batch: NewEvent[] = [
        { type: 'AdministrativeUnitRegistered', data: { unitId, level: 'VILLAGE', names: { ru: `Аул ${u}`, en: `Aul ${u}` }, parentId: null, effectiveFrom: '2017-01-01', registeredAt: meta.occurredAt }, metadata: meta },
        { type: 'KatoCodeAssigned', data: { unitId, katoCode: { code: String(475000000 + u).padStart(9, '0'), classifierVersion: 'KATO-2019', validFrom: '2017-01-01' }, assignedAt: meta.occurredAt }, metadata: meta },
      ];
      for (let y = 0; y < PER_UNIT - 2; y++) batch.push({ type: 'PopulationRecorded', data: { unitId, year: 2010 + y, count: 300 + y, recordedAt: meta.occurredAt }, metadata: meta });
      await events.appendToStream(`administrativeUnit-${unitId}`, batch, 'no_stream');
    }
    const seedMs = performance.now() - seedStart;

    // The limit: the whole log read in order, with JSON.parse of every event (what any rebuild must do).
    const rawStart = performance.now();
    let read = 0;
    for (let after: bigint | null = null; ; ) {
      const batch = await events.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      read += batch.length;
      after = batch.at(-1)!.position;
    }
    const rawMs = performance.now() - rawStart;

    const reads = SqliteReadStore.open(join(dir, 'read.db'));
    const runner = new ProjectionRunner(events, reads, { batchSize: 1000 });
    runner.addProjection(unitsProjection);
    const rebuildStart = performance.now();
    await runner.start();
    await runner.catchUp(600_000);
    const rebuildMs = performance.now() - rebuildStart;
    await runner.stop();
    const documents = await reads.count(runner.collectionFor(unitsProjection.name));
    await reads.close();
    await events.close();

    const raw = perSecond(read, rawMs);
    const rebuild = perSecond(read, rebuildMs);
    const lines = [
      '## Projection rebuild (SQLite)',
      '',
      `Command: \`npm run bench:projections\` (EVENTS=${EVENTS}). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `${read} events (${documents} unit documents, ${PER_UNIT} events each: registered, KATO code, 8 population records), seeded in ${(seedMs / 1000).toFixed(1)} s.`,
      '',
      '| measure | events/s | ratio |',
      '|---|---:|---:|',
      `| raw read of the whole log with JSON.parse (the limit) | ${raw} | 1.00 |`,
      `| rebuild of \`territory.units\` from zero into a fresh SQLite read store | ${rebuild} | ${(rebuild / raw).toFixed(2)} |`,
    ].join('\n');
    recordResults('projection-rebuild', lines);
    process.stdout.write(`${lines}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
