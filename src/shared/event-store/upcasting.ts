import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent, StoredCommandResult, Subscription } from './event-store.port.js';

/** Turns an event of an older schema version into the current shape. Registered per (type, fromVersion). */
export type Upcaster = { type: string; fromVersion: number; upcast: (event: RecordedEvent) => RecordedEvent };

/**
 * Applies registered upcasters on read, repeatedly, until no upcaster matches (v1 → v2 → v3). Stored events are
 * never rewritten; the hash chain is always verified on the raw events.
 */
export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[] = []) {
    for (const u of upcasters) this.register(u);
  }

  register(u: Upcaster): void {
    const key = `${u.type}@${u.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
    this.byKey.set(key, u);
  }

  apply = (event: RecordedEvent): RecordedEvent => {
    let current = event;
    for (let u = this.byKey.get(`${current.type}@${current.schemaVersion}`); u; u = this.byKey.get(`${current.type}@${current.schemaVersion}`)) {
      const next = u.upcast(current);
      if (next.type === current.type && next.schemaVersion <= current.schemaVersion) {
        throw new Error(`Upcaster for ${current.type}@${current.schemaVersion} did not raise the schema version`);
      }
      current = next;
    }
    return current;
  };
}

/**
 * The EventStore that the application uses: the adapter with upcasting applied to every read (streams, $all and
 * subscriptions). `raw` is the adapter itself, for integrity checks that must see stored bytes.
 */
export class UpcastingEventStore implements EventStore {
  readonly positionOfEvent?: (eventId: string) => Promise<bigint | null>;

  constructor(
    readonly raw: EventStore,
    private readonly upcasters: Upcasters,
  ) {
    if (raw.positionOfEvent) this.positionOfEvent = (eventId) => raw.positionOfEvent!(eventId);
  }

  appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    return this.raw.appendToStream(...args);
  }
  async readStream(streamId: string, options?: ReadStreamOptions) {
    return (await this.raw.readStream(streamId, options)).map(this.upcasters.apply);
  }
  streamRevision(streamId: string) {
    return this.raw.streamRevision(streamId);
  }
  async readAll(options: ReadAllOptions) {
    return (await this.raw.readAll(options)).map(this.upcasters.apply);
  }
  headPosition() {
    return this.raw.headPosition();
  }
  subscribeToAll(options: { after: bigint | null }): Subscription {
    const inner = this.raw.subscribeToAll(options);
    const apply = this.upcasters.apply;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const e of inner) yield apply(e);
      },
      close: () => inner.close(),
    };
  }
  findCommandResult(scope: string) {
    return this.raw.findCommandResult(scope);
  }
  recordCommandResult(scope: string, result: StoredCommandResult) {
    return this.raw.recordCommandResult(scope, result);
  }
  ping() {
    return this.raw.ping();
  }
  close() {
    return this.raw.close();
  }
}
