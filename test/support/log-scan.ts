import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The whole-run log scan of the e2e projects: every test app writes its logs under test-output/log-scan/logs, and
 * every key and personal value a test sends or receives is remembered under test-output/log-scan/sensitive;
 * the projects' global teardown (log-scan.teardown.cjs) fails the run if any of them appears in any log line.
 */
export const LOG_SCAN_DIR = join(process.cwd(), 'test-output', 'log-scan');
export const LOG_DIR = join(LOG_SCAN_DIR, 'logs');
const SENSITIVE_DIR = join(LOG_SCAN_DIR, 'sensitive');

let counter = 0;

/** A fresh log file for one test app. */
export const logFile = (): string => {
  mkdirSync(LOG_DIR, { recursive: true });
  counter += 1;
  return join(LOG_DIR, `${process.pid}-${counter}.ndjson`);
};

const PERSONAL_FIELDS = ['fullName', 'iin', 'birthDate', 'phone', 'address'];

/** Remembers values that must never be logged: keys, and the personal fields of request bodies. */
export const rememberSensitive = (values: Array<string | undefined | null>): void => {
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length >= 8);
  if (kept.length === 0) return;
  mkdirSync(SENSITIVE_DIR, { recursive: true });
  appendFileSync(join(SENSITIVE_DIR, `${process.pid}.txt`), kept.map((v) => `${JSON.stringify(v)}\n`).join(''));
};

/** The personal values of a request body (any object with the resident's personal fields). */
export const personalValuesOf = (body: unknown): string[] =>
  body && typeof body === 'object' ? PERSONAL_FIELDS.map((f) => (body as Record<string, unknown>)[f]).filter((v): v is string => typeof v === 'string') : [];
