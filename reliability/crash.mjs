// Crash test: runs dist/main.js under load from a second process, SIGKILLs it at seeded random moments, restarts it,
// and after every kill checks the event log against the acknowledgements the load generator logged:
//   - every acknowledged command's events are present (same stream, revision and position as acknowledged);
//   - no command is half-applied (the events under one Idempotency-Key are one contiguous run in one stream, as many
//     as its acknowledgement says; a refused command has none);
//   - every per-stream hash chain verifies.
// At the end every projection must converge: the digests of the crashed read store, once caught up, equal those of a
// clean rebuild from the same event log.
// Usage: node reliability/crash.mjs [--kills N] [--seed S] [--min-ms A] [--max-ms B] [--concurrency C] [--keep] [--forge-ack]
// Prints one summary line starting with "reliability crash:"; exits 1 on any broken check.
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_KEY, MAIN, ROOT, freePort, prng, runCli, sleep, startService, stopService, waitCaughtUp } from './service.mjs';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    'min-ms': { type: 'string', default: '300' },
    'max-ms': { type: 'string', default: '2500' },
    concurrency: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
    // Self-check of the checker: log one acknowledgement of a command that was never sent; the run must then fail.
    'forge-ack': { type: 'boolean', default: false },
  },
});
const kills = Number(values.kills);
const seed = Number(values.seed);
const random = prng(seed);
if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);

const dist = (path) => import(join(ROOT, 'dist', path));
const { loadConfig } = await dist('config/app.config.js');
const { openEventStore } = await dist('shared/event-store/event-store.module.js');
const { verifyChains } = await dist('shared/event-store/verify-chain.js');
const { withApplication } = await dist('cli/cli-context.js');
const { Projections } = await dist('shared/projections/projections.module.js');
const { READ_STORE } = await dist('shared/read-store/read-store.port.js');
const { collectionDigest } = await dist('shared/projections/digest.js');

const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-crash-'));
const dataDir = join(dir, 'data');
const ackLog = join(dir, 'acks.ndjson');
const started = Date.now();
const failures = [];
const fail = (message) => {
  failures.push(message);
  process.stderr.write(`FAIL ${message}\n`);
};

/** The complete lines of the ack log (a line being written at the moment of reading is left for the next check). */
const readAcks = () => {
  if (!existsSync(ackLog)) return [];
  const text = readFileSync(ackLog, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean).map((l) => JSON.parse(l));
};

/** Reads the whole log with the service stopped and checks it against the acknowledgements. */
const checkLog = async (round) => {
  const store = await openEventStore(loadConfig({ DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY }));
  try {
    const byKey = new Map();
    let events = 0;
    for (let after = null; ; ) {
      const batch = await store.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      for (const e of batch) {
        events += 1;
        const key = e.metadata.idempotencyKey;
        if (!key) continue;
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key).push(e);
      }
      after = batch.at(-1).position;
    }
    // No half-applied command: one key's events are consecutive revisions of one stream and consecutive positions.
    for (const [key, list] of byKey) {
      const oneStream = list.every((e) => e.streamId === list[0].streamId);
      const contiguous = list.every((e, i) => i === 0 || (e.revision === list[i - 1].revision + 1n && e.position === list[i - 1].position + 1n));
      if (!oneStream || !contiguous) fail(`round ${round}: command ${key} is split: ${list.map((e) => `${e.streamId}@${e.revision}`).join(', ')}`);
    }
    const acks = readAcks();
    let lost = 0;
    for (const ack of acks) {
      const list = byKey.get(ack.key) ?? [];
      if (ack.status >= 200 && ack.status < 300) {
        const expected = Number(ack.eventsAppended ?? 0);
        const last = list.at(-1);
        const ok =
          list.length === expected &&
          (expected === 0 || (last.streamId === ack.streamId && last.revision.toString() === ack.revision && last.position.toString() === ack.position));
        if (!ok) {
          lost += 1;
          fail(`round ${round}: acknowledged ${ack.command} ${ack.key} (${expected} events at ${ack.streamId}@${ack.revision}, position ${ack.position}) found ${list.length} events`);
        }
      } else if (list.length > 0) {
        fail(`round ${round}: refused ${ack.command} ${ack.key} (${ack.status}) has ${list.length} events`);
      }
    }
    const chains = await verifyChains(store);
    if (!chains.ok) fail(`round ${round}: hash chain broken: ${JSON.stringify(chains, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    return { events, acks: acks.length, lost };
  } finally {
    await store.close();
  }
};

/** Digest of every projection's serving collection once caught up, through the application's modules (no HTTP). */
const digests = (folder) =>
  withApplication(loadConfig({ DATA_DIR: folder, ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'error' }), async (app) => {
    const projections = app.get(Projections);
    await projections.catchUp(120_000);
    const reads = app.get(READ_STORE);
    const out = {};
    for (const p of projections.status().filter((s) => s.kind === 'projection' && s.serving)) out[p.name] = (await collectionDigest(reads, p.collection)).digest;
    return out;
  });

const port = await freePort();
let service = await startService(dataDir, port);
const loader = fork(join(import.meta.dirname, 'load.mjs'), [service.url, ackLog, String(seed), values.concurrency], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const loaderDone = new Promise((resolve) => loader.on('message', (m) => m.done && resolve(m.done)));
let lost = 0;
let lastCheck = { events: 0, acks: 0 };
try {
  for (let round = 1; round <= kills; round++) {
    const min = Number(values['min-ms']);
    await sleep(min + Math.floor(random() * (Number(values['max-ms']) - min)));
    service.child.kill('SIGKILL');
    await service.exited;
    lastCheck = await checkLog(round);
    lost = Math.max(lost, lastCheck.lost);
    service = await startService(dataDir, port);
  }
  // Let the load generator settle every command in flight, then check once more with the service stopped cleanly.
  await sleep(500);
  loader.send('stop');
  const counts = await loaderDone;
  await waitCaughtUp(service.url);
  await stopService(service);
  service = null;
  if (values['forge-ack']) {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(ackLog, `${JSON.stringify({ key: 'forged-0000', command: 'RenameUnit', status: 200, streamId: 'administrativeUnit-x', revision: '0', position: '1', eventsAppended: 1 })}\n`);
  }
  lastCheck = await checkLog('final');
  lost = Math.max(lost, lastCheck.lost);
  if (counts.unresolved > 0) fail(`${counts.unresolved} commands got no definitive answer`);
  const verify = await runCli(dataDir, ['verify']);
  if (verify.code !== 0) fail(`aul-ledger verify: ${verify.out}`);

  // Convergence: a clean read store rebuilt from a copy of the same event log must have the same digests.
  const crashed = await digests(dataDir);
  const cleanDir = join(dir, 'clean');
  mkdirSync(cleanDir);
  for (const f of ['events.db', 'keys.db', 'master.key']) if (existsSync(join(dataDir, f))) copyFileSync(join(dataDir, f), join(cleanDir, f));
  const rebuilt = await digests(cleanDir);
  const diverged = Object.keys(rebuilt).filter((name) => crashed[name] !== rebuilt[name]);
  if (diverged.length > 0) fail(`projections differ from a clean rebuild: ${diverged.join(', ')}`);

  const acks = readAcks();
  const acknowledged = acks.filter((a) => a.status >= 200 && a.status < 300).length;
  const summary = {
    kills,
    seed,
    commandsSent: counts.sent,
    acknowledged,
    refused: acks.length - acknowledged,
    retriedAfterKill: counts.retries,
    answeredAfterRetry: acks.filter((a) => a.attempt > 1).length,
    // Applied before a kill, acknowledgement lost with the connection, answered after the restart from the idempotency record.
    replayedAfterKill: acks.filter((a) => a.replayed).length,
    refusedCodes: acks.filter((a) => a.status >= 400).reduce((m, a) => ({ ...m, [`${a.status} ${a.code}`]: (m[`${a.status} ${a.code}`] ?? 0) + 1 }), {}),
    ackedLost: lost,
    events: lastCheck.events,
    projections: Object.keys(rebuilt).length,
    projectionsConverged: Object.keys(rebuilt).length - diverged.length,
    chains: verify.code === 0 ? 'ok' : 'broken',
    failures: failures.length,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(
    `reliability crash: ${failures.length === 0 ? 'PASS' : 'FAIL'} kills=${kills} seed=${seed} sent=${summary.commandsSent} acknowledged=${acknowledged} refused=${summary.refused} ` +
      `retries=${summary.retriedAfterKill} answeredAfterRetry=${summary.answeredAfterRetry} replayed=${summary.replayedAfterKill} lost=${lost} events=${summary.events} ` +
      `projections=${summary.projectionsConverged}/${summary.projections} converged chains=${summary.chains} in ${summary.seconds}s\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} catch (e) {
  fail(e.stack ?? String(e));
} finally {
  if (loader.exitCode === null) loader.kill('SIGKILL');
  if (service) service.child.kill('SIGKILL');
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else process.stderr.write(`kept ${dir}\n`);
}
process.exit(failures.length === 0 ? 0 : 1);
