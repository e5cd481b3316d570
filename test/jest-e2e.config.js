import { base } from '../jest.base.js';

/** End-to-end tests: real HTTP through the real Nest app on SQLite. */
export default { ...base, rootDir: '..', displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 60000 };
