import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { AppConfig, ConfigError, loadConfig } from '../config/app.config.js';
import { MasterKeyError } from '../privacy/master-key.js';
import { preflightKeyStore } from '../privacy/key-store.factory.js';
import { PinoNestLogger, createLogger } from '../shared/logging/logger.js';

/** A command-line failure with the exit code it means: 1 usage or configuration, 2 a check failed, 3 anything else. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The configuration from the environment, or a CliError with exit code 1. */
export function cliConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, 1);
    throw e;
  }
}

/**
 * The application's modules without an HTTP server, on the configured stores: the same command pipeline,
 * projections and key store as the service. Logs go to stderr at `warn` and above, so stdout stays the command's.
 */
export async function withApplication<T>(config: AppConfig, run: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  try {
    await preflightKeyStore(config);
  } catch (e) {
    if (e instanceof MasterKeyError) throw new CliError(`Invalid configuration: ${e.message}`, 1);
    throw e;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: new PinoNestLogger(logger) });
  await app.init();
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
