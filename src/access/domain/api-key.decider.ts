import type { Decider } from '../../shared/domain/decider.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { DomainCommand } from '../../shared/domain/message.js';
import { ROLES, type Role, SCOPED_BY, type Scope } from '../roles.js';
import type { ApiKeyEvent } from './api-key.events.js';

export type IssueApiKey = DomainCommand<'IssueApiKey', { keyId: string; name: string; role: Role; scope: Scope; expiresAt: string; secretHash: string }>;
export type RotateApiKey = DomainCommand<'RotateApiKey', { keyId: string; secretHash: string; expiresAt: string }>;
export type RevokeApiKey = DomainCommand<'RevokeApiKey', { keyId: string; reason: string }>;
export type ApiKeyCommand = IssueApiKey | RotateApiKey | RevokeApiKey;

/** What authentication needs to know of a key. */
export type ApiKey =
  | { status: 'Empty' }
  | { status: 'Active'; keyId: string; name: string; role: Role; scope: Scope; expiresAt: string; secretHash: string }
  | { status: 'Revoked'; keyId: string };

export class ApiKeyNotFound extends NotFoundError {
  constructor(keyId: string) {
    super('api-key-not-found', 'API key not found', `No API key ${keyId} was issued.`);
  }
}
export class ApiKeyRevokedError extends IllegalStateError {
  constructor(keyId: string) {
    super('api-key-revoked', 'API key revoked', `API key ${keyId} is revoked; issue a new one.`);
  }
}
export class ApiKeyExists extends IllegalStateError {
  constructor(keyId: string) {
    super('api-key-exists', 'API key already issued', `API key ${keyId} is already issued; rotate it, or issue a key with a new id.`);
  }
}
export class ExpiryInPast extends ValidationError {
  constructor(expiresAt: string) {
    super('api-key-expiry-invalid', 'Expiry must be in the future', `expiresAt (${expiresAt}) must be a time after now and at most two years ahead.`, [{ path: 'expiresAt', message: 'must be in the future, within two years' }]);
  }
}
export class ScopeRequired extends ValidationError {
  constructor(role: string, list: string) {
    super('api-key-scope-required', 'Scope required', `A ${role} key must name the ${list} it may act on (scope.${list}).`, [{ path: `scope.${list}`, message: `is required for ${role}` }]);
  }
}
export class UnknownRole extends ValidationError {
  constructor(role: string) {
    super('api-key-role-unknown', 'Unknown role', `Role must be one of ${ROLES.join(', ')}; got ${role}.`, [{ path: 'role', message: 'is not a role' }]);
  }
}

const TWO_YEARS_MS = 2 * 366 * 24 * 3600 * 1000;

const checkExpiry = (expiresAt: string, now: string) => {
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t) || t <= Date.parse(now) || t - Date.parse(now) > TWO_YEARS_MS) throw new ExpiryInPast(expiresAt);
};

export const initialState = (): ApiKey => ({ status: 'Empty' });

export const evolve = (s: ApiKey, e: ApiKeyEvent): ApiKey => {
  switch (e.type) {
    case 'ApiKeyIssued': {
      const { issuedAt: _, ...key } = e.data;
      return { status: 'Active', ...key };
    }
    case 'ApiKeyRotated':
      return s.status === 'Active' ? { ...s, secretHash: e.data.secretHash, expiresAt: e.data.expiresAt } : s;
    case 'ApiKeyRevoked':
      return { status: 'Revoked', keyId: e.data.keyId };
    default:
      return s;
  }
};

export const decide = (c: ApiKeyCommand, s: ApiKey): ApiKeyEvent[] => {
  const now = c.metadata.now;
  switch (c.type) {
    case 'IssueApiKey': {
      if (s.status !== 'Empty') {
        if (s.status === 'Active' && s.secretHash === c.data.secretHash) return [];
        throw new ApiKeyExists(c.data.keyId);
      }
      if (!(ROLES as readonly string[]).includes(c.data.role)) throw new UnknownRole(c.data.role);
      const list = SCOPED_BY[c.data.role];
      if (list && !(c.data.scope[list]?.length)) throw new ScopeRequired(c.data.role, list);
      checkExpiry(c.data.expiresAt, now);
      return [{ type: 'ApiKeyIssued', data: { ...c.data, issuedAt: now } }];
    }
    case 'RotateApiKey':
      if (s.status === 'Empty') throw new ApiKeyNotFound(c.data.keyId);
      if (s.status === 'Revoked') throw new ApiKeyRevokedError(c.data.keyId);
      if (s.secretHash === c.data.secretHash) return [];
      checkExpiry(c.data.expiresAt, now);
      return [{ type: 'ApiKeyRotated', data: { ...c.data, rotatedAt: now } }];
    case 'RevokeApiKey':
      if (s.status === 'Empty') throw new ApiKeyNotFound(c.data.keyId);
      if (s.status === 'Revoked') return [];
      return [{ type: 'ApiKeyRevoked', data: { ...c.data, revokedAt: now } }];
    default: {
      const exhaustive: never = c;
      throw new Error(`Unknown command ${(exhaustive as { type: string }).type}`);
    }
  }
};

/** The ApiKey aggregate (Access context): keys are themselves event-sourced. */
export const apiKeyDecider: Decider<ApiKey, ApiKeyCommand, ApiKeyEvent> = { decide, evolve, initialState };

export const apiKeyStream = (keyId: string): string => `apiKey-${keyId}`;
