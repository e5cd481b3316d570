import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SigningKeyError, parseSigningKey } from '../integrity/checkpoint.js';

/** Typed configuration, parsed once from the environment at start-up. Injected as a class token. */
export class AppConfig {
  /** HTTP listen address. @default 127.0.0.1 */
  readonly host!: string;
  /** HTTP port. @default 3000 */
  readonly port!: number;
  /** Folder of the embedded stores' files. @default ./data */
  readonly dataDir!: string;
  /** Event store adapter. @default sqlite */
  readonly eventStore!: 'sqlite' | 'esdb';
  /** EventStoreDB connection string, required with EVENT_STORE=esdb. */
  readonly esdbUrl?: string;
  /** Read store adapter. @default sqlite */
  readonly readStore!: 'sqlite' | 'mongo';
  /** MongoDB connection string, required with READ_STORE=mongo. */
  readonly mongodbUrl?: string;
  /** SQLite event store file, or `:memory:`. @default DATA_DIR/events.db */
  readonly sqliteEventsPath!: string;
  /** SQLite read store file, or `:memory:`. @default DATA_DIR/read.db */
  readonly sqliteReadPath!: string;
  /** Longest wait of a query for the position named in its Consistent-With header, in ms. @default 2000 */
  readonly readWaitMs!: number;
  /** `PRAGMA synchronous` of the SQLite event store. @default FULL */
  readonly sqliteSynchronous!: 'FULL' | 'NORMAL';
  /** Largest accepted request body in bytes. @default 1048576 */
  readonly bodyLimit!: number;
  /** Retries of a command after a concurrency conflict when the client sent no If-Match. @default 5 */
  readonly commandRetries!: number;
  /** Revisions between persisted snapshots of a stream's folded state (in the read store); 0 turns them off. @default 1000 */
  readonly snapshotEvery!: number;
  /** Bootstrap administrator key (plaintext, hashed at start-up). When absent one is generated into DATA_DIR. */
  readonly adminApiKey?: string;
  /** Master key `<id>:<base64 of 32 bytes>` that wraps the data subjects' keys. When absent, DATA_DIR/master.key (generated on a fresh store outside production). */
  readonly masterKey?: string;
  /** Former master keys, comma-separated, kept readable during a rotation. */
  readonly previousMasterKeys!: string[];
  /** SQLite key store file (subject keys and the IIN index), or `:memory:`. @default DATA_DIR/keys.db */
  readonly sqliteKeysPath!: string;
  /** `PRAGMA synchronous` of the SQLite key store: FULL unless the demo seed asks for NORMAL (not read from the environment). */
  readonly sqliteKeysSynchronous?: 'FULL' | 'NORMAL';
  /** true when NODE_ENV=production: secrets must be configured, nothing is generated. */
  readonly production!: boolean;
  /** Requests per minute per API key (or per address without a key); public routes have a stricter limit. @default 1200 */
  readonly rateLimitPerMinute!: number;
  /** Requests per minute per address on public routes. @default 300 */
  readonly publicRateLimitPerMinute!: number;
  /** Origins allowed by CORS (comma-separated), or `*`; none by default. */
  readonly corsOrigins!: string[];
  /** Longest time to receive a whole request, in ms. @default 30000 */
  readonly requestTimeoutMs!: number;
  /** Minutes between scheduled projection drift checks (src/audit); 0 turns the schedule off. @default 0 */
  readonly driftCheckMinutes!: number;
  /** Ed25519 key that signs Merkle checkpoints (PKCS#8 PEM or base64 of a 32-byte seed); no checkpoints without it. */
  readonly checkpointSigningKey?: string;
  /** Origin line of the signed checkpoints, also the signing key's name. @default aul-ledger */
  readonly checkpointOrigin!: string;
  /** A checkpoint after this many new events. @default 1000 */
  readonly checkpointEveryEvents!: number;
  /** A checkpoint this many seconds after the last one when any event is new. @default 300 */
  readonly checkpointEverySeconds!: number;
  /** pino level. @default info */
  readonly logLevel!: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

/** The configuration is invalid; `problems` lists every reason, the message puts them on one line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Parses and validates the environment. Collects every problem and throws one ConfigError.
 * `checkDataDir: false` skips creating and probing DATA_DIR (for validating a configuration meant for another machine).
 */
export function loadConfig(env: Env = process.env, { checkDataDir = true, cwd = process.cwd() } = {}): AppConfig {
  const problems: string[] = [];
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = get(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
      return fallback;
    }
    return v as T;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, schemes: string[], required: boolean): string | undefined => {
    const v = get(name);
    if (v === undefined) {
      if (required) problems.push(`${name} is required`);
      return undefined;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v)?.[1]?.toLowerCase();
    if (!scheme || !schemes.includes(scheme)) problems.push(`${name} must be a ${schemes.join(' or ')} URL`);
    return v;
  };

  const eventStore = oneOf('EVENT_STORE', ['sqlite', 'esdb'] as const, 'sqlite');
  const readStore = oneOf('READ_STORE', ['sqlite', 'mongo'] as const, 'sqlite');
  const dataDirRaw = get('DATA_DIR') ?? 'data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const adminApiKey = get('ADMIN_API_KEY');
  if (adminApiKey !== undefined && adminApiKey.length < 24) problems.push('ADMIN_API_KEY must be at least 24 characters');
  for (const [name, value] of [['MASTER_KEY', get('MASTER_KEY')], ...(get('PREVIOUS_MASTER_KEYS') ?? '').split(',').filter((k) => k.trim()).map((k) => ['PREVIOUS_MASTER_KEYS', k] as const)] as const) {
    if (value !== undefined && !/^[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/_-]{43}=?$/.test(value.trim())) problems.push(`${name} must be "<id>:<base64 of 32 bytes>"`);
  }
  const checkpointSigningKey = get('CHECKPOINT_SIGNING_KEY');
  if (checkpointSigningKey !== undefined) {
    try {
      parseSigningKey(checkpointSigningKey);
    } catch (e) {
      if (!(e instanceof SigningKeyError)) throw e;
      problems.push(`CHECKPOINT_SIGNING_KEY ${e.message}`);
    }
  }
  const checkpointOrigin = get('CHECKPOINT_ORIGIN') ?? 'aul-ledger';
  if (!/^[^+\s]{1,128}$/.test(checkpointOrigin)) problems.push('CHECKPOINT_ORIGIN must be 1 to 128 characters without spaces or "+"');
  if (get('NODE_ENV') === 'production' && !get('MASTER_KEY')) problems.push('MASTER_KEY is required in production (NODE_ENV=production)');
  const config = new AppConfig({
    host: get('HOST') ?? '127.0.0.1',
    port: int('PORT', 3000, 0, 65535),
    dataDir,
    eventStore,
    esdbUrl: url('ESDB_URL', ['esdb', 'esdb+discover'], eventStore === 'esdb'),
    readStore,
    mongodbUrl: url('MONGODB_URL', ['mongodb', 'mongodb+srv'], readStore === 'mongo'),
    sqliteEventsPath: get('SQLITE_EVENTS_PATH') ?? join(dataDir, 'events.db'),
    sqliteReadPath: get('SQLITE_READ_PATH') ?? join(dataDir, 'read.db'),
    readWaitMs: int('READ_WAIT_MS', 2000, 0, 60_000),
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    bodyLimit: int('BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    commandRetries: int('COMMAND_RETRIES', 5, 0, 100),
    snapshotEvery: int('SNAPSHOT_EVERY', 1000, 0, 10_000_000),
    adminApiKey,
    masterKey: get('MASTER_KEY'),
    previousMasterKeys: (get('PREVIOUS_MASTER_KEYS') ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    sqliteKeysPath: get('SQLITE_KEYS_PATH') ?? join(dataDir, 'keys.db'),
    production: get('NODE_ENV') === 'production',
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    publicRateLimitPerMinute: int('PUBLIC_RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    corsOrigins: (get('CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    driftCheckMinutes: int('DRIFT_CHECK_MINUTES', 0, 0, 10_080),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    checkpointSigningKey,
    checkpointOrigin,
    checkpointEveryEvents: int('CHECKPOINT_EVERY_EVENTS', 1000, 1, 10_000_000),
    checkpointEverySeconds: int('CHECKPOINT_EVERY_SECONDS', 300, 1, 86_400 * 7),
  });
  if (checkDataDir && problems.length === 0) {
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK | constants.R_OK);
    } catch (e) {
      problems.push(`DATA_DIR ${dataDir} is not a writable folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The configuration from the environment for a process's entry point: a bad one exits 1 with its one-line message. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
