import { randomUUID } from 'node:crypto';

/**
 * The log of the EventStoreDB test double: one in-memory transaction log, shared by every stream, that outlives
 * the gRPC server (a stop and a start of the server keep it, as a restarted EventStoreDB node keeps its database).
 *
 * It models what EventStoreDB documents for the operations the Node.js client uses: revisions from 0 in each stream,
 * expected revisions (any, no_stream, stream_exists, an exact revision), the idempotent re-append of the same event
 * ids, log positions that only grow (byte-like offsets with gaps between events, commit = prepare for each event, as
 * on EventStoreDB 20+ for appends without an explicit transaction), and `$`-prefixed system streams and events.
 */

/** An event as stored in the log. */
export type StoredEvent = {
  streamId: string;
  revision: bigint;
  /** Lowercase UUID string. */
  id: string;
  type: string;
  contentType: string;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB's gRPC API sends `created`. */
  created: bigint;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** Log position: the event's commit and prepare position (equal for appends without explicit transactions). */
  position: bigint;
};

/** An event proposed by an append. */
export type ProposedEvent = { id: string; type: string; contentType: string; data: Uint8Array; customMetadata: Uint8Array };

/** What an append expects of the stream (EventStoreDB's expected revision). */
export type Expectation = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  /** Written: `position` is the log position of the last event written. */
  | { kind: 'written'; currentRevision: bigint; position: bigint }
  /** The same event ids were already written at that place: nothing written, no position (as EventStoreDB answers). */
  | { kind: 'idempotent'; currentRevision: bigint }
  /** The stream did not match: `current` is its revision, null when it does not exist. */
  | { kind: 'wrong_expected_version'; current: bigint | null; expected: Expectation };

/** Where a read of $all starts: the start or end of the log, or a log position. */
export type AllStart = { kind: 'start' } | { kind: 'end' } | { kind: 'position'; commit: bigint; prepare: bigint };
/** Where a read of a stream starts. */
export type StreamStart = { kind: 'start' } | { kind: 'end' } | { kind: 'revision'; revision: bigint };

/** Size of the records a fresh EventStoreDB database writes before the first event (epoch and the like). */
const FIRST_POSITION = 256n;
/** Fixed part of a log record's size, besides the stream name, event type, data and metadata. */
const RECORD_OVERHEAD = 90n;

export const isSystemStream = (streamId: string): boolean => streamId.startsWith('$');
export const isSystemEventType = (type: string): boolean => type.startsWith('$');

export class EsdbLog {
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;
  private appendsSinceSystemEvent = 0;

  /**
   * @param systemEventEvery after this many appends by clients, the log writes a system event of its own
   *   (`$statsCollected` to `$stats-<node>`, as a node with stats written to the database does), so that readers of
   *   $all meet system events between the clients' events. 0: never.
   */
  constructor(
    private readonly options: { systemEventEvery?: number; node?: string; clock?: () => Date } = {},
  ) {
    // A fresh database: EventStoreDB writes its default settings before any client does.
    this.write('$settings', [systemEvent('$settings', { $userStreamAcl: { $r: '$all', $w: '$all' }, $systemStreamAcl: { $r: '$admins', $w: '$admins' } })]);
  }

  /** Number of events in the log, system events included. */
  get size(): number {
    return this.events.length;
  }

  /** Log position after the last event (where the next one will be written). */
  get end(): bigint {
    return this.nextPosition;
  }

  /** The revision of a stream's last event, or null when the stream does not exist. */
  revisionOf(streamId: string): bigint | null {
    const stream = this.streams.get(streamId);
    return stream && stream.length > 0 ? stream[stream.length - 1]!.revision : null;
  }

  /**
   * Appends atomically if the stream matches `expected`. A re-append of event ids that the stream already holds at
   * the place the expectation names (or anywhere in the stream, for `any` and `stream_exists`) is idempotent:
   * success, nothing written. A re-append that matches only some of those ids is a wrong expected version.
   */
  append(streamId: string, expected: Expectation, proposed: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length > 0 ? stream[stream.length - 1]!.revision : null;
    const wrong = (): AppendOutcome => ({ kind: 'wrong_expected_version', current, expected });

    if (expected.kind === 'stream_exists' && current === null) return wrong();
    if (expected.kind === 'revision' || expected.kind === 'no_stream') {
      const after = expected.kind === 'revision' ? expected.revision : -1n;
      const head = current ?? -1n;
      if (head !== after) {
        if (head < after || proposed.length === 0) return wrong();
        // The stream moved on: idempotent if the events after `after` are exactly the proposed ones.
        const match = matchAt(stream, Number(after + 1n), proposed);
        return match === 'all' ? { kind: 'idempotent', currentRevision: after + BigInt(proposed.length) } : wrong();
      }
    } else if (proposed.length > 0) {
      // any / stream_exists: idempotent when the first proposed id is in the stream and the rest follow it.
      const first = stream.findIndex((e) => e.id === proposed[0]!.id);
      if (first >= 0) {
        const match = matchAt(stream, first, proposed);
        if (match === 'all') return { kind: 'idempotent', currentRevision: BigInt(first + proposed.length - 1) };
        return wrong();
      }
    }
    if (proposed.length === 0) return { kind: 'idempotent', currentRevision: current ?? -1n };
    const written = this.write(streamId, proposed);
    if (!isSystemStream(streamId)) this.afterClientAppend();
    return { kind: 'written', currentRevision: written.at(-1)!.revision, position: written.at(-1)!.position };
  }

  /**
   * Events of one stream. Forwards: from the start revision (inclusive) up, `count` at most. Backwards: the window
   * of `count` revisions ending at the start revision (inclusive), newest first; as on EventStoreDB, a start past
   * the stream's last revision makes that window come back short. Null when the stream does not exist.
   */
  readStream(streamId: string, from: StreamStart, backwards: boolean, count: bigint): StoredEvent[] | null {
    const stream = this.streams.get(streamId);
    if (!stream || stream.length === 0) return null;
    const last = BigInt(stream.length - 1);
    if (!backwards) {
      if (from.kind === 'end') return [];
      const start = from.kind === 'start' ? 0n : from.revision;
      if (start > last) return [];
      return stream.slice(Number(start), Number(minBig(last + 1n, start + count)));
    }
    if (from.kind === 'start') return count > 0n ? [stream[0]!] : [];
    const start = from.kind === 'end' ? last : from.revision;
    const low = maxBig(0n, start - count + 1n);
    const out: StoredEvent[] = [];
    for (let r = minBig(start, last); r >= low; r--) out.push(stream[Number(r)]!);
    return out;
  }

  /**
   * Index in the log of the first event a $all read or subscription looks at. Forwards reads include the event at
   * the start position; subscriptions (`exclusive`) start after it. Backwards reads start before the position.
   */
  allIndex(from: AllStart, backwards: boolean, exclusive: boolean): number {
    if (from.kind === 'start') return backwards ? -1 : 0;
    if (from.kind === 'end') return backwards ? this.events.length - 1 : this.events.length;
    const commit = from.commit;
    let i = lowerBound(this.events, commit);
    // Backwards: the last event strictly before the position.
    if (backwards) return i - 1;
    if (exclusive && i < this.events.length && this.events[i]!.position === commit) i++;
    return i;
  }

  /** The event at a log index, or undefined past either end. */
  at(index: number): StoredEvent | undefined {
    return index >= 0 ? this.events[index] : undefined;
  }

  /** Index in a stream of the first event a stream subscription delivers (exclusive start). */
  streamSubscriptionIndex(streamId: string, from: StreamStart): number {
    const length = this.streams.get(streamId)?.length ?? 0;
    if (from.kind === 'start') return 0;
    if (from.kind === 'end') return length;
    return Number(from.revision) + 1;
  }

  /** The event of a stream at an index, or undefined. */
  streamAt(streamId: string, index: number): StoredEvent | undefined {
    return this.streams.get(streamId)?.[index];
  }

  /** Calls `listener` after every write; returns the function that removes it. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes a system event of the node itself (as the stats collector does), outside any client's append. */
  writeSystemEvent(type = '$statsCollected', data: Record<string, unknown> = { 'proc-startTime': new Date(0).toISOString() }): StoredEvent {
    const stream = `$stats-${this.options.node ?? '127.0.0.1:2113'}`;
    return this.write(stream, [systemEvent(type, data)])[0]!;
  }

  private afterClientAppend(): void {
    const every = this.options.systemEventEvery ?? 0;
    if (every <= 0) return;
    this.appendsSinceSystemEvent += 1;
    if (this.appendsSinceSystemEvent >= every) {
      this.appendsSinceSystemEvent = 0;
      this.writeSystemEvent();
    }
  }

  private write(streamId: string, proposed: ProposedEvent[]): StoredEvent[] {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = [];
      this.streams.set(streamId, stream);
    }
    const created = BigInt((this.options.clock?.() ?? new Date()).getTime()) * 10_000n;
    const name = Buffer.byteLength(streamId, 'utf8');
    const written: StoredEvent[] = [];
    for (const p of proposed) {
      const event: StoredEvent = {
        streamId,
        revision: BigInt(stream.length),
        id: p.id,
        type: p.type,
        contentType: p.contentType,
        created,
        data: p.data,
        customMetadata: p.customMetadata,
        position: this.nextPosition,
      };
      this.nextPosition += RECORD_OVERHEAD + BigInt(name + Buffer.byteLength(p.type, 'utf8') + p.data.length + p.customMetadata.length);
      stream.push(event);
      this.events.push(event);
      written.push(event);
    }
    for (const listener of [...this.listeners]) listener();
    return written;
  }
}

const systemEvent = (type: string, data: Record<string, unknown>): ProposedEvent => ({
  id: randomUUID(),
  type,
  contentType: 'application/json',
  data: new Uint8Array(Buffer.from(JSON.stringify(data), 'utf8')),
  customMetadata: new Uint8Array(),
});

/** Whether the stream holds exactly the proposed ids from `index` on ('all'), some of them ('some'), or none. */
const matchAt = (stream: StoredEvent[], index: number, proposed: ProposedEvent[]): 'all' | 'some' | 'none' => {
  let matched = 0;
  for (let i = 0; i < proposed.length; i++) {
    if (stream[index + i]?.id === proposed[i]!.id) matched++;
  }
  return matched === proposed.length ? 'all' : matched === 0 ? 'none' : 'some';
};

/** Index of the first event at or after `position` (binary search: positions only grow). */
const lowerBound = (events: StoredEvent[], position: bigint): number => {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.position < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);
