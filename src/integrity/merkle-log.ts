import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM, type CheckpointData, type PublicKeyInfo, verifyCheckpointSignature } from './checkpoint.js';
import { LeafNotAtHand, MerkleTree, leafHash, verifyConsistency } from './merkle.js';

/** A `CheckpointSigned` event as the log holds it: its data and where it sits. */
export type RecordedCheckpoint = CheckpointData & { revision: bigint; position: bigint; leafIndex: number };

/** The leaf of an event: HASH(0x00 ‖ the 32 bytes of its chain hash). */
export const eventLeafHash = (eventHash: string): Buffer => leafHash(Buffer.from(eventHash, 'hex'));

/** Log positions in one growing typed array (8 bytes each). */
class Positions {
  private values = new BigInt64Array(1024);
  length = 0;

  get byteLength(): number {
    return this.values.byteLength;
  }

  push(position: bigint): void {
    if (this.length === this.values.length) {
      const grown = new BigInt64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = position;
  }

  at(index: number): bigint | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.length ? this.values[index] : undefined;
  }

  last(): bigint | null {
    return this.length > 0 ? this.values[this.length - 1]! : null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Leaf index by event id in about 24 bytes an event (a Map of id strings takes about 100): each UUID as its 16 bytes
 * at its leaf index, found through an open-addressing table of leaf indexes (at most half full). Ids of any other
 * form go to a Map.
 */
class EventIndex {
  private ids = Buffer.alloc(16 * 1024);
  private table = new Int32Array(2048).fill(-1);
  private entries = 0;
  private readonly others = new Map<string, number>();

  get byteLength(): number {
    return this.ids.length + this.table.byteLength;
  }

  add(eventId: string, index: number): void {
    if (!UUID.test(eventId)) {
      this.others.set(eventId, index);
      return;
    }
    if ((index + 1) * 16 > this.ids.length) {
      const grown = Buffer.alloc(Math.max(this.ids.length * 2, (index + 1) * 16));
      this.ids.copy(grown);
      this.ids = grown;
    }
    Buffer.from(eventId.replace(/-/g, ''), 'hex').copy(this.ids, index * 16);
    if ((this.entries + 1) * 2 > this.table.length) this.grow();
    this.place(index);
    this.entries += 1;
  }

  get(eventId: string): number | undefined {
    if (!UUID.test(eventId)) return this.others.get(eventId);
    const id = Buffer.from(eventId.replace(/-/g, ''), 'hex');
    const mask = this.table.length - 1;
    for (let slot = slotOf(id, 0) & mask; ; slot = (slot + 1) & mask) {
      const index = this.table[slot]!;
      if (index === -1) return undefined;
      if (this.ids.compare(id, 0, 16, index * 16, index * 16 + 16) === 0) return index;
    }
  }

  private place(index: number): void {
    const mask = this.table.length - 1;
    let slot = slotOf(this.ids, index * 16) & mask;
    while (this.table[slot] !== -1) slot = (slot + 1) & mask;
    this.table[slot] = index;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    for (const index of old) if (index !== -1) this.place(index);
  }
}

/** A table slot from the last eight bytes of an id (random in UUIDs v4 and v7). */
const slotOf = (bytes: Buffer, offset: number): number => (bytes.readUInt32LE(offset + 8) ^ bytes.readUInt32LE(offset + 12)) >>> 0;

/** Leaf hashes fetched from the log that a MerkleLog without stored leaves keeps at hand (a few per proof). */
const LEAF_CACHE = 1024;

export type MerkleLogOptions = {
  /**
   * Whether to keep every leaf hash and an event-id index in memory (the default), or only the tree's levels ≥ 1 and
   * positions, about half the memory: a leaf a proof or a past root needs is then read again from the log (the leaf
   * of the event at that leaf's position), and an event id is looked up in the store when it can
   * (`positionOfEvent`; an in-memory index otherwise).
   */
  leavesInMemory?: boolean;
};

/**
 * The Merkle tree over every event hash in global log order (leaf i is the i-th event of the log, checkpoint events
 * included), kept in memory and brought up to date from the log on demand. Derived data: rebuilt by reading the log
 * when the process starts. Roots and proofs are asked through the async methods (`root`, `leaf`, `inclusionProof`,
 * `consistencyProof`), which fetch the leaves a tree without stored leaves needs; `tree` answers synchronously only
 * with leaves in memory.
 */
export class MerkleLog {
  readonly tree: MerkleTree;
  private readonly positions = new Positions();
  private readonly byEventId: EventIndex | null;
  private readonly leafCache = new Map<number, Buffer>();
  readonly checkpoints: RecordedCheckpoint[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly batchSize = 1000,
    options: MerkleLogOptions = {},
  ) {
    const lean = options.leavesInMemory === false;
    this.tree = lean ? new MerkleTree((index) => this.leafCache.get(index)) : new MerkleTree();
    this.byEventId = lean && store.positionOfEvent ? null : new EventIndex();
  }

  get size(): number {
    return this.tree.size;
  }

  /** Bytes allocated for the tree, the positions and the event-id index. */
  get byteLength(): number {
    return this.tree.byteLength + this.positions.byteLength + (this.byEventId?.byteLength ?? 0);
  }

  /** Reads the events appended since the last sync (one sync at a time, in call order). Resolves to the tree size. */
  sync(): Promise<number> {
    const run = this.queue.then(() => this.readNew());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNew(): Promise<number> {
    for (;;) {
      const batch = await this.store.readAll({ after: this.positions.last(), maxCount: this.batchSize });
      for (const e of batch) this.add(e);
      if (batch.length < this.batchSize) return this.size;
    }
  }

  private add(e: RecordedEvent): void {
    const index = this.tree.size;
    this.tree.appendLeafHash(eventLeafHash(e.hash));
    this.positions.push(e.position);
    this.byEventId?.add(e.eventId, index);
    if (e.streamId === CHECKPOINT_STREAM && e.type === CHECKPOINT_SIGNED) {
      this.checkpoints.push({ ...(e.data as unknown as CheckpointData), revision: e.revision, position: e.position, leafIndex: index });
    }
  }

  /** MTH of the first `treeSize` leaves. */
  root(treeSize = this.size): Promise<Buffer> {
    return this.withLeaves(() => this.tree.root(treeSize));
  }

  leaf(index: number): Promise<Buffer> {
    return this.withLeaves(() => this.tree.leaf(index));
  }

  inclusionProof(index: number, treeSize = this.size): Promise<Buffer[]> {
    return this.withLeaves(() => this.tree.inclusionProof(index, treeSize));
  }

  consistencyProof(first: number, second = this.size): Promise<Buffer[]> {
    return this.withLeaves(() => this.tree.consistencyProof(first, second));
  }

  /** Runs a tree algorithm, fetching each leaf it finds not at hand and running it again (a handful at most). */
  private async withLeaves<T>(run: () => T): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return run();
      } catch (err) {
        if (!(err instanceof LeafNotAtHand) || attempt >= 64) throw err;
        await this.fetchLeaf(err.index);
      }
    }
  }

  /** Reads the event at leaf `index`'s position again and keeps its leaf hash at hand. */
  private async fetchLeaf(index: number): Promise<void> {
    const position = this.positionAt(index);
    const [e] = await this.store.readAll({ after: index > 0 ? this.positionAt(index - 1) : null, maxCount: 1 });
    if (!e || e.position !== position) throw new Error(`The log has no event at position ${position} (leaf ${index}) any more`);
    if (this.leafCache.size >= LEAF_CACHE) this.leafCache.delete(this.leafCache.keys().next().value!);
    this.leafCache.set(index, eventLeafHash(e.hash));
  }

  /** Leaf index of an event id, or undefined: from the in-memory index, or the store's position of the event. */
  async findEvent(eventId: string): Promise<number | undefined> {
    if (this.byEventId) return this.byEventId.get(eventId);
    const position = await this.store.positionOfEvent!(eventId);
    return position === null ? undefined : this.indexOfPosition(position);
  }

  /** Leaf index of an event id, or undefined (only with the in-memory index; `findEvent` always answers). */
  indexOfEvent(eventId: string): number | undefined {
    if (!this.byEventId) throw new Error('This Merkle log keeps no event-id index; use findEvent');
    return this.byEventId.get(eventId);
  }

  /** Leaf index of the event at a global position, or undefined. */
  indexOfPosition(position: bigint): number | undefined {
    let lo = 0;
    let hi = this.positions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.positions.at(mid)!;
      if (p === position) return mid;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  positionAt(index: number): bigint {
    const p = this.positions.at(index);
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
    const root = (await log.root(c.treeSize)).toString('hex');
    if (root !== c.rootHash) return fail(`the log gives root ${root} at tree size ${c.treeSize}, the checkpoint signed ${c.rootHash}`);
    if (previous) {
      const ok =
        c.treeSize >= previous.treeSize &&
        verifyConsistency(previous.treeSize, c.treeSize, Buffer.from(previous.rootHash, 'hex'), Buffer.from(c.rootHash, 'hex'), (await log.consistencyProof(previous.treeSize, c.treeSize)));
      if (!ok) return fail(`not consistent with the previous checkpoint (tree size ${previous.treeSize})`);
    }
    previous = c;
  }
  return { checked: log.checkpoints.length, problem: null };
}
