import { v5 as uuidv5 } from 'uuid';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent } from '../shared/event-store/event-store.port.js';
import { DEMO_NAMESPACE } from './deterministic.js';

/**
 * The event store the demo seed writes through: it gives every event that has no id yet (the pipeline leaves ids to
 * the store unless an idempotency key derives one) a UUIDv5 of its stream, the revision it was appended at and its
 * index, and marks its metadata `demo: true`. Everything else is the wrapped store's. Used only while seeding: the
 * running service appends through the configured store as usual. `marksDemoData` lets the application accept the
 * demo's deterministic random source (src/demo/demo-random.ts) with this store, and with no other.
 */
export class DemoEventStore implements EventStore {
  readonly marksDemoData = true;
  constructor(private readonly inner: EventStore) {}

  appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision, idempotency?: Parameters<EventStore['appendToStream']>[3]): Promise<AppendResult> {
    const at = expected === 'no_stream' ? '-1' : String(expected);
    const marked = events.map((e, i) => ({
      ...e,
      eventId: e.eventId ?? uuidv5(`event:${streamId}@${at}#${i}`, DEMO_NAMESPACE),
      metadata: { ...e.metadata, demo: true },
    }));
    return this.inner.appendToStream(streamId, marked, expected, idempotency);
  }
  readStream: EventStore['readStream'] = (...a) => this.inner.readStream(...a);
  streamRevision: EventStore['streamRevision'] = (...a) => this.inner.streamRevision(...a);
  readAll: EventStore['readAll'] = (...a) => this.inner.readAll(...a);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  subscribeToAll: EventStore['subscribeToAll'] = (...a) => this.inner.subscribeToAll(...a);
  findCommandResult: EventStore['findCommandResult'] = (...a) => this.inner.findCommandResult(...a);
  recordCommandResult: EventStore['recordCommandResult'] = (...a) => this.inner.recordCommandResult(...a);
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();
}
