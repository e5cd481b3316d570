/**
 * Resident set size of the application (its own process, with the node flags of `npm start`) with 1M events stored:
 * the peak during start-up and the catch-up of every projection and the public feed over the whole log, after it, the
 * peak while it serves load (16 connections: GET /units/:id, then POST /units), then with the Merkle log loaded.
 * Target: under 300 MB.
 *   npm run bench:memory            (EVENTS=1000000 DURATION=10)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { BENCH_KEY, CONNECTIONS, DURATION, type LoadResult, SERVICE_NODE_FLAGS, load, megabytes, startServer } from './http-support.js';
import { seededEventStore } from './seed.js';
import { machine, publishResults, runMain } from './support.js';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);

let catchUpSeconds = 0;
let feedMs = 0;

/** Waits until the public feed (its own builder, not a projection of the runner) reflects the head of the log. */
async function feedCaughtUp(url: string): Promise<void> {
  const health = (await (await fetch(`${url}/health`)).json()) as { checks: { eventStore: { headPosition: string } } };
  const head = BigInt(health.checks.eventStore.headPosition);
  for (;;) {
    const res = await fetch(`${url}/public/feed.json`);
    await res.arrayBuffer();
    if (BigInt(res.headers.get('reflects-position') ?? '0') >= head) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-memory-'));
  try {
    const { path } = await seededEventStore(EVENTS, join(dataDir, 'events.db'));
    const seeded = new Database(path, { readonly: true });
    const streamId = seeded.prepare<[], { stream_id: string }>('SELECT stream_id FROM events ORDER BY position LIMIT 1').get()!.stream_id;
    seeded.close();
    const unitId = streamId.slice('administrativeUnit-'.length);

    const started = performance.now();
    const server = await startServer('app', { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'FULL' });
    try {
      server.child.setMaxListeners(0); // probes pile up while the catch-up keeps the process busy
      const rssStarted = await server.rss();
      // The projection runner and the feed builder yield between batches, so the probe is answered during the catch-up.
      let catchUpPeak = rssStarted;
      const catchUpSampler = setInterval(() => void server.rss().then((r) => (catchUpPeak = Math.max(catchUpPeak, r))), 1000);
      try {
        await server.catchUp();
        const catchUpMs = performance.now() - started;
        await feedCaughtUp(server.url);
        feedMs = performance.now() - started - catchUpMs;
        catchUpSeconds = catchUpMs / 1000;
      } finally {
        clearInterval(catchUpSampler);
      }
      const rssLoaded = await server.rss();
      const heapLoaded = await server.memory();

      let peak = rssLoaded;
      const sampler = setInterval(() => void server.rss().then((r) => (peak = Math.max(peak, r))), 250);
      let gets: LoadResult;
      let posts: LoadResult;
      try {
        gets = await load(server.url, { method: 'GET', path: `/units/${unitId}`, headers: { authorization: `Bearer ${BENCH_KEY}` } });
        posts = await load(server.url, {
          method: 'POST',
          path: '/units',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}` },
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ unitId: randomUUID(), level: 'REGION', names: { ru: 'Область', en: 'Region' }, parentId: null, effectiveFrom: '2019-01-01' }) }),
        });
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, await server.rss());
      const rssAfter = await server.rss();
      const heapAfter = await server.memory();
      // The Merkle log over every event (integrity routes and public data provenance load it on first use).
      const tree = await fetch(`${server.url}/integrity/tree`);
      if (!tree.ok) throw new Error(`GET /integrity/tree answered ${tree.status}`);
      const { treeSize } = (await tree.json()) as { treeSize: number };
      const rssMerkle = await server.rss();

      const mb = (b: number) => `${megabytes(b)} MB`;
      const lines = [
        '## Memory (resident set size)',
        '',
        `Command: \`npm run bench:memory\` (EVENTS=${EVENTS}, CONNECTIONS=${CONNECTIONS}, DURATION=${DURATION} s per load). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
        '',
        `The application in its own process on SQLite (event store and read store files) with ${EVENTS} synthetic unit events stored, run with the node flags of \`npm start\` (\`${SERVICE_NODE_FLAGS.join(' ')}\`); every projection rebuilt from zero at start-up (${catchUpSeconds.toFixed(0)} s), then the public feed ${(feedMs / 1000).toFixed(0)} s more.`,
        '',
        '| moment | RSS | target |',
        '|---|---:|---|',
        `| listening (projections still catching up) | ${mb(rssStarted)} | |`,
        `| peak during the catch-up (sampled every second) | ${mb(catchUpPeak)} | < 300 MB |`,
        `| after every projection and the feed caught up with the ${EVENTS} events | ${mb(rssLoaded)} | < 300 MB |`,
        `| peak under load: GET /units/:id (${gets.requestsPerSecond} req/s), then POST /units (${posts.requestsPerSecond} req/s) | ${mb(peak)} | < 300 MB |`,
        `| after the load | ${mb(rssAfter)} | |`,
        `| after GET /integrity/tree (the Merkle log of ${treeSize} events loaded) | ${mb(rssMerkle)} | < 300 MB |`,
        '',
        `V8 heap used / total after the catch-up: ${mb(heapLoaded.heapUsed)} / ${mb(heapLoaded.heapTotal)}, external ${mb(heapLoaded.external)}; after the load: ${mb(heapAfter.heapUsed)} / ${mb(heapAfter.heapTotal)}. The rest of the RSS is native: SQLite page caches, code, buffers.`,
      ].join('\n');
      publishResults('memory', lines);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runMain(main);
