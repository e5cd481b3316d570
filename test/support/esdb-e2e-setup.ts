/**
 * Setup of the e2e-esdb Jest projects (jest.config.js): each e2e spec file runs the real app with EVENT_STORE=esdb
 * against a private EventStoreDB test double (test/support/esdb-double, docs/esdb-test-double.md) on a loopback
 * port, started before the file's own hooks and stopped after them. The project's `globals.esdbDoubleBatchAppend`
 * says whether the double advertises Streams.BatchAppend, i.e. which client append path the app uses.
 *
 * With ESDB_URL set, the files run against that EventStoreDB instead (e.g. `docker compose up eventstore`).
 * `process.env` is a copy per test file in Jest, so nothing set here leaks into other files. The double stops in a
 * top-level afterAll, which Jest runs after the afterAll hooks of the file's describe blocks (where every e2e spec
 * keeps its hooks) but before a top-level afterAll of the spec file itself.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, expect, jest } from '@jest/globals';
import { EsdbDouble } from './esdb-double/index.js';

const batchAppend = (globalThis as { esdbDoubleBatchAppend?: boolean }).esdbDoubleBatchAppend ?? true;
const external = process.env.ESDB_URL;
const path = batchAppend ? 'BatchAppend' : 'Append';
let double: EsdbDouble | null = null;

process.env.EVENT_STORE = 'esdb';
// A project's own `testTimeout` is not applied by Jest (only the global one is). Over gRPC, with the double serving in
// the same process as the app, the 50 concurrent commands of command-pipeline take 1-4 s on a busy 2-core machine.
jest.setTimeout(60_000);

beforeAll(async () => {
  if (external) return;
  // A system event of the node after every fifth append, as on a node that writes its stats to the database.
  double = await EsdbDouble.start({ batchAppend, systemEventEvery: 5 });
  process.env.ESDB_URL = double.url;
});

afterAll(async () => {
  const file = basename(expect.getState().testPath ?? 'unknown file');
  if (!double) {
    process.stderr.write(`e2e-esdb: ${file} ran against the EventStoreDB at ESDB_URL (the server chooses the append path)\n`);
    return;
  }
  const { append, batchAppend: batches } = double.calls;
  await double.stop();
  process.stderr.write(`e2e-esdb (${path} path): ${file} ran against ${double.describe()}: ${append} Append calls, ${batches} BatchAppend appends\n`);
  const wrong = batchAppend ? append : batches;
  if (wrong > 0) throw new Error(`The app appended through the wrong client path: ${append} Append calls and ${batches} BatchAppend appends with BatchAppend ${batchAppend ? '' : 'not '}advertised`);
});
