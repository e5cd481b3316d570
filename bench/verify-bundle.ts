/**
 * `verify --bundle` over a synthetic log of demo size: 25k events in about 2,500 streams of programmes, plans and
 * meetings (with a sealed personal field), signed checkpoints every 1,000 events, exported as a bundle, then verified
 * in-process and by the command-line tool itself as a process (`verify --bundle`, Node's start-up included).
 *   npm run bench:verify-bundle            (EVENTS=25000 by default)
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BUNDLE_FILES, verifyBundle, writeBundle } from '../src/integrity/bundle.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM, rawPublicKey, signCheckpoint, verifierKey } from '../src/integrity/checkpoint.js';
import { MerkleLog } from '../src/integrity/merkle-log.js';
import type { JsonObject } from '../src/shared/domain/message.js';
import type { NewEvent } from '../src/shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/shared/event-store/sqlite/sqlite-event-store.js';
import { machine, perSecond, publishResults, runMain } from './support.js';

const EVENTS = Number(process.env.EVENTS ?? 25_000);
const EVERY = 1000;
const PER_STREAM = 10;
const meta = { actor: { id: 'bench', role: 'programme-officer' }, correlationId: 'bench', occurredAt: '2019-01-01T00:00:00.000Z', commandName: 'Bench' };
const kzt = (n: number) => ({ amountMinor: String(n), currency: 'KZT' });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-'));
  try {
    const store = SqliteEventStore.open(join(dir, 'events.db'), { synchronous: 'NORMAL' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const log = new MerkleLog(store);
    const seedStart = performance.now();
    let appended = 0;
    let sinceCheckpoint = 0;
    for (let s = 0; appended < EVENTS; s++) {
      const id = randomUUID();
      const kind = s % 3;
      const batch: NewEvent[] = Array.from({ length: PER_STREAM }, (_, i) => ({
        type: ['ProgrammeBudgetApproved', 'PlanActionAdded', 'AttendanceRecorded'][kind]!,
        data: (kind === 0
            ? { programmeId: id, version: i + 1, total: kzt(1_000_000 + i), euContribution: kzt(900_000), lines: [{ code: 'HR', title: 'Staff', kind: 'HR', amount: kzt(1_000_000 + i) }] }
            : kind === 1
              ? { planId: id, actionId: randomUUID(), title: { kk: 'Су құбыры', ru: 'Водопровод', en: 'Water main' }, cost: kzt(250_000 * i) }
              : { meetingId: id, residentId: randomUUID(), present: true, fullName: { ciphertext: 'q'.repeat(64), keyId: randomUUID() } }) as JsonObject,
        metadata: meta,
      }));
      await store.appendToStream(`bench${kind}-${id}`, batch, 'no_stream');
      appended += PER_STREAM;
      sinceCheckpoint += PER_STREAM;
      if (sinceCheckpoint >= EVERY) {
        const size = await log.sync();
        const data = signCheckpoint(privateKey, 'aul-ledger', { origin: 'aul-ledger', treeSize: size, rootHash: log.tree.root().toString('hex'), logPosition: log.positionAt(size - 1).toString(), signedAt: meta.occurredAt });
        await store.appendToStream(CHECKPOINT_STREAM, [{ type: CHECKPOINT_SIGNED, data, metadata: meta }], log.checkpoints.at(-1)?.revision ?? 'no_stream');
        await log.sync();
        sinceCheckpoint = 0;
      }
    }
    const seedMs = performance.now() - seedStart;

    const key = verifierKey('aul-ledger', rawPublicKey(privateKey));
    const bundle = join(dir, 'bundle');
    const exportStart = performance.now();
    const written = await writeBundle(store, bundle, { verifierKey: key });
    const exportMs = performance.now() - exportStart;
    const bytes = Object.values(BUNDLE_FILES).reduce((sum, f) => sum + statSync(join(bundle, f)).size, 0);
    await store.close();

    const verifyStart = performance.now();
    const report = verifyBundle(bundle, { verifierKey: key });
    const verifyMs = performance.now() - verifyStart;
    if (report.events !== written.events) throw new Error('verified a different number of events than written');

    // The command itself, as a user runs it: a fresh process with nothing but PATH in its environment.
    const cliStart = performance.now();
    const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'src', 'cli', 'main.js'), 'verify', '--bundle', bundle, '--key', key], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    const cliMs = performance.now() - cliStart;
    if (run.status !== 0) throw new Error(`verify --bundle exited ${run.status}: ${run.stderr}`);
    // Of which: starting Node and loading the tool's modules (the whole application's, as every command does).
    const helpStart = performance.now();
    spawnSync(process.execPath, [join(import.meta.dirname, '..', 'src', 'cli', 'main.js'), '--help'], { env: { PATH: process.env.PATH ?? '' } });
    const helpMs = performance.now() - helpStart;

    const result = `## Offline verification of an export bundle

Command: \`npm run bench:verify-bundle\` (EVENTS=${EVENTS}). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.

A synthetic log standing in for the demo data (which is being built elsewhere): ${written.events} events in ${Math.ceil(EVENTS / PER_STREAM)} streams
(programme budgets, plan actions, meeting attendance with a sealed field), seeded in ${(seedMs / 1000).toFixed(1)} s with a signed checkpoint every
${EVERY} events (${written.checkpoints} checkpoints). Bundle: ${(bytes / 2 ** 20).toFixed(1)} MiB.

| step | seconds | events/s |
|---|---:|---:|
| \`export --bundle\` (read the log, write the four files, totals) | ${(exportMs / 1000).toFixed(2)} | ${perSecond(written.events, exportMs)} |
| verification in-process (exact form, every chain, Merkle tree, ${written.checkpoints} signatures and roots, consistency, totals) | ${(verifyMs / 1000).toFixed(2)} | ${perSecond(report.events, verifyMs)} |
| \`aul-ledger verify --bundle <dir> --key <key>\` as a process (wall clock, Node start-up included) | ${(cliMs / 1000).toFixed(2)} | ${perSecond(report.events, cliMs)} |
| of which start-up: \`aul-ledger --help\` (Node and the tool's modules) | ${(helpMs / 1000).toFixed(2)} | |
`;
    publishResults('verify-bundle', result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main);
