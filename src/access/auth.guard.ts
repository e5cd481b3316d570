import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../shared/command/command-context.js';
import { unauthorized } from '../shared/http/http-errors.js';
import { ApiKeyAuthenticator } from './api-key.authenticator.js';
import { IS_PUBLIC } from './public.decorator.js';

/** Global guard: every route needs a valid API key unless marked @Public(). Sets `request.actor`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyAuthenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw unauthorized('Send an API key as Authorization: Bearer <key>.');
    const actor = this.keys.authenticate(match[1]!);
    if (!actor) throw unauthorized('The API key is not valid.');
    request.actor = actor;
    return true;
  }
}
