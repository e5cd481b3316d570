/**
 * The read path over HTTP, answered 200 and 304 (If-None-Match with its ETag), against a bare Nest GET on Fastify
 * returning a unit document: the public feed (GET /public/feed.json, no key) and GET /units/:id (with an API key, the
 * key check is in our numbers).
 * autocannon on loopback, CONNECTIONS=16, DURATION=10 s after a 2 s warm-up; ROUNDS alternating, best of each.
 *   npm run bench:feed              (ROUNDS=2)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEY, CONNECTIONS, DURATION, type LoadResult, load, startServer } from './http-support.js';
import { machine, publishResults, runMain } from './support.js';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const auth = { authorization: `Bearer ${BENCH_KEY}` };

async function main() {
  const best = (a: LoadResult | undefined, b: LoadResult) => (!a || b.requestsPerSecond > a.requestsPerSecond ? b : a);
  let bare: LoadResult | undefined;
  let ok: LoadResult | undefined;
  let notModified: LoadResult | undefined;
  let feed: LoadResult | undefined;
  let feed304: LoadResult | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'aul-ledger-bench-get-'));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const b = await startServer('bare', { DATA_DIR: dataDir });
      try {
        bare = best(bare, await load(b.url, { method: 'GET', path: `/units/${randomUUID()}` }));
      } finally {
        await b.stop();
      }
      const app = await startServer('app', { DATA_DIR: dataDir });
      try {
        const unitId = randomUUID();
        const created = await fetch(`${app.url}/units`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ unitId, level: 'REGION', names: { ru: 'Область', en: 'Region' }, parentId: null, effectiveFrom: '2019-01-01' }),
        });
        if (created.status !== 201) throw new Error(`POST /units answered ${created.status}: ${await created.text()}`);
        for (let year = 2010; year < 2018; year++) {
          await fetch(`${app.url}/units/${unitId}/population`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ year, count: 300 + year }) });
        }
        await app.catchUp();
        const first = await fetch(`${app.url}/units/${unitId}`, { headers: auth });
        const etag = first.headers.get('etag');
        if (first.status !== 200 || !etag) throw new Error(`GET /units/:id answered ${first.status} without an ETag`);
        ok = best(ok, await load(app.url, { method: 'GET', path: `/units/${unitId}`, headers: auth }));
        const r304 = await load(app.url, { method: 'GET', path: `/units/${unitId}`, headers: { ...auth, 'if-none-match': etag } });
        if (!r304.statusCodes['3xx']) throw new Error(`The If-None-Match load got no 304: ${JSON.stringify(r304.statusCodes)}`);
        notModified = best(notModified, r304);

        const feedFirst = await fetch(`${app.url}/public/feed.json`);
        const feedTag = feedFirst.headers.get('etag');
        if (feedFirst.status !== 200 || !feedTag) throw new Error(`GET /public/feed.json answered ${feedFirst.status} without an ETag`);
        feed = best(feed, await load(app.url, { method: 'GET', path: '/public/feed.json' }));
        const f304 = await load(app.url, { method: 'GET', path: '/public/feed.json', headers: { 'if-none-match': feedTag } });
        if (!f304.statusCodes['3xx']) throw new Error(`The feed's If-None-Match load got no 304: ${JSON.stringify(f304.statusCodes)}`);
        feed304 = best(feed304, f304);
      } finally {
        await app.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!bare || !ok || !notModified || !feed || !feed304) throw new Error('ROUNDS must be at least 1');
  const row = (name: string, r: LoadResult, target = '') =>
    `| ${name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${(r.requestsPerSecond / bare!.requestsPerSecond).toFixed(2)} | ${target} |`;
  const lines = [
    '## Reads over HTTP (200 and 304)',
    '',
    `Command: \`npm run bench:feed\` (autocannon, loopback, CONNECTIONS=${CONNECTIONS}, DURATION=${DURATION} s after a 2 s warm-up, ROUNDS=${ROUNDS} alternating, best of each). Machine: ${machine()}. Run: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'The public feed: GET /public/feed.json (no key; the feed of a store holding one unit; its 304 answered by the conditional-GET fast path before Nest\'s pipeline). GET /units/:id: API key checked, read store document, ETag. Bare: Nest on Fastify returning a unit document, no authentication.',
    '',
    '| server | requests/s | p50 ms | p99 ms | ratio | target |',
    '|---|---:|---:|---:|---:|---|',
    row('bare GET (the limit)', bare),
    row('GET /public/feed.json, 200', feed),
    row('GET /public/feed.json, If-None-Match → 304', feed304, '≥ 0.7'),
    row('GET /units/:id, 200 with the document', ok),
    row('GET /units/:id, If-None-Match → 304', notModified),
  ].join('\n');
  publishResults('reads-http', lines);
}

runMain(main);
