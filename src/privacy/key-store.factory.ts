import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app.config.js';
import type { ReadStore } from '../shared/read-store/read-store.port.js';
import { SqliteReadStore } from '../shared/read-store/sqlite/sqlite-read-store.js';
import { type MasterKey, MasterKeyError, generateMasterKey, parseMasterKey } from './master-key.js';
import { type RandomSource, systemRandom } from './random-source.js';
import { SubjectKeyStore } from './subject-key-store.js';

/** File in DATA_DIR holding a generated master key when MASTER_KEY is not configured (never in production). */
export const MASTER_KEY_FILE = 'master.key';

/**
 * Opens the key store: a SQLite file with FULL durability (NORMAL only while the demo seed fills a fresh store) and
 * secure delete beside the SQLite read store, or the MongoDB read store's database. The master key comes from
 * MASTER_KEY, else from DATA_DIR/master.key; one is generated only for a fresh store outside production. A missing or
 * wrong key throws MasterKeyError before anything is written. Keys and IVs come from `random` (the system CSPRNG; see random-source.ts).
 */
export async function openKeyStore(config: AppConfig, readStore: ReadStore | null, log: (message: string) => void = () => undefined, random: RandomSource = systemRandom): Promise<{ keys: SubjectKeyStore; backing: ReadStore; owned: boolean }> {
  const owned = config.readStore === 'sqlite';
  if (!owned && !readStore) throw new Error('The MongoDB key store needs the read store');
  const backing = owned ? SqliteReadStore.open(config.sqliteKeysPath, { synchronous: config.sqliteKeysSynchronous ?? 'FULL', secureDelete: true }) : readStore!;
  try {
    const current = await resolveMasterKey(config, backing, log);
    const previous = config.previousMasterKeys.map((k) => parseMasterKey(k, 'PREVIOUS_MASTER_KEYS'));
    return { keys: await SubjectKeyStore.open(backing, current, previous, { random }), backing, owned };
  } catch (e) {
    if (owned) await backing.close();
    throw e;
  }
}

/**
 * Proves at start-up, before any store is opened for writing, that the master key opens the SQLite key store
 * (with MongoDB the key store is checked when the read store connects, and nothing is written before that either).
 */
export async function preflightKeyStore(config: AppConfig, log?: (message: string) => void): Promise<void> {
  if (config.readStore !== 'sqlite') return;
  const { backing } = await openKeyStore(config, null, log);
  await backing.close();
}

async function resolveMasterKey(config: AppConfig, store: ReadStore, log: (message: string) => void): Promise<MasterKey> {
  if (config.masterKey) return parseMasterKey(config.masterKey);
  const file = join(config.dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'), file);
  await store.ensureCollection({ name: 'subject_keys', fields: [] });
  const fresh = (await store.count('subject_keys')) === 0 && (await store.getMeta('key-store:iin-pepper')) === null;
  if (!fresh) throw new MasterKeyError('MASTER_KEY is missing: this key store already holds subject keys; set MASTER_KEY to the key they were written with');
  if (config.production) throw new MasterKeyError('MASTER_KEY is required in production');
  const text = generateMasterKey();
  writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  log(`MASTER_KEY is not set: a master key was generated into ${file}; keep it safe, it is needed to read personal data`);
  return parseMasterKey(text);
}
