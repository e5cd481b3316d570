import type { INestApplicationContext } from '@nestjs/common';
import { CliError } from '../cli/cli-context.js';
import { Projections } from '../shared/projections/projections.module.js';
import { UnknownProjection } from './audit.errors.js';
import { DriftDetector } from './drift-detector.js';

/**
 * `aul-ledger drift-check [projections...]`: lets the projections catch up, runs the drift detector, prints one line
 * per projection, and fails with exit code 2 when any differs from its clean rebuild (1 for an unknown name).
 */
export async function runDriftCheck(app: INestApplicationContext, names: string[], out: NodeJS.WritableStream = process.stdout): Promise<void> {
  await app.get(Projections).catchUp(600_000);
  let report;
  try {
    report = await app.get(DriftDetector).check(names);
  } catch (e) {
    if (e instanceof UnknownProjection) throw new CliError(e.detail, 1);
    throw e;
  }
  for (const r of report.results) {
    const detail = r.match ? '' : `: ${r.differing?.count ?? '?'} document(s) differ, e.g. ${r.differing?.examples.join(', ') || 'none named'}; ${r.differing?.extraInLive ?? 0} only in live; shadow kept in ${r.shadow}`;
    out.write(`${r.match ? 'ok' : 'DRIFT'} ${r.projection} (${r.live}) at position ${r.position}, ${r.liveDocuments} documents${detail}\n`);
  }
  const drifted = report.results.filter((r) => !r.match).map((r) => r.projection);
  if (drifted.length > 0) throw new CliError(`drift: ${drifted.join(', ')} differ from a clean rebuild`, 2);
}
