import { describe, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { ApiKeyExists, ApiKeyNotFound, ApiKeyRevokedError, type ApiKeyCommand, ExpiryInPast, ScopeRequired, apiKeyDecider } from './api-key.decider.js';
import type { ApiKeyEvent } from './api-key.events.js';

const given = DeciderSpecification.for(apiKeyDecider);
const K = '0190f3c2-0000-7000-8000-00000000000a';
const NOW = '2019-06-05T09:30:00.000Z';
const LATER = '2020-06-05T09:30:00.000Z';
const meta: CommandMetadata = { actor: { id: 'bootstrap-admin', role: 'administrator' }, now: NOW, correlationId: 'c' };
const issue = (over: Partial<Extract<ApiKeyCommand, { type: 'IssueApiKey' }>['data']> = {}): ApiKeyCommand => ({
  type: 'IssueApiKey',
  data: { keyId: K, name: 'Akim of Batyr', role: 'rural-akim', scope: { units: ['u1'] }, expiresAt: LATER, secretHash: 'h1', ...over },
  metadata: meta,
});

describe('ApiKey', () => {
  describe('issuing', () => {
    it('records the role, scope, expiry and secret hash', () => given([]).when(issue()).then([issued()]));
    it('ignores the same issue sent again', () => given([issued()]).when(issue()).thenNothingHappened());
    it('refuses another key under the same id', () => given([issued()]).when(issue({ secretHash: 'h2' })).thenThrows(ApiKeyExists));
    it('refuses a scoped role without a scope', () => given([]).when(issue({ scope: {} })).thenThrows(ScopeRequired));
    it('refuses an expiry in the past', () => given([]).when(issue({ expiresAt: '2019-01-01T00:00:00.000Z' })).thenThrows(ExpiryInPast));
    it('refuses an expiry more than two years ahead', () => given([]).when(issue({ expiresAt: '2022-01-01T00:00:00.000Z' })).thenThrows(ExpiryInPast));
  });

  describe('rotating', () => {
    const rotate: ApiKeyCommand = { type: 'RotateApiKey', data: { keyId: K, secretHash: 'h2', expiresAt: LATER }, metadata: meta };
    it('replaces the secret', () => given([issued()]).when(rotate).then([{ type: 'ApiKeyRotated', data: { keyId: K, secretHash: 'h2', expiresAt: LATER, rotatedAt: NOW } }]));
    it('refuses an unknown key', () => given([]).when(rotate).thenThrows(ApiKeyNotFound));
    it('refuses a revoked key', () => given([issued(), revoked()]).when(rotate).thenThrows(ApiKeyRevokedError));
  });

  describe('revoking', () => {
    const revoke: ApiKeyCommand = { type: 'RevokeApiKey', data: { keyId: K, reason: 'left the akimat' }, metadata: meta };
    it('revokes', () => given([issued()]).when(revoke).then([revoked()]));
    it('does nothing the second time', () => given([issued(), revoked()]).when(revoke).thenNothingHappened());
    it('refuses an unknown key', () => given([]).when(revoke).thenThrows(ApiKeyNotFound));
  });
});

function issued(): ApiKeyEvent {
  return { type: 'ApiKeyIssued', data: { keyId: K, name: 'Akim of Batyr', role: 'rural-akim', scope: { units: ['u1'] }, expiresAt: LATER, secretHash: 'h1', issuedAt: NOW } };
}
function revoked(): ApiKeyEvent {
  return { type: 'ApiKeyRevoked', data: { keyId: K, reason: 'left the akimat', revokedAt: NOW } };
}
