import { describe, expect, it } from '@jest/globals';
import { requireBuild, runScript, summaryLine } from './run-script.js';

/**
 * The crash test in its bounded form (reliability/crash.mjs; docs/reliability.md): the built service under load is
 * SIGKILLed 5 times at seeded random moments and restarted; no acknowledged command may be lost or half-applied, every
 * hash chain must verify and every projection must converge to a clean rebuild. The full form is `npm run reliability:crash`.
 */
describe('Crash safety (bounded: 5 kills)', () => {
  it('loses no acknowledged command, half-applies none, keeps every chain and converges every projection', async () => {
    requireBuild();
    const seed = process.env.RELIABILITY_SEED ?? String(Date.now() % 100000);
    const run = await runScript('crash.mjs', ['--kills', '5', '--seed', seed]);
    const line = summaryLine(run.stdout, 'reliability crash:');
    expect({ code: run.code, failures: run.stderr.split('\n').filter((l) => l.startsWith('FAIL')) }).toEqual({ code: 0, failures: [] });
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number | string>;
    expect(line).toMatch(/^reliability crash: PASS kills=5 /);
    expect(summary).toMatchObject({ kills: 5, ackedLost: 0, chains: 'ok', failures: 0 });
    expect(summary.acknowledged).toBeGreaterThan(20);
    expect(summary.projectionsConverged).toBe(summary.projections);
  }, 150_000);

  it('the checker itself fails a run whose ack log names a command the store does not hold', async () => {
    requireBuild();
    const run = await runScript('crash.mjs', ['--kills', '1', '--seed', '7', '--forge-ack', '--max-ms', '800']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FAIL round final: acknowledged RenameUnit forged-0000 .* found 0 events/);
    expect(run.stdout).toMatch(/reliability crash: FAIL .* lost=1 /);
  }, 90_000);
});
