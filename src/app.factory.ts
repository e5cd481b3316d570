import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger as Pino } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { PinoNestLogger, createLogger } from './shared/logging/logger.js';
import { ProblemDetailsFilter } from './shared/http/problem.filter.js';
import { validationPipe } from './shared/http/validation.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

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
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimit,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
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
  return app;
}
