import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/public.decorator.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';

type Check = { status: 'up' | 'down'; detail?: string; headPosition?: string | null };

/** Liveness and readiness. */
@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: the process is up and the event store answers' })
  @ApiOkResponse({ description: 'Ready' })
  @ApiServiceUnavailableResponse({ description: 'A store does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const eventStore = await this.check();
    const status = eventStore.status === 'up' ? 'ok' : 'unavailable';
    void reply.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).header('cache-control', 'no-store');
    return { status, checks: { eventStore } };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  private async check(): Promise<Check> {
    try {
      await this.events.ping();
      const head = await this.events.headPosition();
      return { status: 'up', headPosition: head?.toString() ?? null };
    } catch (e) {
      return { status: 'down', detail: (e as Error).message };
    }
  }
}
