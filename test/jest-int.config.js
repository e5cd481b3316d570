import { base } from '../jest.base.js';

/** Integration tests: adapters against real stores (SQLite files, a MongoDB-wire server, EventStoreDB where reachable). */
export default { ...base, rootDir: '..', displayName: 'int', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], testTimeout: 60000 };
