import { base } from './jest.base.js';

/**
 * Three projects, run together by `npm test` (one summary) or alone with `--selectProjects`:
 * unit (deciders, projections, pure modules: src/**\/*.spec.ts and test/unit), int (adapters against real stores),
 * e2e (real HTTP through the real Nest app, and the built service as a process).
 */
export default {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], testTimeout: 60_000 },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 60_000 },
  ],
};
