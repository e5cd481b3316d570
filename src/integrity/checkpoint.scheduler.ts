import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app.config.js';
import { EVENT_STORE, type EventStore, VersionConflictError } from '../shared/event-store/event-store.port.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM, type CheckpointData, parseSigningKey, rawPublicKey, signCheckpoint, verifierKey } from './checkpoint.js';
import { MerkleLog } from './merkle-log.js';

/** The process's Merkle log over the application's event store. */
@Injectable()
export class ApplicationMerkleLog extends MerkleLog {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 1000, { leavesInMemory: false });
  }
}

const ACTOR = { id: 'integrity-checkpointer', role: 'system' };

/**
 * Signs a checkpoint of the Merkle log every `CHECKPOINT_EVERY_EVENTS` new events or `CHECKPOINT_EVERY_SECONDS`
 * after the last one (when anything is new), and records it as a `CheckpointSigned` event. Off without
 * `CHECKPOINT_SIGNING_KEY`. Several processes may run it: the append expects the checkpoint stream's revision, so
 * one of two concurrent checkpoints wins and the other is dropped.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly key: KeyObject | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private lastTakenAt: number | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly log: ApplicationMerkleLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = config.checkpointSigningKey ? parseSigningKey(config.checkpointSigningKey) : null;
  }

  get enabled(): boolean {
    return this.key !== null;
  }

  /** The published verifier key (C2SP format), or null when checkpoints are off. */
  get verifierKey(): string | null {
    return this.key ? verifierKey(this.config.checkpointOrigin, rawPublicKey(this.key)) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.key) {
      this.logger.log('Signed checkpoints are off: CHECKPOINT_SIGNING_KEY is not set');
      return;
    }
    const { checkpointEveryEvents: n, checkpointEverySeconds: t } = this.config;
    this.logger.log(`Signed checkpoints every ${n} events or ${t} s, key ${this.verifierKey}`);
    this.timer = setInterval(() => void this.tick(), Math.min(t * 1000, 1000));
    this.timer.unref();
  }

  /** Stops the timer (at shutdown; tests that drive `tick()` themselves stop it first) and waits for a running tick. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Brings the tree up to date and takes a checkpoint if one is due. Resolves to the checkpoint taken, or null. */
  tick(): Promise<CheckpointData | null> {
    const run = this.running.then(() => this.take(false));
    this.running = run.catch((e: unknown) => this.logger.warn(`Checkpoint failed: ${(e as Error).message}`));
    return run;
  }

  /** Takes a checkpoint of the whole log now if anything is new since the last one. */
  checkpointNow(): Promise<CheckpointData | null> {
    const run = this.running.then(() => this.take(true));
    this.running = run.catch(() => undefined);
    return run;
  }


  private async take(force: boolean): Promise<CheckpointData | null> {
    if (!this.key) return null;
    const size = await this.log.sync();
    const last = this.log.checkpoints.at(-1);
    // Events since the last checkpoint's own event (the checkpoint events themselves do not make one due).
    const pending = last ? size - (last.leafIndex + 1) : size;
    if (pending <= 0) return null;
    const now = this.clock.now();
    this.lastTakenAt ??= last ? Date.parse(last.signedAt) : now.getTime();
    const due = force || pending >= this.config.checkpointEveryEvents || now.getTime() - this.lastTakenAt >= this.config.checkpointEverySeconds * 1000;
    if (!due) return null;
    const data = signCheckpoint(this.key, this.config.checkpointOrigin, {
      origin: this.config.checkpointOrigin,
      treeSize: size,
      rootHash: (await this.log.root(size)).toString('hex'),
      logPosition: this.log.positionAt(size - 1).toString(),
      signedAt: now.toISOString(),
    });
    try {
      await this.store.appendToStream(
        CHECKPOINT_STREAM,
        [{ type: CHECKPOINT_SIGNED, data, metadata: { actor: ACTOR, correlationId: randomUUID(), commandName: 'SignCheckpoint', occurredAt: data.signedAt } }],
        last ? last.revision : 'no_stream',
      );
    } catch (e) {
      if (e instanceof VersionConflictError) return null;
      throw e;
    }
    this.lastTakenAt = now.getTime();
    await this.log.sync();
    this.logger.log(`Checkpoint of ${size} events signed, root ${data.rootHash}`);
    return data;
  }
}
