import { loadConfigOrExit } from './config/app.config.js';
import { createApp } from './app.factory.js';
import { MasterKeyError } from './privacy/master-key.js';
import { createLogger } from './shared/logging/logger.js';

/** Starts the service with the configuration from the environment. A bad configuration exits 1 with one line. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const app = await createApp({ config, logger });
  await app.listen({ host: config.host, port: config.port });
  logger.info({ url: await app.getUrl(), eventStore: config.eventStore, readStore: config.readStore, dataDir: config.dataDir }, 'Aul Ledger is listening');

  // Graceful shutdown: stop accepting requests, finish those in flight, close the stores, flush the logs, exit 0.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    setTimeout(() => {
      logger.error('Shutdown took longer than 10 s; exiting');
      logger.flush(() => process.exit(1));
    }, 10_000).unref();
    app
      .close()
      .then(() => {
        logger.info('Stopped');
        logger.flush(() => process.exit(0));
      })
      .catch((e: unknown) => {
        logger.error({ err: e }, 'Shutdown failed');
        logger.flush(() => process.exit(1));
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  if (e instanceof MasterKeyError) {
    process.stderr.write(`Invalid configuration: ${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Start-up failed: ${(e as Error).message}\n`);
  process.exit(1);
});
