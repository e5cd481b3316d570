import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import type { NewEvent } from '../../src/shared/event-store/event-store.port.js';
import { chainHash } from '../../src/shared/event-store/integrity.js';
import { CorruptEventError } from '../../src/shared/event-store/corrupt-event.error.js';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';

const event = (type: string, data: Record<string, string>): NewEvent => ({
  type,
  data,
  metadata: { actor: { id: 'tester', role: 'administrator' }, correlationId: randomUUID(), occurredAt: '2018-11-22T06:00:00.000Z' },
});

describe('SQLite event store: tamper evidence', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-tamper-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const seed = async () => {
    const store = SqliteEventStore.open(path);
    await store.appendToStream('unit-a', [event('Registered', { name: 'Izendy' }), event('Renamed', { name: 'Izendy okrug' })], 'no_stream');
    await store.appendToStream('unit-b', [event('Registered', { name: 'Akmeshit' })], 'no_stream');
    await store.appendToStream('unit-b', [event('Renamed', { name: 'MARKER-Zharaspai-7f3a' })], 0n);
    await store.appendToStream('unit-b', [event('Renamed', { name: 'Zharaspai' })], 1n);
    expect(await verifyChains(store)).toEqual({ ok: true, events: 5, streams: 2, head: 5n });
    await store.close(); // the last connection checkpoints the WAL into the main file
  };

  it('names the stream and revision when one byte of one event in the file changes', async () => {
    await seed();
    const bytes = readFileSync(path);
    const at = bytes.indexOf('MARKER-Zharaspai-7f3a');
    expect(at).toBeGreaterThan(0);
    bytes[at + 7] = 'z'.charCodeAt(0); // "Zharaspai" → "zharaspai"
    writeFileSync(path, bytes);

    const store = SqliteEventStore.open(path);
    const report = await verifyChains(store);
    await store.close();
    expect(report).toMatchObject({ ok: false, streamId: 'unit-b', revision: 1n, kind: 'hash-mismatch' });
  });

  it('names the next link when an event and its hash are both rewritten', async () => {
    await seed();
    const db = new Database(path);
    const row = db.prepare("SELECT * FROM events WHERE stream_id = 'unit-b' AND revision = 1").get() as Record<string, string | number>;
    const data = JSON.stringify({ name: 'Forged' });
    const hash = chainHash(String(row.prev_hash), {
      eventId: String(row.event_id), type: String(row.type), schemaVersion: Number(row.schema_version), streamId: 'unit-b', revision: 1n,
      recordedAt: String(row.recorded_at), data: JSON.parse(data), metadata: JSON.parse(String(row.metadata)),
    });
    db.prepare("UPDATE events SET data = ?, hash = ? WHERE stream_id = 'unit-b' AND revision = 1").run(data, hash);
    db.close();

    const store = SqliteEventStore.open(path);
    const report = await verifyChains(store);
    await store.close();
    expect(report).toMatchObject({ ok: false, streamId: 'unit-b', revision: 2n, kind: 'prev-hash-mismatch' });
  });

  it('names an event whose stored JSON no longer parses', async () => {
    await seed();
    const db = new Database(path);
    db.prepare("UPDATE events SET data = '{\"name\": \"Izendy' WHERE stream_id = 'unit-a' AND revision = 0").run();
    db.close();
    const store = SqliteEventStore.open(path);
    const report = await verifyChains(store);
    await store.close();
    expect(report).toMatchObject({ ok: false, streamId: 'unit-a', revision: 0n, kind: 'undecodable' });
  });
});

describe('SQLite event store: durability settings', () => {
  it('runs in WAL mode with synchronous=FULL by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-pragma-'));
    try {
      const store = SqliteEventStore.open(join(dir, 'events.db'));
      const db = new Database(join(dir, 'events.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      const pragmas = (store as unknown as { db: Database.Database }).db;
      expect(pragmas.pragma('synchronous', { simple: true })).toBe(2n); // FULL
      void store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite event store: envelopes decoded on first use', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-lazy-'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows data and metadata as plain fields to spread, JSON, structuredClone and deep equality', async () => {
    store = SqliteEventStore.open(join(dir, 'events.db'));
    const appended = event('Registered', { name: 'Izendy' });
    await store.appendToStream('unit-a', [appended], 'no_stream');
    const [read] = await store.readAll({ after: null, maxCount: 10 });
    const plain = { ...read! };

    expect(Object.keys(read!)).toEqual(['eventId', 'type', 'schemaVersion', 'streamId', 'revision', 'position', 'recordedAt', 'data', 'metadata', 'prevHash', 'hash']);
    expect(Object.getOwnPropertyDescriptor(plain, 'data')).toMatchObject({ value: appended.data, enumerable: true });
    expect(plain.metadata).toEqual(appended.metadata);
    const json = JSON.parse(JSON.stringify(read, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    expect(json).toMatchObject({ type: 'Registered', revision: '0', data: appended.data, metadata: appended.metadata });
    expect(structuredClone(read)).toEqual(plain);
    expect(read).toEqual({ ...plain, data: { name: 'Izendy' } });
    expect(read).not.toEqual({ ...plain, data: { name: 'Akmeshit' } });
    expect(read!.data).toBe(read!.data); // parsed once, then kept
  });

  it('reads past an event whose JSON no longer parses, and throws CorruptEventError naming it when its data is used', async () => {
    const path = join(dir, 'events.db');
    const seeding = SqliteEventStore.open(path);
    await seeding.appendToStream('unit-a', [event('Registered', { name: 'Izendy' }), event('Renamed', { name: 'Izendy okrug' })], 'no_stream');
    await seeding.close();
    const db = new Database(path);
    db.prepare("UPDATE events SET data = '{\"name\": \"Izendy' WHERE stream_id = 'unit-a' AND revision = 0").run();
    db.close();

    store = SqliteEventStore.open(path);
    const [corrupt, sound] = await store.readAll({ after: null, maxCount: 10 });
    expect(corrupt!.type).toBe('Registered');
    expect(corrupt!.metadata.actor.id).toBe('tester');
    expect(sound!.data).toEqual({ name: 'Izendy okrug' });
    expect(() => corrupt!.data).toThrow(CorruptEventError);
    expect(() => ({ ...corrupt! })).toThrow(expect.objectContaining({ streamId: 'unit-a', revision: 0n, position: 1n }) as never);
  });
});
