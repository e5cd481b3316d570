import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type LoadResult = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number; total: number; statusCodes: Record<string, number> };
type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: AutocannonRequest) => AutocannonRequest };
type Autocannon = (options: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  [key: string]: unknown;
}>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The node flags of the service: those of `npm start` in package.json. */
export const SERVICE_NODE_FLAGS: string[] = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(' ')
  .filter((a) => a.startsWith('--'));
export const BENCH_KEY = 'bench-admin-key-0123456789abcdef';
export const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
export const DURATION = Number(process.env.DURATION ?? 10);

/** Drives `url` with autocannon (CONNECTIONS connections, DURATION seconds, loopback), after a 2-second warm-up. */
export async function load(url: string, request: AutocannonRequest, options: { warmup?: boolean } = {}): Promise<LoadResult> {
  const run = (duration: number) => autocannon({ url, connections: CONNECTIONS, duration, requests: [request] });
  if (options.warmup !== false) await run(2);
  const r = await run(DURATION);
  const statusCodes = Object.fromEntries(
    Object.entries(r)
      .filter(([k, v]) => /^\dxx$/.test(k) && typeof v === 'number' && v > 0)
      .map(([k, v]) => [k, v as number]),
  );
  return { requestsPerSecond: Math.round(r.requests.total / DURATION), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, total: r.requests.total, statusCodes };
}

export type Server = { url: string; child: ChildProcess; rss: () => Promise<number>; memory: () => Promise<NodeJS.MemoryUsage>; catchUp: () => Promise<void>; stop: () => Promise<void> };

/** Starts bench/http-server.js in `mode` ('app' or 'bare') with `env`, and waits until it listens. */
export function startServer(mode: 'app' | 'bare', env: Record<string, string>): Promise<Server> {
  // The application runs with the node flags of `npm start` (its heap limit); BENCH_NODE_FLAGS adds more (--cpu-prof).
  const execArgv = [...(mode === 'app' ? SERVICE_NODE_FLAGS : []), ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  const child = fork(join(import.meta.dirname, 'http-server.js'), [mode], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(type: string, key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        child.off('message', on);
        if (m.error) reject(new Error(String(m.error)));
        else resolve(m[key] as T);
      };
      child.on('message', on);
      child.send({ type });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    child.once('message', (m: { url: string }) =>
      resolve({
        url: m.url,
        child,
        rss: () => ask<number>('rss', 'rss'),
        memory: () => ask<NodeJS.MemoryUsage>('memory', 'memory'),
        catchUp: async () => {
          await ask<boolean>('catch-up', 'caughtUp');
        },
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ type: 'stop' });
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      }),
    );
  });
}

export const megabytes = (bytes: number): number => Math.round(bytes / 2 ** 20);
