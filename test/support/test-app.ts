import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import type { AppModuleOptions } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app.config.js';
import { FixedClock } from '../../src/shared/http/clock.js';
import { EVENT_STORE, type EventStore } from '../../src/shared/event-store/event-store.port.js';
import { pino } from 'pino';
import { createLogger } from '../../src/shared/logging/logger.js';
import { logFile, personalValuesOf, rememberSensitive } from './log-scan.js';
import { Projections } from '../../src/shared/projections/projections.module.js';
import { READ_STORE, type ReadStore } from '../../src/shared/read-store/read-store.port.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export type TestApp = {
  app: NestFastifyApplication;
  /** Base URL of the real HTTP server, on loopback and an ephemeral port. */
  url: string;
  /** The application's event store (for asserting what was appended). */
  store: EventStore;
  reads: ReadStore;
  projections: Projections;
  /** Waits until every projection has applied the whole log. */
  catchUp: () => Promise<void>;
  clock: FixedClock;
  dataDir: string;
  /** fetch against the app, with the admin key unless `auth: null`, and JSON bodies. */
  request: (method: string, path: string, options?: RequestOptions) => Promise<TestResponse>;
  /** Stops the app; the data directory stays until `cleanup`. */
  close: () => Promise<void>;
  /** Stops the app and deletes its data directory. */
  cleanup: () => Promise<void>;
};

export type RequestOptions = { body?: unknown; rawBody?: string; headers?: Record<string, string>; auth?: string | null };
export type TestResponse = { status: number; headers: Headers; body: any; text: string };

/**
 * Starts the real application on SQLite files in a fresh (or given) data directory, listening on 127.0.0.1 with an
 * ephemeral port, with a fixed clock. Logs are silent unless TEST_LOG_LEVEL is set.
 */
export async function startTestApp(
  options: { dataDir?: string; env?: Record<string, string>; now?: Date; imports?: AppModuleOptions['imports']; logLines?: string[] } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aul-ledger-e2e-'));
  // The e2e-esdb projects choose the event store through the environment (test/support/esdb-e2e-setup.ts).
  const fromProcess = Object.fromEntries(['EVENT_STORE', 'ESDB_URL'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  const config = loadConfig({ DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY, PORT: '0', ...fromProcess, ...options.env });
  const clock = new FixedClock(options.now ?? new Date('2019-06-05T09:30:00.000Z'));
  const app = await createApp({ config, clock, imports: options.imports, logger: testLogger(options.logLines) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const request = async (method: string, path: string, { body, rawBody, headers = {}, auth = ADMIN_KEY }: RequestOptions = {}) => {
    rememberSensitive([auth, ...personalValuesOf(body)]);
    const h: Record<string, string> = { ...headers };
    if (auth !== null) h.authorization = `Bearer ${auth}`;
    let payload: string | undefined = rawBody;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    rememberSensitive([(parsed as { apiKey?: string } | undefined)?.apiKey]);
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    url,
    store: app.get<EventStore>(EVENT_STORE),
    reads: app.get<ReadStore>(READ_STORE),
    projections: app.get(Projections),
    catchUp: () => app.get(Projections).catchUp(),
    clock,
    dataDir,
    request,
    close,
    cleanup: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test app's logger: every line (from info up, with request logs) goes to a file of the whole-run log scan and,
 * when a test asks, to `lines`.
 */
const testLogger = (lines?: string[]) => {
  const file = pino.destination({ dest: logFile(), sync: true });
  const destination = { write: (line: string) => (lines?.push(line), file.write(line)) };
  return createLogger(process.env.TEST_LOG_LEVEL ?? 'info', destination);
};

/** Number of events in the whole log (the head position on SQLite, where positions start at 1 with no gaps). */
export const eventCount = async (store: EventStore): Promise<number> => {
  let count = 0;
  let after: bigint | null = null;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch.at(-1)!.position;
  }
};
