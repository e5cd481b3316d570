import { randomBytes } from 'node:crypto';
import { createApp } from '../app.factory.js';
import { AppConfig } from '../config/app.config.js';
import { FixedClock } from '../shared/http/clock.js';
import { openEventStore } from '../shared/event-store/event-store.module.js';
import { Projections } from '../shared/projections/projections.module.js';
import { createLogger } from '../shared/logging/logger.js';
import { DemoEventStore } from './demo-event-store.js';
import { DEMO_RANDOM_SEED, DemoRandomSource } from './demo-random.js';
import { SCENARIO_STEPS, type ScenarioPort, runScenario } from './scenario.js';

/** The data directory already holds events: the demo is only ever seeded into an empty store. */
export class StoreNotEmptyError extends Error {
  constructor(readonly head: bigint) {
    super(`The event store already holds ${head} events; the demo scenario is seeded into an empty store only`);
    this.name = 'StoreNotEmptyError';
  }
}

/** A command of the scenario was refused: the scenario and the domain disagree (a bug of the seed). */
export class ScenarioCommandError extends Error {
  constructor(readonly path: string, readonly status: number, readonly body: string) {
    super(`Demo scenario: POST ${path} answered ${status}: ${body.slice(0, 2000)}`);
    this.name = 'ScenarioCommandError';
  }
}

/**
 * Appends between wake-ups of the projections, reactors and feed during the scenario's quiet runs (the residents):
 * they apply the log in batches of this size (or of what half a second brought) instead of one command at a time.
 */
const QUIET_WAKE_EVERY = 500;

export type SeedReport = { events: number; commands: number; ms: number };

export type SeedOptions = {
  /** Called after each step of the scenario with the steps done, the total, and what was done. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Residents per pilot unit (smaller in some tests); ~300 by default. */
  residentsPerUnit?: [number, number];
  /** Seed of the random bytes that seal personal values (DEMO_RANDOM_SEED); tests give another to see the log change. */
  randomSeed?: string;
};

/** Whether the configured event store holds no event yet. */
export async function isStoreEmpty(config: AppConfig): Promise<boolean> {
  const store = await openEventStore(config);
  try {
    return (await store.headPosition()) === null;
  } finally {
    await store.close();
  }
}

/**
 * Seeds the demo scenario (DOMAIN.md 6) into the configured, empty stores. The application runs in-process without
 * listening: every command goes through its real HTTP routes by Fastify's `inject` (validation, access rules,
 * handlers, the command pipeline, projections and reactors), never by writing events directly. Business time comes
 * from a fixed clock the scenario moves along the 2017–2020 timeline, and the store stamps `recordedAt` from the same
 * clock; the store wrapper gives events UUIDv5 ids and `metadata.demo = true`. Request and correlation ids are
 * derived from a counter, and the privacy context draws its subject keys, IIN pepper and IVs from a deterministic
 * generator (DemoRandomSource, synthetic data only), so two runs write a byte-identical log (see log-digest.ts).
 */
export async function seedDemo(config: AppConfig, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const clock = new FixedClock(new Date('2017-01-16T04:00:00.000Z'));
  const adminKey = config.adminApiKey ?? `demo_${randomBytes(24).toString('base64url')}`;
  // Signed Merkle checkpoints are taken on a timer: off while seeding (they would land at varying positions), the
  // service takes them once it runs. The event and key stores commit without an fsync each (synchronous=NORMAL: a
  // process crash loses nothing, a power loss may lose the last commits): the seed fills empty stores and is only ever
  // run again from empty, and closing the stores at the end checkpoints their WAL into the database files, with an
  // fsync. Their FULL commits (two appends and three key-store writes per resident) were most of the seed's
  // wall-clock time.
  const seedConfig: AppConfig = new AppConfig({
    ...config, adminApiKey: adminKey, rateLimitPerMinute: 1_000_000, sqliteSynchronous: 'NORMAL', sqliteKeysSynchronous: 'NORMAL', checkpointSigningKey: undefined,
  });
  const inner = await openEventStore(seedConfig, { clock: () => clock.now() });
  const head = await inner.headPosition();
  if (head !== null) {
    await inner.close();
    throw new StoreNotEmptyError(head);
  }
  const logger = createLogger(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn', process.stderr);
  const random = new DemoRandomSource(options.randomSeed ?? DEMO_RANDOM_SEED);
  const store = new DemoEventStore(inner);
  const app = await createApp({ config: seedConfig, clock, eventStore: store, randomSource: random, logger });
  const projections = app.get(Projections);
  let commands = 0;
  const send = (method: 'GET' | 'POST', path: string, body?: unknown) => {
    commands++;
    return app.inject({
      method,
      url: path,
      headers: {
        authorization: `Bearer ${adminKey}`,
        'x-request-id': `demo-${commands}`,
        'x-correlation-id': `demo-seed`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  };
  const request = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await send(method, path, body);
    if (res.statusCode < 200 || res.statusCode > 299) throw new ScenarioCommandError(`${method} ${path}`, res.statusCode, res.body);
    return res.body ? JSON.parse(res.body) : {};
  };
  const port: ScenarioPort = {
    post: (path, body = {}) => request('POST', path, body),
    get: async (path) => {
      await projections.catchUp();
      return request('GET', path);
    },
    at: (iso) => clock.set(new Date(iso)),
    settle: async () => {
      await projections.catchUp();
      await projections.catchUp();
    },
    quietly: async (work) => {
      store.wakeEvery(QUIET_WAKE_EVERY);
      try {
        await work();
      } finally {
        store.wakeEvery(1);
        store.wake();
      }
      await port.settle();
    },
    progress: (done, label) => options.onProgress?.(Math.min(done, SCENARIO_STEPS), SCENARIO_STEPS, label),
  };
  try {
    await runScenario(port, { residentsPerUnit: options.residentsPerUnit });
    await port.settle();
    options.onProgress?.(SCENARIO_STEPS, SCENARIO_STEPS, 'done');
    const events = Number((await inner.headPosition()) ?? 0n);
    return { events, commands, ms: Math.round(performance.now() - started) };
  } finally {
    await app.close();
    random.retire();
  }
}
