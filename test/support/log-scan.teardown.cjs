// Global teardown of the e2e projects: fails the run when any key or personal value that the e2e tests sent or
// received (remembered by test-app.ts through log-scan.ts) appears in any log line of any test app of the run.
// Prints one line with the counts either way; a finding names the log file and a fingerprint, never the value.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const filesIn = (dir) => (existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : []);

module.exports = function teardown() {
  if (globalThis.logScanDone) return;
  globalThis.logScanDone = true;
  const root = join(process.cwd(), 'test-output', 'log-scan');
  const sensitive = [...new Set(filesIn(join(root, 'sensitive')).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))))];
  const logs = filesIn(join(root, 'logs')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const lines = logs.reduce((n, l) => n + l.text.split('\n').filter(Boolean).length, 0);
  const found = logs.flatMap(({ file, text }) =>
    sensitive.filter((v) => text.includes(v)).map((v) => `${file}: value sha256:${createHash('sha256').update(v).digest('hex').slice(0, 12)}`),
  );
  process.stderr.write(`log scan: ${lines} log lines in ${logs.length} files, ${sensitive.length} keys and personal values, ${found.length} found\n`);
  if (lines === 0 || sensitive.length === 0) throw new Error('log scan: nothing to scan; the e2e tests should have written logs and sent keys');
  if (found.length > 0) throw new Error(`log scan: keys or personal values found in the logs:\n${found.join('\n')}`);
};
