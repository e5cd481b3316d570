import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from './authorization.js';
import { IS_PUBLIC } from './public.decorator.js';

export type RouteAccess = { method: string; path: string; public: boolean; rule: AccessRule | null };

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/**
 * Every controller route of the application with its access rule (or `public`), read from the decorators. The
 * authorisation matrix test walks it; a route whose `rule` is null and that is not public has no rule.
 */
export function routeAccess(app: INestApplication): RouteAccess[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler as never, wrapper.metatype]) === true;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler as never, wrapper.metatype]) ?? null;
      for (const b of base) for (const p of ([] as string[]).concat(path)) routes.push({ method, path: join(b, p), public: isPublic, rule });
    }
  }
  return routes;
}

/** Routes that are neither public nor ruled: nobody can use them, and the matrix test fails on them. */
export const routesWithoutRule = (app: INestApplication): RouteAccess[] => routeAccess(app).filter((r) => !r.public && !r.rule);
