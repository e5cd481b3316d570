/**
 * Appends to the SQLite event store (WAL, synchronous=FULL) against raw better-sqlite3 inserts into the same schema,
 * measured in the same run on the same disk:
 *   - one event per transaction: raw INSERT + COMMIT versus one `appendToStream` at a time (target ≥ 0.9×);
 *   - 100 events per transaction: raw versus `appendToStream` with 100 events;
 *   - 16 concurrent writers (group commit) versus the raw one-event-per-fsync rate (target ≥ 4×).
 * Each measure runs ROUNDS times, alternating raw and ours; the best round of each is kept (the machine is shared).
 *   npm run bench:append            (EVENTS_1=2000 EVENTS_100=50000 EVENTS_16=16000 ROUNDS=2)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { NewEvent } from '../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/shared/event-store/sqlite/sqlite-event-store.js';
import { machine, perSecond, publishResults, runMain } from './support.js';

const EVENTS_1 = Number(process.env.EVENTS_1 ?? 2000);
const EVENTS_100 = Number(process.env.EVENTS_100 ?? 50_000);
const EVENTS_16 = Number(process.env.EVENTS_16 ?? 16_000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const WRITERS = 16;

const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-append-'));
let files = 0;
/** A fresh file with the store's schema, WAL and synchronous=FULL. */
const freshFile = async (): Promise<string> => {
  const path = join(dir, `events-${files++}.db`);
  await SqliteEventStore.open(path).close();
  return path;
};

const meta = { actor: { id: 'bench', role: 'administrator' }, correlationId: 'bench-correlation', occurredAt: '2019-01-01T00:00:00.000Z' };
const event = (i: number): NewEvent => ({
  type: 'PopulationRecorded',
  data: { unitId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', year: 2010 + (i % 10), count: 300 + i, recordedAt: meta.occurredAt },
  metadata: meta,
});

/** Raw better-sqlite3: the same row shape (JSON text, a 64-hex hash pair), `perTx` rows per IMMEDIATE transaction. */
async function raw(total: number, perTx: number): Promise<number> {
  const path = await freshFile();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const hash = 'a'.repeat(64);
  const tx = db.transaction((from: number) => {
    for (let i = from; i < from + perTx; i++) {
      const e = event(i);
      insert.run(randomUUID(), `s-${i % 100}`, Math.floor(i / 100), e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata), meta.occurredAt, hash, hash);
    }
  });
  const start = performance.now();
  for (let i = 0; i < total; i += perTx) tx.immediate(i);
  const ms = performance.now() - start;
  db.close();
  return perSecond(total, ms);
}

/** Our store: `writers` concurrent loops, each appending `perAppend` events at a time to its own streams with the exact revision. */
async function ours(total: number, perAppend: number, writers: number): Promise<{ rate: number; meanBatch: number }> {
  const store = SqliteEventStore.open(await freshFile());
  const perWriter = Math.floor(total / writers / perAppend);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const revisions = new Map<string, bigint>();
      for (let k = 0; k < perWriter; k++) {
        const streamId = `writer-${w}-${k % 10}`;
        const events = Array.from({ length: perAppend }, (_, j) => event(k * perAppend + j));
        const r = await store.appendToStream(streamId, events, revisions.get(streamId) ?? 'no_stream');
        revisions.set(streamId, r.nextRevision);
      }
    }),
  );
  const ms = performance.now() - start;
  const stats = store.groupCommitStats;
  await store.close();
  return { rate: perSecond(perWriter * writers * perAppend, ms), meanBatch: stats.appends / stats.transactions };
}

async function main() {
  try {
    const best = { raw1: 0, ours1: 0, raw100: 0, ours100: 0, ours16: 0, batch16: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      best.raw1 = Math.max(best.raw1, await raw(EVENTS_1, 1));
      best.ours1 = Math.max(best.ours1, (await ours(EVENTS_1, 1, 1)).rate);
      best.raw100 = Math.max(best.raw100, await raw(EVENTS_100, 100));
      best.ours100 = Math.max(best.ours100, (await ours(EVENTS_100, 100, 1)).rate);
      const sixteen = await ours(EVENTS_16, 1, WRITERS);
      if (sixteen.rate > best.ours16) Object.assign(best, { ours16: sixteen.rate, batch16: sixteen.meanBatch });
    }
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const lines = [
      '## Appends (SQLite, WAL, synchronous=FULL)',
      '',
      `Command: \`npm run bench:append\` (EVENTS_1=${EVENTS_1} EVENTS_100=${EVENTS_100} EVENTS_16=${EVENTS_16} ROUNDS=${ROUNDS}, best round of each). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      'Raw: better-sqlite3 INSERTs into the same `events` table in IMMEDIATE transactions, no stream check, no hash chain.',
      'Ours: `SqliteEventStore.appendToStream` with the exact expected revision (stream row read and updated, SHA-256 chain).',
      '',
      '| measure | events/s | ratio | target |',
      '|---|---:|---:|---|',
      `| raw, 1 event per transaction (the limit) | ${best.raw1} | 1.00 | |`,
      `| ours, 1 event per append, one writer | ${best.ours1} | ${ratio(best.ours1, best.raw1)} | ≥ 0.9 |`,
      `| raw, 100 events per transaction (the limit) | ${best.raw100} | 1.00 | |`,
      `| ours, 100 events per append, one writer | ${best.ours100} | ${ratio(best.ours100, best.raw100)} | |`,
      `| ours, 1 event per append, ${WRITERS} concurrent writers (group commit, ${best.batch16.toFixed(1)} appends per commit) | ${best.ours16} | ${ratio(best.ours16, best.raw1)} × raw 1/tx | ≥ 4 |`,
    ].join('\n');
    publishResults('append', lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main);
