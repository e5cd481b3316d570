import type { ModuleRef } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { ScopeTarget } from '../access/authorization.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { badRequest } from '../shared/http/http-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The unit named in the body (`field`), for the scope check of rural akims' and secretaries' keys on a command that
 * creates a meeting or roll. Without it the scope cannot be checked, so the request is refused as malformed (400)
 * rather than as forbidden: any role allowed on the route would get the same answer from validation.
 */
export const unitInBody = (field: string): ScopeTarget => ({
  kind: 'units',
  resolve: (request: FastifyRequest) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    if (typeof value === 'string' && UUID.test(value)) return value;
    throw badRequest('validation-failed', 'Invalid request', `${field} must be the UUID of an administrative unit.`, [{ path: field, message: 'must be a UUID' }]);
  },
});

/**
 * The unit of an existing aggregate, read from the first event of its stream (not from a read model, so that a
 * command right after creation is checked against the unit it was created for). An unknown id answers `notFound`.
 */
export const unitOfStream = (param: string, stream: (id: string) => string, unitField: string, notFound: (id: string) => Error): ScopeTarget => ({
  kind: 'units',
  resolve: async (request: FastifyRequest, moduleRef: ModuleRef) => {
    const id = (request.params as Record<string, string> | undefined)?.[param];
    if (!id || !UUID.test(id)) throw badRequest('validation-failed', 'Invalid request', `${param} must be a UUID.`, [{ path: param, message: 'must be a UUID' }]);
    const store = moduleRef.get<EventStore>(EVENT_STORE, { strict: false });
    const [first] = await store.readStream(stream(id), { maxCount: 1 });
    const unitId = (first?.data as Record<string, unknown> | undefined)?.[unitField];
    if (typeof unitId !== 'string') throw notFound(id);
    return unitId;
  },
});
