import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withControlDigit } from '../../src/privacy/iin.js';
import { ADMIN_KEY, type TestApp, startTestApp } from '../support/test-app.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');

/** Runs the built command-line tool on a data directory, with the test's admin key, bounded to 60 s. */
const cli = (dataDir: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('The command-line tool (dist/cli/main.js)', () => {
  let t: TestApp;
  let dataDir: string;
  const person = { fullName: `Cli Export Person ${randomUUID().slice(0, 8)}`, iin: withControlDigit('90130000077')!, phone: '+7 701 555 0077' };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
    t = await startTestApp();
    dataDir = t.dataDir;
    const region = randomUUID();
    const village = randomUUID();
    await t.request('POST', '/units', { body: { unitId: region, level: 'REGION', names: { en: 'Mangystau region' }, effectiveFrom: '2017-01-01' } });
    await t.request('POST', '/units', { body: { unitId: village, level: 'VILLAGE', names: { en: 'Bautino' }, parentId: region, effectiveFrom: '2017-01-01' } });
    const r = await t.request('POST', '/residents', { body: { residentId: randomUUID(), settlementId: village, sex: 'male', birthDate: '1980-01-01', ...person } });
    expect(r.status).toBe(201);
    await t.close();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('verifies the log, exports it as NDJSON without personal plaintext, and rebuilds projections', () => {
    const verified = cli(dataDir, 'verify');
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: \d+ events in \d+ streams verified/) });

    const out = join(dataDir, 'export.ndjson');
    expect(cli(dataDir, 'export', '--out', out).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBe(Number(/ok: (\d+) events/.exec(verified.stdout)![1]));
    const events = lines.map((l) => JSON.parse(l) as { type: string; hash: string; position: string });
    expect(events.map((e) => e.type)).toContain('ResidentRegistered');
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    for (const value of Object.values(person)) expect(readFileSync(out, 'utf8')).not.toContain(value);

    const rebuilt = cli(dataDir, 'rebuild', 'territory.units');
    expect(rebuilt).toMatchObject({ code: 0, stdout: 'rebuilt territory.units into territory_units_v1_g2\n' });
    expect(cli(dataDir, 'rebuild', 'no.such-projection')).toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown projection(s): no.such-projection') });
  });

  it('issues a key that the service accepts, and revokes it', async () => {
    const issued = cli(dataDir, 'keys', 'issue', '--role', 'auditor', '--name', 'Auditor from the CLI', '--days', '30');
    expect(issued.code).toBe(0);
    const key = issued.stdout.trim();
    expect(key).toMatch(/^aul\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    let app = await startTestApp({ dataDir, now: new Date() });
    expect((await app.request('GET', '/units', { auth: key })).status).toBe(200);
    await app.close();

    expect(cli(dataDir, 'keys', 'revoke', key.split('.')[1]!, '--reason', 'Audit finished')).toMatchObject({ code: 0 });
    app = await startTestApp({ dataDir, now: new Date() });
    expect((await app.request('GET', '/units', { auth: key })).status).toBe(401);
    await app.close();
  });

  it('exits 2 and names the broken link when a stored event was changed', () => {
    const file = join(dataDir, 'events.db');
    cli(dataDir, 'verify'); // the last connection checkpoints the WAL into the file
    const bytes = readFileSync(file);
    // Every copy of the name in the file (a page may also survive in free space): one byte each.
    let copies = 0;
    for (let at = bytes.indexOf('Bautino'); at >= 0; at = bytes.indexOf('Bautino', at + 1), copies++) bytes[at] = 'b'.charCodeAt(0);
    expect(copies).toBeGreaterThan(0);
    writeFileSync(file, bytes);
    const broken = cli(dataDir, 'verify');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken: hash-mismatch at administrativeUnit-[0-9a-f-]{36} revision 0 \(position \d+\): expected [0-9a-f]{64}, found [0-9a-f]{64}\n$/);
  });

  it('answers usage errors with exit 1 and help with exit 0', () => {
    expect(cli(dataDir, 'no-such-command').code).toBe(1);
    expect(cli(dataDir, 'keys', 'issue', '--role', 'king', '--name', 'x').code).toBe(1);
    expect(cli(dataDir, '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('verify') });
  });
});
