import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import { ADMIN_KEY, type TestApp, eventCount, startTestApp } from '../support/test-app.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');

const cli = (dataDir: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** `aul-ledger seed`: help, and its exit codes on a store that is not empty and on a bad configuration (the seeding itself: test/integration/demo-scenario). */
describe('aul-ledger seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
    t = await startTestApp();
    expect((await t.request('POST', '/units', { body: { unitId: '0190f3c2-7a4e-7c1a-9b1e-2a3c4d5e6f70', level: 'REGION', names: { en: 'Karaganda region' }, effectiveFrom: '2017-01-01' } })).status).toBe(201);
    await t.close();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('describes itself with --help, and is listed by the tool’s help', () => {
    const help = cli(t.dataDir, ['seed', '--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('--if-empty') });
    expect(help.stdout).toContain('demo scenario');
    expect(cli(t.dataDir, ['--help']).stdout).toMatch(/^\s+seed \[options\]/m);
  });

  it('exits 2 on a store that already holds events and writes nothing; --if-empty makes that a success', async () => {
    const refused = cli(t.dataDir, ['seed']);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('already holds 1 events') });
    expect(cli(t.dataDir, ['seed', '--if-empty'])).toMatchObject({ code: 0, stdout: expect.stringContaining('not seeded') });
    const store = SqliteEventStore.open(join(t.dataDir, 'events.db'));
    expect(await eventCount(store)).toBe(1);
    await store.close();
  });

  it('exits 1 on a bad configuration and on an unknown option', () => {
    expect(cli(t.dataDir, ['seed'], { SQLITE_SYNCHRONOUS: 'SOMETIMES' })).toMatchObject({ code: 1, stderr: expect.stringContaining('SQLITE_SYNCHRONOUS') });
    expect(cli(t.dataDir, ['seed', '--everything']).code).toBe(1);
  });
});
