import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const MAIN = join(process.cwd(), 'dist', 'main.js');

/** Fails early with a clear message when the service has not been built (the scripts spawn dist/main.js). */
export const requireBuild = () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
};

/** Runs a reliability script with node; resolves with its exit code and output. */
export const runScript = (script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'reliability', script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

/** The script's summary line (it starts with `prefix`), echoed to the CI log. */
export const summaryLine = (stdout: string, prefix: string): string => {
  const line = stdout.split('\n').find((l) => l.startsWith(prefix)) ?? '';
  process.stderr.write(`${line}\n`);
  return line;
};
