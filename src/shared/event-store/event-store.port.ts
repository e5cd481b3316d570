import type { Actor, JsonObject } from '../domain/message.js';

/** DI token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * What an append expects of the stream: `'no_stream'` (it must not exist), `'stream_exists'`, `'any'`, or the exact
 * revision of its last event (revisions count from 0, as in EventStoreDB).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Whether a stream at `actual` (null: it does not exist) satisfies `expected`. */
export const matchesExpected = (expected: ExpectedRevision, actual: bigint | null): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === null;
    case 'stream_exists':
      return actual !== null;
    default:
      return actual === expected;
  }
};

/** Metadata recorded with every event. Hashed with it, so it is as immutable as the data. */
export type EventMetadata = {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** Name of the command that produced the event (`RegisterAdministrativeUnit`). */
  commandName?: string;
  /** Why: required for amendments and decisions. */
  reason?: string;
  /** The client's `Idempotency-Key`, if it sent one. */
  idempotencyKey?: string;
  /** Business time of the command (RFC 3339 UTC). */
  occurredAt: string;
};

/** An event about to be appended. `eventId` may be given (derived from an idempotency key); otherwise a UUIDv7 is made. */
export type NewEvent = {
  eventId?: string;
  type: string;
  /** Version of the event's data schema, for upcasting; 1 when omitted. */
  schemaVersion?: number;
  data: JsonObject;
  metadata: EventMetadata;
};

/** An event as stored: the envelope of ARCHITECTURE.md with the per-stream hash chain. */
export type RecordedEvent<T extends string = string, D = JsonObject> = {
  eventId: string;
  type: T;
  schemaVersion: number;
  streamId: string;
  /** Revision of the event in its stream, from 0. */
  revision: bigint;
  /** Position in the global log; strictly increasing in append order. */
  position: bigint;
  /** System time the store accepted the event (RFC 3339 UTC). */
  recordedAt: string;
  data: D;
  metadata: EventMetadata;
  /** Hash of the previous event of the stream (64 zero hex digits for revision 0). */
  prevHash: string;
  /** SHA-256 over prevHash and the canonical JSON of the event's immutable fields (see integrity.ts). */
  hash: string;
};

export type AppendResult = {
  /** Revision of the stream's last event after the append. */
  nextRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
};

export type ReadStreamOptions = {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; the first (forwards) or last (backwards) event when omitted. */
  fromRevision?: bigint;
  maxCount?: number;
};

export type ReadAllOptions = {
  /** Exclusive: events strictly after this position; from the start of the log when null or omitted. */
  after?: bigint | null;
  maxCount: number;
};

/** A live subscription: an async iterable of events in global order, catching up first, then following. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Stops the subscription; a pending iteration ends. */
  close(): Promise<void>;
}

/** A command's recorded response, kept under its idempotency scope so that a retry returns it unchanged. */
export type StoredCommandResult = {
  /** SHA-256 of the canonical request (method, path, body): a different request under the same key is refused. */
  requestHash: string;
  status: number;
  body: JsonObject;
};

/**
 * The event log. Appends are atomic per call; revisions are unique per stream; positions only grow, and a reader
 * never sees a gap that is filled later. Adapters translate their errors into VersionConflictError and
 * DuplicateIdempotencyKeyError, and compute the hash chain themselves so that every writer keeps it intact.
 */
export interface EventStore {
  /**
   * Appends `events` to `streamId` atomically, if the stream matches `expected`. With `idempotency`, the
   * command result is recorded under its scope (with the events, atomically where the store allows), and an append
   * under a scope already recorded throws DuplicateIdempotencyKeyError and writes nothing.
   * @throws VersionConflictError when `expected` does not match the stream.
   */
  appendToStream(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    idempotency?: { scope: string; result: (append: AppendResult) => StoredCommandResult },
  ): Promise<AppendResult>;

  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Revision of the stream's last event, or null when the stream does not exist. */
  streamRevision(streamId: string): Promise<bigint | null>;

  /** Events of all streams in global order, after a position, in a batch of at most `maxCount`. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Position of the last event in the log, or null when the log is empty. */
  headPosition(): Promise<bigint | null>;

  /** Global position of the event with this id, or null when there is none (optional: stores with an index on ids). */
  positionOfEvent?(eventId: string): Promise<bigint | null>;

  /** Catches up from after `after` (exclusive), then follows new events live. */
  subscribeToAll(options: { after: bigint | null }): Subscription;

  /** The recorded result of a command under an idempotency scope, or null. */
  findCommandResult(scope: string): Promise<StoredCommandResult | null>;

  /** Records the result of a command that appended nothing (a no-op), under its idempotency scope. */
  recordCommandResult(scope: string, result: StoredCommandResult): Promise<void>;

  /** Readiness probe: resolves when the store can serve reads and writes. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/** The stream did not match the expected revision. */
export class VersionConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | null,
  ) {
    super(`Stream ${streamId} is at revision ${actual ?? 'none'}, expected ${String(expected)}`);
    this.name = 'VersionConflictError';
  }
}

/** An idempotency scope already has a recorded result (a concurrent retry won the race). */
export class DuplicateIdempotencyKeyError extends Error {
  constructor(readonly scope: string) {
    super(`A command result is already recorded for idempotency scope ${scope}`);
    this.name = 'DuplicateIdempotencyKeyError';
  }
}

/** The store cannot be reached or cannot write (disk full, read-only file, server down). */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
