import { base } from './jest.base.js';

/** Unit tests: deciders, projections and pure modules, co-located as src/**\/*.spec.ts. */
export default { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] };
