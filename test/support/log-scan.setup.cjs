// Global setup of the e2e projects: starts the whole-run log scan afresh (see log-scan.ts and log-scan.teardown.cjs).
const { rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = function setup() {
  if (globalThis.logScanStarted) return;
  globalThis.logScanStarted = true;
  rmSync(join(process.cwd(), 'test-output', 'log-scan'), { recursive: true, force: true });
};
