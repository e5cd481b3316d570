import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppConfig } from '../../config/app.config.js';
import { badRequest } from '../http/http-errors.js';
import { Projections } from './projections.module.js';

const READS_FROM = 'projections:readsFrom';

/**
 * Read-your-writes for a query on projections. A request may send `Consistent-With: <position>` (the `position` a
 * command returned): the query waits, at most READ_WAIT_MS, until the projections reflect it. Every response carries
 * `Reflects-Position` (the position the data reflects) and, when the wait ran out, `Consistency: stale`.
 */
@Injectable()
export class ReadConsistencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly projections: Projections,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const names = this.reflector.get<string[]>(READS_FROM, context.getHandler()) ?? [];
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers['consistent-with'];
    const wanted = typeof header === 'string' && header !== '' ? parsePosition(header) : null;
    const reached = wanted === null ? minPosition(this.projections, names) : await this.projections.waitFor(wanted, names, this.config.readWaitMs);
    void reply.header('Reflects-Position', (reached ?? 0n).toString());
    if (wanted !== null && (reached ?? 0n) < wanted) void reply.header('Consistency', 'stale');
    return next.handle();
  }
}

/** Marks a query handler as reading the named projections (for Consistent-With and Reflects-Position). */
export const ReadsFrom = (...projections: string[]) => applyDecorators(SetMetadata(READS_FROM, projections), UseInterceptors(ReadConsistencyInterceptor));

const parsePosition = (value: string): bigint => {
  if (!/^\d{1,20}$/.test(value.trim())) {
    throw badRequest('invalid-consistent-with', 'Invalid Consistent-With header', 'Consistent-With must be a log position as returned by a command, e.g. 1042.', [
      { path: 'headers.consistent-with', message: 'must be a non-negative integer' },
    ]);
  }
  return BigInt(value.trim());
};

const minPosition = (projections: Projections, names: string[]): bigint | null =>
  names.reduce<bigint | null>((min, n) => {
    const p = projections.positionOf(n) ?? 0n;
    return min === null || p < min ? p : min;
  }, null);
