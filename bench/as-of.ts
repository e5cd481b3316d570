/**
 * The state of a 10,000-event stream, against a raw read of that stream (better-sqlite3, JSON.parse of data and
 * metadata), measured in the same run:
 *   - the as-of fold: `readStream` through the adapter, folded with the administrative unit decider's `evolve`;
 *   - a command on that stream through the CommandPipeline: the first folds the whole stream, later ones start from
 *     the cached state and read only the events after it.
 *   - the audit context's as-of state (`TimeTravelService.stateAt` at the last revision and at the middle one), the
 *     service behind GET /audit/streams/:streamId/state, without snapshots (folded from the first event);
 *   - the same, and a command, in a cold process over persisted snapshots (src/shared/snapshots, every 1,000
 *     revisions, in a read-store file): a fresh service, snapshot store and command pipeline for every run, so nothing
 *     is cached in memory.
 *   npm run bench:as-of             (STREAM_EVENTS=10000 REPEAT=20)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { AppConfig } from '../src/config/app.config.js';
import { CommandPipeline } from '../src/shared/command/command-pipeline.js';
import { TimeTravelService } from '../src/audit/time-travel.service.js';
import { snapshotKindOf } from '../src/audit/stream-registry.js';
import { SqliteReadStore } from '../src/shared/read-store/sqlite/sqlite-read-store.js';
import { StateSnapshots } from '../src/shared/snapshots/state-snapshots.js';
import { fold } from '../src/shared/domain/decider.js';
import type { NewEvent } from '../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/shared/event-store/sqlite/sqlite-event-store.js';
import type { AdministrativeUnitEvent } from '../src/territory/domain/administrative-unit.events.js';
import { administrativeUnitDecider, unitStream } from '../src/territory/domain/administrative-unit.decider.js';
import { seedMeta } from './seed.js';
import { machine, publishResults, runMain } from './support.js';

const STREAM_EVENTS = Number(process.env.STREAM_EVENTS ?? 10_000);
const REPEAT = Number(process.env.REPEAT ?? 20);
const SNAPSHOT_EVERY = 1000;

/**
 * Median time of `REPEAT` runs of each measure, in ms, taken in rounds (every measure once per round, in turn), so that
 * the load of a shared machine weighs on all of them alike rather than on whichever ran during a busy spell.
 */
const interleaved = async <K extends string>(measures: Record<K, (round: number) => Promise<unknown> | unknown>): Promise<Record<K, number>> => {
  const times = Object.fromEntries(Object.keys(measures).map((k) => [k, [] as number[]])) as unknown as Record<K, number[]>;
  for (let i = 0; i < REPEAT; i++) {
    for (const [k, fn] of Object.entries(measures) as Array<[K, (round: number) => unknown]>) {
      const start = performance.now();
      await fn(i);
      times[k].push(performance.now() - start);
    }
  }
  const out = {} as Record<K, number>;
  for (const k of Object.keys(times) as K[]) out[k] = times[k].sort((a, b) => a - b)[Math.floor(REPEAT / 2)]!;
  return out;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-asof-'));
  try {
    const path = join(dir, 'events.db');
    const store = SqliteEventStore.open(path, { synchronous: 'NORMAL' });
    const unitId = randomUUID();
    const streamId = unitStream(unitId);
    const events: NewEvent[] = [
      { type: 'AdministrativeUnitRegistered', data: { unitId, level: 'REGION', names: { ru: 'Аул', en: 'Aul' }, parentId: null, effectiveFrom: '2017-01-01', registeredAt: seedMeta.occurredAt }, metadata: seedMeta },
    ];
    for (let i = 1; i < STREAM_EVENTS; i++) events.push({ type: 'PopulationRecorded', data: { unitId, year: 2010 + (i % 10), count: i, recordedAt: seedMeta.occurredAt }, metadata: seedMeta });
    for (let i = 0; i < events.length; i += 1000) await store.appendToStream(streamId, events.slice(i, i + 1000), i === 0 ? 'no_stream' : BigInt(i - 1));

    const raw = new Database(path, { readonly: true });
    const select = raw.prepare<[string], { data: string; metadata: string }>('SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision');
    // stateAt uses only the event store, the stream registry and (when given) the snapshots.
    const timeTravel = (snapshots?: StateSnapshots) => new TimeTravelService(store, undefined as never, undefined as never, undefined as never, snapshots);
    const audit = timeTravel();
    const command = (count: number) => ({
      id: unitId,
      streamId,
      decider: administrativeUnitDecider,
      command: { type: 'RecordPopulation' as const, data: { unitId, year: 2020, count }, metadata: { actor: seedMeta.actor, now: seedMeta.occurredAt, correlationId: 'bench' } },
      context: {},
    });
    let count = 1_000_000;
    const pipeline = new CommandPipeline(store, { commandRetries: 3 } as AppConfig);
    await pipeline.run(command(count++));

    // Persisted snapshots in a read-store file, taken once by a first as-of read; every run below that uses them is a
    // new process's first query (new snapshot store and service or pipeline, nothing cached in memory).
    const reads = SqliteReadStore.open(join(dir, 'read.db'));
    const snapshots = () => new StateSnapshots(reads, SNAPSHOT_EVERY, snapshotKindOf);
    const taking = snapshots();
    await timeTravel(taking).stateAt(streamId, {});
    await taking.settled();
    const takenCount = taking.stats.written;
    // The first as-of read with snapshots on, measured on empty read stores (one per run, opened beforehand).
    const emptyReads = Array.from({ length: REPEAT }, () => SqliteReadStore.open(':memory:'));
    const head = BigInt(STREAM_EVENTS - 1);
    const middle = BigInt(STREAM_EVENTS / 2);

    const m = await interleaved({
      raw: () => select.all(streamId).map((r) => [JSON.parse(r.data), JSON.parse(r.metadata)]),
      read: () => store.readStream(streamId),
      asOf: async () => fold(administrativeUnitDecider, (await store.readStream(streamId)) as unknown as AdministrativeUnitEvent[]),
      audit: () => audit.stateAt(streamId, { revision: head }),
      auditMiddle: () => audit.stateAt(streamId, { revision: middle }),
      cold: () => new CommandPipeline(store, { commandRetries: 3 } as AppConfig).run(command(count++)),
      warm: () => pipeline.run(command(count++)),
      take: (i) => timeTravel(new StateSnapshots(emptyReads[i]!, SNAPSHOT_EVERY, snapshotKindOf)).stateAt(streamId, { revision: head }),
      snapLast: () => timeTravel(snapshots()).stateAt(streamId, { revision: head }),
      snapMiddle: () => timeTravel(snapshots()).stateAt(streamId, { revision: middle }),
      restart: () => new CommandPipeline(store, { commandRetries: 3 } as AppConfig, snapshots()).run(command(count++)),
    });
    const { raw: rawMs, read: readMs, asOf: asOfMs, audit: auditMs, auditMiddle: auditMiddleMs, cold: coldMs, warm: warmMs, take: takeMs, snapLast: snapLastMs, snapMiddle: snapMiddleMs, restart: restartMs } = m;
    raw.close();
    for (const r of emptyReads) await r.close();
    await reads.close();
    await store.close();

    const ratio = (ms: number) => (ms / rawMs).toFixed(2);
    const f = (ms: number) => ms.toFixed(2);
    const lines = [
      '## State of a long stream (as-of fold, commands)',
      '',
      `Command: \`npm run bench:as-of\` (STREAM_EVENTS=${STREAM_EVENTS}, median of REPEAT=${REPEAT} runs taken in interleaved rounds). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `One \`administrativeUnit-…\` stream of ${STREAM_EVENTS} events (registered, then population records for ten years, corrected again and again), SQLite file, WAL.`,
      '',
      '| measure | ms | × raw read | target |',
      '|---|---:|---:|---|',
      `| raw read of the stream with JSON.parse (the limit) | ${f(rawMs)} | 1.00 | |`,
      `| \`readStream\` through the adapter (envelope, bigint revisions) | ${f(readMs)} | ${ratio(readMs)} | |`,
      `| state: \`readStream\` + fold with the decider's \`evolve\` | ${f(asOfMs)} | ${ratio(asOfMs)} | |`,
      `| audit as-of state at the last revision (\`TimeTravelService.stateAt\`), no snapshots: folded from the first event | ${f(auditMs)} | ${ratio(auditMs)} | ≤ 2 |`,
      `| audit as-of state at revision ${STREAM_EVENTS / 2}, no snapshots (reads only up to the cut's revision) | ${f(auditMiddleMs)} | ${ratio(auditMiddleMs)} | |`,
      `| a command, cold cache (whole stream read and folded, decide, durable append) | ${f(coldMs)} | ${ratio(coldMs)} | |`,
      `| a command, cached fold (reads only the events after the cached revision) | ${f(warmMs)} | ${ratio(warmMs)} | |`,
      `| with persisted snapshots every ${SNAPSHOT_EVERY} revisions: the first as-of read at the last revision, none stored yet (folds from the first event, takes ${takenCount}, stored after the answer) | ${f(takeMs)} | ${ratio(takeMs)} | |`,
      `| audit as-of state at the last revision, cold process, from the persisted snapshot at that revision (read-store file) | ${f(snapLastMs)} | ${ratio(snapLastMs)} | ≤ 2 |`,
      `| audit as-of state at revision ${STREAM_EVENTS / 2}, cold process, from the snapshot at ${STREAM_EVENTS / 2 - 1} | ${f(snapMiddleMs)} | ${ratio(snapMiddleMs)} | |`,
      `| a command after a restart (empty cache): snapshot, the events after it, decide, durable append | ${f(restartMs)} | ${ratio(restartMs)} | |`,
    ].join('\n');
    publishResults('as-of', lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main);
