import { type BeforeApplicationShutdown, Logger, type Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app.config.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { type DocumentWrite, type Filter, READ_STORE, type ReadStore } from '../read-store/read-store.port.js';
import { decodeState, encodeState } from './state-codec.js';

/** The fold half of a decider, with the version of its `evolve` and state shape (1 when omitted). */
export type SnapshotFold = { readonly version?: number; initialState(): unknown; evolve(state: any, event: any): unknown };

/**
 * Which snapshots a fold of a stream may use: the stream's kind (its category) and the fold's version, or null when
 * the fold is not the one registered for the stream (a snapshot is only shared by folds known to be the same).
 */
export type SnapshotKindOf = (streamId: string, fold: SnapshotFold) => { name: string; version: number } | null;

/** The bounds of a cut through a stream; a snapshot is usable for the cut when every event it covers is within them. */
export type SnapshotBounds = { revision?: bigint; position?: bigint; occurredMs?: number; recordedMs?: number };

/** A stream's state after the event at `revision`, as the fold of `kind` at `version` made it. */
export type Snapshot<S = unknown> = {
  streamId: string;
  kind: string;
  version: number;
  /** The last event folded in: its revision, id, position and hash (which vouches, through the chain, for all before it). */
  revision: bigint;
  eventId: string;
  position: bigint;
  hash: string;
  /** Latest business and record time (epoch ms) among the events folded in: a time cut at or after it includes them all. */
  occurredMs: number;
  recordedMs: number;
  state: S;
};

/** The stored form: the state as codec text (a string, so no store sees its keys), the rest as declared fields. */
type SnapshotDoc = {
  streamId: string;
  kind: string;
  version: number;
  revision: number;
  position: number;
  eventId: string;
  hash: string;
  occurredMs: number;
  recordedMs: number;
  state: string;
};

/** The read-store collection of snapshots; its name carries the codec version, so a codec change starts afresh. */
export const SNAPSHOTS_COLLECTION = 'state_snapshots_c1';
/** The revision of each stream's latest snapshot (by kind and version), so that a command finds it by id. */
export const HEADS_COLLECTION = 'state_snapshot_heads_c1';
type HeadDoc = { revision: number };
/** The name its writes are recorded under in the read store (a batch needs one; nothing reads it). */
const WRITER = 'state-snapshots';
const NO_TIME = -8.64e15;

/** Whether `event` is the one a snapshot was taken after: same revision, id and hash. */
export const snapshotMatches = (event: RecordedEvent | undefined, s: Snapshot): event is RecordedEvent =>
  event !== undefined && event.revision === s.revision && event.eventId === s.eventId && event.hash === s.hash;

/**
 * Persisted snapshots of folded states: a stream's state every `every` revisions (after revisions `every - 1`,
 * `2 * every - 1`, …), kept in a collection of the read store (a cache: dropped, it is rebuilt by the folds that follow),
 * keyed by stream, revision, the kind of fold and its version, and carrying the hash of the event at that revision.
 *
 * A snapshot is only a shortcut: its user reads the stream from the snapshot's revision and trusts the snapshot only if
 * that first event still has the snapshot's id and hash (the per-stream hash chain then vouches for every event before
 * it); otherwise it folds from the first event and calls `discard`. A decider version change selects other snapshots
 * (none, at first). Looking up never throws (a failing read store means "no snapshot"), and writing happens after the
 * caller has moved on, one write at a time, with errors only logged: snapshots never fail or hold up a command.
 *
 * Like every read model, a snapshot's state is trusted as a cache of the log: the hash check catches a log that
 * changed under it, not a state forged by someone who can write to the read store (the offline verifier never uses
 * snapshots; SNAPSHOT_EVERY=0 folds every state from the log alone).
 */
export class StateSnapshots implements BeforeApplicationShutdown {
  private readonly logger = new Logger('StateSnapshots');
  private ensured: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private written = 0;

  constructor(
    private readonly reads: ReadStore,
    /** Revisions between snapshots; 0 turns snapshots off. */
    readonly every: number,
    private readonly kindOf: SnapshotKindOf,
  ) {}

  /** The Nest provider: snapshots every SNAPSHOT_EVERY revisions, kinds from `kindOf` (the stream registry). */
  static provider(kindOf: SnapshotKindOf): Provider {
    return { provide: StateSnapshots, inject: [READ_STORE, AppConfig], useFactory: (reads: ReadStore, config: AppConfig) => new StateSnapshots(reads, config.snapshotEvery, kindOf) };
  }

  /** A folding of `streamId` with `fold` that collects the snapshots to take, from a snapshot or the initial state. */
  folding<S>(streamId: string, fold: SnapshotFold, from?: FoldingStart<S> | null): Folding<S> {
    const kind = this.every > 0 ? this.kindOf(streamId, fold) : null;
    return new Folding<S>(streamId, fold, kind, this.every, from ?? null);
  }

  /** The latest usable snapshot of `streamId` for `fold` within `bounds`, or null (none, snapshots off, or unreadable). */
  async latest<S>(streamId: string, fold: SnapshotFold, bounds: SnapshotBounds = {}): Promise<Snapshot<S> | null> {
    if (this.every <= 0) return null;
    const kind = this.kindOf(streamId, fold);
    if (!kind) return null;
    const unbounded = bounds.revision === undefined && bounds.position === undefined && bounds.occurredMs === undefined && bounds.recordedMs === undefined;
    try {
      await this.ensure();
      let doc: SnapshotDoc | null | undefined;
      if (unbounded) {
        // The latest of a stream, as a command after a restart asks: two reads by id, no query.
        const head = await this.reads.get<HeadDoc>(HEADS_COLLECTION, headIdOf(kind.name, kind.version, streamId));
        if (!head) return null;
        doc = await this.reads.get<SnapshotDoc>(SNAPSHOTS_COLLECTION, idOf({ kind: kind.name, version: kind.version, streamId, revision: BigInt(head.revision) }));
      } else {
        const filter: Filter = { streamId, kind: kind.name, version: kind.version };
        if (bounds.revision !== undefined) filter['revision'] = { $lte: Number(bounds.revision) };
        if (bounds.position !== undefined) filter['position'] = { $lte: Number(bounds.position) };
        if (bounds.occurredMs !== undefined) filter['occurredMs'] = { $lte: bounds.occurredMs };
        if (bounds.recordedMs !== undefined) filter['recordedMs'] = { $lte: bounds.recordedMs };
        doc = (await this.reads.find<SnapshotDoc>(SNAPSHOTS_COLLECTION, { filter, sort: [{ path: 'revision', direction: 'desc' }], limit: 1 })).items[0];
      }
      if (!doc) return null;
      return {
        streamId,
        kind: doc.kind,
        version: doc.version,
        revision: BigInt(doc.revision),
        eventId: doc.eventId,
        position: BigInt(doc.position),
        hash: doc.hash,
        occurredMs: doc.occurredMs,
        recordedMs: doc.recordedMs,
        state: decodeState<S>(doc.state),
      };
    } catch (e) {
      this.logger.warn(`Snapshot of ${streamId} not read, folding from the first event: ${(e as Error).message}`);
      return null;
    }
  }

  /** Stores the snapshots a folding took, after the caller has moved on; errors are logged. */
  save(folding: Folding<unknown>): void {
    const taken = folding.taken;
    if (taken.length === 0) return;
    this.enqueue(async () => {
      await this.ensure();
      const writes: DocumentWrite[] = taken.map((s) => ({ collection: SNAPSHOTS_COLLECTION, id: idOf(s), doc: toDoc(s), position: s.position }));
      const latest = taken.at(-1)!;
      // The stream's latest snapshot, by id; the position guard keeps the latest when folds store out of order.
      writes.push({ collection: HEADS_COLLECTION, id: headIdOf(latest.kind, latest.version, latest.streamId), doc: { revision: Number(latest.revision) } satisfies HeadDoc, position: latest.position });
      await this.reads.applyBatch({ projection: WRITER, checkpoint: taken.at(-1)!.position, writes });
      this.written += taken.length;
    }, `Snapshots of ${taken[0]!.streamId} not stored`);
  }

  /** Removes a snapshot found not to match the log (tampered, or the log rewritten under it), so a fresh one replaces it. */
  discard(s: Snapshot): void {
    this.logger.warn(`Snapshot of ${s.streamId} at revision ${s.revision} does not match the log; folded from the first event instead`);
    this.enqueue(async () => {
      await this.ensure();
      await this.reads.remove(SNAPSHOTS_COLLECTION, idOf(s));
      // The head may point at it; removed too (no tombstone), the next snapshot taken becomes the head whatever its position.
      await this.reads.remove(HEADS_COLLECTION, headIdOf(s.kind, s.version, s.streamId));
    }, `Snapshot of ${s.streamId} not removed`);
  }

  /** Resolves when every write queued so far is done (tests, benchmarks, shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Lets the queued writes finish before the read store closes (it closes on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** Snapshots stored by this process. */
  get stats(): { written: number } {
    return { written: this.written };
  }

  private enqueue(work: () => Promise<void>, failure: string): void {
    this.queue = this.queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
      .catch((e: unknown) => this.logger.warn(`${failure}: ${(e as Error).message}`));
  }

  private ensure(): Promise<void> {
    this.ensured ??= this.reads
      .ensureCollection({ name: HEADS_COLLECTION, fields: [] })
      .then(() => this.reads.ensureCollection({
        name: SNAPSHOTS_COLLECTION,
        fields: [
          { path: 'streamId', type: 'string' },
          { path: 'kind', type: 'string' },
          { path: 'version', type: 'number' },
          { path: 'revision', type: 'number' },
          { path: 'position', type: 'number' },
          { path: 'occurredMs', type: 'number' },
          { path: 'recordedMs', type: 'number' },
        ],
      }))
      .catch((e: unknown) => {
        this.ensured = null;
        throw e;
      });
    return this.ensured;
  }
}

/** Where a folding starts: a snapshot, or a state cached with the latest times of the events folded into it. */
export type FoldingStart<S> = Pick<Snapshot<S>, 'state' | 'occurredMs' | 'recordedMs'>;

/**
 * One fold of a stream's events, keeping the latest times seen and the states after every revision `every - 1`,
 * `2 * every - 1`, … as snapshots to store (only when the fold is the stream's registered kind).
 */
export class Folding<S> {
  state: S;
  occurredMs: number;
  recordedMs: number;
  /** Events folded in by this folding (not counting those behind the snapshot it started from). */
  applied = 0;
  readonly taken: Snapshot<S>[] = [];
  private readonly every: bigint;
  private lastOccurred = '';
  private lastOccurredMs = NO_TIME;
  private lastRecorded = '';
  private lastRecordedMs = NO_TIME;

  constructor(
    readonly streamId: string,
    private readonly fold: SnapshotFold,
    private readonly kind: { name: string; version: number } | null,
    every: number,
    from: FoldingStart<S> | null,
  ) {
    this.every = BigInt(Math.max(every, 0));
    this.state = from ? from.state : (fold.initialState() as S);
    this.occurredMs = from?.occurredMs ?? NO_TIME;
    this.recordedMs = from?.recordedMs ?? NO_TIME;
  }

  apply(e: RecordedEvent): void {
    this.state = this.fold.evolve(this.state, e) as S;
    this.applied += 1;
    if (!this.kind) return;
    // Business times repeat in runs (one command's events); parse each distinct one once.
    if (e.metadata.occurredAt !== this.lastOccurred) {
      this.lastOccurred = e.metadata.occurredAt;
      this.lastOccurredMs = Date.parse(this.lastOccurred);
    }
    if (this.lastOccurredMs > this.occurredMs) this.occurredMs = this.lastOccurredMs;
    if (e.recordedAt !== this.lastRecorded) {
      this.lastRecorded = e.recordedAt;
      this.lastRecordedMs = Date.parse(this.lastRecorded);
    }
    if (this.lastRecordedMs > this.recordedMs) this.recordedMs = this.lastRecordedMs;
    if ((e.revision + 1n) % this.every === 0n) {
      this.taken.push({
        streamId: this.streamId,
        kind: this.kind.name,
        version: this.kind.version,
        revision: e.revision,
        eventId: e.eventId,
        position: e.position,
        hash: e.hash,
        occurredMs: this.occurredMs,
        recordedMs: this.recordedMs,
        state: this.state,
      });
    }
  }
}

const idOf = (s: Pick<Snapshot, 'kind' | 'version' | 'streamId' | 'revision'>): string => `${s.kind}.v${s.version}.${s.streamId}@${s.revision}`;
const headIdOf = (kind: string, version: number, streamId: string): string => `${kind}.v${version}.${streamId}`;

const toDoc = (s: Snapshot): SnapshotDoc => ({
  streamId: s.streamId,
  kind: s.kind,
  version: s.version,
  revision: Number(s.revision),
  position: Number(s.position),
  eventId: s.eventId,
  hash: s.hash,
  occurredMs: s.occurredMs,
  recordedMs: s.recordedMs,
  state: encodeState(s.state),
});
