import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, MerkleTree, verifyConsistency, verifyInclusion } from './merkle.js';

// The hash functions written out again from RFC 9162 2.1.1, independently of merkle.ts.
const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const d = (i: number) => H(Buffer.from(`event ${i}`));
const L = (i: number) => H(Buffer.from([0]), d(i));
const N = (a: Buffer, b: Buffer) => H(Buffer.from([1]), a, b);
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

const treeOf = (n: number) => {
  const t = new MerkleTree();
  for (let i = 0; i < n; i++) t.append(d(i));
  return t;
};

// Roots of the trees of sizes 0 to 8, by hand from MTH's definition (k = the largest power of two below n).
const N01 = N(L(0), L(1));
const N23 = N(L(2), L(3));
const N45 = N(L(4), L(5));
const N67 = N(L(6), L(7));
const N4 = N(N01, N23);
const ROOTS: Record<number, Buffer> = {
  0: H(),
  1: L(0),
  2: N01,
  3: N(N01, L(2)),
  4: N4,
  5: N(N4, L(4)),
  6: N(N4, N45),
  7: N(N4, N(N45, L(6))),
  8: N(N4, N(N45, N67)),
};

describe('Merkle tree (RFC 9162 2.1) — known answers', () => {
  it.each(Object.keys(ROOTS).map(Number))('MTH of %i leaves', (n) => {
    expect(treeOf(n).root().toString('hex')).toBe(ROOTS[n]!.toString('hex'));
    expect(treeOf(8).root(n).toString('hex')).toBe(ROOTS[n]!.toString('hex'));
  });

  it('the empty root is SHA-256 of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  // PATH(m, D_n) by hand for every leaf of the trees of 1, 3, 5 and 8 leaves.
  const PATHS: Array<[number, number, Buffer[]]> = [
    [0, 1, []],
    [0, 2, [L(1)]],
    [1, 2, [L(0)]],
    [0, 3, [L(1), L(2)]],
    [1, 3, [L(0), L(2)]],
    [2, 3, [N01]],
    [0, 5, [L(1), N23, L(4)]],
    [3, 5, [L(2), N01, L(4)]],
    [4, 5, [N4]],
    [0, 8, [L(1), N23, N(N45, N67)]],
    [1, 8, [L(0), N23, N(N45, N67)]],
    [2, 8, [L(3), N01, N(N45, N67)]],
    [3, 8, [L(2), N01, N(N45, N67)]],
    [4, 8, [L(5), N67, N4]],
    [5, 8, [L(4), N67, N4]],
    [6, 8, [L(7), N45, N4]],
    [7, 8, [L(6), N45, N4]],
  ];
  it.each(PATHS)('PATH(%i, D[%i])', (m, n, expected) => {
    const tree = treeOf(8);
    const path = tree.inclusionProof(m, n);
    expect(hex(path)).toEqual(hex(expected));
    expect(verifyInclusion(m, n, L(m), path, ROOTS[n]!)).toBe(true);
  });

  // PROOF(m, D_n) by hand.
  const PROOFS: Array<[number, number, Buffer[]]> = [
    [1, 1, []],
    [1, 2, [L(1)]],
    [1, 8, [L(1), N23, N(N45, N67)]],
    [2, 5, [N23, L(4)]],
    [3, 5, [L(2), L(3), N01, L(4)]],
    [4, 8, [N(N45, N67)]],
    [5, 8, [L(4), L(5), N67, N4]],
    [6, 8, [N45, N67, N4]],
    [7, 8, [L(6), L(7), N45, N4]],
    [8, 8, []],
  ];
  it.each(PROOFS)('PROOF(%i, D[%i])', (m, n, expected) => {
    const proof = treeOf(8).consistencyProof(m, n);
    expect(hex(proof)).toEqual(hex(expected));
    expect(verifyConsistency(m, n, ROOTS[m]!, ROOTS[n]!, proof)).toBe(true);
  });

  it("the RFC's worked example of seven leaves (2.1.5)", () => {
    // Node names as in the RFC's figure: a..f, d6 leaves; g..j, k, l inner nodes.
    const [a, b, c, dd, e, f, d6] = [0, 1, 2, 3, 4, 5, 6].map(L) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const g = N(a, b);
    const h = N(c, dd);
    const i = N(e, f);
    const j = d6;
    const k = N(g, h);
    const l = N(i, j);
    const tree = treeOf(7);
    expect(hex(tree.inclusionProof(0, 7))).toEqual(hex([b, h, l]));
    expect(hex(tree.inclusionProof(3, 7))).toEqual(hex([c, g, l]));
    expect(hex(tree.inclusionProof(4, 7))).toEqual(hex([f, j, k]));
    expect(hex(tree.inclusionProof(6, 7))).toEqual(hex([i, k]));
    expect(hex(tree.consistencyProof(3, 7))).toEqual(hex([c, dd, g, l]));
    expect(hex(tree.consistencyProof(4, 7))).toEqual(hex([l]));
    expect(hex(tree.consistencyProof(6, 7))).toEqual(hex([i, j, k]));
    expect(verifyConsistency(3, 7, N(g, c), N(k, l), [c, dd, g, l])).toBe(true);
    expect(verifyConsistency(6, 7, N(k, i), N(k, l), [i, j, k])).toBe(true);
  });

  it('refuses sizes and indexes outside the tree', () => {
    const tree = treeOf(3);
    expect(() => tree.root(4)).toThrow(RangeError);
    expect(() => tree.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 3)).toThrow(RangeError);
    expect(() => tree.consistencyProof(3, 2)).toThrow(RangeError);
    expect(verifyInclusion(3, 3, L(3), [], ROOTS[3]!)).toBe(false);
    expect(verifyConsistency(0, 3, H(), ROOTS[3]!, [])).toBe(false);
  });
});

// A naive MTH straight from the definition, to compare the incremental tree with.
const mth = (leaves: Buffer[]): Buffer => {
  if (leaves.length === 0) return H();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return N(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
};

/** One alteration of a proof: a flipped bit in an element, an element dropped or added, or the elements swapped. */
const alteration = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat() }),
);
type Alteration = typeof alteration extends fc.Arbitrary<infer T> ? T : never;
const alter = (proof: Buffer[], a: Alteration, extra: Buffer): Buffer[] | null => {
  const copy: Buffer[] = proof.map((p) => Buffer.from(p));
  if (a.kind === 'add') {
    copy.splice(a.at % (copy.length + 1), 0, extra);
    return copy;
  }
  if (copy.length === 0) return null;
  const at = a.at % copy.length;
  if (a.kind === 'drop') copy.splice(at, 1);
  else copy[at]![a.bit % 32] ^= 1 << a.bit % 8;
  return copy;
};

describe('Merkle tree — properties', () => {
  const big = treeOf(300);
  const leaves = Array.from({ length: 300 }, (_, i) => L(i));

  it('every root equals the naive MTH', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), (n) => big.root(n).equals(mth(leaves.slice(0, n)))), { numRuns: 150 });
  });

  it('every inclusion proof verifies, and any altered one fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), alteration, (n, i, a) => {
        const index = i % n;
        const root = big.root(n);
        const path = big.inclusionProof(index, n);
        expect(verifyInclusion(index, n, L(index), path, root)).toBe(true);
        const altered = alter(path, a, L(0));
        if (altered) expect(verifyInclusion(index, n, L(index), altered, root)).toBe(false);
        // Another leaf at the same index, or the right leaf against another root, fails too.
        expect(verifyInclusion(index, n, L(index + 1), path, root)).toBe(false);
        expect(verifyInclusion(index, n, L(index), path, mth(leaves.slice(0, n === 300 ? n - 1 : n + 1)))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('every consistency proof between two sizes verifies, and any altered one fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), alteration, (x, y, a) => {
        const [m, n] = x <= y ? [x, y] : [y, x];
        const proof = big.consistencyProof(m, n);
        const [r1, r2] = [big.root(m), big.root(n)];
        expect(verifyConsistency(m, n, r1, r2, proof)).toBe(true);
        const altered = alter(proof, a, L(0));
        if (altered) expect(verifyConsistency(m, n, r1, r2, altered)).toBe(false);
        // A first tree that is not a prefix of the second (one leaf replaced) fails.
        const forged = [...leaves.slice(0, m)];
        forged[m - 1] = L(1000);
        expect(verifyConsistency(m, n, mth(forged), r2, proof)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('Merkle tree without stored leaves', () => {
  /** A tree that keeps no leaf level; its lookup counts how often it is asked and gives only the leaves `known` has. */
  const leanOf = (n: number, known: (i: number) => boolean = () => true) => {
    const asked: number[] = [];
    const t = new MerkleTree((i) => {
      asked.push(i);
      return known(i) ? L(i) : undefined;
    });
    for (let i = 0; i < n; i++) t.append(d(i));
    return { t, asked };
  };

  it('gives the same roots, leaves, inclusion and consistency proofs as a full tree, for every size 1..70', () => {
    const full = treeOf(70);
    const { t } = leanOf(70);
    for (let n = 1; n <= 70; n++) {
      expect(t.root(n)).toEqual(full.root(n));
      for (let m = 0; m < n; m++) {
        expect(hex(t.inclusionProof(m, n))).toEqual(hex(full.inclusionProof(m, n)));
        expect(hex(t.consistencyProof(m + 1, n))).toEqual(hex(full.consistencyProof(m + 1, n)));
      }
    }
    for (let i = 0; i < 70; i++) expect(t.leaf(i)).toEqual(L(i));
  });

  it('matches a full tree at larger sizes, with a few lookups a proof and about half the bytes', () => {
    const size = 5000;
    const full = treeOf(size);
    const { t, asked } = leanOf(size);
    expect(t.root()).toEqual(full.root());
    for (const n of [1023, 1024, 1025, 2047, 4097, 4999, 5000]) {
      expect(t.root(n)).toEqual(full.root(n));
      for (const m of [0, 1, 511, 512, n - 2, n - 1].filter((m) => m >= 0)) {
        asked.length = 0;
        expect(hex(t.inclusionProof(m, n))).toEqual(hex(full.inclusionProof(m, n)));
        expect(asked.length).toBeLessThanOrEqual(2);
        expect(hex(t.consistencyProof(m + 1, n))).toEqual(hex(full.consistencyProof(m + 1, n)));
      }
    }
    expect(t.byteLength).toBeLessThan(full.byteLength * 0.6);
  });

  it('keeps the last unpaired leaf itself, and names a leaf its lookup cannot give', () => {
    const { t, asked } = leanOf(7, () => false);
    expect(t.root()).toEqual(ROOTS[7]);
    expect(t.leaf(6)).toEqual(L(6));
    expect(asked).toEqual([]);
    expect(() => t.inclusionProof(5, 7)).toThrow(expect.objectContaining({ name: 'LeafNotAtHand', index: 4 }));
    expect(() => t.root(3)).toThrow(expect.objectContaining({ name: 'LeafNotAtHand', index: 2 }));
    expect(() => t.leaf(7)).toThrow(RangeError);
  });
});
