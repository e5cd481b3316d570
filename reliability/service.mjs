// Starts and stops the built service (dist/main.js) as a child process, for the reliability runs.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const MAIN = join(ROOT, 'dist', 'main.js');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const ADMIN_KEY = 'reliability-admin-key-0123456789abcdef';

/** A free loopback port (the service is restarted on the same one, so that the load generator keeps its URL). */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The environment of the service and the CLI: only what they need, on SQLite files in `dataDir`. */
export const serviceEnv = (dataDir, port, extra = {}) => ({
  PATH: process.env.PATH ?? '',
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  ADMIN_API_KEY: ADMIN_KEY,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '1000000',
  PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
  ...extra,
});

/** Starts dist/main.js and resolves once /health/live answers (at most `timeoutMs`). */
export async function startService(dataDir, port, { extraEnv = {}, timeoutMs = 30_000 } = {}) {
  const child = spawn(process.execPath, [MAIN], { env: serviceEnv(dataDir, port, extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  // JSON log lines at level error (50) or fatal (60): a 5xx that a check might miss, or a crash.
  const errors = [];
  let partial = '';
  child.stdout.on('data', (d) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop();
    for (const line of lines) if (/"level":(50|60)/.test(line)) errors.push(line.slice(0, 2000));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let dead = null;
  void exited.then((e) => (dead = e));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (dead) throw new Error(`service exited during start-up (${JSON.stringify(dead)}): ${stderr}`);
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not start within ${timeoutMs} ms: ${stderr}`);
    }
    await sleep(50);
  }
  return { child, url, exited, stderr: () => stderr, errors };
}

/** Waits until /health reports every projection and reactor live with no lag. */
export async function waitCaughtUp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await (await fetch(`${url}/health`)).json();
    const projections = health.projections ?? [];
    if (projections.length > 0 && projections.every((p) => p.lag === '0' && p.state !== 'failed' && (p.kind !== 'projection' || p.serving))) return health;
    if (Date.now() > deadline) throw new Error(`projections did not catch up: ${JSON.stringify(projections.filter((p) => p.lag !== '0'))}`);
    await sleep(100);
  }
}

/** SIGTERM and wait for a clean exit. */
export async function stopService(service) {
  service.child.kill('SIGTERM');
  const exit = await service.exited;
  if (exit.code !== 0) throw new Error(`service did not stop cleanly: ${JSON.stringify(exit)} ${service.stderr()}`);
}

/** Runs the CLI with the service's environment; resolves with its exit code and output. */
export function runCli(dataDir, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: serviceEnv(dataDir, 0), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out: out.trim() }));
  });
}

/** Seeded PRNG (mulberry32): the same seed gives the same kill times and command mix. */
export const prng = (seed) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
