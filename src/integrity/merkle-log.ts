import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM, type CheckpointData, type PublicKeyInfo, verifyCheckpointSignature } from './checkpoint.js';
import { MerkleTree, leafHash, verifyConsistency } from './merkle.js';

/** A `CheckpointSigned` event as the log holds it: its data and where it sits. */
export type RecordedCheckpoint = CheckpointData & { revision: bigint; position: bigint; leafIndex: number };

/** The leaf of an event: HASH(0x00 ‖ the 32 bytes of its chain hash). */
export const eventLeafHash = (eventHash: string): Buffer => leafHash(Buffer.from(eventHash, 'hex'));

/**
 * The Merkle tree over every event hash in global log order (leaf i is the i-th event of the log, checkpoint events
 * included), kept in memory and brought up to date from the log on demand. Derived data: rebuilt by reading the log
 * when the process starts.
 */
export class MerkleLog {
  readonly tree = new MerkleTree();
  private readonly positions: bigint[] = [];
  private readonly byEventId = new Map<string, number>();
  readonly checkpoints: RecordedCheckpoint[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly batchSize = 1000,
  ) {}

  get size(): number {
    return this.tree.size;
  }

  /** Reads the events appended since the last sync (one sync at a time, in call order). Resolves to the tree size. */
  sync(): Promise<number> {
    const run = this.queue.then(() => this.readNew());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNew(): Promise<number> {
    for (;;) {
      const batch = await this.store.readAll({ after: this.positions.at(-1) ?? null, maxCount: this.batchSize });
      for (const e of batch) this.add(e);
      if (batch.length < this.batchSize) return this.size;
    }
  }

  private add(e: RecordedEvent): void {
    const index = this.tree.size;
    this.tree.appendLeafHash(eventLeafHash(e.hash));
    this.positions.push(e.position);
    this.byEventId.set(e.eventId, index);
    if (e.streamId === CHECKPOINT_STREAM && e.type === CHECKPOINT_SIGNED) {
      this.checkpoints.push({ ...(e.data as unknown as CheckpointData), revision: e.revision, position: e.position, leafIndex: index });
    }
  }

  /** Leaf index of an event id, or undefined. */
  indexOfEvent(eventId: string): number | undefined {
    return this.byEventId.get(eventId);
  }

  /** Leaf index of the event at a global position, or undefined. */
  indexOfPosition(position: bigint): number | undefined {
    let lo = 0;
    let hi = this.positions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.positions[mid]!;
      if (p === position) return mid;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  positionAt(index: number): bigint {
    const p = this.positions[index];
    if (p === undefined) throw new RangeError(`No leaf ${index}`);
    return p;
  }
}

/** The first checkpoint of a log that does not hold: its signature, its root, or consistency with the one before. */
export type CheckpointProblem = { checkpoint: RecordedCheckpoint; problem: string };

/**
 * Checks every checkpoint the log records against the log itself: its root recomputed at its tree size, consistency
 * (RFC 9162 2.1.4.2) with the previous checkpoint, and, given the key, its signature.
 */
export async function verifyLogCheckpoints(log: MerkleLog, key: PublicKeyInfo | null): Promise<{ checked: number; problem: CheckpointProblem | null }> {
  await log.sync();
  let previous: RecordedCheckpoint | null = null;
  for (const c of log.checkpoints) {
    const fail = (problem: string) => ({ checked: log.checkpoints.indexOf(c), problem: { checkpoint: c, problem } });
    if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 1 || c.treeSize > c.leafIndex) return fail('its tree size is not a size of the log before it');
    if (key && !verifyCheckpointSignature(c, key)) return fail(`the signature does not verify under ${key.name}+${key.keyId}`);
    const root = log.tree.root(c.treeSize).toString('hex');
    if (root !== c.rootHash) return fail(`the log gives root ${root} at tree size ${c.treeSize}, the checkpoint signed ${c.rootHash}`);
    if (previous) {
      const ok =
        c.treeSize >= previous.treeSize &&
        verifyConsistency(previous.treeSize, c.treeSize, Buffer.from(previous.rootHash, 'hex'), Buffer.from(c.rootHash, 'hex'), log.tree.consistencyProof(previous.treeSize, c.treeSize));
      if (!ok) return fail(`not consistent with the previous checkpoint (tree size ${previous.treeSize})`);
    }
    previous = c;
  }
  return { checked: log.checkpoints.length, problem: null };
}
