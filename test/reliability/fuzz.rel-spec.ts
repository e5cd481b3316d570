import { spawnSync } from 'node:child_process';
import { expect, it } from '@jest/globals';
import { describeIf } from '../support/describe-if.js';
import { requireBuild, runScript, summaryLine } from './run-script.js';

const python = process.env.PYTHON ?? 'python3';
const installed = spawnSync(python, ['-m', 'schemathesis.cli', '--version'], { encoding: 'utf8' }).status === 0;

/**
 * Schemathesis against /openapi.json in its bounded form (reliability/fuzz.mjs; docs/reliability.md): every operation,
 * 5 generated cases each, with an administrator key; no 5xx, every 4xx problem+json, no error in the service's log.
 * CI installs Schemathesis (.ci/run), so there it never skips. The full form is `npm run reliability:fuzz`.
 */
describeIf(installed || !!process.env.CI, `Schemathesis is not installed for ${python} (pip install schemathesis==4.32.5)`)('API fuzzing (bounded)', () => {
  it('finds no 5xx and no 4xx that is not problem+json on any operation', async () => {
    requireBuild();
    const run = await runScript('fuzz.mjs', ['--examples', '5', '--phases', 'fuzzing', '--seed', process.env.RELIABILITY_SEED ?? '1']);
    const line = summaryLine(run.stdout, 'reliability fuzz:');
    expect({ code: run.code, line }).toEqual({ code: 0, line: expect.stringMatching(/^reliability fuzz: PASS /) });
    expect(Number(/operations=(\d+)/.exec(line)?.[1])).toBeGreaterThan(100);
    expect(Number(/cases=(\d+)/.exec(line)?.[1])).toBeGreaterThan(300);
  }, 240_000);
});
