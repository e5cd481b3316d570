import { createHash } from 'node:crypto';
import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
  ANY,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
  excludeSystemEvents,
  jsonEvent,
} from '@eventstore/db-client';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import type { JsonObject } from '../../domain/message.js';
import {
  type AppendResult,
  DuplicateIdempotencyKeyError,
  type EventMetadata,
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

export type EsdbEventStoreOptions = {
  /** System clock for `recordedAt`; injectable for deterministic logs. */
  clock?: () => Date;
  /** How long `ping()` waits for an answer; 5000 ms when omitted. The client gives reads no deadline of their own. */
  pingTimeoutMs?: number;
};

/** Key of the ESDB event metadata under which the adapter keeps the envelope fields the port's metadata does not hold. */
export const ENVELOPE_KEY = '$envelope';

/** Envelope fields stored in the ESDB metadata next to the port's `metadata`. */
export type Envelope = { schemaVersion: number; recordedAt: string; prevHash: string; hash: string };

/** Event type of a recorded command result: `$`-prefixed, so that $all reads and subscriptions leave it out. */
export const COMMAND_RESULT_EVENT_TYPE = '$CommandResultRecorded';

/** How often an append under 'any' or 'stream_exists' re-reads the stream's head after a concurrent append. */
export const MAX_FLOATING_APPEND_ATTEMPTS = 10;

/** Smallest page read from $all: system events are filtered out on the client, so a page may shrink a lot. */
const MIN_ALL_PAGE = 64;
const BACKWARDS_PAGE = 256;
const HEX64 = /^[0-9a-f]{64}$/;

/** The fields of a stored ESDB event the adapter reads (the client's RecordedEvent, structurally). */
export type EsdbRecord = {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
};

/**
 * The EventStoreDB adapter (gRPC client 6.x, server 22.6 or later so that stream reads report event positions).
 *
 * Same contract as the SQLite adapter: revisions from 0, VersionConflictError, an empty read for a missing stream,
 * `position` = the event's commit position in $all, EventStoreUnavailableError when the server cannot be reached.
 *
 * Hash chain: the adapter reads the stream's last event, chains the new events onto its hash and appends with the
 * exact revision it read, so ESDB refuses the write if anything was appended in between. The caller's 'any' and
 * 'stream_exists' are honoured by re-reading and retrying (at most MAX_FLOATING_APPEND_ATTEMPTS times, then a
 * VersionConflictError); an exact revision or 'no_stream' that does not match is a VersionConflictError at once.
 *
 * Idempotency is NOT atomic on ESDB, which has no cross-stream transaction: the events are appended first, then the
 * command result is written as one `$CommandResultRecorded` event to `commandResult-<sha256(scope)>` with expected
 * NO_STREAM. A crash (or an unavailable server) between the two leaves the events without a recorded result, so a
 * retry under the same key is decided again against the new state. Two concurrent appends under one scope both pass
 * the "no result yet" check; the loser of the result write gets DuplicateIdempotencyKeyError, but its events may
 * already be written unless they collided at the stream. Event ids derived from the idempotency key by the caller let
 * ESDB deduplicate a re-append that raced the original from the same expected revision (ESDB answers success
 * without writing); a re-append made after reading the new head is not deduplicated by ESDB.
 *
 * Stream ids and event types starting with `$` are ESDB's system namespace: they are refused on append and skipped by
 * `readAll`, `headPosition` and `subscribeToAll`. Reading $all needs credentials allowed to read it (an admin or ops
 * user on a secure server).
 */
export class EsdbEventStore implements EventStore {
  private readonly clock: () => Date;
  private readonly pingTimeoutMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  }

  /** Creates the client from an `esdb://` / `esdb+discover://` connection string; connects lazily on first use. */
  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    idempotency?: { scope: string; result: (append: AppendResult) => StoredCommandResult },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    assertWritable(streamId, events);
    // Ids are fixed once: every attempt proposes the same event ids, so ESDB can recognise a racing duplicate.
    const ids = events.map((e) => e.eventId ?? uuidv7());
    return this.guard('append', async () => {
      if (idempotency && (await this.findCommandResult(idempotency.scope))) throw new DuplicateIdempotencyKeyError(idempotency.scope);
      const append = await this.appendChained(streamId, events, ids, expected);
      if (idempotency) await this.writeCommandResult(idempotency.scope, idempotency.result(append));
      return append;
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { maxCount, fromRevision } = options;
    if (maxCount === 0) return [];
    const count = maxCount === undefined || maxCount < 0 ? undefined : maxCount;
    return this.guard('readStream', async () => {
      let from: bigint | typeof START | typeof END;
      if (options.direction === 'backwards') {
        if (fromRevision === undefined) {
          from = END;
        } else {
          if (fromRevision < 0n) return [];
          // ESDB reads a backwards window ending at `fromRevision`; past the head that window would come back short.
          const head = await this.lastRevision(streamId);
          if (head === null) return [];
          from = fromRevision > head ? head : fromRevision;
        }
      } else {
        from = fromRevision === undefined || fromRevision < 0n ? START : fromRevision;
      }
      const resolved = await this.readStreamRaw(streamId, {
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision: from,
        ...(count === undefined ? {} : { maxCount: count }),
      });
      return resolved.flatMap((r) => (r.event ? [decodeRecord(r.event, r.commitPosition)] : []));
    });
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    return this.guard('streamRevision', () => this.lastRevision(streamId));
  }

  /**
   * Reads $all forwards strictly after `after`, up to `maxCount` non-system events. Client 6.x has no server-side
   * filter on `readAll` (only subscriptions take one), so system events are skipped here and pages are re-read until
   * the batch is full or the log ends.
   */
  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (maxCount <= 0) return [];
    return this.guard('readAll', async () => {
      const out: RecordedEvent[] = [];
      let cursor = after ?? null;
      for (;;) {
        const pageSize = Math.max(maxCount - out.length + 1, MIN_ALL_PAGE);
        const page = await this.collect(this.client.readAll({ direction: FORWARDS, fromPosition: readPositionAfter(cursor), maxCount: pageSize }));
        for (const r of page) {
          const position = allPosition(r);
          if (position === undefined || !isAfter(position, cursor)) continue;
          cursor = position;
          if (!r.event || isSystemEvent(r.event.streamId, r.event.type)) continue;
          out.push(decodeRecord(r.event, r.commitPosition));
          if (out.length === maxCount) return out;
        }
        if (page.length < pageSize) return out;
      }
    });
  }

  /** Position of the last non-system event, read backwards from the end of $all past any system events. */
  async headPosition(): Promise<bigint | null> {
    return this.guard('headPosition', async () => {
      let before: bigint | null = null;
      for (;;) {
        const page = await this.collect(
          this.client.readAll({
            direction: BACKWARDS,
            fromPosition: before === null ? END : { commit: before, prepare: before },
            maxCount: BACKWARDS_PAGE,
          }),
        );
        for (const r of page) {
          const position = allPosition(r);
          // Whether a backwards read includes its start position is not documented: skip what was already seen.
          if (position === undefined || (before !== null && position >= before)) continue;
          before = position;
          if (r.event && !isSystemEvent(r.event.streamId, r.event.type)) return position;
        }
        if (page.length < BACKWARDS_PAGE) return null;
      }
    });
  }

  /**
   * ESDB's catch-up subscription to $all, filtered server-side with `excludeSystemEvents()` (and `$` streams skipped
   * on the client). Its start position is exclusive. The subscription ends with an EventStoreUnavailableError when
   * the connection drops; the caller resumes from the last position it handled.
   */
  subscribeToAll({ after }: { after: bigint | null }): Subscription {
    if (this.closed) return closedSubscription();
    const source = this.client.subscribeToAll({ fromPosition: readPositionAfter(after), filter: excludeSystemEvents() });
    // An error emitted before iteration starts would otherwise be unhandled (and lost to a later iterator).
    let failure: { error: unknown } | null = null;
    source.on('error', (error) => {
      failure ??= { error };
    });
    let closed = false;
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      this.subscriptions.delete(subscription);
      await source.unsubscribe().catch(() => undefined);
      // Cancelling the gRPC call does not end the piped readable: destroy it so that a pending iteration finishes.
      source.destroy();
    };

    async function* iterate(): AsyncGenerator<RecordedEvent> {
      try {
        if (failure) throw failure.error;
        for await (const r of source) {
          if (closed) return;
          if (!r.event || isSystemEvent(r.event.streamId, r.event.type)) continue;
          const event = decodeRecord(r.event, r.commitPosition);
          if (!isAfter(event.position, after)) continue;
          yield event;
        }
      } catch (e) {
        if (closed) return;
        throw translate(e, 'subscribeToAll');
      } finally {
        await release();
      }
    }

    const iterator = iterate();
    const subscription: Subscription = {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        if (closed) return;
        closed = true;
        await release();
        await iterator.return(undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findCommandResult(scope: string): Promise<StoredCommandResult | null> {
    return this.guard('findCommandResult', async () => {
      const streamId = commandResultStreamId(scope);
      const [first] = await this.readStreamRaw(streamId, { direction: FORWARDS, fromRevision: START, maxCount: 1 });
      return first?.event ? decodeCommandResult(first.event, scope, first.commitPosition) : null;
    });
  }

  async recordCommandResult(scope: string, result: StoredCommandResult): Promise<void> {
    await this.guard('recordCommandResult', () => this.writeCommandResult(scope, result));
  }

  /**
   * Reads the last record of $all (system events included): cheap, and fails when the server cannot be reached.
   * Bounded by `pingTimeoutMs`, because the client sends reads without a deadline and a server that accepts the
   * connection but does not answer would otherwise hold the probe forever.
   */
  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        read.cancel().catch(() => undefined);
        read.destroy();
        reject(new EventStoreUnavailableError(`EventStoreDB did not answer a read within ${this.pingTimeoutMs} ms`));
      }, this.pingTimeoutMs);
    });
    try {
      await Promise.race([this.collect(read), timeout]);
    } catch (e) {
      const error = translate(e, 'ping');
      if (error instanceof EventStoreUnavailableError) throw error;
      throw new EventStoreUnavailableError(`EventStoreDB cannot serve reads: ${messageOf(e)}`, e);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /** Appends with the exact revision read, so the chain computed from that revision's hash is the one stored. */
  private async appendChained(streamId: string, events: NewEvent[], ids: string[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastEvent(streamId);
      const actual = last?.revision ?? null;
      if (!matchesExpected(expected, actual)) throw new VersionConflictError(streamId, expected, actual);
      const recordedAt = this.clock().toISOString();
      let revision = actual ?? -1n;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const proposed = events.map((e, i) => {
        revision += 1n;
        const schemaVersion = e.schemaVersion ?? 1;
        const fields = { eventId: ids[i]!, type: e.type, schemaVersion, streamId, revision, recordedAt, data: e.data, metadata: e.metadata };
        const hash = chainHash(prevHash, fields);
        const envelope: Envelope = { schemaVersion, recordedAt, prevHash, hash };
        prevHash = hash;
        return jsonEvent({ id: fields.eventId, type: e.type, data: e.data, metadata: wrapMetadata(e.metadata, envelope) });
      });

      let conflict: bigint | null;
      try {
        const result = await this.client.appendToStream(streamId, proposed, { expectedRevision: appendExpectation(expected, actual) });
        if (result.success) {
          // No position comes back when ESDB recognised the events as a duplicate of an earlier write: look it up.
          const position = result.position?.commit ?? (await this.positionOf(streamId, result.nextExpectedRevision));
          return { nextRevision: result.nextExpectedRevision, position };
        }
        // Only with `throwOnAppendFailure=false` in the connection string. The client's batch append reports a wrong
        // current revision in that case (BigInt of a boolean), so the head is read again.
        conflict = await this.lastRevision(streamId);
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        conflict = conflictRevision(e.actualVersion);
      }
      if (isExactExpectation(expected) || attempt >= MAX_FLOATING_APPEND_ATTEMPTS) throw new VersionConflictError(streamId, expected, conflict);
    }
  }

  /**
   * Writes the command result as the only event of its own stream. The event id is random on purpose: a fixed id
   * would let ESDB treat a concurrent duplicate as an idempotent success instead of a conflict.
   */
  private async writeCommandResult(scope: string, result: StoredCommandResult): Promise<void> {
    const streamId = commandResultStreamId(scope);
    const event = jsonEvent({
      id: uuidv7(),
      type: COMMAND_RESULT_EVENT_TYPE,
      data: { scope, requestHash: result.requestHash, status: result.status, body: result.body },
    });
    try {
      const written = await this.client.appendToStream(streamId, event, { expectedRevision: NO_STREAM });
      if (!written.success) throw new DuplicateIdempotencyKeyError(scope);
    } catch (e) {
      if (e instanceof WrongExpectedVersionError) throw new DuplicateIdempotencyKeyError(scope);
      throw e;
    }
  }

  /** The stream's last event (revision and hash), or null when the stream does not exist. */
  private async lastEvent(streamId: string): Promise<{ revision: bigint; hash: string } | null> {
    const [last] = await this.readStreamRaw(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    if (!last?.event) return null;
    const { revision, hash } = decodeRecord(last.event, last.commitPosition);
    return { revision, hash };
  }

  private async lastRevision(streamId: string): Promise<bigint | null> {
    const [last] = await this.readStreamRaw(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last?.event?.revision ?? null;
  }

  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    const [found] = await this.readStreamRaw(streamId, { direction: FORWARDS, fromRevision: revision, maxCount: 1 });
    const position = found?.event?.position?.commit ?? found?.commitPosition;
    if (found?.event?.revision !== revision || position === undefined) {
      throw new Error(`EventStoreDB did not report the position of ${streamId}@${revision}`);
    }
    return position;
  }

  /** A stream read where a missing stream is an empty array. */
  private async readStreamRaw(streamId: string, options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<ResolvedEvent[]> {
    try {
      return await this.collect(this.client.readStream(streamId, options));
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw e;
    }
  }

  /**
   * Drains a read. Iteration starts in the same tick as the read is created, so that an early error reaches the
   * iterator rather than an unhandled 'error' event.
   */
  private async collect<E>(read: StreamingRead<E>): Promise<E[]> {
    const out: E[] = [];
    for await (const item of read) out.push(item);
    return out;
  }

  /**
   * A closed store refuses every operation, as the SQLite adapter does. The client itself would go on serving new
   * calls after `dispose()` (it only cancels the calls in flight), so a closed store would otherwise keep working.
   */
  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed');
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await fn();
    } catch (e) {
      throw translate(e, operation);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers (exported for unit tests).

/** Whether the stream's current revision (null: no stream) satisfies the caller's expectation. */
export { matchesExpected };

/** Whether the caller pinned the stream's state ('no_stream' or a revision): a conflict is then final, not retried. */
export const isExactExpectation = (expected: ExpectedRevision): expected is 'no_stream' | bigint => expected === 'no_stream' || typeof expected === 'bigint';

/** The port's expected revision as the client's constant. */
export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
};

/**
 * What the adapter asks ESDB to check on append: the caller's exact expectation as given, and for 'any' or
 * 'stream_exists' the exact revision that was read (the hash chain was computed from that revision's hash).
 */
export const appendExpectation = (expected: ExpectedRevision, actual: bigint | null): AppendExpectedRevision =>
  isExactExpectation(expected) ? toEsdbExpectedRevision(expected) : (actual ?? NO_STREAM);

/** The current revision a WrongExpectedVersionError reports, as the port's `actual`. */
export const conflictRevision = (current: CurrentRevision): bigint | null => (current === NO_STREAM ? null : current);

/** ESDB's own events: `$`-prefixed event types (the `excludeSystemEvents()` rule) or streams. */
export const isSystemEvent = (streamId: string, type: string): boolean => type.startsWith('$') || streamId.startsWith('$');

/**
 * The read position for "strictly after `after`". Assumes an event's commit position equals its prepare position,
 * which holds on ESDB 20+ for every write made without an explicit transaction (gRPC has none): the adapter keeps only
 * the commit position, and rebuilds the pair from it to resume.
 */
export const readPositionAfter = (after: bigint | null | undefined): ReadPosition =>
  after === null || after === undefined || after < 0n ? START : { commit: after, prepare: after };

/** Whether `position` is strictly after `after` (null: the start of the log). ESDB's $all read start is inclusive. */
export const isAfter = (position: bigint, after: bigint | null | undefined): boolean => after === null || after === undefined || position > after;

/** Name of the stream that holds a scope's command result. Hashed: scopes are arbitrary strings, stream names are not. */
export const commandResultStreamId = (scope: string): string => `commandResult-${createHash('sha256').update(scope, 'utf8').digest('hex')}`;

/** The ESDB metadata of an event: the port's metadata with the envelope under ENVELOPE_KEY. */
export const wrapMetadata = (metadata: EventMetadata, envelope: Envelope): Record<string, unknown> => {
  if (Object.hasOwn(metadata, ENVELOPE_KEY)) throw new Error(`Event metadata must not contain the reserved key ${ENVELOPE_KEY}`);
  return { ...metadata, [ENVELOPE_KEY]: envelope };
};

/** Splits stored ESDB metadata into the port's metadata (exactly as appended) and the envelope. Throws on bad input. */
export const unwrapMetadata = (raw: unknown): { metadata: EventMetadata; envelope: Envelope } => {
  if (!isJsonObject(raw)) throw new Error('metadata is not a JSON object');
  const { [ENVELOPE_KEY]: envelope, ...metadata } = raw;
  if (!isJsonObject(envelope)) throw new Error(`metadata has no ${ENVELOPE_KEY}`);
  const { schemaVersion, recordedAt, prevHash, hash } = envelope;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) throw new Error('invalid schemaVersion');
  if (typeof recordedAt !== 'string') throw new Error('invalid recordedAt');
  if (typeof prevHash !== 'string' || !HEX64.test(prevHash)) throw new Error('invalid prevHash');
  if (typeof hash !== 'string' || !HEX64.test(hash)) throw new Error('invalid hash');
  return { metadata: metadata as EventMetadata, envelope: { schemaVersion, recordedAt, prevHash, hash } };
};

/**
 * A stored ESDB event as the port's RecordedEvent. The client does not throw on malformed JSON (it hands back the raw
 * string, or the bytes for metadata), so anything that is not a JSON object with a valid envelope is a
 * CorruptEventError. `commitPosition` is the resolved event's position, used when the record carries none.
 */
export const decodeRecord = (record: EsdbRecord, commitPosition?: bigint): RecordedEvent => {
  const position = record.position?.commit ?? commitPosition;
  if (position === undefined) {
    throw new Error(`EventStoreDB did not report the position of ${record.streamId}@${record.revision} (EventStoreDB 22.6 or later is required)`);
  }
  try {
    if (!isJsonObject(record.data)) throw new Error('data is not a JSON object');
    const { metadata, envelope } = unwrapMetadata(record.metadata);
    return {
      eventId: record.id,
      type: record.type,
      schemaVersion: envelope.schemaVersion,
      streamId: record.streamId,
      revision: record.revision,
      position,
      recordedAt: envelope.recordedAt,
      data: record.data as JsonObject,
      metadata,
      prevHash: envelope.prevHash,
      hash: envelope.hash,
    };
  } catch (e) {
    throw new CorruptEventError(record.streamId, record.revision, position, messageOf(e));
  }
};

/** The data of a `$CommandResultRecorded` event as a StoredCommandResult; CorruptEventError when malformed. */
export const decodeCommandResult = (record: EsdbRecord, scope: string, commitPosition?: bigint): StoredCommandResult => {
  const fail = (reason: string) => new CorruptEventError(record.streamId, record.revision, record.position?.commit ?? commitPosition ?? -1n, reason);
  if (record.type !== COMMAND_RESULT_EVENT_TYPE) throw fail(`unexpected event type ${record.type}`);
  const data = record.data;
  if (!isJsonObject(data)) throw fail('data is not a JSON object');
  if (data.scope !== scope) throw fail('recorded for another scope');
  if (typeof data.requestHash !== 'string' || typeof data.status !== 'number' || !isJsonObject(data.body)) throw fail('malformed command result');
  return { requestHash: data.requestHash, status: data.status, body: data.body as JsonObject };
};

/**
 * The project's error for a client error: unreachable or overloaded server, deadline, timeout (the outcome of a write
 * is then unknown) or a node that is not the leader (the client reconnects on the next call) become
 * EventStoreUnavailableError; everything else is returned unchanged.
 */
export const translate = (error: unknown, operation: string): unknown => {
  if (error instanceof EventStoreUnavailableError) return error;
  let e = error;
  try {
    // Some gRPC errors reach the caller unconverted (the append call's own stream errors, for one).
    if (e instanceof Error && typeof (e as { code?: unknown }).code === 'number') e = convertToCommandError(e);
  } catch {
    // Not a gRPC service error after all: keep it as it is.
  }
  const unavailable =
    e instanceof UnavailableError ||
    e instanceof DeadlineExceededError ||
    e instanceof TimeoutError ||
    e instanceof CancelledError ||
    e instanceof NotLeaderError ||
    // Cluster discovery (esdb+discover://) gives up with a plain Error.
    (e instanceof Error && e.message.startsWith('Failed to discover'));
  return unavailable ? new EventStoreUnavailableError(`EventStoreDB is unavailable (${operation}): ${messageOf(e)}`, e) : e;
};

/** The subscription of a closed store: its iteration fails at once, as every other operation does. */
const closedSubscription = (): Subscription => {
  const iterator = (async function* (): AsyncGenerator<RecordedEvent> {
    throw new EventStoreUnavailableError('The event store is closed');
  })();
  return { [Symbol.asyncIterator]: () => iterator, close: async () => void (await iterator.return(undefined)) };
};

const allPosition = (r: AllStreamResolvedEvent): bigint | undefined => r.event?.position?.commit ?? r.link?.position?.commit ?? r.commitPosition;

const assertWritable = (streamId: string, events: NewEvent[]): void => {
  if (streamId.startsWith('$')) throw new Error(`Stream ${streamId} is in EventStoreDB's system namespace ($)`);
  for (const e of events) {
    if (e.type.startsWith('$')) throw new Error(`Event type ${e.type} is in EventStoreDB's system namespace ($)`);
    if (e.eventId !== undefined && !isUuid(e.eventId)) throw new Error(`EventStoreDB event ids must be UUIDs: ${e.eventId}`);
  }
};

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
