import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const MAIN = join(process.cwd(), 'dist', 'main.js');
const KEY = 'process-test-key-0123456789abcdef';

type Exit = { code: number | null; signal: NodeJS.Signals | null };
type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<Exit> };

const run = (env: Record<string, string>): Run => {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
};

/** Waits until `probe` holds, checking every 50 ms, for at most `ms`. */
const until = async (probe: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('The service as a process (dist/main.js)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-proc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['an unknown store kind', { EVENT_STORE: 'postgres' }, /EVENT_STORE must be one of sqlite, esdb/],
    ['a missing URL', { EVENT_STORE: 'esdb' }, /ESDB_URL is required/],
    ['an unwritable DATA_DIR', { DATA_DIR: '__FILE__/data' }, /DATA_DIR .* is not a writable folder/],
  ])('exits 1 with one clear line on %s', async (_, env, message) => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('__FILE__', file)]));
    const p = run({ DATA_DIR: join(dir, 'bad'), ...resolved });
    expect((await p.exited).code).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('refuses a wrong or missing master key with one line and exit 1, writing nothing', async () => {
    const { SqliteReadStore } = await import('../../src/shared/read-store/sqlite/sqlite-read-store.js');
    const { SubjectKeyStore } = await import('../../src/privacy/subject-key-store.js');
    const { generateMasterKey, parseMasterKey } = await import('../../src/privacy/master-key.js');
    const dataDir = join(dir, 'keys-only');
    const { mkdirSync, readdirSync } = await import('node:fs');
    mkdirSync(dataDir);
    const right = generateMasterKey('mk1');
    const backing = SqliteReadStore.open(join(dataDir, 'keys.db'), { synchronous: 'FULL', secureDelete: true });
    await (await SubjectKeyStore.open(backing, parseMasterKey(right))).issue('subject-1');
    await backing.close();
    const filesBefore = readdirSync(dataDir).sort();

    const wrong = run({ DATA_DIR: dataDir, MASTER_KEY: generateMasterKey('mk1'), ADMIN_API_KEY: KEY });
    expect((await wrong.exited).code).toBe(1);
    expect(wrong.stderr().trim().split('\n')).toEqual([expect.stringMatching(/master key "mk1" is not the one this key store was written with/)]);

    const missing = run({ DATA_DIR: dataDir, ADMIN_API_KEY: KEY });
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr().trim().split('\n')).toEqual([expect.stringMatching(/MASTER_KEY is missing/)]);

    expect(readdirSync(dataDir).sort()).toEqual(filesBefore); // no event store, read store or key file was created
  });

  it('starts on SQLite, answers /health, logs JSON with request ids and no keys, and shuts down cleanly on SIGTERM', async () => {
    const p = run({ DATA_DIR: join(dir, 'ok'), PORT: '0', ADMIN_API_KEY: KEY });
    try {
      await until(() => p.stdout().includes('Aul Ledger is listening'), 20_000);
      const line = p.stdout().split('\n').find((l) => l.includes('Aul Ledger is listening'))!;
      const url = (JSON.parse(line) as { url: string }).url.replace('[::1]', '127.0.0.1');
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const created = await fetch(`${url}/units`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-request-id': 'proc-test-1' },
        body: JSON.stringify({ unitId: '0190f3c2-7a4e-7c1a-9b1e-2a3c4d5e6f70', level: 'REGION', names: { en: 'Karaganda region' }, effectiveFrom: '2017-01-01' }),
      });
      expect(created.status).toBe(201);

      p.child.kill('SIGTERM');
      expect(await p.exited).toEqual({ code: 0, signal: null });
      const logs = p.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(logs.some((l) => l.reqId === 'proc-test-1')).toBe(true);
      expect(logs.some((l) => l.msg === 'Event store closed')).toBe(true);
      expect(p.stdout()).not.toContain(KEY);
    } finally {
      p.child.kill('SIGKILL');
    }
  });
});
