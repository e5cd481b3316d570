import { EventEmitter } from 'node:events';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port.js';
import type { DocumentWrite, ReadStore } from '../read-store/read-store.port.js';
import { ALL_EVENTS, type Projection, type Reactor, collectionName } from './projection.js';

export type ConsumerStatus = {
  name: string;
  kind: 'projection' | 'reactor';
  /** The collection it writes (projections). */
  collection?: string;
  /** True when readers use this collection; false while a new version or generation is being built. */
  serving?: boolean;
  /** Last position fully applied; null before the first event. */
  checkpoint: string | null;
  state: 'starting' | 'catching-up' | 'live' | 'failed' | 'stopped';
  lastError?: string;
};

type Logger = { log(message: string): void; error(message: string): void; warn(message: string): void };

type Consumer = {
  name: string;
  kind: 'projection' | 'reactor';
  key: string;
  collection?: string;
  serving: boolean;
  checkpoint: bigint | null;
  state: ConsumerStatus['state'];
  lastError?: string;
  failures: number;
  stopped: boolean;
  /** Events to read next: doubles while batches come back full (catching up), back to batchSize at the end of the log. */
  batch: number;
  /** Applies a batch; `advance` records a checkpoint stored part-way through it. */
  step: (batch: RecordedEvent[], advance: (position: bigint) => void) => Promise<void>;
  /** Creates the indexes a collection built from zero was created without; called once, at the end of the log. */
  buildIndexes?: () => Promise<void>;
  /** Called each time the consumer reaches the end of the log. */
  onCaughtUp?: () => Promise<void>;
  done?: Promise<void>;
};

export type ProjectionRunnerOptions = {
  batchSize?: number;
  /**
   * Largest batch while catching up (batches double from batchSize while they come back full). Default 1000 (larger
   * batches keep more events alive across young-generation collections, which then cost more than the commits saved),
   * shared: with many consumers catching up at once, each gets at most 16000 / consumers (never below batchSize), so
   * the events held in memory stay bounded.
   */
  maxBatchSize?: number;
  /** Longest sleep at the end of the log when no append woke the consumers. */
  idleMs?: number;
  /** Longest wait between retries of a failing batch. */
  maxRetryMs?: number;
  logger?: Logger;
};

/** Most document ids a consumer building from zero remembers (about 10 MB); past that it reads documents as usual. */
const WRITTEN_IDS = 100_000;
/** Most events kept for consumers that follow one another through the log (see ProjectionRunner.read). */
const SHARED_EVENTS = 16_000;
/**
 * Most events a consumer passes over (none of its types) before it stores its checkpoint anyway; it also stores it
 * when it reaches the end of the log and when it stops. Each stored checkpoint is a write transaction, one per batch otherwise.
 */
const UNSAVED_EVENTS = 50_000;
const META = (name: string) => `projection:${name}:collection`;
/** 'deferred' while a collection built from zero has no field indexes yet (survives a restart mid-build), then 'built'. */
const INDEXES = (collection: string) => `projection:${collection}:indexes`;
/** Index of the first event after `position` in events sorted by position. */
const firstAfter = (events: RecordedEvent[], position: bigint): number => {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
/** Lets pending I/O callbacks and timers run before the next batch (a macrotask, unlike an awaited promise). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const silent: Logger = { log: () => undefined, error: () => undefined, warn: () => undefined };

/**
 * Runs projections and reactors over the global log. Each consumer reads batches after its checkpoint; a projection
 * folds the batch into documents (skipping any event at or below a document's position) and stores the documents
 * and its checkpoint together, so after a crash it neither misses nor double-applies an event. A failing batch is
 * retried with backoff; nothing after it is applied until it succeeds.
 *
 * A projection whose version (or generation, after `rebuild`) has no collection yet is built from position zero
 * into a fresh one while readers keep the old one; when the new one reaches the end of the log, readers switch and
 * the old collection is dropped.
 */
export class ProjectionRunner {
  private readonly projections = new Map<string, Projection>();
  private readonly reactors: Reactor[] = [];
  /** Collections created without their field indexes, built when their consumer first reaches the end of the log. */
  private readonly deferred = new Set<string>();
  private readonly consumers = new Set<Consumer>();
  private readonly serving = new Map<string, Consumer>();
  private readonly progress = new EventEmitter();
  private wakeVersion = 0;
  private readonly wakers = new Set<() => void>();
  /** The event types each consumer handles (null: every type). */
  private readonly handled = new WeakMap<Consumer, Set<string> | null>();
  /** Events passed over since a consumer last stored its checkpoint, for consumers that handled none of them. */
  private readonly unsaved = new Map<Consumer, number>();
  /** Builders switching readers to their collection (see launchBuilder), which `catchUp` waits for. */
  private readonly switching = new Set<Consumer>();
  private subscription?: Subscription;
  private running = false;
  private readonly batchSize: number;
  /** Recent full batches by the position they follow, and reads in flight, shared between consumers (see `read`). */
  private readonly recent = new Map<bigint, RecordedEvent[]>();
  private recentEvents = 0;
  private readonly reading = new Map<bigint, { max: number; batch: Promise<RecordedEvent[]> }>();
  private readonly maxBatchSize: number;
  private readonly idleMs: number;
  private readonly maxRetryMs: number;
  private readonly logger: Logger;

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxBatchSize = Math.max(this.batchSize, options.maxBatchSize ?? 1000);
    this.idleMs = options.idleMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.logger = options.logger ?? silent;
    this.progress.setMaxListeners(0);
  }

  addProjection(projection: Projection<any>): this {
    if (this.running) throw new Error('Add projections before start()');
    if (this.projections.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
    this.projections.set(projection.name, projection);
    return this;
  }

  addReactor(reactor: Reactor): this {
    if (this.running) throw new Error('Add reactors before start()');
    this.reactors.push(reactor);
    return this;
  }

  /** Prepares every collection, decides which one serves reads, and starts the consumers. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const head = await this.events.headPosition();
    this.subscription = this.events.subscribeToAll({ after: head });
    void this.wakeOnAppends(this.subscription);
    for (const p of this.projections.values()) await this.startProjection(p);
    for (const r of this.reactors) {
      const key = `reactor:${r.name}`;
      this.launch({ name: r.name, kind: 'reactor', key, serving: true, checkpoint: await this.reads.getCheckpoint(key), state: 'starting', failures: 0, stopped: false, batch: this.batchSize, step: (b, advance) => this.react(r, key, b, advance) });
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const c of this.consumers) c.stopped = true;
    this.wake();
    await this.subscription?.close();
    await Promise.all([...this.consumers].map((c) => c.done));
    this.recent.clear();
    this.recentEvents = 0;
  }

  /** The definition of a registered projection, for tools that rebuild it elsewhere (the drift detector). */
  definition(name: string): Projection | undefined {
    return this.projections.get(name);
  }

  /** The collection readers of a projection use now. */
  collectionFor(name: string): string {
    const c = this.serving.get(name);
    if (!c?.collection) throw new Error(`Projection ${name} is not running`);
    return c.collection;
  }

  /** The last position reflected by the serving collection of a projection. */
  positionOf(name: string): bigint | null {
    return this.serving.get(name)?.checkpoint ?? null;
  }

  status(): ConsumerStatus[] {
    return [...this.consumers].map((c) => ({
      name: c.name,
      kind: c.kind,
      ...(c.collection ? { collection: c.collection, serving: c.serving } : {}),
      checkpoint: c.checkpoint?.toString() ?? null,
      state: c.state,
      ...(c.lastError ? { lastError: c.lastError } : {}),
    }));
  }

  /**
   * Resolves when every consumer has applied the log up to its head at the time of the call (and built the indexes it
   * deferred). Rejects when a consumer has failed `maxFailures` times in a row (a transient failure that a retry
   * mends does not reject).
   */
  async catchUp(timeoutMs = 30_000, maxFailures = 3): Promise<void> {
    const head = await this.events.headPosition();
    if (head === null) return;
    await this.until(() => {
      const failed = [...this.consumers].find((c) => c.state === 'failed' && c.failures >= maxFailures);
      if (failed) throw new Error(`${failed.kind} ${failed.name} failed: ${failed.lastError}`);
      // A builder has caught up when its indexes are built and readers have switched to it (both at the end of the
      // log, in a later turn than its last batch).
      return [...this.consumers].every((c) => c.stopped || ((c.checkpoint ?? 0n) >= head && !c.buildIndexes && !c.onCaughtUp && !this.switching.has(c)));
    }, timeoutMs);
  }

  /**
   * Waits until the named projections' serving collections reflect `position`, at most `timeoutMs`.
   * Returns the lowest position they reflect (which is below `position` on a time-out).
   */
  async waitFor(position: bigint, names: string[], timeoutMs: number): Promise<bigint | null> {
    const lowest = () => names.reduce<bigint | null>((min, n) => {
      const p = this.positionOf(n) ?? 0n;
      return min === null || p < min ? p : min;
    }, null);
    try {
      await this.until(() => (lowest() ?? 0n) >= position, timeoutMs);
    } catch {
      // Timed out: the caller answers with the position reached.
    }
    return lowest();
  }

  /** Rebuilds a projection from zero into a new generation; readers switch when it has caught up. */
  async rebuild(name: string): Promise<string> {
    const p = this.projections.get(name);
    const current = this.serving.get(name);
    if (!p || !current?.collection) throw new Error(`Unknown projection ${name}`);
    const generation = Number(/_g(\d+)$/.exec(current.collection)?.[1] ?? '1') + 1;
    const target = collectionName(p, generation);
    await this.reads.dropCollection(target);
    await this.reads.deleteCheckpoint(target);
    await this.prepare(p, target, null);
    this.launchBuilder(p, target, null);
    return target;
  }

  private async startProjection(p: Projection): Promise<void> {
    const base = collectionName(p);
    const active = await this.reads.getMeta(META(p.name));
    const sameVersion = active !== null && (active === base || new RegExp(`^${base}_g\\d+$`).test(active));
    const target = sameVersion ? active! : base;
    const checkpoint = await this.reads.getCheckpoint(target);
    await this.prepare(p, target, checkpoint);
    if (active === null || sameVersion) {
      if (active === null) await this.reads.setMeta(META(p.name), target);
      const c = this.projectionConsumer(p, target, checkpoint, true);
      this.serving.set(p.name, c);
      this.launch(c);
      return;
    }
    // A new version: keep serving the old collection (frozen) until the new one has caught up.
    await this.reads.ensureCollection({ name: active, fields: p.fields });
    const old = this.projectionConsumer(p, active, await this.reads.getCheckpoint(active), true);
    old.state = 'live';
    this.serving.set(p.name, old);
    this.logger.log(`Projection ${p.name} v${p.version}: rebuilding into ${target}; readers stay on ${active} until it catches up`);
    this.launchBuilder(p, target, checkpoint);
  }

  /**
   * Creates a projection's collection. One built from zero (no checkpoint, or a build a restart interrupted) is
   * created without its field indexes: maintaining them on every write costs more than building them once when the
   * consumer reaches the end of the log (readers meanwhile get correct, unindexed answers).
   */
  private async prepare(p: Projection, collection: string, checkpoint: bigint | null): Promise<void> {
    const deferIndexes = checkpoint === null || (await this.reads.getMeta(INDEXES(collection))) === 'deferred';
    if (deferIndexes) await this.reads.setMeta(INDEXES(collection), 'deferred');
    await this.reads.ensureCollection({ name: collection, fields: p.fields }, { deferIndexes });
    if (deferIndexes) this.deferred.add(collection);
  }

  private launchBuilder(p: Projection, target: string, checkpoint: bigint | null) {
    const builder = this.projectionConsumer(p, target, checkpoint, false);
    builder.onCaughtUp = async () => {
      const previous = this.serving.get(p.name);
      await this.reads.setMeta(META(p.name), target);
      builder.serving = true;
      builder.onCaughtUp = undefined;
      this.serving.set(p.name, builder);
      if (previous && previous !== builder) {
        previous.stopped = true;
        previous.serving = false;
        this.consumers.delete(previous);
        this.wake();
        await previous.done;
        await this.reads.dropCollection(previous.collection!);
        await this.reads.deleteCheckpoint(previous.key);
      }
      this.logger.log(`Projection ${p.name}: readers switched to ${target}`);
    };
    this.launch(builder);
  }

  private projectionConsumer(p: Projection, collection: string, checkpoint: bigint | null, serving: boolean): Consumer {
    const handled = new Set(p.handles);
    const all = handled.has(ALL_EVENTS);
    // Built from zero (no checkpoint: nothing stored yet, documents and checkpoints are stored together), a document
    // this consumer has not written does not exist: no read is needed for it. Bounded, then reads as usual.
    let written: Set<string> | null = checkpoint === null ? new Set() : null;
    const consumer: Consumer = {
      name: p.name, kind: 'projection', key: collection, collection, serving, checkpoint, state: 'starting', failures: 0, stopped: false, batch: this.batchSize,
      buildIndexes: this.deferred.has(collection)
        ? async () => {
            await this.reads.ensureIndexes(collection);
            await this.reads.setMeta(INDEXES(collection), 'built');
            this.deferred.delete(collection);
          }
        : undefined,
      step: async (batch) => {
        const docs = new Map<string, { doc: object | null; position: bigint } | null>();
        const writes = new Map<string, DocumentWrite>();
        for (const event of batch) {
          if (!all && !handled.has(event.type)) continue;
          const ids = p.documentId(event);
          for (const id of ids === null ? [] : Array.isArray(ids) ? ids : [ids]) {
            if (!docs.has(id)) docs.set(id, written && !written.has(id) ? null : await this.reads.getStored<object>(collection, id));
            const current = docs.get(id) ?? null;
            if (current && current.position >= event.position) continue; // applied before a crash: skip
            const next = p.evolve(current?.doc ?? null, event);
            docs.set(id, { doc: next, position: event.position });
            writes.set(id, { collection, id, doc: next, position: event.position });
          }
        }
        await this.reads.applyBatch({ projection: collection, checkpoint: batch.at(-1)!.position, writes: [...writes.values()] });
        if (written) {
          for (const id of writes.keys()) written.add(id);
          if (written.size > WRITTEN_IDS) written = null;
        }
      },
    };
    return consumer;
  }

  private async react(reactor: Reactor, key: string, batch: RecordedEvent[], advance: (position: bigint) => void): Promise<void> {
    const handled = new Set(reactor.handles);
    for (const event of batch) {
      if (handled.has(event.type)) {
        await reactor.react(event);
        // Checkpoint after each reaction, so a failure later in the batch does not repeat this one.
        await this.reads.applyBatch({ projection: key, checkpoint: event.position, writes: [] });
        advance(event.position);
      }
    }
    await this.reads.applyBatch({ projection: key, checkpoint: batch.at(-1)!.position, writes: [] });
  }

  private launch(c: Consumer): void {
    this.consumers.add(c);
    c.done = this.loop(c);
  }

  private async loop(c: Consumer): Promise<void> {
    while (this.running && !c.stopped) {
      const seen = this.wakeVersion;
      try {
        const batch = await this.read(c.checkpoint, c.batch);
        const ceiling = Math.max(this.batchSize, Math.min(this.maxBatchSize, Math.floor(16_000 / this.consumers.size)));
        c.batch = batch.length === c.batch ? Math.min(c.batch * 2, ceiling) : this.batchSize;
        if (batch.length === 0) {
          if (this.unsaved.has(c) && c.checkpoint !== null) await this.saveCheckpoint(c, c.checkpoint);
          if (c.buildIndexes) {
            await c.buildIndexes();
            c.buildIndexes = undefined;
          }
          c.state = 'live';
          if (c.onCaughtUp) {
            this.switching.add(c);
            try {
              await c.onCaughtUp();
            } finally {
              this.switching.delete(c);
            }
          }
          this.progress.emit('progress');
          await this.sleep(seen, this.idleMs);
          continue;
        }
        c.state = 'catching-up';
        if (this.concerns(c, batch)) {
          await c.step(batch, (position) => (c.checkpoint = position));
          this.unsaved.delete(c);
        } else {
          // Nothing in the batch for this consumer: no documents to store, and the checkpoint alone can wait (a
          // restart from an older one reads these events again and skips them again).
          const skipped = (this.unsaved.get(c) ?? 0) + batch.length;
          if (skipped >= UNSAVED_EVENTS) await this.saveCheckpoint(c, batch.at(-1)!.position);
          else this.unsaved.set(c, skipped);
        }
        c.checkpoint = batch.at(-1)!.position;
        c.failures = 0;
        c.lastError = undefined;
        this.progress.emit('progress');
        // On SQLite every read resolves at once: without this, a long catch-up would run on microtasks alone and
        // keep requests and timers waiting until it ends.
        await yieldToEventLoop();
      } catch (e) {
        c.failures += 1;
        c.batch = this.batchSize;
        c.state = 'failed';
        c.lastError = (e as Error).message;
        this.logger.error(`${c.kind} ${c.name} failed after position ${c.checkpoint ?? 'start'} (attempt ${c.failures}): ${c.lastError}`);
        this.progress.emit('progress');
        await this.sleep(null, Math.min(this.maxRetryMs, 100 * 2 ** Math.min(c.failures, 10)));
      }
    }
    if (c.stopped || !this.running) c.state = 'stopped';
    if (this.unsaved.has(c) && c.checkpoint !== null) await this.saveCheckpoint(c, c.checkpoint).catch(() => this.unsaved.delete(c));
  }

  /** Whether any event of the batch is of a type the consumer handles. */
  private concerns(c: Consumer, batch: RecordedEvent[]): boolean {
    let types = this.handled.get(c);
    if (types === undefined) {
      const handles = c.kind === 'projection' ? this.projections.get(c.name)?.handles : this.reactors.find((r) => r.name === c.name)?.handles;
      types = !handles || handles.includes(ALL_EVENTS) ? null : new Set(handles);
      this.handled.set(c, types);
    }
    if (types === null) return true;
    for (const e of batch) if (types.has(e.type)) return true;
    return false;
  }

  private async saveCheckpoint(c: Consumer, position: bigint): Promise<void> {
    await this.reads.applyBatch({ projection: c.key, checkpoint: position, writes: [] });
    this.unsaved.delete(c);
  }

  /**
   * A batch of the log after `after`, shared between consumers: every consumer reads the same log, so the events one
   * has just read (and parsed) serve the others that come after it, whatever their checkpoints and batch sizes within
   * that stretch. Safe because the log up to a position never changes once read (positions are never filled in later):
   * a batch read after position k holds every event from k to its last one. The recent batches kept hold at most
   * `SHARED_EVENTS` events in all; an empty batch (the end of the log) is never kept.
   */
  private async read(after: bigint | null, max: number): Promise<RecordedEvent[]> {
    const shared = this.shared(after ?? -1n, max);
    if (shared.length === max) return shared;
    const from = shared.at(-1)?.position ?? after;
    const key = from ?? -1n;
    const need = max - shared.length;
    let rest: RecordedEvent[];
    const pending = this.reading.get(key);
    if (pending && pending.max >= need) {
      const batch = await pending.batch;
      rest = batch.length <= need ? batch : batch.slice(0, need);
    } else {
      const batch = this.events.readAll({ after: from, maxCount: need });
      this.reading.set(key, { max: need, batch });
      try {
        rest = await batch;
        if (rest.length > 0 && this.consumers.size > 1) this.keep(key, rest);
      } finally {
        if (this.reading.get(key)?.batch === batch) this.reading.delete(key);
      }
    }
    return shared.length === 0 ? rest : shared.concat(rest);
  }

  /** Up to `max` events after `after` from the batches kept, following one batch into the next. */
  private shared(after: bigint, max: number): RecordedEvent[] {
    let found: RecordedEvent[] = [];
    let from = after;
    while (found.length < max) {
      let part: RecordedEvent[] | undefined;
      for (const [key, events] of this.recent) {
        if (key > from || events.at(-1)!.position <= from) continue;
        part = events.slice(firstAfter(events, from), firstAfter(events, from) + (max - found.length));
        break;
      }
      if (!part || part.length === 0) break;
      found = found.length === 0 ? part : found.concat(part);
      from = part.at(-1)!.position;
    }
    return found;
  }

  private keep(key: bigint, events: RecordedEvent[]): void {
    const previous = this.recent.get(key);
    if (previous) this.recentEvents -= previous.length;
    this.recent.delete(key);
    this.recent.set(key, events);
    this.recentEvents += events.length;
    for (const [k, v] of this.recent) {
      if (this.recentEvents <= SHARED_EVENTS) break;
      this.recent.delete(k);
      this.recentEvents -= v.length;
    }
  }

  private async wakeOnAppends(subscription: Subscription): Promise<void> {
    try {
      for await (const _ of subscription) this.wake();
    } catch (e) {
      if (this.running) this.logger.warn(`Live subscription ended (${(e as Error).message}); consumers fall back to polling every ${this.idleMs} ms`);
    }
  }

  private wake(): void {
    this.wakeVersion += 1;
    for (const w of [...this.wakers]) w();
  }

  /** Sleeps up to `ms`; with `seen`, also until an append after it (at once if one already happened). */
  private sleep(seen: number | null, ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (seen !== null && this.wakeVersion !== seen) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (seen !== null) this.wakers.add(done);
    });
  }

  private until(condition: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        try {
          if (!condition()) return;
        } catch (e) {
          finish();
          return reject(e);
        }
        finish();
        resolve();
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Projections did not catch up within ${timeoutMs} ms: ${JSON.stringify(this.status())}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.progress.off('progress', check);
      };
      this.progress.on('progress', check);
      check();
    });
  }
}
