import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { SqliteReadStore } from '../../src/shared/read-store/sqlite/sqlite-read-store.js';
import { readStoreContract } from '../contracts/read-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-rs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readStoreContract('sqlite file', async () => SqliteReadStore.open(join(dir, 'read.db')));
readStoreContract('sqlite :memory:', async () => SqliteReadStore.open(':memory:'));
