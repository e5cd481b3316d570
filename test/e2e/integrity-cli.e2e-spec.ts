import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseSigningKey, rawPublicKey, verifierKey } from '../../src/integrity/checkpoint.js';
import { CheckpointScheduler } from '../../src/integrity/checkpoint.scheduler.js';
import { ADMIN_KEY, type TestApp, startTestApp } from '../support/test-app.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');
const SEED = randomBytes(32).toString('base64');

/** Runs the built command-line tool with only the given environment, in `cwd`, bounded to 60 s. */
const cli = (env: Record<string, string>, cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env }, cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('verify --bundle: the offline check of an export bundle (dist/cli/main.js)', () => {
  let t: TestApp;
  let bundle: string;
  let elsewhere: string;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
    t = await startTestApp({ env: { CHECKPOINT_SIGNING_KEY: SEED, CHECKPOINT_EVERY_EVENTS: '3' } });
    await t.app.get(CheckpointScheduler).beforeApplicationShutdown(); // one checkpoint, where the test takes it
    for (const en of ['Atyrau region', 'Aktobe region', 'Zhambyl region']) {
      const res = await t.request('POST', '/units', { body: { unitId: randomUUID(), level: 'REGION', names: { en }, effectiveFrom: '2017-01-01' } });
      expect(res.status).toBe(201);
    }
    expect(await t.app.get(CheckpointScheduler).tick()).not.toBeNull();
    await t.request('POST', '/units', { body: { unitId: randomUUID(), level: 'REGION', names: { en: 'Mangystau region' }, effectiveFrom: '2017-01-01' } });
    await t.close();
    bundle = join(t.dataDir, 'bundle');
    elsewhere = mkdtempSync(join(tmpdir(), 'aul-ledger-offline-'));
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('exports a bundle, verifies it with no database and no configuration, and names a flipped event or checkpoint', () => {
    const verified = cli({ DATA_DIR: t.dataDir, ADMIN_API_KEY: ADMIN_KEY, CHECKPOINT_SIGNING_KEY: SEED }, t.dataDir, 'verify');
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/\nok: 1 signed checkpoints match the log and verify under the configured key\n$/) });

    const exported = cli({ DATA_DIR: t.dataDir, ADMIN_API_KEY: ADMIN_KEY, CHECKPOINT_SIGNING_KEY: SEED }, t.dataDir, 'export', '--bundle', bundle);
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringMatching(/^exported \d+ events and 1 checkpoints to /) });
    expect(readdirSync(bundle).sort()).toEqual(['checkpoints.ndjson', 'events.ndjson', 'public-key.txt', 'totals.json']);

    // Offline: only PATH in the environment, run from an empty folder that stays empty (no data directory made).
    const key = verifierKey('aul-ledger', rawPublicKey(parseSigningKey(SEED)));
    const ok = cli({}, elsewhere, 'verify', '--bundle', bundle, '--key', key);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: \d+ events in \d+ streams, 1 signed checkpoints verified/) });
    expect(ok.stdout).toContain('totals recomputed at tree size');
    expect(readdirSync(elsewhere)).toEqual([]);

    const events = join(bundle, 'events.ndjson');
    const original = readFileSync(events);
    const lines = original.toString('utf8').split('\n');
    const third = lines.slice(0, 2).join('\n').length + 1;
    const flipped = Buffer.from(original);
    flipped[third + original.subarray(third).indexOf('"data"') + 9]! ^= 0x01;
    writeFileSync(events, flipped);
    const broken = cli({}, elsewhere, 'verify', '--bundle', bundle);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken: events\.ndjson line 3 \(leaf 2\), stream \S+ revision \d+, event [0-9a-f-]+: hash mismatch/);
    writeFileSync(events, original);

    const checkpoints = join(bundle, 'checkpoints.ndjson');
    const cp = readFileSync(checkpoints, 'utf8');
    writeFileSync(checkpoints, cp.replace(/"signedAt":"(\d)/, (_, d: string) => `"signedAt":"${(Number(d) + 1) % 10}`));
    expect(cli({}, elsewhere, 'verify', '--bundle', bundle)).toMatchObject({ code: 2, stderr: expect.stringContaining('broken: checkpoints.ndjson line 1 (checkpoint 1, tree size') });
    writeFileSync(checkpoints, cp);

    expect(cli({}, elsewhere, 'verify', '--bundle', join(elsewhere, 'none'))).toMatchObject({ code: 1, stderr: expect.stringContaining('No bundle at') });
  });
});
