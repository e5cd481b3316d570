import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUNDLE_FILES, BundleCheckFailed, verifyBundle, writeBundle } from '../../src/integrity/bundle.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM, type CheckpointData, rawPublicKey, signCheckpoint, signedNote, verifierKey } from '../../src/integrity/checkpoint.js';
import { MerkleLog, verifyLogCheckpoints } from '../../src/integrity/merkle-log.js';
import { parseVerifierKey } from '../../src/integrity/checkpoint.js';
import { verifyConsistency } from '../../src/integrity/merkle.js';
import type { EventStore, NewEvent } from '../../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';

const { privateKey } = generateKeyPairSync('ed25519');
const KEY = verifierKey('aul-ledger', rawPublicKey(privateKey));
const metadata = { actor: { id: 'tester', role: 'administrator' }, correlationId: '0193a1b2-0000-7000-8000-000000000000', occurredAt: '2019-06-05T09:30:00.000Z' };
const event = (type: string, data: NewEvent['data']): NewEvent => ({ type, data, metadata });
const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' });

/** A deterministic pseudo-random sequence (mulberry32), so that the sampled byte positions are the same every run. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Signs a checkpoint of the whole log and appends it, as the scheduler does. */
const checkpoint = async (store: EventStore, log: MerkleLog): Promise<CheckpointData> => {
  const size = await log.sync();
  const data = signCheckpoint(privateKey, 'aul-ledger', { origin: 'aul-ledger', treeSize: size, rootHash: log.tree.root().toString('hex'), logPosition: log.positionAt(size - 1).toString(), signedAt: '2019-06-05T10:00:00.000Z' });
  await store.appendToStream(CHECKPOINT_STREAM, [event(CHECKPOINT_SIGNED, data)], log.checkpoints.at(-1)?.revision ?? 'no_stream');
  await log.sync();
  return data;
};

/** A log of about 200 events in 25 streams (programmes with budgets and transactions, plans, meetings), with checkpoints every 40 events. */
const seed = async (store: EventStore, { skip }: { skip?: number } = {}) => {
  const log = new MerkleLog(store);
  const checkpoints: CheckpointData[] = [];
  const ids = Array.from({ length: 25 }, (_, i) => `0193a1b2-0000-7000-8000-${i.toString().padStart(12, '0')}`);
  let n = 0;
  for (let round = 0; round < 8; round++) {
    for (const [i, id] of ids.entries()) {
      n += 1;
      if (n === skip) continue;
      const kind = i % 3;
      const stream = ['programme', 'developmentPlan', 'communityMeeting'][kind]! + `-${id}`;
      const e =
        kind === 0
          ? round === 0
            ? event('ProgrammeRegistered', { programmeId: id, code: `P-${i}`, title: { en: `Programme ${i}`, kk: 'Ауыл бағдарламасы' } })
            : round === 1
              ? event('ProgrammeBudgetApproved', { programmeId: id, version: 1, total: kzt(`${1_000_000 * (i + 1)}`), euContribution: kzt(`${900_000 * (i + 1)}`), lines: [] })
              : event('DisbursementRecorded', { programmeId: id, transactionId: randomUUID(), amount: kzt(`${1234 * round + i}`), note: 'tranche "first" \\ ok' })
          : kind === 1
            ? event(round === 0 ? 'PlanDrafted' : round === 7 ? 'PlanActivated' : 'PlanActionAdded', { planId: id, round, cost: { amountMinor: `${round * 100}`, currency: 'KZT' }, tags: ['water', 'road'] })
            : event(round === 0 ? 'MeetingScheduled' : round === 7 ? 'MeetingClosed' : 'AttendanceRecorded', { meetingId: id, round, present: round * 3, sealed: { ciphertext: 'AAECAwQFBgcICQ==', keyId: `subject-${i}` } });
      await store.appendToStream(stream, [e], 'any');
      if (n % 40 === 0) checkpoints.push(await checkpoint(store, log));
    }
  }
  await log.sync();
  return { log, checkpoints };
};

describe('Export bundle and offline verification', () => {
  let dir: string;
  let store: SqliteEventStore;
  let published: CheckpointData[];
  let bundle: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-bundle-'));
    store = SqliteEventStore.open(':memory:');
    published = (await seed(store)).checkpoints;
    // An event after the last checkpoint (which, with the checkpoint's own event, no signature covers yet).
    await store.appendToStream('programme-late', [event('ProgrammeRegistered', { programmeId: 'late' })], 'no_stream');
    bundle = join(dir, 'bundle');
    await writeBundle(store, bundle, { verifierKey: KEY });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a bundle: chains, checkpoints, consistency, recomputed totals', () => {
    const report = verifyBundle(bundle, { verifierKey: KEY, pinnedCheckpoint: signedNote(published[0]!) });
    expect(report).toMatchObject({ events: 206, checkpoints: 5, treeSize: 206, unsigned: 2, pinned: { treeSize: published[0]!.treeSize } });
    const last = published.at(-1)!;
    expect(report.totals!.basis).toEqual({ treeSize: last.treeSize, rootHash: last.rootHash, logPosition: last.logPosition });
    expect(report.totals!.counts).toMatchObject({ programmesRegistered: 9, plansDrafted: 8, meetingsScheduled: 8, plansActivated: 8, meetingsClosed: 8 });
    // Nine programmes of 1..9 (×3 by index) million minor units; the EU gives 90 % of each.
    const totals = [0, 3, 6, 9, 12, 15, 18, 21, 24].reduce((s, i) => s + 1_000_000 * (i + 1), 0);
    expect(report.totals!.budgets).toEqual({ KZT: { total: `${totals}`, euContribution: `${(totals * 9) / 10}`, euSharePct: '90.00' } });
  });

  it('detects a flipped byte anywhere in the bundle and names the event, checkpoint or file', () => {
    const files = Object.values(BUNDLE_FILES);
    const original = Object.fromEntries(files.map((f) => [f, readFileSync(join(bundle, f))]));
    const random = prng(9162);
    let flips = 0;
    try {
      for (const file of files) {
        const bytes = original[file]!;
        const lineStarts = [0, ...[...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1)];
        const lineOf = (offset: number) => lineStarts.filter((s) => s <= offset).length;
        // Every byte of the small files; about 150 of the larger ones (and each file's first and last byte).
        const offsets = bytes.length <= 400 ? [...bytes.keys()] : [0, bytes.length - 1, ...Array.from({ length: 150 }, () => Math.floor(random() * bytes.length))];
        for (const offset of offsets) {
          const altered = Buffer.from(bytes);
          altered[offset]! ^= 1 + Math.floor(random() * 255);
          writeFileSync(join(bundle, file), altered);
          let failure: unknown = null;
          try {
            verifyBundle(bundle, { verifierKey: KEY });
          } catch (e) {
            failure = e;
          }
          const where = `${file} byte ${offset} (line ${lineOf(offset)})`;
          expect([where, failure instanceof BundleCheckFailed]).toEqual([where, true]);
          const named = (failure as BundleCheckFailed).where;
          if (file === BUNDLE_FILES.events) expect([where, named]).toEqual([where, expect.stringContaining(`${file} line ${lineOf(offset)} `)]);
          else if (file === BUNDLE_FILES.checkpoints) expect([where, named]).toEqual([where, expect.stringContaining(`${file} line ${lineOf(offset)} (checkpoint ${lineOf(offset)},`)]);
          else expect([where, named]).toEqual([where, file]);
          flips += 1;
        }
        writeFileSync(join(bundle, file), bytes);
      }
    } finally {
      for (const f of files) writeFileSync(join(bundle, f), original[f]!);
    }
    expect(flips).toBeGreaterThan(450);
    expect(verifyBundle(bundle, { verifierKey: KEY }).events).toBe(206);
  }, 180_000);

  it('refuses an event line with a field the exporter does not write, even in its exact serialisation', () => {
    const file = join(bundle, BUNDLE_FILES.events);
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    lines[4] = lines[4]!.replace(/\}$/, ',"position":"5"}');
    writeFileSync(file, lines.join('\n'));
    try {
      expect(() => verifyBundle(bundle, { verifierKey: KEY })).toThrow(/^events\.ndjson line 5 \(leaf 4\), stream \S+ revision 0, event \S+: its fields are not exactly/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('checks the checkpoints a store records against the store itself (the `verify` command without --bundle)', async () => {
    expect(await verifyLogCheckpoints(new MerkleLog(store), parseVerifierKey(KEY))).toEqual({ checked: 5, problem: null });
    const other = SqliteEventStore.open(':memory:');
    try {
      const log = new MerkleLog(other);
      for (const name of ['a', 'b', 'c']) await other.appendToStream(`unit-${name}`, [event('Registered', { name })], 'no_stream');
      await checkpoint(other, log);
      await other.appendToStream('unit-d', [event('Registered', { name: 'd' })], 'no_stream');
      // A well-chained, well-signed checkpoint whose root is not the log's.
      const forged = signCheckpoint(privateKey, 'aul-ledger', { origin: 'aul-ledger', treeSize: 5, rootHash: 'cd'.repeat(32), logPosition: '5', signedAt: '2019-06-05T11:00:00.000Z' });
      await other.appendToStream(CHECKPOINT_STREAM, [event(CHECKPOINT_SIGNED, forged)], 0n);
      const result = await verifyLogCheckpoints(new MerkleLog(other), parseVerifierKey(KEY));
      expect(result).toMatchObject({ checked: 1, problem: { checkpoint: { treeSize: 5, revision: 1n }, problem: expect.stringMatching(/^the log gives root [0-9a-f]{64} at tree size 5, the checkpoint signed (cd){32}$/) } });
    } finally {
      await other.close();
    }
  });

  it('verifies a bundle of a ledger without a signing key: chains and totals only, nothing signed', async () => {
    const plain = SqliteEventStore.open(':memory:');
    try {
      await plain.appendToStream('programme-p', [event('ProgrammeRegistered', { programmeId: 'p' }), event('ProgrammeBudgetApproved', { programmeId: 'p', total: kzt('100'), euContribution: kzt('80') })], 'no_stream');
      const out = join(dir, 'plain');
      await writeBundle(plain, out, { verifierKey: null });
      const report = verifyBundle(out);
      expect(report).toMatchObject({ events: 2, checkpoints: 0, unsigned: 2, totals: { basis: { treeSize: 2, logPosition: null }, budgets: { KZT: { euSharePct: '80.00' } } } });
      // The bundle of the signed ledger, without its public key and no --key: its checkpoints cannot be checked.
      const copy = join(dir, 'keyless');
      await writeBundle(store, copy, { verifierKey: null });
      expect(() => verifyBundle(copy)).toThrow(/^public-key\.txt: missing, and 5 checkpoints need a key/);
      expect(verifyBundle(copy, { verifierKey: KEY }).checkpoints).toBe(5);
    } finally {
      await plain.close();
    }
  });

  it('refuses a bundle signed by another key than the published one', () => {
    const other = verifierKey('aul-ledger', rawPublicKey(generateKeyPairSync('ed25519').privateKey));
    expect(() => verifyBundle(bundle, { verifierKey: other })).toThrow(/public-key.txt: not the key given with --key/);
  });

  it('a rewritten history (one event removed, the rest re-appended) fails consistency against a checkpoint published before', async () => {
    const copy = SqliteEventStore.open(':memory:');
    try {
      // The same log without its 30th event: every later event re-appended, every chain recomputed, re-checkpointed.
      const { log } = await seed(copy, { skip: 30 });
      const before = published[1]!;
      expect(log.size).toBeGreaterThanOrEqual(before.treeSize);
      const proof = log.tree.consistencyProof(before.treeSize, log.size);
      expect(verifyConsistency(before.treeSize, log.size, Buffer.from(before.rootHash, 'hex'), log.tree.root(), proof)).toBe(false);
      // Whereas the honest log extends it.
      const honest = new MerkleLog(store);
      await honest.sync();
      expect(verifyConsistency(before.treeSize, honest.size, Buffer.from(before.rootHash, 'hex'), honest.tree.root(), honest.tree.consistencyProof(before.treeSize))).toBe(true);

      // The rewritten log's own bundle verifies on its own (it is re-signed), but not against the earlier checkpoint.
      const rewritten = join(dir, 'rewritten');
      await writeBundle(copy, rewritten, { verifierKey: KEY });
      expect(verifyBundle(rewritten, { verifierKey: KEY }).checkpoints).toBe(5);
      expect(() => verifyBundle(rewritten, { verifierKey: KEY, pinnedCheckpoint: signedNote(before) })).toThrow(/not consistent with it: the history it signed was rewritten/);
    } finally {
      await copy.close();
    }
  });
});
