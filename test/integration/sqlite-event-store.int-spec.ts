import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { SqliteEventStore } from '../../src/shared/event-store/sqlite/sqlite-event-store.js';
import { eventStoreContract } from '../contracts/event-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'aul-ledger-es-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A long poll interval proves that in-process subscribers are woken by appends, not by polling.
eventStoreContract('sqlite file', async () => SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 60_000 }));
eventStoreContract('sqlite :memory:', async () => SqliteEventStore.open(':memory:', { pollIntervalMs: 60_000 }));
