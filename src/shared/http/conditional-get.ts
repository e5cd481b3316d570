import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, onRequestHookHandler } from 'fastify';
import { ifNoneMatchNames } from './etag.js';

/**
 * A route's current validator, worked out synchronously from what is in memory: its ETag and the headers its full
 * path would send with a 304 (Cache-Control, Content-Type, Reflects-Position, ...). Undefined when only the full path
 * can tell (a request it has not validated yet, a Consistent-With to wait for, ...): the request then takes that path.
 */
export type CurrentValidator = (request: FastifyRequest) => { etag: string; headers: Record<string, string> } | undefined;

/**
 * Cacheable routes that can answer a matching If-None-Match before Nest's pipeline (guards, interceptors, pipes,
 * handler). A route registers its validator here; the fast path runs after the security headers, CORS and the rate
 * limit, so a 304 from it is counted, limited and headed like one from the full path.
 */
@Injectable()
export class ConditionalGets {
  private readonly routes = new Map<string, CurrentValidator>();

  /** `path` is the route's pattern as Fastify knows it, e.g. `/public/feed.json`. */
  register(path: string, validator: CurrentValidator): void {
    this.routes.set(path, validator);
  }

  /** The 304 for `request` when its If-None-Match names the route's current ETag; otherwise false. */
  answer(request: FastifyRequest, reply: FastifyReply): boolean {
    const header = request.headers['if-none-match'];
    if (header === undefined) return false;
    const current = this.routes.get(request.routeOptions.url ?? '')?.(request);
    if (!current || !ifNoneMatchNames(header, current.etag)) return false;
    void reply.headers(current.headers).header('etag', current.etag).code(304).send(''); // '' as the full path's handler returns it: the same Content-Length: 0
    return true;
  }

  /**
   * Adds the fast path to every GET and HEAD route Fastify registers from now on, as the route's last onRequest hook
   * (after the rate limit's, which is a route hook too). Call before the routes are registered (before `app.init()`).
   */
  install(fastify: FastifyInstance): void {
    const hook: onRequestHookHandler = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (!this.answer(request, reply)) done();
    };
    fastify.addHook('onRoute', (route) => {
      const methods = ([] as string[]).concat(route.method);
      if (!methods.includes('GET') && !methods.includes('HEAD')) return;
      const existing = route.onRequest === undefined ? [] : ([] as onRequestHookHandler[]).concat(route.onRequest as onRequestHookHandler | onRequestHookHandler[]);
      if (!existing.includes(hook)) route.onRequest = [...existing, hook];
    });
  }
}
