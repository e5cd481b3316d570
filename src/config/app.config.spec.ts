import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app.config.js';

const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig({ DATA_DIR: dir, ...env });
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
};

describe('loadConfig', () => {
  it('defaults to the embedded stores in DATA_DIR with durable commits', () => {
    const c = loadConfig({ DATA_DIR: dir });
    expect(c).toMatchObject({
      host: '127.0.0.1', port: 3000, eventStore: 'sqlite', readStore: 'sqlite', sqliteSynchronous: 'FULL',
      sqliteEventsPath: join(dir, 'events.db'), bodyLimit: 1_048_576, commandRetries: 5, logLevel: 'info',
    });
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'store' }, { cwd: dir, checkDataDir: false }).dataDir).toBe(join(dir, 'store'));
  });

  it('requires the URL of a production store', () => {
    expect(problemsOf({ EVENT_STORE: 'esdb' })).toEqual(['ESDB_URL is required']);
    expect(problemsOf({ READ_STORE: 'mongo' })).toEqual(['MONGODB_URL is required']);
    expect(problemsOf({ EVENT_STORE: 'esdb', ESDB_URL: 'http://localhost:2113' })).toEqual(['ESDB_URL must be a esdb or esdb+discover URL']);
    expect(loadConfig({ DATA_DIR: dir, EVENT_STORE: 'esdb', ESDB_URL: 'esdb://localhost:2113?tls=false' }).esdbUrl).toBe('esdb://localhost:2113?tls=false');
  });

  it('collects every problem at once', () => {
    expect(problemsOf({ EVENT_STORE: 'postgres', PORT: 'eighty', SQLITE_SYNCHRONOUS: 'OFF', ADMIN_API_KEY: 'short' })).toEqual([
      'EVENT_STORE must be one of sqlite, esdb (got "postgres")',
      'ADMIN_API_KEY must be at least 24 characters',
      'PORT must be an integer from 0 to 65535 (got "eighty")',
      'SQLITE_SYNCHRONOUS must be one of FULL, NORMAL (got "OFF")',
    ]);
  });

  it('checks master keys and requires one in production', () => {
    const key = `mk1:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(loadConfig({ DATA_DIR: dir, MASTER_KEY: key, PREVIOUS_MASTER_KEYS: `${key.replace('mk1', 'mk0')}, ` })).toMatchObject({ masterKey: key, previousMasterKeys: [key.replace('mk1', 'mk0')] });
    expect(problemsOf({ MASTER_KEY: 'mk1:short' })).toEqual(['MASTER_KEY must be "<id>:<base64 of 32 bytes>"']);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['MASTER_KEY is required in production (NODE_ENV=production)']);
  });

  it('checks the checkpoint signing key and schedule', () => {
    const seed = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ DATA_DIR: dir, CHECKPOINT_SIGNING_KEY: seed })).toMatchObject({ checkpointSigningKey: seed, checkpointOrigin: 'aul-ledger', checkpointEveryEvents: 1000, checkpointEverySeconds: 300 });
    expect(problemsOf({ CHECKPOINT_SIGNING_KEY: 'c2hvcnQ=', CHECKPOINT_EVERY_EVENTS: '0', CHECKPOINT_ORIGIN: 'a b' })).toEqual([
      expect.stringMatching(/^CHECKPOINT_SIGNING_KEY must be an Ed25519 PKCS#8 PEM private key or base64 of a 32-byte seed/),
      'CHECKPOINT_ORIGIN must be 1 to 128 characters without spaces or "+"',
      'CHECKPOINT_EVERY_EVENTS must be an integer from 1 to 10000000 (got "0")',
    ]);
  });

  it('refuses a DATA_DIR that cannot be a writable folder', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(problemsOf({ DATA_DIR: join(file, 'data') })).toEqual([expect.stringMatching(/^DATA_DIR .* is not a writable folder \(ENOTDIR\)$/)]);
  });
});
