import type { DomainEvent } from '../../shared/domain/message.js';
import type { Role, Scope } from '../roles.js';

/** A key was issued; only the SHA-256 of its secret is recorded. */
export type ApiKeyIssued = DomainEvent<'ApiKeyIssued', { keyId: string; name: string; role: Role; scope: Scope; expiresAt: string; secretHash: string; issuedAt: string }>;

/** The key's secret was replaced; the old secret stops working at once. */
export type ApiKeyRotated = DomainEvent<'ApiKeyRotated', { keyId: string; secretHash: string; expiresAt: string; rotatedAt: string }>;

/** The key was revoked; it stops working at once, for good. */
export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { keyId: string; reason: string; revokedAt: string }>;

export type ApiKeyEvent = ApiKeyIssued | ApiKeyRotated | ApiKeyRevoked;
