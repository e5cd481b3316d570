import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import canonicalize from 'canonicalize';
import { Counter, Gauge, type Registry } from 'prom-client';
import { AppConfig } from '../config/app.config.js';
import { MetricsService } from '../health/metrics.service.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { collectionDigest } from '../shared/projections/digest.js';
import { ALL_EVENTS, type Projection, collectionName } from '../shared/projections/projection.js';
import { Projections } from '../shared/projections/projections.module.js';
import { type DocumentWrite, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { UnknownProjection } from './audit.errors.js';

/** The comparison of one projection's live collection with a clean rebuild of it at the same log position. */
export type DriftResult = {
  projection: string;
  live: string;
  shadow: string;
  /** The log position both collections reflect when compared. */
  position: string;
  match: boolean;
  liveDigest: string;
  shadowDigest: string;
  liveDocuments: number;
  shadowDocuments: number;
  /** On a mismatch: how many documents differ, and a few of their ids (documents the rebuild holds and live lacks or holds otherwise). */
  differing?: { count: number; examples: string[]; extraInLive: number };
};

export type DriftReport = { checkedAt: string; ok: boolean; trigger: 'on-demand' | 'schedule'; results: DriftResult[] };

const BATCH = 500;
const ATTEMPTS = 5;

/**
 * The projection drift detector: rebuilds a projection from the log into a shadow collection, up to the position its
 * live collection has reached, and compares the two collections' digests (SHA-256 over the canonical documents in id
 * order). When the live projection moves during the comparison the shadow follows it and the comparison is repeated,
 * and a mismatch is reported only when two consecutive comparisons at a settled position agree on it. A mismatch is
 * logged, counted in `aul_ledger_projection_drift`, kept as the latest report, and its shadow is kept for inspection
 * until the next check; a matching shadow is dropped.
 * Runs on demand (HTTP, CLI) and, when DRIFT_CHECK_MINUTES is above 0, on that schedule.
 */
@Injectable()
export class DriftDetector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DriftDetector');
  private latest: DriftReport | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private drift?: Gauge<'projection'>;
  private checks?: Counter<'result'>;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const registry = this.metricsRegistry();
    if (registry) {
      this.drift = new Gauge({ name: 'aul_ledger_projection_drift', help: '1 when the last drift check found the live projection differing from a clean rebuild', labelNames: ['projection'], registers: [registry] });
      this.checks = new Counter({ name: 'aul_ledger_drift_checks_total', help: 'Projection drift checks by result', labelNames: ['result'], registers: [registry] });
    }
    const minutes = this.config.driftCheckMinutes;
    if (minutes > 0) {
      this.timer = setInterval(() => {
        this.check(undefined, 'schedule').catch((e: Error) => this.logger.error(`Scheduled drift check failed: ${e.message}`));
      }, minutes * 60_000);
      this.timer.unref();
      this.logger.log(`Projection drift check every ${minutes} min`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
  }

  /** The last report, or null before the first check. */
  latestReport(): DriftReport | null {
    return this.latest;
  }

  /** Names of the registered projections. */
  projectionNames(): string[] {
    return [...new Set(this.projections.status().filter((s) => s.kind === 'projection').map((s) => s.name))].sort();
  }

  /** Checks the named projections (all by default), one check at a time. */
  check(names?: string[], trigger: DriftReport['trigger'] = 'on-demand'): Promise<DriftReport> {
    const known = this.projectionNames();
    const chosen = names && names.length > 0 ? [...new Set(names)] : known;
    const unknown = chosen.filter((n) => !known.includes(n));
    if (unknown.length > 0) return Promise.reject(new UnknownProjection(unknown, known));
    const run = this.queue.catch(() => undefined).then(() => this.run(chosen, trigger));
    this.queue = run;
    return run;
  }

  private async run(names: string[], trigger: DriftReport['trigger']): Promise<DriftReport> {
    const results: DriftResult[] = [];
    for (const name of names) results.push(await this.checkOne(this.projections.definition(name)!));
    const report: DriftReport = { checkedAt: new Date().toISOString(), ok: results.every((r) => r.match), trigger, results };
    this.latest = report;
    this.checks?.inc({ result: report.ok ? 'match' : 'mismatch' });
    for (const r of results) {
      this.drift?.set({ projection: r.projection }, r.match ? 0 : 1);
      if (!r.match) {
        this.logger.error(
          `Projection drift: ${r.projection} (${r.live}) differs from a clean rebuild (${r.shadow}) at position ${r.position}: ` +
            `${r.differing?.count ?? '?'} document(s) differ, e.g. ${r.differing?.examples.join(', ') || 'none named'}; ${r.differing?.extraInLive ?? 0} extra in live`,
        );
      }
    }
    return report;
  }

  private async checkOne(p: Projection): Promise<DriftResult> {
    const shadow = `${collectionName(p)}_shadow`;
    await this.reads.dropCollection(shadow);
    await this.reads.deleteCheckpoint(shadow);
    await this.reads.ensureCollection({ name: shadow, fields: p.fields });
    const ids = new Map<string, boolean>();
    let built: bigint | null = null;
    let previous: DriftResult | null = null;
    for (let attempt = 1; ; attempt++) {
      const live = this.projections.collectionFor(p.name);
      const target = (await this.reads.getCheckpoint(live)) ?? 0n;
      built = await this.build(p, shadow, built, target, ids);
      const [a, b] = [await collectionDigest(this.reads, live), await collectionDigest(this.reads, shadow)];
      const settled = (await this.reads.getCheckpoint(live)) === target && this.projections.collectionFor(p.name) === live;
      const result: DriftResult = {
        projection: p.name, live, shadow, position: target.toString(), match: a.digest === b.digest,
        liveDigest: a.digest, shadowDigest: b.digest, liveDocuments: a.documents, shadowDocuments: b.documents,
      };
      if (settled && result.match) {
        await this.reads.dropCollection(shadow);
        await this.reads.deleteCheckpoint(shadow);
        return result;
      }
      // A mismatch counts once two settled comparisons in a row see it (the live projection may have been mid-batch).
      if (settled && previous && previous.position === result.position) return { ...result, differing: await this.differing(live, shadow, ids, a.documents) };
      if (attempt >= ATTEMPTS) return settled ? { ...result, differing: await this.differing(live, shadow, ids, a.documents) } : result;
      previous = settled ? result : null;
    }
  }

  /** Applies the log after `from` up to `target` to the shadow, as the runner applies it live; returns the position reached. */
  private async build(p: Projection, shadow: string, from: bigint | null, target: bigint, ids: Map<string, boolean>): Promise<bigint | null> {
    const handled = new Set(p.handles);
    const all = handled.has(ALL_EVENTS);
    let after = from;
    while ((after ?? 0n) < target) {
      const batch = (await this.events.readAll({ after, maxCount: BATCH })).filter((e) => e.position <= target);
      if (batch.length === 0) break;
      const docs = new Map<string, { doc: object | null; position: bigint } | null>();
      const writes = new Map<string, DocumentWrite>();
      for (const event of batch) {
        if (!all && !handled.has(event.type)) continue;
        const touched = p.documentId(event);
        for (const id of touched === null ? [] : Array.isArray(touched) ? touched : [touched]) {
          if (!docs.has(id)) docs.set(id, await this.reads.getStored<object>(shadow, id));
          const current = docs.get(id) ?? null;
          if (current && current.position >= event.position) continue;
          const next = p.evolve(current?.doc ?? null, event);
          docs.set(id, { doc: next, position: event.position });
          writes.set(id, { collection: shadow, id, doc: next, position: event.position });
          ids.set(id, next !== null);
        }
      }
      after = batch.at(-1)!.position;
      await this.reads.applyBatch({ projection: shadow, checkpoint: after, writes: [...writes.values()] });
    }
    return after;
  }

  /** The documents of the rebuild that live lacks or holds otherwise, and how many live documents the rebuild lacks. */
  private async differing(live: string, shadow: string, ids: Map<string, boolean>, liveDocuments: number): Promise<NonNullable<DriftResult['differing']>> {
    const examples: string[] = [];
    let count = 0;
    let liveKnown = 0;
    for (const [id, alive] of [...ids.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [l, s] = [await this.reads.get<object>(live, id), alive ? await this.reads.get<object>(shadow, id) : null];
      if (l !== null) liveKnown += 1;
      if (canonicalize(l) === canonicalize(s)) continue;
      count += 1;
      if (examples.length < 5) examples.push(id);
    }
    return { count, examples, extraInLive: Math.max(0, liveDocuments - liveKnown) };
  }

  private metricsRegistry(): Registry | null {
    try {
      return this.moduleRef.get(MetricsService, { strict: false }).registry;
    } catch {
      return null;
    }
  }
}
