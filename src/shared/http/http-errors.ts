import type { FieldError } from '../domain/errors.js';

/**
 * Errors raised at the HTTP edge and by the command pipeline (not by deciders), each with its status and a stable
 * problem code. The problem filter renders them.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, title: string, detail: string, errors: FieldError[] = []) => new ApiError(400, code, title, detail, errors);

/** If-Match named a revision the aggregate is no longer (or not yet) at. */
export const preconditionFailed = (streamId: string, expected: bigint, actual: bigint | null) =>
  new ApiError(
    412,
    'revision-mismatch',
    'The resource has changed',
    `If-Match expected revision ${expected} but ${streamId} is at ${actual === null ? 'no revision (it does not exist)' : `revision ${actual}`}. Read it again and resend with the current ETag.`,
  );

/** Retries after concurrent writes were exhausted. */
export const concurrencyConflict = (streamId: string, attempts: number) =>
  new ApiError(
    409,
    'concurrent-modification',
    'Concurrent modification',
    `${streamId} was changed by other commands ${attempts} times while this command was being decided. Send it again.`,
  );

/** The same Idempotency-Key was sent with a different request. */
export const idempotencyKeyReused = (key: string) =>
  new ApiError(
    422,
    'idempotency-key-reused',
    'Idempotency-Key reused for a different request',
    `The Idempotency-Key "${key}" was already used for a different request by this client. Use a new key for a new request.`,
  );

export const unauthorized = (detail: string) =>
  new ApiError(401, 'unauthorized', 'Authentication required', detail, [], { 'WWW-Authenticate': 'Bearer realm="aul-ledger"' });

export const serviceUnavailable = (detail: string) => new ApiError(503, 'store-unavailable', 'A store is unavailable', detail, [], { 'Retry-After': '5' });
