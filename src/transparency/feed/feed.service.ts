import { EventEmitter } from 'node:events';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Subscription } from '../../shared/event-store/event-store.port.js';
import { type Filter, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { FeedBuilder } from './feed-builder.js';
import { FEED_COLLECTION, FEED_FIELDS, type FeedEntry, type FeedHeadDoc, type FeedPolicyDoc } from './feed-entry.js';
import { DEFAULT_POLICY } from '../domain/default-policy.js';

const BATCH = 500;
const IDLE_MS = 1000;

/**
 * Runs the feed builder over the whole log from its checkpoint (every event type: a policy may name any type as the
 * release of a delay), wakes on the event store's live subscription, and tells waiting readers how far it got.
 */
@Injectable()
export class FeedService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TransparencyFeed');
  private readonly builder: FeedBuilder;
  private readonly progress = new EventEmitter();
  private checkpoint: bigint | null = null;
  private running = false;
  private loop?: Promise<void>;
  private subscription?: Subscription;
  private wake: (() => void) | null = null;
  private woken = false;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {
    this.builder = new FeedBuilder(reads);
    this.progress.setMaxListeners(0);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reads.ensureCollection({ name: FEED_COLLECTION, fields: FEED_FIELDS });
    this.checkpoint = await this.reads.getCheckpoint(this.builder.checkpointKey);
    this.running = true;
    this.subscription = this.events.subscribeToAll({ after: await this.events.headPosition() });
    void (async () => {
      try {
        for await (const _ of this.subscription!) this.poke();
      } catch {
        // The loop falls back to polling.
      }
    })();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.poke();
    await this.subscription?.close();
    await this.loop;
  }

  /** The last log position the feed reflects (0 before the first event). */
  position(): bigint {
    return this.checkpoint ?? 0n;
  }

  /** Calls `listener` each time the feed advances; returns the unsubscribe function. */
  onAdvance(listener: (position: bigint) => void): () => void {
    this.progress.on('advance', listener);
    return () => this.progress.off('advance', listener);
  }

  /** Waits until the feed reflects `position`, at most `timeoutMs`; returns the position reached. */
  async waitFor(position: bigint, timeoutMs: number): Promise<bigint> {
    if (this.position() >= position) return this.position();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const off = this.onAdvance((p) => p >= position && done());
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    return this.position();
  }

  /** A page of entries matching `filter`, in `order` of `sort`. */
  find(filter: Filter, sort: 'publishedSeq' | 'changedSeq', direction: 'asc' | 'desc', limit: number): Promise<FeedEntry[]> {
    return this.reads.find<FeedEntry>(FEED_COLLECTION, { filter: { kind: 'entry', visibility: 'public', ...filter }, sort: [{ path: sort, direction }], limit }).then((p) => p.items);
  }

  entry(key: string): Promise<FeedEntry | null> {
    return this.reads.get<FeedEntry>(FEED_COLLECTION, `entry:${key}`);
  }

  async policy(): Promise<Omit<FeedPolicyDoc, 'kind'>> {
    const doc = await this.reads.get<FeedPolicyDoc>(FEED_COLLECTION, 'policy');
    if (!doc) return DEFAULT_POLICY;
    const { kind: _, ...policy } = doc;
    return policy;
  }

  head(): Promise<FeedHeadDoc | null> {
    return this.reads.get<FeedHeadDoc>(FEED_COLLECTION, 'head');
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      try {
        const batch = await this.events.readAll({ after: this.checkpoint, maxCount: BATCH });
        if (batch.length > 0) {
          await this.builder.apply(batch);
          this.checkpoint = batch.at(-1)!.position;
          failures = 0;
          this.progress.emit('advance', this.checkpoint);
          // Lets requests and timers run between batches of a long catch-up (reads on SQLite resolve at once).
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        this.progress.emit('advance', this.position());
        await this.sleep(IDLE_MS);
      } catch (e) {
        failures += 1;
        this.logger.error(`Feed builder failed after position ${this.checkpoint ?? 'start'} (attempt ${failures}): ${(e as Error).message}`);
        await this.sleep(Math.min(30_000, 100 * 2 ** Math.min(failures, 10)));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.woken || !this.running) return resolve();
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
