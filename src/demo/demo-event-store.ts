import { v5 as uuidv5 } from 'uuid';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, Subscription } from '../shared/event-store/event-store.port.js';
import { followLog } from '../shared/event-store/follow-log.js';
import { DEMO_NAMESPACE } from './deterministic.js';

/** How often a live subscription looks at the log when no append woke it (as the SQLite store's default). */
const POLL_MS = 500;

/**
 * The event store the demo seed writes through: it gives every event that has no id yet (the pipeline leaves ids to
 * the store unless an idempotency key derives one) a UUIDv5 of its stream, the revision it was appended at and its
 * index, and marks its metadata `demo: true`. Used only while seeding: the running service appends through the
 * configured store as usual. `marksDemoData` lets the application accept the demo's deterministic random source
 * (src/demo/demo-random.ts) with this store, and with no other.
 *
 * Its live subscriptions (which wake the projections, reactors and the public feed) follow the wrapped store's log
 * like the store's own do, but are woken by this wrapper's appends, and `wakeEvery(n)` lets a long run of commands
 * wake them only every n appends (they still look every half second): they then apply the log in batches rather
 * than one command at a time. Everything else is the wrapped store's.
 */
export class DemoEventStore implements EventStore {
  readonly marksDemoData = true;
  private readonly wakers = new Set<() => void>();
  private every = 1;
  private held = 0;
  readonly positionOfEvent?: (eventId: string) => Promise<bigint | null>;

  constructor(
    private readonly inner: EventStore,
    private readonly pollMs = POLL_MS,
  ) {
    if (inner.positionOfEvent) this.positionOfEvent = (eventId) => inner.positionOfEvent!(eventId);
  }

  async appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision, idempotency?: Parameters<EventStore['appendToStream']>[3]): Promise<AppendResult> {
    const at = expected === 'no_stream' ? '-1' : String(expected);
    const marked = events.map((e, i) => ({
      ...e,
      eventId: e.eventId ?? uuidv5(`event:${streamId}@${at}#${i}`, DEMO_NAMESPACE),
      metadata: { ...e.metadata, demo: true },
    }));
    const result = await this.inner.appendToStream(streamId, marked, expected, idempotency);
    if (++this.held >= this.every) this.wake();
    return result;
  }

  /** From now on, wakes live subscriptions after every `n`-th append only (1: after each, as a store does). */
  wakeEvery(n: number): void {
    this.every = Math.max(1, Math.floor(n));
  }

  /** Wakes every live subscription now (appends held back by `wakeEvery` included). */
  wake(): void {
    this.held = 0;
    for (const wake of [...this.wakers]) wake();
  }

  subscribeToAll({ after }: { after: bigint | null }): Subscription {
    return followLog({
      after,
      read: (from, max) => this.inner.readAll({ after: from, maxCount: max }),
      onAppended: (wake) => {
        this.wakers.add(wake);
        return () => this.wakers.delete(wake);
      },
      pollIntervalMs: this.pollMs,
    });
  }

  readStream: EventStore['readStream'] = (...a) => this.inner.readStream(...a);
  streamRevision: EventStore['streamRevision'] = (...a) => this.inner.streamRevision(...a);
  readAll: EventStore['readAll'] = (...a) => this.inner.readAll(...a);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  findCommandResult: EventStore['findCommandResult'] = (...a) => this.inner.findCommandResult(...a);
  recordCommandResult: EventStore['recordCommandResult'] = (...a) => this.inner.recordCommandResult(...a);
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();
}
