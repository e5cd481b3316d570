import type { Projection } from '../shared/projections/projection.js';
import type { ApiKeyEvent } from './domain/api-key.events.js';
import type { Role, Scope } from './roles.js';

/** An issued key as administrators see it: never its secret or its hash. */
export type ApiKeyDocument = {
  keyId: string;
  name: string;
  role: Role;
  scope: Scope;
  expiresAt: string;
  status: 'active' | 'revoked';
  issuedAt: string;
  rotatedAt?: string;
  revokedAt?: string;
  revokeReason?: string;
};

export const API_KEYS_PROJECTION = 'access.api-keys';

export const apiKeysProjection: Projection<ApiKeyDocument> = {
  name: API_KEYS_PROJECTION,
  version: 1,
  handles: ['ApiKeyIssued', 'ApiKeyRotated', 'ApiKeyRevoked'],
  fields: [{ path: 'role', type: 'string' }, { path: 'status', type: 'string' }],
  documentId: (e) => (e.data as { keyId: string }).keyId,
  evolve: (doc, event) => {
    const e = event as unknown as ApiKeyEvent;
    switch (e.type) {
      case 'ApiKeyIssued': {
        const { secretHash: _, ...key } = e.data;
        return { ...key, status: 'active' };
      }
      case 'ApiKeyRotated':
        return doc && { ...doc, expiresAt: e.data.expiresAt, rotatedAt: e.data.rotatedAt };
      case 'ApiKeyRevoked':
        return doc && { ...doc, status: 'revoked', revokedAt: e.data.revokedAt, revokeReason: e.data.reason };
      default:
        return doc;
    }
  },
};
