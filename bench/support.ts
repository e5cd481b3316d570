import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line describing the machine, for the results table. */
export const machine = (): string => `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/**
 * Replaces the section between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` in docs/benchmarks.md (adding it
 * at the end when missing), so each benchmark keeps its latest results and the command that produced them.
 */
export function recordResults(name: string, markdown: string): void {
  const file = join(process.cwd(), 'docs', 'benchmarks.md');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  const next = at >= 0 ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Records a benchmark's results in docs/benchmarks.md (see recordResults) and prints them. */
export function publishResults(name: string, markdown: string): void {
  recordResults(name, markdown);
  process.stdout.write(`${markdown.trim()}\n`);
}

/** Runs a benchmark's main function; a failure prints its stack and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}

export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
