import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import {
  type AppendResult,
  DuplicateIdempotencyKeyError,
  type EventStore,
  EventStoreUnavailableError,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredCommandResult,
  type Subscription,
  VersionConflictError,
  matchesExpected,
} from '../event-store.port.js';
import { GENESIS_HASH, chainHash } from '../integrity.js';
import { CorruptEventError } from '../corrupt-event.error.js';
import { followLog } from '../follow-log.js';

export type SqliteEventStoreOptions = {
  /** `PRAGMA synchronous`: FULL (default) makes an acknowledged append survive power loss; NORMAL survives a process crash only. */
  synchronous?: 'FULL' | 'NORMAL';
  /** System clock for `recordedAt`; injectable for deterministic logs. */
  clock?: () => Date;
  /** How often a subscriber checks for events appended by another process. In-process appends wake subscribers at once. */
  pollIntervalMs?: number;
  /**
   * Group commit: how long an append may wait for others to share its transaction and fsync. 0 (default) commits at
   * the end of the current event-loop turn (setImmediate), which gathers every append issued in that turn.
   */
  groupCommitWindowMs?: number;
  /** Most appends in one group commit; a full batch commits at once. Default 512. */
  groupCommitMaxBatch?: number;
};

type Outcome = { ok: AppendResult } | { error: unknown };

/** An append failed part-way through a batch committed without savepoints: the batch is committed again with them. */
class NeedsSavepoints extends Error {
  constructor(override readonly cause: unknown) {
    super('An append failed part-way; retrying the batch with a savepoint per append');
  }
}

type PendingAppend = {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  idempotency?: { scope: string; result: (append: AppendResult) => StoredCommandResult };
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

/**
 * An event row as read: an array in this column order, with integers as JS numbers (positions and revisions stay far
 * below 2^53; they become bigint in the envelope). Arrays and plain numbers make reading a long stream or the whole
 * log about 15% cheaper than row objects with bigint columns.
 */
type EventRow = [
  position: number, eventId: string, streamId: string, revision: number, type: string, schemaVersion: number,
  data: string, metadata: string, recordedAt: string, prevHash: string, hash: string,
];
const COLUMNS = 'position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT    PRIMARY KEY,
  revision  INTEGER NOT NULL,
  last_hash TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS command_results (
  scope        TEXT    PRIMARY KEY,
  request_hash TEXT    NOT NULL,
  status       INTEGER NOT NULL,
  body         TEXT    NOT NULL
) WITHOUT ROWID;
`;

/**
 * The embedded event store: one SQLite file (or `:memory:`) through better-sqlite3, in WAL mode.
 * Appends are group committed: those issued together share one IMMEDIATE transaction (one savepoint each), so
 * positions are assigned in commit order (the order of the calls) and a reader never sees a gap that fills later. The per-stream hash chain is computed inside the transaction from the stream's last hash.
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly stmts;
  private readonly savepoint: (fn: () => AppendResult) => AppendResult;
  /** One append alone in its transaction: no savepoint needed, a throw rolls the whole transaction back. */
  private readonly commitOne: Database.Transaction<(a: PendingAppend) => AppendResult>;
  /**
   * Several appends in one transaction. First without savepoints: an append refused by its checks (a version
   * conflict, an idempotency scope already recorded) throws before it writes anything, so it is simply left out. Any
   * other error part-way through an append (a duplicate event id, an I/O error) rolls the whole transaction back, and
   * the batch is committed again with each append in its own savepoint (`commitBatchSafely`). Prepared once.
   */
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[], outcomes: Outcome[]) => void>;
  private readonly commitBatchSafely: Database.Transaction<(batch: PendingAppend[], outcomes: Outcome[]) => void>;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private queue: PendingAppend[] = [];
  private flushTimer?: NodeJS.Timeout | NodeJS.Immediate;
  private readonly stats = { transactions: 0, appends: 0, largestBatch: 0 };
  private closed = false;

  private constructor(private readonly db: Database.Database, options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.windowMs = options.groupCommitWindowMs ?? 0;
    this.maxBatch = Math.max(1, options.groupCommitMaxBatch ?? 512);
    this.appended.setMaxListeners(0);
    db.exec(SCHEMA);
    db.defaultSafeIntegers(true);
    this.stmts = {
      stream: db.prepare<[string], { revision: bigint; last_hash: string }>('SELECT revision, last_hash FROM streams WHERE stream_id = ?'),
      upsertStream: db.prepare('INSERT INTO streams (stream_id, revision, last_hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash'),
      insert: db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      forwards: rows(db.prepare<[string, bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`)),
      backwards: rows(db.prepare<[string, bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)),
      all: rows(db.prepare<[bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`)),
      head: db.prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM events'),
      positionOf: db.prepare<[string], { position: bigint }>('SELECT position FROM events WHERE event_id = ?'),
      result: db.prepare<[string], { request_hash: string; status: bigint; body: string }>('SELECT request_hash, status, body FROM command_results WHERE scope = ?'),
      insertResult: db.prepare('INSERT INTO command_results (scope, request_hash, status, body) VALUES (?, ?, ?, ?)'),
    };
    const savepoint = db.transaction((fn: () => AppendResult) => fn());
    this.savepoint = (fn) => savepoint(fn);
    this.commitOne = db.transaction((a: PendingAppend) => this.appendRows(a));
    this.commitBatch = db.transaction((batch: PendingAppend[], outcomes: Outcome[]) => {
      for (const a of batch) {
        try {
          outcomes.push({ ok: this.appendRows(a) });
        } catch (error) {
          if (!(error instanceof VersionConflictError || error instanceof DuplicateIdempotencyKeyError)) throw new NeedsSavepoints(error);
          outcomes.push({ error });
        }
      }
    });
    this.commitBatchSafely = db.transaction((batch: PendingAppend[], outcomes: Outcome[]) => {
      for (const a of batch) {
        try {
          // A nested better-sqlite3 transaction is a SAVEPOINT: a throw rolls back this append only.
          outcomes.push({ ok: this.savepoint(() => this.appendRows(a)) });
        } catch (error) {
          // An I/O error can end the whole transaction: then nothing of the batch is kept.
          if (!this.db.inTransaction) throw error;
          outcomes.push({ error: unavailableIfIo(error) });
        }
      }
    });
  }

  /** Opens (and creates) the store at `path`, a file or `:memory:`. */
  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const db = new Database(path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // 4 MB of page cache (better-sqlite3's default is 16 MB a connection, all of it resident once a catch-up has read
    // the log): reads are mostly sequential and the OS caches the file anyway.
    if (path !== ':memory:') db.pragma('cache_size = -4096');
    return new SqliteEventStore(db, options);
  }

  /**
   * Queues the append for the next group commit: every append queued before the commit runs (the same event-loop
   * turn, or `groupCommitWindowMs`) shares one IMMEDIATE transaction and one fsync, each in its own savepoint, so each
   * is checked against its own expected revision and one append's conflict rolls back only its own writes. The
   * promise resolves after the COMMIT (with synchronous=FULL, on disk) or rejects with that append's own error.
   */
  appendToStream(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    idempotency?: { scope: string; result: (append: AppendResult) => StoredCommandResult },
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('appendToStream needs at least one event'));
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The event store is closed'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected, idempotency, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.scheduleFlush();
    });
  }

  /** Appends and group commits so far: `appends / transactions` is the mean batch size. */
  get groupCommitStats(): { transactions: number; appends: number; largestBatch: number } {
    return { ...this.stats };
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    const run = () => {
      this.flushTimer = undefined;
      this.flush();
    };
    this.flushTimer = this.windowMs > 0 ? setTimeout(run, this.windowMs) : setImmediate(run);
  }

  /** Commits every queued append in one transaction, then settles each caller with its own outcome. */
  private flush(): void {
    if (this.flushTimer !== undefined) {
      if (this.windowMs > 0) clearTimeout(this.flushTimer as NodeJS.Timeout);
      else clearImmediate(this.flushTimer as NodeJS.Immediate);
      this.flushTimer = undefined;
    }
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const outcomes: Outcome[] = [];
    try {
      if (batch.length === 1) outcomes.push({ ok: this.write(() => this.commitOne.immediate(batch[0]!)) });
      else {
        try {
          this.write(() => this.commitBatch.immediate(batch, outcomes));
        } catch (error) {
          if (!(error instanceof NeedsSavepoints)) throw error;
          outcomes.length = 0;
          this.write(() => this.commitBatchSafely.immediate(batch, outcomes));
        }
      }
    } catch (error) {
      for (const a of batch) a.reject(error);
      return;
    }
    this.stats.transactions += 1;
    this.stats.appends += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let last: bigint | null = null;
    batch.forEach((a, i) => {
      const outcome = outcomes[i]!;
      if ('ok' in outcome) {
        last = outcome.ok.position;
        a.resolve(outcome.ok);
      } else a.reject(outcome.error);
    });
    if (last !== null) this.appended.emit('appended', last);
  }

  /**
   * Checks the stream, then writes one append's rows, inside the caller's transaction or savepoint. Its refusals
   * (VersionConflictError, DuplicateIdempotencyKeyError) are thrown before anything is written (see `commitBatch`).
   */
  private appendRows({ streamId, events, expected, idempotency }: PendingAppend): AppendResult {
    const current = this.stmts.stream.get(streamId);
    const actual = current ? current.revision : null;
    if (!matchesExpected(expected, actual)) throw new VersionConflictError(streamId, expected, actual);
    if (idempotency && this.stmts.result.get(idempotency.scope)) throw new DuplicateIdempotencyKeyError(idempotency.scope);
    let revision = actual ?? -1n;
    let prevHash = current?.last_hash ?? GENESIS_HASH;
    let position = 0n;
    const recordedAt = this.clock().toISOString();
    for (const e of events) {
      revision += 1n;
      const fields = {
        eventId: e.eventId ?? uuidv7(),
        type: e.type,
        schemaVersion: e.schemaVersion ?? 1,
        streamId,
        revision,
        recordedAt,
        data: e.data,
        metadata: e.metadata,
      };
      const hash = chainHash(prevHash, fields);
      const info = this.stmts.insert.run(
        fields.eventId, streamId, revision, fields.type, fields.schemaVersion,
        JSON.stringify(fields.data), JSON.stringify(fields.metadata), recordedAt, prevHash, hash,
      );
      position = BigInt(info.lastInsertRowid);
      prevHash = hash;
    }
    this.stmts.upsertStream.run(streamId, revision, prevHash);
    const append = { nextRevision: revision, position };
    if (idempotency) {
      const r = idempotency.result(append);
      this.stmts.insertResult.run(idempotency.scope, r.requestHash, r.status, JSON.stringify(r.body));
    }
    return append;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.stmts.backwards.all(streamId, options.fromRevision ?? BigInt(Number.MAX_SAFE_INTEGER), limit)
        : this.stmts.forwards.all(streamId, options.fromRevision ?? 0n, limit);
    return rows.map(toRecorded);
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    return this.stmts.stream.get(streamId)?.revision ?? null;
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.stmts.all.all(after ?? 0n, maxCount).map(toRecorded);
  }

  async headPosition(): Promise<bigint | null> {
    return this.stmts.head.get()?.position ?? null;
  }

  /** By the UNIQUE index on event_id. */
  async positionOfEvent(eventId: string): Promise<bigint | null> {
    this.assertOpen();
    return this.stmts.positionOf.get(eventId)?.position ?? null;
  }

  subscribeToAll({ after }: { after: bigint | null }): Subscription {
    return followLog({
      after,
      read: (from, max) => this.readAll({ after: from, maxCount: max }),
      onAppended: (wake) => {
        this.appended.on('appended', wake);
        return () => this.appended.off('appended', wake);
      },
      pollIntervalMs: this.pollIntervalMs,
    });
  }

  async findCommandResult(scope: string): Promise<StoredCommandResult | null> {
    const row = this.stmts.result.get(scope);
    return row ? { requestHash: row.request_hash, status: Number(row.status), body: JSON.parse(row.body) } : null;
  }

  async recordCommandResult(scope: string, result: StoredCommandResult): Promise<void> {
    this.write(() => {
      try {
        this.stmts.insertResult.run(scope, result.requestHash, result.status, JSON.stringify(result.body));
      } catch (e) {
        if (isUniqueViolation(e)) throw new DuplicateIdempotencyKeyError(scope);
        throw e;
      }
    });
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already queued were promised a commit: make it before closing.
    this.flush();
    this.closed = true;
    this.appended.emit('closed');
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed');
  }

  /** Runs a write, turning I/O failures (disk full, read-only file, locked too long) into EventStoreUnavailableError. */
  private write<T>(fn: () => T): T {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed');
    try {
      return fn();
    } catch (e) {
      throw unavailableIfIo(e);
    }
  }
}

/** I/O failures (disk full, read-only file, locked too long) become EventStoreUnavailableError; others pass through. */
const unavailableIfIo = (e: unknown): unknown => {
  const code = (e as { code?: string }).code ?? '';
  return /^SQLITE_(FULL|READONLY|IOERR|BUSY|CANTOPEN|LOCKED)/.test(code) ? new EventStoreUnavailableError(`The event store cannot write (${code})`, e) : e;
};

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') ?? false;

/** A read statement returning EventRow arrays with plain numbers. */
const rows = <P extends unknown[]>(statement: Database.Statement<P, EventRow>) => statement.safeIntegers(false).raw(true);

const toRecorded = (row: EventRow): RecordedEvent => new StoredEvent(row);

/**
 * A stored event whose `data` and `metadata` are parsed on first read and kept: most consumers skip most event types
 * (a projection reads a few, the chain check reads all), so the others never pay to parse or hold them. They are own
 * enumerable accessors, so spread, JSON.stringify, structuredClone and deep equality see plain fields, in the usual
 * order; the JSON text is in private fields, which none of them see. JSON that no longer parses throws
 * CorruptEventError on that read. (A class, not an object literal with getters: V8 keeps these in fast mode, sharing
 * one shape, where a literal's per-object getter closures make each envelope a slow dictionary object.)
 */
class StoredEvent implements RecordedEvent {
  declare readonly eventId: string;
  declare readonly type: string;
  declare readonly schemaVersion: number;
  declare readonly streamId: string;
  declare readonly revision: bigint;
  declare readonly position: bigint;
  declare readonly recordedAt: string;
  declare data: RecordedEvent['data'];
  declare metadata: RecordedEvent['metadata'];
  declare readonly prevHash: string;
  declare readonly hash: string;
  #dataJson: string;
  #metadataJson: string;
  #data: RecordedEvent['data'] | undefined;
  #metadata: RecordedEvent['metadata'] | undefined;

  private static readonly lazy: PropertyDescriptorMap = {
    data: {
      enumerable: true,
      configurable: true,
      get(this: StoredEvent) {
        return (this.#data ??= this.#parse(this.#dataJson));
      },
      set(this: StoredEvent, value: RecordedEvent['data']) {
        this.#data = value;
      },
    },
    metadata: {
      enumerable: true,
      configurable: true,
      get(this: StoredEvent) {
        return (this.#metadata ??= this.#parse(this.#metadataJson));
      },
      set(this: StoredEvent, value: RecordedEvent['metadata']) {
        this.#metadata = value;
      },
    },
  };

  constructor([position, eventId, streamId, revision, type, schemaVersion, data, metadata, recordedAt, prevHash, hash]: EventRow) {
    // Assigned one by one, in the order of RecordedEvent, so every envelope has the same shape and key order.
    this.eventId = eventId;
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.streamId = streamId;
    this.revision = BigInt(revision);
    this.position = BigInt(position);
    this.recordedAt = recordedAt;
    this.#dataJson = data;
    this.#metadataJson = metadata;
    Object.defineProperties(this, StoredEvent.lazy);
    this.prevHash = prevHash;
    this.hash = hash;
  }

  #parse(json: string) {
    try {
      return JSON.parse(json);
    } catch (e) {
      throw new CorruptEventError(this.streamId, this.revision, this.position, (e as Error).message);
    }
  }
}
