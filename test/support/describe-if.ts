import { describe } from '@jest/globals';

/**
 * `describe` when `condition` holds; otherwise a skipped suite whose name says why, and one line on stderr, so a
 * skip is never silent.
 */
export const describeIf = (condition: boolean, why: string) => {
  if (condition) return describe;
  process.stderr.write(`SKIPPED: ${why}\n`);
  return ((name: string, fn: () => void) => describe.skip(`${name} (skipped: ${why})`, fn)) as typeof describe;
};
