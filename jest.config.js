import { base } from './jest.base.js';

/** e2e projects share one whole-run scan of their logs for keys and personal values (test/support/log-scan.ts). */
const e2e = {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/log-scan.setup.cjs',
  globalTeardown: '<rootDir>/test/support/log-scan.teardown.cjs',
};

/**
 * The e2e suite again with EVENT_STORE=esdb: every spec file gets its own EventStoreDB test double on a loopback
 * port (test/support/esdb-e2e-setup.ts; docs/esdb-test-double.md), or the EventStoreDB that ESDB_URL names.
 * `batchAppend` says whether the double advertises Streams.BatchAppend, so that both client append paths run.
 * The service-process, cli and integrity-cli specs are left out: they spawn dist/main.js or dist/cli/main.js with an environment of
 * their own (PATH and the variables they name), so they run on SQLite whatever this project sets, and would only
 * repeat the e2e project's run.
 */
const e2eEsdb = (displayName, batchAppend, testMatch = e2e.testMatch) => ({
  ...e2e,
  displayName,
  testMatch,
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/service-process\\.e2e-spec\\.ts$', '/test/e2e/cli\\.e2e-spec\\.ts$', '/test/e2e/integrity-cli\\.e2e-spec\\.ts$', '/test/e2e/cli-seed\\.e2e-spec\\.ts$'],
  setupFilesAfterEnv: ['<rootDir>/test/support/esdb-e2e-setup.ts'],
  globals: { esdbDoubleBatchAppend: batchAppend },
});

/**
 * The client's Append path differs from BatchAppend only in how one append travels; the EventStoreDB contract suite
 * (int) runs every store operation on both paths. So the Append-path e2e project runs the specs whose subject is the
 * append itself (expected revisions, idempotency, racing commands, reservations, read-your-writes, the whole path),
 * not every spec a third time.
 */
const APPEND_PATH_SPECS = ['command-pipeline', 'grant-calls', 'grant-applications', 'read-side', 'whole-path'].map((name) => `<rootDir>/test/e2e/${name}.e2e-spec.ts`);

/**
 * Seven projects, run together by `npm test` (one summary) or alone with `--selectProjects`:
 * unit (deciders, projections, pure modules: src/**\/*.spec.ts and test/unit), int (adapters against real stores),
 * e2e (real HTTP through the real Nest app, and the built service as a process), and e2e-esdb / e2e-esdb-append
 * (the e2e specs on the EventStoreDB adapter, through the client's BatchAppend path, and the append-centred ones through
 * its Append path), browser
 * (the public portal in Debian's chromium) and reliability (crash, fault and fuzz runs against the built service).
 */
export default {
  // A project's own testTimeout is not applied by Jest; this one is, for every project.
  testTimeout: 60_000,
  // Two workers on two cores (Jest's default would run everything in one process, whose memory grows file after file
  // and slows the later suites); a worker that grows past 1 GB is replaced between test files.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], testTimeout: 60_000 },
    { ...e2e, displayName: 'e2e' },
    e2eEsdb('e2e-esdb', true),
    e2eEsdb('e2e-esdb-append', false, APPEND_PATH_SPECS),
    // The portal in Debian's chromium (playwright-core): once, on SQLite (docs/portal.md).
    { ...e2e, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], testTimeout: 120_000 },
    // Crash, fault and fuzz runs against the built service (docs/reliability.md); once, on SQLite.
    { ...base, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'] },
  ],
};
