import { SetMetadata } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role, Scope } from './roles.js';

export const ACCESS_RULE = 'access:rule';

/** How a route finds the resource a scoped key must cover: a unit, a programme or a call id. */
export type ScopeTarget = {
  kind: keyof Scope;
  /** The id the request acts on (from its params or body, or looked up), or undefined when it names none. */
  resolve: (request: FastifyRequest, moduleRef: ModuleRef) => string | undefined | Promise<string | undefined>;
};

/**
 * The access rule of one route: the roles it admits and, for scoped roles, the resource their scope must cover.
 * Every route has exactly one rule (or @Public): the guard refuses a route without one, and the matrix test fails.
 */
export type AccessRule = { roles: readonly Role[]; target?: ScopeTarget };

/** Declares the access rule of a route (or of every route of a controller). */
export const Allow = (roles: readonly Role[], target?: ScopeTarget) => SetMetadata(ACCESS_RULE, { roles, target } satisfies AccessRule);

/** Every role that holds a key: for read-only routes open to all staff and auditors. */
export const ANY_ROLE: readonly Role[] = ['administrator', 'programme-officer', 'rural-akim', 'meeting-secretary', 'evaluator', 'auditor', 'data-protection-officer'];

/** Reads `name` from the route params, then from the JSON body. */
export const fromRequest =
  (name: string) =>
  (request: FastifyRequest): string | undefined => {
    const params = request.params as Record<string, string> | undefined;
    const body = request.body as Record<string, unknown> | undefined;
    const value = params?.[name] ?? body?.[name];
    return typeof value === 'string' ? value : undefined;
  };

/** DI token of the unit hierarchy the access policy walks to check a rural akim's scope (provided by Territory). */
export const UNIT_HIERARCHY = Symbol('UNIT_HIERARCHY');
export interface UnitHierarchy {
  /** The unit itself, then its ancestors up to the region. */
  lineage(unitId: string): Promise<string[]>;
}
