// Load generator of the crash test: a separate process that issues a mix of commands over HTTP, each under its own
// Idempotency-Key, and appends one line per definitive answer to the ack log (fsync'd) before it moves on.
// A command that got no answer (connection refused or reset while the service was killed) or a 503 is retried with the
// same key and body until it gets one, so every command ends acknowledged or refused, and none may be applied twice.
// Usage (forked by crash.mjs): node load.mjs <url> <ackLog> <seed> <concurrency>; stops on the IPC message 'stop'.
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { ADMIN_KEY, prng, sleep } from './service.mjs';

const [url, ackLog, seedArg, concurrencyArg] = process.argv.slice(2);
const random = prng(Number(seedArg));
const concurrency = Number(concurrencyArg ?? 4);
const fd = openSync(ackLog, 'a');
let stopping = false;
process.on('message', (m) => {
  if (m === 'stop') stopping = true;
});

const units = [];
const organisations = [];
const pick = (list) => list[Math.floor(random() * list.length)];
const day = (n) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
let counter = 0;

/** The next command: registrations first, then renames and population counts on the same aggregates (contention). */
const nextCommand = () => {
  const n = ++counter;
  const r = random();
  if (units.length < 3 || r < 0.2) {
    const unitId = randomUUID();
    units.push(unitId);
    return { name: 'RegisterUnit', path: '/units', body: { unitId, level: 'REGION', names: { en: `Region ${n}` }, parentId: null, effectiveFrom: '2017-01-01' } };
  }
  if (organisations.length < 2 || r < 0.3) {
    const organisationId = randomUUID();
    organisations.push(organisationId);
    const bin = String(100000000000 + n).slice(-12);
    return { name: 'RegisterOrganisation', path: '/organisations', body: { organisationId, name: { en: `Association ${n}` }, orgIdentifier: `KZ-BIN-${bin}`, iatiOrgType: '22', country: 'KZ' } };
  }
  if (r < 0.55) return { name: 'RenameUnit', path: `/units/${pick(units.slice(-6))}/names`, body: { names: { en: `Region renamed ${n}` }, effectiveFrom: day(n) } };
  if (r < 0.8) return { name: 'RecordPopulation', path: `/units/${pick(units.slice(-6))}/population`, body: { year: 1990 + (n % 35), count: 1000 + n } };
  return { name: 'RenameOrganisation', path: `/organisations/${pick(organisations.slice(-4))}/names`, body: { name: { en: `Association renamed ${n}` } } };
};

const counts = { sent: 0, acknowledged: 0, refused: 0, retries: 0, unresolved: 0 };

const log = (line) => {
  writeSync(fd, `${JSON.stringify(line)}\n`);
  fsyncSync(fd);
};

/** Sends one command until it gets a definitive answer (2xx or 4xx), at most 90 s. */
const issue = async (command) => {
  const key = randomUUID();
  const body = JSON.stringify(command.body);
  counts.sent += 1;
  const deadline = Date.now() + 90_000;
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let answer = null;
    let replayed = false;
    try {
      const res = await fetch(`${url}${command.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      replayed = res.headers.get('idempotent-replayed') === 'true';
      answer = await res.json().catch(() => null);
    } catch {
      status = 0; // no answer: the service is down or was killed mid-request
    }
    if (status >= 200 && status < 300) {
      counts.acknowledged += 1;
      log({ key, command: command.name, status, attempt, replayed, ...answer });
      return;
    }
    if (status >= 400 && status < 500) {
      counts.refused += 1;
      log({ key, command: command.name, status, attempt, code: answer?.type ?? null });
      return;
    }
    if (Date.now() > deadline) {
      counts.unresolved += 1;
      log({ key, command: command.name, status, attempt, unresolved: true });
      return;
    }
    counts.retries += 1;
    await sleep(100);
  }
};

const worker = async () => {
  while (!stopping) await issue(nextCommand());
};

await Promise.all(Array.from({ length: concurrency }, worker));
closeSync(fd);
process.send?.({ done: counts });
process.disconnect?.();
