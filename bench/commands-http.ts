/**
 * A representative command over HTTP (POST /units, registering a unit: 5 fields and 3 nested, through the API key
 * check, the ValidationPipe, the CommandBus and the command pipeline, durable in SQLite with synchronous=FULL)
 * against a bare Nest POST on Fastify with the same DTO, ValidationPipe and CommandBus, whose handler commits one raw
 * INSERT with synchronous=FULL (the same durability), and the same bare POST writing nothing (the HTTP ceiling).
 * autocannon on loopback, CONNECTIONS=16, DURATION=10 s each after a 2 s warm-up; each server in its own process.
 *   npm run bench:commands          (ROUNDS=2 DURATION=10 CONNECTIONS=16)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEY, CONNECTIONS, DURATION, type LoadResult, load, startServer } from './http-support.js';
import { machine, publishResults, runMain } from './support.js';

const ROUNDS = Number(process.env.ROUNDS ?? 2);

const registerUnit = {
  method: 'POST',
  path: '/units',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}` },
  setupRequest: (req: object) => ({
    ...req,
    body: JSON.stringify({ unitId: randomUUID(), level: 'REGION', names: { kk: 'Маңғыстау облысы', ru: 'Мангистауская область', en: 'Mangystau Region' }, parentId: null, effectiveFrom: '2019-01-01' }),
  }),
};

async function measure(mode: 'app' | 'bare', env: Record<string, string>): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-http-'));
  const server = await startServer(mode, { DATA_DIR: dataDir, ...env });
  try {
    const r = await load(server.url, registerUnit);
    if (r.non2xx > 0 || r.errors > 0) process.stderr.write(`${mode} ${JSON.stringify(env)}: ${r.non2xx} non-2xx, ${r.errors} errors ${JSON.stringify(r.statusCodes)}\n`);
    return r;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  // Alternating rounds, best of each: the machine is shared, and a neighbour's burst should not decide a ratio.
  const best = (a: LoadResult | undefined, b: LoadResult) => (!a || b.requestsPerSecond > a.requestsPerSecond ? b : a);
  let bare: LoadResult | undefined;
  let bareDurable: LoadResult | undefined;
  let ours: LoadResult | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    bareDurable = best(bareDurable, await measure('bare', { BARE_DURABLE: '1' }));
    ours = best(ours, await measure('app', { SQLITE_SYNCHRONOUS: 'FULL' }));
    bare = best(bare, await measure('bare', { BARE_DURABLE: '0' }));
  }
  if (!bare || !bareDurable || !ours) throw new Error('ROUNDS must be at least 1');
  const row = (name: string, r: LoadResult, ratio: string, target = '') =>
    `| ${name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} | ${ratio} | ${target} |`;
  const lines = [
    '## Commands over HTTP',
    '',
    `Command: \`npm run bench:commands\` (autocannon, loopback, CONNECTIONS=${CONNECTIONS}, DURATION=${DURATION} s after a 2 s warm-up, ROUNDS=${ROUNDS} alternating, best of each; each server in its own process). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'POST /units registering a region (unitId, level, names.kk/ru/en, parentId, effectiveFrom). Bare: Nest on Fastify with the same `RegisterUnitDto`, the same ValidationPipe and the CommandBus; no authentication, no rate limit, no logging.',
    '',
    '| server | requests/s | p50 ms | p99 ms | failed | ratio | target |',
    '|---|---:|---:|---:|---:|---:|---|',
    row('bare POST, one raw INSERT per request, synchronous=FULL (the limit, same durability)', bareDurable, '1.00'),
    row('bare POST, nothing written (the HTTP and validation ceiling)', bare, (bare.requestsPerSecond / bareDurable.requestsPerSecond).toFixed(2)),
    row('Aul Ledger: RegisterAdministrativeUnit, durable (synchronous=FULL, group commit)', ours, (ours.requestsPerSecond / bareDurable.requestsPerSecond).toFixed(2), '≥ 0.6'),
    '',
    `Against the ceiling that writes nothing, the command runs at ${(ours.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}×.`,
  ].join('\n');
  publishResults('commands-http', lines);
}

runMain(main);
