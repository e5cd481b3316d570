import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit from '@fastify/rate-limit';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { routesWithoutRule } from './access/access-audit.js';
import { MetricsService } from './health/metrics.service.js';
import { preflightKeyStore } from './privacy/key-store.factory.js';
import { PinoNestLogger, createLogger } from './shared/logging/logger.js';
import { ConditionalGets } from './shared/http/conditional-get.js';
import { ifNoneMatchNames } from './shared/http/etag.js';
import { securityHeadersOf } from './shared/http/security-headers.js';
import { ProblemDetailsFilter, frameworkErrors } from './shared/http/problem.filter.js';
import { validationPipe } from './shared/http/validation.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * ETag on every successful GET (a weak hash of the body unless the handler set a revision), and 304 when
 * If-None-Match names it.
 */
const conditionalGet = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
  if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
  let etag = reply.getHeader('etag') as string | undefined;
  if (!etag) {
    etag = `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    void reply.header('etag', etag);
  }
  if (ifNoneMatchNames(request.headers['if-none-match'], etag)) {
    void reply.code(304);
    return '';
  }
  return payload;
};

export type CreateAppOptions = AppModuleOptions & {
  /** The process logger; one is made from the configuration when omitted. */
  logger?: Pino;
};

/**
 * Builds the HTTP application on Fastify, ready to `listen()` or `inject()`: structured logs with request ids,
 * the global validation pipe and problem+json filter, the body limit, the OpenAPI document and Swagger UI,
 * and the stores closed by `app.close()` (main.ts calls it on SIGTERM and SIGINT).
 */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  await preflightKeyStore(config, (message) => logger.warn({ context: 'KeyStore' }, message));
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    requestIdHeader: false,
    frameworkErrors,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Helmet's headers, the same on every route (a route may override one, as the portal does its CSP), set from a list
  // worked out once rather than by the plugin's per-request middleware.
  const securityHeaders = await securityHeadersOf({
    // Swagger UI (/docs) needs its own scripts and inline styles; nothing is loaded from other origins.
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  // Rate limits: per API key (by the hash of the Authorization header) or, without one, per address and stricter.
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    max: (request) => (request.headers.authorization ? config.rateLimitPerMinute : config.publicRateLimitPerMinute),
    keyGenerator: (request) => (request.headers.authorization ? `key:${createHash('sha256').update(request.headers.authorization).digest('hex').slice(0, 32)}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'too-many-requests',
      message: `Rate limit of ${context.max} requests per minute reached; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'Consistent-With', 'X-Request-Id', 'X-Correlation-Id'],
    exposedHeaders: ['ETag', 'Reflects-Position', 'Consistency', 'Idempotent-Replayed', 'X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  // 304s for cacheable public routes before Nest's pipeline (after the headers above and the rate limit).
  app.get(ConditionalGets).install(fastify);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const metrics = app.get(MetricsService);
  // Callback hooks, not async ones: no promise per request for work that never waits.
  fastify.addHook('onResponse', (request, reply, done) => {
    try {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
      metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    } finally {
      done();
    }
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', String(request.id));
    done(null, conditionalGet(request, reply, payload));
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aul Ledger API')
      .setDescription(
        'Event-sourced ledger of local self-government decisions. Commands answer with the stream revision (also as ETag) and the global position; ' +
          'send If-Match for strict optimistic concurrency and Idempotency-Key to make retries safe. Every error is RFC 9457 application/problem+json.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  await app.init();
  const unruled = routesWithoutRule(app);
  if (unruled.length > 0) logger.warn({ routes: unruled.map((r) => `${r.method} ${r.path}`) }, 'Routes without an access rule: nobody can use them');
  return app;
}
