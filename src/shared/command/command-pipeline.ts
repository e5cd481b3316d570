import { Inject, Injectable, Optional } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { AppConfig } from '../../config/app.config.js';
import type { Decider } from '../domain/decider.js';
import type { DomainCommand, DomainEvent, JsonObject } from '../domain/message.js';
import {
  type AppendResult,
  DuplicateIdempotencyKeyError,
  EVENT_STORE,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type StoredCommandResult,
  VersionConflictError,
} from '../event-store/event-store.port.js';
import { concurrencyConflict, idempotencyKeyReused, preconditionFailed } from '../http/http-errors.js';
import type { CommandContext } from './command-context.js';
import { Folding, type FoldingStart, StateSnapshots, snapshotMatches } from '../snapshots/state-snapshots.js';
import { StateCache } from './state-cache.js';

/** Namespace of event ids derived from idempotency scopes (UUIDv5), so that EventStoreDB can deduplicate a re-append. */
const EVENT_ID_NAMESPACE = '7b0d6d52-3c1e-5b7a-9a55-1f1f6a1c2e01';

/** The response of every command: the aggregate's id, stream revision and the global position of its last event. */
export type CommandResponse = {
  id: string;
  streamId: string;
  /** Stream revision after the command, as a decimal string (also the ETag). Null when the stream does not exist. */
  revision: string | null;
  /** Global position of the stream's last event, as a decimal string: pass it as `Consistent-With` to read your write. */
  position: string | null;
  /** Events this command appended (0 for a no-op). */
  eventsAppended: number;
};

export type CommandResult = {
  status: 200 | 201;
  body: CommandResponse;
  /** True when the result was recorded earlier under the same Idempotency-Key and is returned again. */
  replayed: boolean;
};

export type RunOptions<S, C extends DomainCommand, E extends DomainEvent> = {
  id: string;
  streamId: string;
  decider: Decider<S, C, E>;
  command: C;
  context: Pick<CommandContext, 'expectedRevision' | 'idempotency'>;
  /** Event schema versions by type, for events whose schema has moved past 1. */
  schemaVersions?: Partial<Record<E['type'], number>>;
};

/**
 * The one write path: read the stream, fold, decide, append with the exact revision that was read. Without If-Match,
 * a concurrency conflict re-runs the whole cycle a bounded number of times, then answers 409; with If-Match, a
 * stale revision answers 412 without deciding. With an Idempotency-Key, the first result is recorded with the events
 * and returned unchanged for every retry; a different request under the same key is refused with 422.
 */
@Injectable()
export class CommandPipeline {
  /** Folded states by stream, so that a command on a long stream reads only the events after the cached revision. */
  readonly states = new StateCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: AppConfig,
    /** Persisted snapshots of long streams' states; without them a cold cache folds from the first event. */
    @Optional() private readonly snapshots?: StateSnapshots,
  ) {}

  async run<S, C extends DomainCommand, E extends DomainEvent>(options: RunOptions<S, C, E>): Promise<CommandResult> {
    const { idempotency } = options.context;
    if (idempotency) {
      const earlier = await this.replay(idempotency);
      if (earlier) return earlier;
    }
    try {
      return await this.decideAndAppend(options);
    } catch (e) {
      if (e instanceof DuplicateIdempotencyKeyError && idempotency) {
        const earlier = await this.replay(idempotency);
        if (earlier) return earlier;
      }
      throw e;
    }
  }

  private async decideAndAppend<S, C extends DomainCommand, E extends DomainEvent>(options: RunOptions<S, C, E>): Promise<CommandResult> {
    const { id, streamId, decider, command, context, schemaVersions } = options;
    const pinned = context.expectedRevision;
    const attempts = pinned === undefined ? this.config.commandRetries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      const { state, revision, position } = await this.load(streamId, decider);
      if (pinned !== undefined && pinned !== revision) throw preconditionFailed(streamId, pinned, revision);
      const decided = decider.decide(command, state);

      if (decided.length === 0) {
        const result = this.result(id, streamId, false, revision, position, 0);
        if (context.idempotency) await this.recordNoOp(context.idempotency, result);
        return result;
      }

      const events: NewEvent[] = decided.map((e, i) => ({
        ...(context.idempotency ? { eventId: uuidv5(`${context.idempotency.scope}#${i}`, EVENT_ID_NAMESPACE) } : {}),
        type: e.type,
        schemaVersion: schemaVersions?.[e.type as E['type']] ?? 1,
        data: e.data as JsonObject,
        metadata: {
          actor: command.metadata.actor,
          correlationId: command.metadata.correlationId,
          ...(command.metadata.causationId ? { causationId: command.metadata.causationId } : {}),
          commandName: command.type,
          ...(command.metadata.reason ? { reason: command.metadata.reason } : {}),
          ...(command.metadata.idempotencyKey ? { idempotencyKey: command.metadata.idempotencyKey } : {}),
          occurredAt: command.metadata.now,
        },
      }));
      const toResult = (append: AppendResult) => this.result(id, streamId, revision === null, append.nextRevision, append.position, events.length);
      try {
        const append = await this.store.appendToStream(
          streamId,
          events,
          revision ?? 'no_stream',
          context.idempotency && {
            scope: context.idempotency.scope,
            result: (a) => stored(context.idempotency!.requestHash, toResult(a)),
          },
        );
        return toResult(append);
      } catch (e) {
        if (!(e instanceof VersionConflictError)) throw e;
        if (pinned !== undefined) throw preconditionFailed(streamId, pinned, e.actual);
        if (attempt >= attempts) throw concurrencyConflict(streamId, attempt);
        await backoff(attempt);
      }
    }
  }

  /**
   * The stream's state, revision and last position: from the cached state plus the events after it when the cache
   * holds the stream for this decider and version; else, after a restart or an eviction, from the latest persisted
   * snapshot plus the events after it; else folded from the first event. A cached state or a snapshot is used only if
   * the event it was folded up to is still the one in the log (same id, and for a snapshot the same hash): a store
   * swapped under the pipeline, as in tests, or a log rewritten under a snapshot, is read in full. Snapshots passed by
   * the fold are stored after the command, never holding it up.
   */
  private async load<S, C extends DomainCommand, E extends DomainEvent>(
    streamId: string,
    decider: Decider<S, C, E>,
  ): Promise<{ state: S; revision: bigint | null; position: bigint | null }> {
    const cached = this.states.get(streamId, decider);
    let folding: Folding<S> | undefined;
    let events: RecordedEvent[] | undefined;
    let last: RecordedEvent | undefined;
    if (cached) {
      const tail = await this.store.readStream(streamId, { fromRevision: cached.revision });
      if (tail[0]?.eventId === cached.eventId && tail[0].revision === cached.revision) {
        if (tail.length === 1) return { state: cached.state, revision: cached.revision, position: cached.position };
        folding = this.folding(streamId, decider, cached);
        [last, ...events] = tail;
      }
    }
    if (!events && this.snapshots) {
      const snapshot = await this.snapshots.latest<S>(streamId, decider);
      if (snapshot) {
        const tail = await this.store.readStream(streamId, { fromRevision: snapshot.revision });
        if (snapshotMatches(tail[0], snapshot)) {
          folding = this.folding(streamId, decider, snapshot);
          [last, ...events] = tail;
        } else this.snapshots.discard(snapshot);
      }
    }
    if (!events) {
      folding = this.folding(streamId, decider);
      events = await this.store.readStream(streamId);
      if (events.length === 0) {
        this.states.delete(streamId);
        return { state: folding.state, revision: null, position: null };
      }
    }
    for (const e of events) folding!.apply(e);
    last = events.at(-1) ?? last!;
    const { state, occurredMs, recordedMs } = folding!;
    this.states.set(streamId, decider, { revision: last.revision, eventId: last.eventId, position: last.position, occurredMs, recordedMs }, state);
    this.snapshots?.save(folding!);
    return { state, revision: last.revision, position: last.position };
  }

  private folding<S>(streamId: string, decider: Decider<S, any, any>, from?: FoldingStart<S>): Folding<S> {
    return this.snapshots ? this.snapshots.folding(streamId, decider, from) : new Folding<S>(streamId, decider, null, 0, from ?? null);
  }

  /** Revision of a stream's last event, or null when it does not exist (for handlers that check existence). */
  streamRevision(streamId: string): Promise<bigint | null> {
    return this.store.streamRevision(streamId);
  }

  private async replay(idempotency: NonNullable<CommandContext['idempotency']>): Promise<CommandResult | null> {
    const earlier = await this.store.findCommandResult(idempotency.scope);
    if (!earlier) return null;
    if (earlier.requestHash !== idempotency.requestHash) throw idempotencyKeyReused(idempotency.key);
    return { status: earlier.status as 200 | 201, body: earlier.body as unknown as CommandResponse, replayed: true };
  }

  private async recordNoOp(idempotency: NonNullable<CommandContext['idempotency']>, result: CommandResult): Promise<void> {
    // A DuplicateIdempotencyKeyError here means a concurrent retry recorded first: run() answers with that result.
    await this.store.recordCommandResult(idempotency.scope, stored(idempotency.requestHash, result));
  }

  private result(id: string, streamId: string, created: boolean, revision: bigint | null, position: bigint | null, appended: number): CommandResult {
    return {
      status: created ? 201 : 200,
      body: { id, streamId, revision: revision?.toString() ?? null, position: position?.toString() ?? null, eventsAppended: appended },
      replayed: false,
    };
  }
}

const stored = (requestHash: string, r: CommandResult): StoredCommandResult => ({ requestHash, status: r.status, body: r.body as unknown as JsonObject });

/** Jittered exponential backoff between conflict retries: 1-2 ms, 2-4 ms, 4-8 ms … capped at 50 ms. */
const backoff = (attempt: number) => {
  const base = Math.min(50, 2 ** (attempt - 1));
  return new Promise((r) => setTimeout(r, base + Math.random() * base));
};
