import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 section 2.1 over SHA-256: MTH, PATH (inclusion) and PROOF (consistency) exactly as
 * defined there, and the client-side verification algorithms of 2.1.3.2 and 2.1.4.2. Leaves and nodes are hashed
 * with distinct prefixes (0x00 and 0x01), so a leaf can never be passed off as a node. Pure: no I/O.
 */

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** MTH({}) = HASH(): the root of the empty tree. */
export const EMPTY_ROOT = sha256();
/** MTH({d}) = HASH(0x00 || d). */
export const leafHash = (data: Uint8Array): Buffer => sha256(LEAF, data);
/** HASH(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE, left, right);

/** The largest power of two strictly smaller than n (n > 1). */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** Hashes a chunk of a row holds once the row is past its first, growing chunk (512 KiB). */
const CHUNK = 1 << 14;

/**
 * SHA-256 hashes in buffers, 32 bytes each (a Buffer object per hash costs several times that in heap): one buffer
 * grown by doubling up to CHUNK hashes, then fixed chunks of CHUNK hashes, so a big row is never copied on growth
 * and never over-allocated by more than one chunk. `at` gives a view, valid for good: a stored hash never changes.
 */
class HashRow {
  private chunks: Buffer[] = [Buffer.alloc(32 * 256)];
  length = 0;

  push(hash: Uint8Array): void {
    if (hash.length !== 32) throw new RangeError(`A hash is 32 bytes, not ${hash.length}`);
    const chunk = Math.floor(this.length / CHUNK);
    const offset = (this.length % CHUNK) * 32;
    if (chunk === this.chunks.length) this.chunks.push(Buffer.alloc(32 * CHUNK));
    else if (offset + 32 > this.chunks[chunk]!.length) {
      const grown = Buffer.alloc(Math.min(this.chunks[chunk]!.length * 2, 32 * CHUNK));
      this.chunks[chunk]!.copy(grown, 0, 0, offset);
      this.chunks[chunk] = grown;
    }
    this.chunks[chunk]!.set(hash, offset);
    this.length += 1;
  }

  at(index: number): Buffer | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const offset = (index % CHUNK) * 32;
    return this.chunks[Math.floor(index / CHUNK)]!.subarray(offset, offset + 32);
  }

  /** Bytes the row holds allocated. */
  get byteLength(): number {
    return this.chunks.reduce((sum, c) => sum + c.length, 0);
  }
}

/** A leaf hash the tree does not keep and its lookup could not give (see MerkleTree's `leafAt`). */
export class LeafNotAtHand extends Error {
  constructor(readonly index: number) {
    super(`Leaf ${index} is not at hand`);
    this.name = 'LeafNotAtHand';
  }
}

/**
 * An append-only Merkle tree over leaf hashes. Keeps every complete, aligned subtree hash (levels[h][i] covers leaves
 * i·2^h to (i+1)·2^h − 1), so that any MTH, PATH or PROOF of any past tree size takes O(log n) hashes.
 *
 * Given `leafAt`, the tree keeps no leaf level (half its memory): only levels ≥ 1 and the last leaf while it is
 * unpaired. The few leaves an algorithm then needs (a sibling leaf of a path, the odd last leaf of a past size) come
 * from `leafAt`, a synchronous lookup (a cache its owner fills); when it has none, the algorithm throws
 * LeafNotAtHand with the index, for the owner to fetch the leaf and run it again.
 */
export class MerkleTree {
  private readonly levels: HashRow[];
  private count = 0;
  private unpaired: Buffer | null = null;

  constructor(private readonly leafAt?: (index: number) => Buffer | undefined) {
    this.levels = leafAt ? [] : [new HashRow()];
  }

  get size(): number {
    return this.count;
  }

  /** Bytes allocated for the stored hashes. */
  get byteLength(): number {
    return this.levels.reduce((sum, row) => sum + (row?.byteLength ?? 0), 0) + (this.unpaired ? 32 : 0);
  }

  /** Appends a leaf by its leaf hash (already HASH(0x00 || d)). */
  appendLeafHash(hash: Buffer): void {
    if (hash.length !== 32) throw new RangeError(`A hash is 32 bytes, not ${hash.length}`);
    let level = 0;
    let node = hash;
    this.count += 1;
    if (this.leafAt) {
      if (this.count % 2 === 1) {
        this.unpaired = Buffer.from(hash);
        return;
      }
      node = nodeHash(this.unpaired!, hash);
      this.unpaired = null;
      level = 1;
    }
    for (;;) {
      const row = (this.levels[level] ??= new HashRow());
      row.push(node);
      if (row.length % 2 === 1) return;
      node = nodeHash(row.at(row.length - 2)!, node);
      level += 1;
    }
  }

  /** Appends a leaf by its data d (the leaf hash is HASH(0x00 || d)). */
  append(data: Uint8Array): void {
    this.appendLeafHash(leafHash(data));
  }

  /** The leaf hash at `index`; without stored leaves, from `leafAt` (LeafNotAtHand when it has none). */
  leaf(index: number): Buffer {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.count) throw new RangeError(`No leaf ${index} in a tree of ${this.size}`);
    if (!this.leafAt) return this.levels[0]!.at(index)!;
    if (index === this.count - 1 && this.unpaired) return this.unpaired;
    const leaf = this.leafAt(index);
    if (!leaf) throw new LeafNotAtHand(index);
    return leaf;
  }

  /** MTH(D[start:start+size]). */
  private subtree(start: number, size: number): Buffer {
    if (size === 0) return EMPTY_ROOT;
    // A complete subtree aligned on its size is stored.
    if ((size & (size - 1)) === 0 && start % size === 0) {
      const level = Math.log2(size);
      const stored = this.levels[level]?.at(start / size);
      if (stored) return stored;
    }
    if (size === 1) return this.leaf(start);
    const k = splitPoint(size);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, size - k));
  }

  private checkSize(treeSize: number): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.size) throw new RangeError(`Tree size ${treeSize} is not between 0 and ${this.size}`);
  }

  /** MTH(D_n) of the first `treeSize` leaves (the current tree by default). */
  root(treeSize = this.size): Buffer {
    this.checkSize(treeSize);
    return this.subtree(0, treeSize);
  }

  /** PATH(m, D_n): the inclusion proof of leaf m in the tree of the first n leaves. */
  inclusionProof(index: number, treeSize = this.size): Buffer[] {
    this.checkSize(treeSize);
    if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw new RangeError(`Leaf ${index} is not in a tree of ${treeSize}`);
    const path: Buffer[] = [];
    const walk = (m: number, start: number, n: number): void => {
      if (n === 1) return;
      const k = splitPoint(n);
      if (m < k) {
        walk(m, start, k);
        path.push(this.subtree(start + k, n - k));
      } else {
        walk(m - k, start + k, n - k);
        path.push(this.subtree(start, k));
      }
    };
    walk(index, 0, treeSize);
    return path;
  }

  /** PROOF(m, D_n): the consistency proof between the trees of the first m and the first n leaves (0 < m ≤ n). */
  consistencyProof(first: number, second = this.size): Buffer[] {
    this.checkSize(second);
    if (!Number.isSafeInteger(first) || first < 1 || first > second) throw new RangeError(`Tree size ${first} is not between 1 and ${second}`);
    const proof: Buffer[] = [];
    const sub = (m: number, start: number, n: number, complete: boolean): void => {
      if (m === n) {
        if (!complete) proof.push(this.subtree(start, n));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        sub(m, start, k, complete);
        proof.push(this.subtree(start + k, n - k));
      } else {
        sub(m - k, start + k, n - k, false);
        proof.push(this.subtree(start, k));
      }
    };
    sub(first, 0, second, true);
    return proof;
  }
}

/** RFC 9162 2.1.3.2: whether `path` proves that the leaf with `leafHashValue` is at `index` in the tree with `root`. */
export function verifyInclusion(index: number, treeSize: number, leafHashValue: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = BigInt(index);
  let sn = BigInt(treeSize - 1);
  let r: Buffer = Buffer.from(leafHashValue);
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/**
 * RFC 9162 2.1.4.2: whether `proof` shows that the tree of `first` leaves with `firstRoot` is a prefix of the tree of
 * `second` leaves with `secondRoot`. Equal sizes need an empty proof and equal roots (PROOF(n, D_n) is empty).
 */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}
