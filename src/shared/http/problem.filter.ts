import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../domain/errors.js';
import { EventStoreUnavailableError, VersionConflictError } from '../event-store/event-store.port.js';
import { InvalidQueryError, ReadStoreUnavailableError } from '../read-store/read-store.port.js';
import { ApiError } from './http-errors.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problem } from './problem-details.js';

const DOMAIN_STATUS = { validation: 422, 'illegal-state': 409, 'not-found': 404 } as const;

/** Fastify's own request errors (body parsing, limits), by code. */
const FASTIFY_PROBLEMS: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload-too-large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported-media-type', title: 'Unsupported media type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed-json', title: 'Malformed JSON body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed-json', title: 'Malformed JSON body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad-request', title: 'Invalid Content-Length' },
};

const STATUS_TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  408: ['request-timeout', 'Request timeout'],
  413: ['payload-too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['too-many-requests', 'Too many requests'],
};

/**
 * Renders every error as RFC 9457 `application/problem+json`: domain refusals, edge errors, Nest and Fastify
 * errors. Unknown errors become a 500 that names the request id and never carries a stack trace.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { body, headers } = this.toProblem(exception, request);
    body.instance = request.url.split('?')[0];
    body.requestId = String(request.id);
    if (body.status >= 500) this.logger.error({ msg: `${request.method} ${request.url} failed`, err: exception, requestId: request.id });
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown, request: FastifyRequest): { body: ProblemDetails; headers: Record<string, string> } {
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return { body: problem(exception.code, status, exception.title, exception.detail, withErrors(exception.errors)), headers: {} };
    }
    if (exception instanceof ApiError) {
      return { body: problem(exception.code, exception.status, exception.title, exception.detail, withErrors(exception.errors)), headers: exception.headers };
    }
    if (exception instanceof VersionConflictError) {
      return { body: problem('concurrent-modification', 409, 'Concurrent modification', exception.message), headers: {} };
    }
    if (exception instanceof InvalidQueryError) {
      return { body: problem('invalid-query', 400, 'Invalid query', exception.message), headers: {} };
    }
    if (exception instanceof ReadStoreUnavailableError) {
      return {
        body: problem('store-unavailable', 503, 'The read store is unavailable', 'Queries cannot be answered now; commands are still recorded. Try again later.'),
        headers: { 'Retry-After': '5' },
      };
    }
    if (exception instanceof EventStoreUnavailableError) {
      return {
        body: problem('store-unavailable', 503, 'The event store is unavailable', 'The command was not recorded; nothing was written. Try again later.'),
        headers: { 'Retry-After': '5' },
      };
    }
    // Fastify's request errors (body parsing, limits) arrive raw or wrapped by Nest in an HttpException.
    const raw = (exception instanceof HttpException ? exception.cause : exception) as { statusCode?: number; code?: string; message?: string } | undefined;
    const known = raw?.code ? FASTIFY_PROBLEMS[raw.code] : undefined;
    const status = exception instanceof HttpException ? exception.getStatus() : raw?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const [code, title] = known ? [known.code, known.title] : (STATUS_TITLES[status] ?? ['http-error', 'HTTP error']);
      const message = exception instanceof Error ? exception.message : String(raw?.message ?? title);
      const detail =
        code === 'malformed-json'
          ? `The request body is not valid JSON (${message}). Send a JSON object.`
          : code === 'payload-too-large'
            ? 'The request body is larger than this API accepts (BODY_LIMIT). Send a smaller body.'
            : status === 404 && !known
              ? `No route for ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`
              : message;
      return { body: problem(code, status, title, detail), headers: {} };
    }
    return {
      body: problem('internal-error', 500, 'Internal error', `An unexpected error occurred and was logged with request id ${String(request.id)}. Nothing was half-applied; try again or report the id.`),
      headers: {},
    };
  }
}

/** Fastify's router errors, raised before any route or Nest filter runs (its `frameworkErrors` option). */
const ROUTER_PROBLEMS: Record<string, { code: string; title: string; detail: string }> = {
  FST_ERR_BAD_URL: { code: 'bad-url', title: 'Malformed URL', detail: 'A path segment is not valid percent-encoding.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri-too-long', title: 'URI too long', detail: 'A path segment is longer than this API accepts (100 characters).' },
};

/**
 * Fastify's `frameworkErrors`: a malformed or overlong path segment is refused by the router before Nest sees the
 * request; without this Fastify would answer plain JSON. Answers the same problem+json as the filter (found by the
 * Schemathesis run, docs/reliability.md).
 */
export const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  const status = error.statusCode ?? 400;
  const known = ROUTER_PROBLEMS[error.code] ?? { code: 'bad-request', title: 'Bad request', detail: error.message };
  const body = problem(known.code, status, known.title, known.detail);
  body.instance = request.url.split('?')[0];
  body.requestId = String(request.id);
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
};

const withErrors = (errors: FieldError[]): Partial<ProblemDetails> => (errors.length > 0 ? { errors } : {});
