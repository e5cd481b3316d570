import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../shared/command/command-context.js';
import { ApiError, unauthorized } from '../shared/http/http-errors.js';
import { ApiKeyAuthenticator } from './api-key.authenticator.js';
import { FixedWindowCounter } from './fixed-window.js';
import { ACCESS_RULE, type AccessRule, UNIT_HIERARCHY, type UnitHierarchy } from './authorization.js';
import { IS_PUBLIC } from './public.decorator.js';
import { SCOPED_BY, type Role } from './roles.js';

/** Bad keys allowed per client address per minute before it is blocked for a minute (429). */
export const BAD_KEY_LIMIT = 10;
const MINUTE = 60_000;

const forbidden = (code: string, title: string, detail: string) => new ApiError(403, code, title, detail);

/**
 * The one gate of every route: public routes pass; every other needs a valid, unrevoked, unexpired key (401), an
 * access rule (a route without one is refused), a role the rule admits (403), and, for scoped roles, a target
 * inside the key's scope (403). Repeated bad keys from one address are throttled (429).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly badKeys = new FixedWindowCounter(MINUTE);

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyAuthenticator,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The unit hierarchy comes from the Territory context, looked up across modules on first use. */
  private get units(): UnitHierarchy | undefined {
    try {
      return this.moduleRef.get<UnitHierarchy>(UNIT_HIERARCHY, { strict: false });
    } catch {
      return undefined;
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.badKeys.peek(request.ip) >= BAD_KEY_LIMIT) throw this.tooMany(request.ip);
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const found = match ? await this.keys.authenticate(match[1]!) : null;
    if (!found) {
      if (match) this.badKeys.hit(request.ip); // a missing key is not a guess; a wrong one is
      throw unauthorized(match ? 'The API key is not valid, revoked or expired.' : 'Send an API key as Authorization: Bearer <key>.');
    }
    request.actor = found.actor;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (!rule) throw forbidden('no-access-rule', 'Route without an access rule', 'This route has no access rule yet, so nobody may use it.');
    const role = found.actor.role as Role;
    if (!rule.roles.includes(role)) throw forbidden('forbidden', 'Not allowed for this role', `A ${role} key may not use ${request.method} ${request.routeOptions.url}.`);
    const list = SCOPED_BY[role];
    if (list && rule.target) {
      if (rule.target.kind !== list) throw forbidden('out-of-scope', 'Outside the key’s scope', `A ${role} key is scoped to ${list}, which do not cover this resource.`);
      const target = await rule.target.resolve(request, this.moduleRef);
      if (!(await this.covers(found.scope[list] ?? [], list, target))) {
        throw forbidden('out-of-scope', 'Outside the key’s scope', `This ${role} key may act only on its own ${list}${list === 'units' ? ' and the units below them' : ''}.`);
      }
    }
    return true;
  }

  private async covers(allowed: string[], kind: string, target: string | undefined): Promise<boolean> {
    if (!target) return false;
    if (kind !== 'units') return allowed.includes(target);
    const lineage = this.units ? await this.units.lineage(target) : [target];
    return lineage.some((id) => allowed.includes(id));
  }

  private tooMany(ip: string): ApiError {
    const seconds = Math.max(1, Math.ceil((this.badKeys.hit(ip).resetAt - Date.now()) / 1000));
    return new ApiError(429, 'too-many-requests', 'Too many requests', `Too many invalid API keys from this address; try again in ${seconds} s.`, [], { 'Retry-After': String(seconds) });
  }
}
