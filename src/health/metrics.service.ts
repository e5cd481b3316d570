import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { Projections } from '../shared/projections/projections.module.js';

/** Prometheus metrics of this process: its own registry (so several app instances in one process never clash). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    projections: Projections,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'aul_ledger_' });
    this.httpRequests = new Counter({ name: 'aul_ledger_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
    this.httpDuration = new Histogram({
      name: 'aul_ledger_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
    });
    let head: bigint | null = null;
    new Gauge({
      name: 'aul_ledger_event_store_head_position', help: 'Position of the last event in the log', registers: [this.registry],
      async collect() {
        head = await events.headPosition().catch(() => null);
        this.set(Number(head ?? 0n));
      },
    });
    new Gauge({
      name: 'aul_ledger_projection_checkpoint', help: 'Last log position applied by each projection or reactor', labelNames: ['projection', 'kind', 'collection'], registers: [this.registry],
      collect() {
        this.reset();
        for (const s of projections.status()) this.set({ projection: s.name, kind: s.kind, collection: s.collection ?? '' }, Number(s.checkpoint ?? 0));
      },
    });
    new Gauge({
      name: 'aul_ledger_projection_lag', help: 'Log positions not yet applied by each projection or reactor (head minus checkpoint)', labelNames: ['projection', 'kind', 'collection'], registers: [this.registry],
      async collect() {
        this.reset();
        const current = await events.headPosition().catch(() => head);
        for (const s of projections.status()) this.set({ projection: s.name, kind: s.kind, collection: s.collection ?? '' }, Number((current ?? 0n) - BigInt(s.checkpoint ?? 0)));
      },
    });
    new Gauge({
      name: 'aul_ledger_projection_failing', help: '1 when a projection or reactor is retrying a failed batch', labelNames: ['projection', 'kind'], registers: [this.registry],
      collect() {
        this.reset();
        for (const s of projections.status()) this.set({ projection: s.name, kind: s.kind }, s.state === 'failed' ? 1 : 0);
      },
    });
  }
}
