import { loadConfigOrExit } from '../config/app.config.js';
import { MasterKeyError } from '../privacy/master-key.js';
import { seedProgress } from './progress.js';
import { isStoreEmpty, seedDemo } from './seed.js';

/**
 * `npm run demo`: seeds the demo scenario into DATA_DIR when its event store is empty (with a progress bar), then
 * starts the service as `npm start` does. On later starts the seeded data is reused as it is.
 */
async function demo(): Promise<void> {
  const config = loadConfigOrExit();
  if (await isStoreEmpty(config)) {
    process.stderr.write(`Seeding the demo scenario (DOMAIN.md 6) into ${config.dataDir}; this happens once.\n`);
    const progress = seedProgress();
    const report = await seedDemo(config, { onProgress: progress.update });
    progress.stop();
    process.stderr.write(`Seeded ${report.events} events by ${report.commands} requests in ${(report.ms / 1000).toFixed(1)} s.\n`);
  } else {
    process.stderr.write(`Reusing the data in ${config.dataDir}.\n`);
  }
  await import('../main.js');
}

demo().catch((e: unknown) => {
  if (e instanceof MasterKeyError) {
    process.stderr.write(`Invalid configuration: ${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Demo start-up failed: ${(e as Error).message}\n`);
  process.exit(1);
});
