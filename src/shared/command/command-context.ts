import { createHash } from 'node:crypto';
import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import canonicalize from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import type { Actor, CommandMetadata } from '../domain/message.js';
import { fromIfMatch } from '../http/etag.js';
import { badRequest, unauthorized } from '../http/http-errors.js';

/** What the HTTP edge knows about a command request, beyond its body. */
export type CommandContext = {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** The revision pinned by If-Match, for strict optimistic concurrency. */
  expectedRevision?: bigint;
  idempotency?: {
    key: string;
    /** The key scoped to the client that sent it. */
    scope: string;
    /** SHA-256 of the canonical method, path and body. */
    requestHash: string;
  };
};

/** A request that passed authentication carries its actor. */
export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the CommandContext of a request: actor, correlation, If-Match and Idempotency-Key. */
export const commandContextOf = (request: AuthenticatedRequest): CommandContext => {
  if (!request.actor) throw unauthorized('This command needs an API key: send Authorization: Bearer <key>.');
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const key = header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw badRequest('invalid-idempotency-key', 'Invalid Idempotency-Key header', 'Idempotency-Key must be 8 to 255 visible ASCII characters, e.g. a UUID.', [
      { path: 'headers.idempotency-key', message: 'must be 8 to 255 visible ASCII characters' },
    ]);
  }
  const correlation = header('x-correlation-id');
  const path = request.url.split('?')[0]!;
  return {
    actor: request.actor,
    correlationId: correlation && CORRELATION_ID.test(correlation) ? correlation : String(request.id),
    causationId: String(request.id),
    expectedRevision: fromIfMatch(header('if-match')),
    idempotency: key
      ? {
          key,
          scope: `${request.actor.id}:${key}`,
          requestHash: createHash('sha256')
            .update(canonicalize({ method: request.method, path, body: request.body ?? null }) ?? '')
            .digest('hex'),
        }
      : undefined,
  };
};

/** Parameter decorator: the CommandContext of the current request. */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext) => commandContextOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()));

/** The domain command metadata for a context at a business time. */
export const commandMetadata = (ctx: CommandContext, now: Date, reason?: string): CommandMetadata => ({
  actor: ctx.actor,
  now: now.toISOString(),
  correlationId: ctx.correlationId,
  ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
  ...(reason ? { reason } : {}),
  ...(ctx.idempotency ? { idempotencyKey: ctx.idempotency.key } : {}),
});
