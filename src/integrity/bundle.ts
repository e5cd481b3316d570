import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { GENESIS_HASH, chainHash } from '../shared/event-store/integrity.js';
import {
  CHECKPOINT_SIGNED,
  CHECKPOINT_STREAM,
  type CheckpointData,
  type PublicKeyInfo,
  SigningKeyError,
  parseVerifierKey,
  signedNote,
  verifyCheckpointSignature,
} from './checkpoint.js';
import { HeadlineTotalsAccumulator, type HeadlineTotals } from './headline-totals.js';
import { eventLeafHash } from './merkle-log.js';
import { MerkleTree, verifyConsistency } from './merkle.js';

/**
 * The export bundle: a folder that anyone can check offline with `verify --bundle`, with no database and no network.
 *
 *   events.ndjson       every event in log order, one JSON object a line, personal fields as stored (ciphertext);
 *                       `index` is the event's leaf index in the Merkle log
 *   checkpoints.ndjson  every signed checkpoint, in order, with its signed note (C2SP tlog-checkpoint)
 *   public-key.txt      the C2SP verifier key of the checkpoint signing key (absent when none is configured)
 *   totals.json         the headline totals of the transparency reports, with the log basis they come from
 *
 * Every file is written in one exact serialisation (JSON.stringify, "\n" line ends), and the verifier re-serialises
 * what it reads and compares byte for byte, so that no byte of the bundle can change unnoticed.
 */
export const BUNDLE_FILES = { events: 'events.ndjson', checkpoints: 'checkpoints.ndjson', publicKey: 'public-key.txt', totals: 'totals.json' } as const;

/** One line of events.ndjson. The store's global position is not exported: `index` is the log order. */
export type BundleEvent = {
  index: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  revision: string;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
  prevHash: string;
  hash: string;
};

/** One line of checkpoints.ndjson: the checkpoint event's data, its leaf index and its signed note. */
export type BundleCheckpoint = CheckpointData & { leafIndex: number; note: string };

const bundleEvent = (e: RecordedEvent, index: number): BundleEvent => ({
  index,
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  streamId: e.streamId,
  revision: e.revision.toString(),
  recordedAt: e.recordedAt,
  data: e.data,
  metadata: e.metadata,
  prevHash: e.prevHash,
  hash: e.hash,
});

const CHECKPOINT_FIELDS = ['origin', 'treeSize', 'rootHash', 'logPosition', 'signedAt', 'keyName', 'keyId', 'signature'] as const;
const bundleCheckpoint = (c: CheckpointData, leafIndex: number): BundleCheckpoint => ({
  ...(Object.fromEntries(CHECKPOINT_FIELDS.map((f) => [f, c[f]])) as CheckpointData),
  leafIndex,
  note: signedNote(c),
});

const totalsText = (t: HeadlineTotals) => `${JSON.stringify(t, null, 2)}\n`;

/** Writes the bundle of the whole log into `dir`. Resolves to what it wrote. */
export async function writeBundle(
  store: EventStore,
  dir: string,
  { verifierKey, onProgress }: { verifierKey?: string | null; onProgress?: (events: number) => void } = {},
): Promise<{ events: number; checkpoints: number; totals: HeadlineTotals }> {
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, BUNDLE_FILES.events));
  const tree = new MerkleTree();
  const checkpoints: BundleCheckpoint[] = [];
  const totals = new HeadlineTotalsAccumulator();
  for (let after: bigint | null = null; ; ) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) break;
    let text = '';
    for (const e of batch) {
      const index = tree.size;
      text += `${JSON.stringify(bundleEvent(e, index))}\n`;
      tree.appendLeafHash(eventLeafHash(e.hash));
      if (e.streamId === CHECKPOINT_STREAM && e.type === CHECKPOINT_SIGNED) {
        const c = e.data as unknown as CheckpointData;
        checkpoints.push(bundleCheckpoint(c, index));
      }
    }
    if (!out.write(text)) await once(out, 'drain');
    after = batch.at(-1)!.position;
    onProgress?.(tree.size);
  }
  out.end();
  await once(out, 'finish');
  writeFileSync(join(dir, BUNDLE_FILES.checkpoints), checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''));
  if (verifierKey) writeFileSync(join(dir, BUNDLE_FILES.publicKey), `${verifierKey}\n`);
  // The totals as of the latest checkpoint (signed), or of the whole log when there is none.
  const last = checkpoints.at(-1);
  const basisSize = last ? last.treeSize : tree.size;
  const events = readFileSync(join(dir, BUNDLE_FILES.events), 'utf8').split('\n');
  for (let i = 0; i < basisSize; i++) totals.add(JSON.parse(events[i]!) as BundleEvent);
  const totalsAt = totals.result({ treeSize: basisSize, rootHash: tree.root(basisSize).toString('hex'), logPosition: last?.logPosition ?? null });
  writeFileSync(join(dir, BUNDLE_FILES.totals), totalsText(totalsAt));
  return { events: tree.size, checkpoints: checkpoints.length, totals: totalsAt };
}

/** A check of the bundle failed; `where` names the exact event, checkpoint or file. */
export class BundleCheckFailed extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'BundleCheckFailed';
  }
}

export type BundleReport = {
  events: number;
  streams: number;
  checkpoints: number;
  treeSize: number;
  rootHash: string;
  /** Events after the last checkpoint: chain-checked, but no signature covers them yet. */
  unsigned: number;
  totals: HeadlineTotals | null;
  /** The checkpoint given with --checkpoint, when one was, and found consistent. */
  pinned: { treeSize: number; rootHash: string } | null;
};

const HEX64 = /^[0-9a-f]{64}$/;
const EVENT_FIELDS = 'index,eventId,type,schemaVersion,streamId,revision,recordedAt,data,metadata,prevHash,hash';

/** Splits an NDJSON text into lines, each of which must have been terminated by "\n". */
const ndjsonLines = (text: string): string[] => {
  if (text === '') return [];
  const lines = text.split('\n');
  // The text ends with "\n", so the last piece is empty; otherwise the last line is unterminated and checked as is.
  if (lines.at(-1) === '') lines.pop();
  else lines.push('\u0000unterminated');
  return lines;
};

/** Parses one line and requires that it is exactly how the exporter writes it. */
const strictJson = (line: string, where: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new BundleCheckFailed(where, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BundleCheckFailed(where, 'not a JSON object');
  if (JSON.stringify(value) !== line) throw new BundleCheckFailed(where, 'not in the exact serialisation the exporter writes (a byte was changed)');
  return value as Record<string, unknown>;
};

const readText = (dir: string, file: string): string | null => {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

/** A checkpoint published earlier (its signed note, as /integrity/checkpoints/latest gives it in `note`). */
export function parseSignedNote(text: string): CheckpointData {
  const match = /^([^\n]+)\n(\d+)\n([A-Za-z0-9+/]+={0,2})\n\n\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})\n$/.exec(text);
  if (!match) throw new BundleCheckFailed('--checkpoint', 'not a signed checkpoint note (origin, size, root hash, blank line, signature line)');
  const [, origin, size, root, keyName, sig] = match as unknown as [string, string, string, string, string, string];
  const sigBytes = Buffer.from(sig, 'base64');
  return {
    origin,
    treeSize: Number(size),
    rootHash: Buffer.from(root, 'base64').toString('hex'),
    logPosition: '',
    signedAt: '',
    keyName,
    keyId: sigBytes.subarray(0, 4).toString('hex'),
    signature: sigBytes.subarray(4).toString('base64'),
  };
}

/**
 * Checks a bundle with no database and no network: the exact form of every file, every per-stream hash chain, every
 * checkpoint's signature and Merkle root, consistency (RFC 9162 2.1.4.2) between successive checkpoints and with a
 * checkpoint published before (`pinnedCheckpoint`), and the headline totals recomputed from the events.
 * Throws BundleCheckFailed naming the first event (line, stream, revision), checkpoint or file that fails.
 */
export function verifyBundle(dir: string, options: { verifierKey?: string; pinnedCheckpoint?: string; onProgress?: (events: number) => void } = {}): BundleReport {
  // 1. The key: the one pinned by the caller (published elsewhere), else the bundle's own.
  const keyText = readText(dir, BUNDLE_FILES.publicKey);
  let key: PublicKeyInfo | null = null;
  if (keyText !== null) {
    const line = keyText.endsWith('\n') ? keyText.slice(0, -1) : keyText;
    try {
      key = parseVerifierKey(line);
    } catch (e) {
      if (e instanceof SigningKeyError) throw new BundleCheckFailed(BUNDLE_FILES.publicKey, e.message);
      throw e;
    }
    if (`${line}\n` !== keyText) throw new BundleCheckFailed(BUNDLE_FILES.publicKey, 'not exactly one verifier key line');
  }
  if (options.verifierKey !== undefined) {
    let pinned: PublicKeyInfo;
    try {
      pinned = parseVerifierKey(options.verifierKey.trim());
    } catch (e) {
      throw new BundleCheckFailed('--key', (e as Error).message);
    }
    if (key && !key.publicKey.equals(pinned.publicKey)) throw new BundleCheckFailed(BUNDLE_FILES.publicKey, `not the key given with --key (${pinned.name}+${pinned.keyId})`);
    key = pinned;
  }

  // 2. Every event: exact form, leaf index, per-stream chain; the Merkle tree over their hashes.
  const eventsText = readText(dir, BUNDLE_FILES.events);
  if (eventsText === null) throw new BundleCheckFailed(BUNDLE_FILES.events, 'missing');
  const lines = ndjsonLines(eventsText);
  const tree = new MerkleTree();
  const last = new Map<string, { revision: bigint; hash: string }>();
  const checkpointEvents: Array<{ data: CheckpointData; index: number; revision: string }> = [];
  const events: BundleEvent[] = [];
  lines.forEach((line, i) => {
    const at = `${BUNDLE_FILES.events} line ${i + 1} (leaf ${i})`;
    if (line === '\u0000unterminated') throw new BundleCheckFailed(`${BUNDLE_FILES.events} line ${i}`, 'the last line is not terminated by a newline');
    const e = strictJson(line, at) as unknown as BundleEvent;
    const named = `${at}, stream ${String(e.streamId)} revision ${String(e.revision)}, event ${String(e.eventId)}`;
    if (Object.keys(e).join() !== EVENT_FIELDS) throw new BundleCheckFailed(named, `its fields are not exactly ${EVENT_FIELDS}`);
    if (e.index !== i) throw new BundleCheckFailed(named, `index ${String(e.index)} where ${i} was expected`);
    if (typeof e.streamId !== 'string' || typeof e.revision !== 'string' || !/^(0|[1-9][0-9]*)$/.test(e.revision)) throw new BundleCheckFailed(named, 'malformed stream or revision');
    if (typeof e.hash !== 'string' || !HEX64.test(e.hash) || typeof e.prevHash !== 'string' || !HEX64.test(e.prevHash)) throw new BundleCheckFailed(named, 'malformed hash or prevHash');
    const revision = BigInt(e.revision);
    const prev = last.get(e.streamId);
    const expectedRevision = prev ? prev.revision + 1n : 0n;
    if (revision !== expectedRevision) throw new BundleCheckFailed(named, `revision gap: expected revision ${expectedRevision}`);
    const expectedPrev = prev?.hash ?? GENESIS_HASH;
    if (e.prevHash !== expectedPrev) throw new BundleCheckFailed(named, `prevHash ${e.prevHash} is not the hash of the stream's previous event (${expectedPrev})`);
    let recomputed: string;
    try {
      recomputed = chainHash(e.prevHash, { ...(e as unknown as RecordedEvent), revision });
    } catch (err) {
      throw new BundleCheckFailed(named, (err as Error).message);
    }
    if (recomputed !== e.hash) throw new BundleCheckFailed(named, `hash mismatch: the event's content hashes to ${recomputed}, it states ${e.hash}`);
    last.set(e.streamId, { revision, hash: e.hash });
    tree.appendLeafHash(eventLeafHash(e.hash));
    events.push(e);
    if (e.streamId === CHECKPOINT_STREAM && e.type === CHECKPOINT_SIGNED) checkpointEvents.push({ data: e.data as CheckpointData, index: i, revision: e.revision });
    if ((i + 1) % 5000 === 0) options.onProgress?.(i + 1);
  });
  options.onProgress?.(lines.length);

  // 3. Every checkpoint: as the log records it, signed, its root, consistent with the one before.
  const cpText = readText(dir, BUNDLE_FILES.checkpoints) ?? '';
  const cpLines = ndjsonLines(cpText);
  if (checkpointEvents.length > 0 && !key) throw new BundleCheckFailed(BUNDLE_FILES.publicKey, `missing, and ${checkpointEvents.length} checkpoints need a key (give one with --key)`);
  let previous: CheckpointData | null = null;
  checkpointEvents.forEach(({ data, index, revision }, k) => {
    const where = `checkpoint ${k + 1} (${CHECKPOINT_STREAM} revision ${revision}, ${BUNDLE_FILES.events} line ${index + 1}, tree size ${String(data.treeSize)})`;
    if (!Number.isSafeInteger(data.treeSize) || data.treeSize < 1 || data.treeSize > index) throw new BundleCheckFailed(where, 'its tree size is not a size of the log before it');
    if (typeof data.rootHash !== 'string' || !HEX64.test(data.rootHash)) throw new BundleCheckFailed(where, 'malformed root hash');
    if (!verifyCheckpointSignature(data, key!)) throw new BundleCheckFailed(where, `the signature does not verify under ${key!.name}+${key!.keyId}`);
    const root = tree.root(data.treeSize).toString('hex');
    if (root !== data.rootHash) throw new BundleCheckFailed(where, `the events give root ${root} at tree size ${data.treeSize}, the checkpoint signed ${data.rootHash}`);
    if (previous) {
      if (data.treeSize < previous.treeSize) throw new BundleCheckFailed(where, `its tree is smaller than the previous checkpoint's (${previous.treeSize})`);
      const proof = tree.consistencyProof(previous.treeSize, data.treeSize);
      if (!verifyConsistency(previous.treeSize, data.treeSize, Buffer.from(previous.rootHash, 'hex'), Buffer.from(data.rootHash, 'hex'), proof)) {
        throw new BundleCheckFailed(where, `not consistent with the previous checkpoint (tree size ${previous.treeSize})`);
      }
    }
    const lineWhere = `${BUNDLE_FILES.checkpoints} line ${k + 1} (checkpoint ${k + 1}, tree size ${data.treeSize})`;
    const line = cpLines[k];
    if (line === undefined) throw new BundleCheckFailed(lineWhere, 'missing');
    if (line === '\u0000unterminated') throw new BundleCheckFailed(lineWhere, 'not terminated by a newline');
    if (line !== JSON.stringify(bundleCheckpoint(data, index))) {
      strictJson(line, lineWhere);
      throw new BundleCheckFailed(lineWhere, `differs from the checkpoint event at ${BUNDLE_FILES.events} line ${index + 1}`);
    }
    previous = data;
  });
  if (cpLines.length > checkpointEvents.length) throw new BundleCheckFailed(`${BUNDLE_FILES.checkpoints} line ${checkpointEvents.length + 1}`, 'a checkpoint that the log does not record');

  // 4. A checkpoint published before: the bundle's log must extend it.
  let pinned: BundleReport['pinned'] = null;
  if (options.pinnedCheckpoint !== undefined) {
    const c = parseSignedNote(options.pinnedCheckpoint);
    const where = `--checkpoint (tree size ${c.treeSize}, root ${c.rootHash})`;
    if (!key || !verifyCheckpointSignature(c, key)) throw new BundleCheckFailed(where, 'its signature does not verify under the key');
    if (c.treeSize > tree.size) throw new BundleCheckFailed(where, `the bundle's log has only ${tree.size} events`);
    const latest = checkpointEvents.at(-1)?.data;
    const to = latest && latest.treeSize >= c.treeSize ? latest.treeSize : tree.size;
    const toRoot = latest && to === latest.treeSize ? Buffer.from(latest.rootHash, 'hex') : tree.root(to);
    const proof = tree.consistencyProof(c.treeSize, to);
    if (!verifyConsistency(c.treeSize, to, Buffer.from(c.rootHash, 'hex'), toRoot, proof)) {
      throw new BundleCheckFailed(where, `the bundle's log (tree size ${to}, root ${toRoot.toString('hex')}) is not consistent with it: the history it signed was rewritten`);
    }
    pinned = { treeSize: c.treeSize, rootHash: c.rootHash };
  }

  // 5. The headline totals, recomputed at the basis they state.
  const totalsRaw = readText(dir, BUNDLE_FILES.totals);
  let totals: HeadlineTotals | null = null;
  if (totalsRaw !== null) {
    const basisSize = checkpointEvents.at(-1)?.data.treeSize ?? tree.size;
    const acc = new HeadlineTotalsAccumulator();
    for (let i = 0; i < basisSize; i++) acc.add(events[i]!);
    totals = acc.result({ treeSize: basisSize, rootHash: tree.root(basisSize).toString('hex'), logPosition: checkpointEvents.at(-1)?.data.logPosition ?? null });
    const expected = totalsText(totals);
    if (totalsRaw !== expected) {
      let stated: unknown;
      try {
        stated = JSON.parse(totalsRaw);
      } catch {
        throw new BundleCheckFailed(BUNDLE_FILES.totals, 'not valid JSON');
      }
      const diff = firstDifference(stated, JSON.parse(expected));
      throw new BundleCheckFailed(BUNDLE_FILES.totals, diff ? `${diff.path} states ${JSON.stringify(diff.stated)}, the events give ${JSON.stringify(diff.recomputed)}` : 'not in the exact serialisation the exporter writes');
    }
  }

  const lastCheckpoint = checkpointEvents.at(-1);
  return {
    events: lines.length,
    streams: last.size,
    checkpoints: checkpointEvents.length,
    treeSize: tree.size,
    rootHash: tree.root().toString('hex'),
    unsigned: lastCheckpoint ? tree.size - lastCheckpoint.data.treeSize : tree.size,
    totals,
    pinned,
  };
}

const firstDifference = (stated: unknown, recomputed: unknown, path = ''): { path: string; stated: unknown; recomputed: unknown } | null => {
  if (typeof stated === 'object' && stated !== null && typeof recomputed === 'object' && recomputed !== null) {
    const keys = [...new Set([...Object.keys(stated), ...Object.keys(recomputed)])];
    for (const k of keys) {
      const d = firstDifference((stated as Record<string, unknown>)[k], (recomputed as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return stated === recomputed ? null : { path: path || '(whole file)', stated, recomputed };
};
