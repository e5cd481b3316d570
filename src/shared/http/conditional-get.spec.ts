import { afterEach, describe, expect, it } from '@jest/globals';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { ConditionalGets } from './conditional-get.js';

/** A Fastify app like the real one in the parts that matter: the rate limit (a route hook) and a route behind it. */
const app = async (current: { etag: string }): Promise<{ fastify: FastifyInstance; handled: () => number }> => {
  const fastify = Fastify({ logger: false });
  let handled = 0;
  await fastify.register(rateLimit, { global: true, max: 3, timeWindow: 60_000 });
  const gets = new ConditionalGets();
  gets.install(fastify);
  gets.register('/page', () => ({ etag: current.etag, headers: { 'cache-control': 'public, max-age=30', 'reflects-position': '7' } }));
  fastify.get('/page', async (_request, reply) => {
    handled += 1;
    void reply.header('etag', current.etag).header('cache-control', 'public, max-age=30');
    return 'the page';
  });
  fastify.get('/other', async () => 'other');
  await fastify.ready();
  return { fastify, handled: () => handled };
};

describe('ConditionalGets (the 304 fast path)', () => {
  let fastify: FastifyInstance | undefined;
  afterEach(async () => {
    await fastify?.close();
  });

  it('answers a matching If-None-Match (GET and HEAD) with 304 and the route’s headers, without running the handler', async () => {
    const current = { etag: 'W/"7-abc"' };
    const made = await app(current);
    fastify = made.fastify;
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await fastify.inject({ method, url: '/page', headers: { 'if-none-match': 'W/"7-abc"' } });
      expect({ status: res.statusCode, body: res.body, etag: res.headers.etag, cache: res.headers['cache-control'], reflects: res.headers['reflects-position'] }).toEqual({
        status: 304,
        body: '',
        etag: 'W/"7-abc"',
        cache: 'public, max-age=30',
        reflects: '7',
      });
    }
    expect(made.handled()).toBe(0);
    // A changed validator: the old ETag no longer matches, the handler answers.
    current.etag = 'W/"8-abc"';
    const moved = await fastify.inject({ method: 'GET', url: '/page', headers: { 'if-none-match': 'W/"7-abc"' } });
    expect({ status: moved.statusCode, body: moved.body, etag: moved.headers.etag }).toEqual({ status: 200, body: 'the page', etag: 'W/"8-abc"' });
    expect(made.handled()).toBe(1);
  });

  it('leaves requests without If-None-Match, and unregistered routes, to the full path', async () => {
    const made = await app({ etag: 'W/"1-x"' });
    fastify = made.fastify;
    expect((await fastify.inject({ method: 'GET', url: '/page' })).statusCode).toBe(200);
    expect((await fastify.inject({ method: 'GET', url: '/other', headers: { 'if-none-match': '*' } })).statusCode).toBe(200);
    expect(made.handled()).toBe(1);
  });

  it('runs after the rate limit: its 304s are counted and limited', async () => {
    const made = await app({ etag: 'W/"1-x"' });
    fastify = made.fastify;
    const statuses: number[] = [];
    const remaining: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fastify.inject({ method: 'GET', url: '/page', headers: { 'if-none-match': 'W/"1-x"' } });
      statuses.push(res.statusCode);
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(statuses).toEqual([304, 304, 304, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
  });
});
