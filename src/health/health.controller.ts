import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/public.decorator.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { Projections } from '../shared/projections/projections.module.js';
import { READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { MetricsService } from './metrics.service.js';

type Check = { status: 'up' | 'down'; detail?: string };

/** Liveness, readiness (both stores and projection lag) and Prometheus metrics. */
@ApiTags('operations')
@Controller()
@Public()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Readiness: both stores answer; each projection with its checkpoint and lag' })
  @ApiOkResponse({ description: 'Ready (projections may still be catching up: see their lag)' })
  @ApiServiceUnavailableResponse({ description: 'A store does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [eventStore, readStore] = await Promise.all([check(() => this.events.ping()), check(() => this.reads.ping())]);
    const head = eventStore.status === 'up' ? await this.events.headPosition().catch(() => null) : null;
    const known = eventStore.status === 'up';
    const projections = this.projections.status().map((s) => ({ ...s, lag: known ? ((head ?? 0n) - BigInt(s.checkpoint ?? 0)).toString() : null }));
    const up = eventStore.status === 'up' && readStore.status === 'up';
    void reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).header('cache-control', 'no-store');
    return { status: up ? 'ok' : 'unavailable', checks: { eventStore: { ...eventStore, headPosition: head?.toString() ?? null }, readStore }, projections };
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  async metricsText(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store');
    return this.metrics.registry.metrics();
  }
}

const check = async (probe: () => Promise<void>): Promise<Check> => {
  try {
    await probe();
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', detail: (e as Error).message };
  }
};
