import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp, type TestResponse, startTestApp } from '../support/test-app.js';

/** Headers that differ between any two responses (per request, per body, per connection). */
const VARYING = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'content-length', 'connection', 'keep-alive']);
const headersOf = (res: TestResponse) => Object.fromEntries([...res.headers].filter(([name]) => !VARYING.has(name)));

/**
 * The public feed's conditional GETs, which a matching If-None-Match answers before Nest's pipeline
 * (src/shared/http/conditional-get.ts): the same 304 as the full path, never over a changed feed, and still rate
 * limited and logged.
 */
describe('Conditional GETs of the public feed', () => {
  let t: TestApp;
  const logLines: string[] = [];
  let last = '0';
  const addUnit = async () => {
    const res = await t.request('POST', '/units', { body: { unitId: randomUUID(), level: 'REGION', parentId: null, names: { en: 'Atyrau region' }, effectiveFrom: '2017-01-01' } });
    expect(res.status).toBe(201);
    last = res.body.position;
  };
  const pub = (method: string, path: string, headers: Record<string, string> = {}) => t.request(method, path, { auth: null, headers });

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '40' }, logLines });
    await addUnit();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers a matching If-None-Match with a 304 carrying the 200’s headers, for GET and HEAD, JSON Feed and Atom, and logs it', async () => {
    for (const path of ['/public/feed.json?lang=en', '/public/feed.atom']) {
      const ok = await pub('GET', path, { 'consistent-with': last });
      expect(ok.status).toBe(200);
      const etag = ok.headers.get('etag')!;
      expect(headersOf(ok)).toMatchObject({ etag, 'cache-control': expect.any(String), 'content-security-policy': expect.any(String), 'reflects-position': last });
      for (const method of ['GET', 'HEAD']) {
        const requestId = `conditional-${randomUUID()}`;
        const res = await pub(method, path, { 'if-none-match': etag, 'x-request-id': requestId });
        expect({ method, path, status: res.status, text: res.text }).toEqual({ method, path, status: 304, text: '' });
        expect(headersOf(res)).toEqual(headersOf(ok));
        expect(res.headers.get('x-request-id')).toBe(requestId);
        const logged = logLines.map((l) => JSON.parse(l)).filter((l) => l.reqId === requestId);
        expect(logged.map((l) => l.res?.statusCode ?? l.req?.url)).toEqual([path, 304]);
      }
    }
  });

  it('sends the page again, with a new ETag, once the feed has moved on', async () => {
    const before = await pub('GET', '/public/feed.json');
    const old = before.headers.get('etag')!;
    await addUnit();
    // Waiting for the new event through Consistent-With, the old ETag gets the new page.
    const moved = await pub('GET', '/public/feed.json', { 'if-none-match': old, 'consistent-with': last });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('reflects-position')).toBe(last);
    const fresh = moved.headers.get('etag')!;
    expect(fresh).not.toBe(old);
    // Without it too (the feed reflects it now); the new ETag is the current one.
    expect((await pub('GET', '/public/feed.json', { 'if-none-match': old })).status).toBe(200);
    expect((await pub('GET', '/public/feed.json', { 'if-none-match': fresh })).status).toBe(304);
    expect((await pub('HEAD', '/public/feed.json', { 'if-none-match': old })).status).toBe(200);
  });

  it('leaves queries it has not seen validated to the full path (If-None-Match: * on a bad query is still 400)', async () => {
    expect((await pub('GET', '/public/feed.json?after=1&before=2', { 'if-none-match': '*' })).status).toBe(400);
    expect((await pub('GET', '/public/feed.json?limit=many', { 'if-none-match': '*' })).status).toBe(400);
    expect((await pub('GET', '/public/feed.json', { 'if-none-match': '*' })).status).toBe(304);
  });

  it('counts its 304s in the rate limit (last: it uses up this address’s minute)', async () => {
    const etag = (await pub('GET', '/public/feed.atom')).headers.get('etag')!;
    const first = await pub('GET', '/public/feed.atom', { 'if-none-match': etag });
    expect(first.status).toBe(304);
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    expect(remaining).toBeLessThan(40);
    const statuses = new Set<number>();
    for (let i = 0; i < remaining; i++) statuses.add((await pub('GET', '/public/feed.atom', { 'if-none-match': etag })).status);
    expect([...statuses]).toEqual([304]);
    const limited = await pub('GET', '/public/feed.atom', { 'if-none-match': etag });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
