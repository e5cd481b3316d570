import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../shared/event-store/event-store.port.js';
import { auditEntryOf, auditTrailProjection, referencesOf } from './audit-trail.projection.js';

const sealed = { keyId: 'applicant-7#1', alg: 'A256GCM', iv: 'aXY', ct: 'c2VjcmV0LW5hbWU' };
const event = (over: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventId: 'e-1', type: 'GrantApplicationSubmitted', schemaVersion: 1, streamId: 'grantApplication-a1', revision: 0n, position: 42n,
  recordedAt: '2019-06-05T09:30:01.000Z', prevHash: '0'.repeat(64), hash: 'f'.repeat(64),
  data: { applicationId: 'a1', callId: 'c1', territoryUnitId: 'u1', personal: { fullName: sealed }, eligibleUnitIds: ['u2', 'u3'] },
  metadata: { actor: { id: 'apiKey:k1', role: 'programme-officer' }, correlationId: 'corr-1', causationId: 'req-1', commandName: 'SubmitGrantApplication', reason: 'On time', occurredAt: '2019-06-05T09:30:00.000Z' },
  ...over,
});

describe('audit trail projection', () => {
  it('records the envelope, the context, the referenced ids, and the data with sealed values as markers', () => {
    const entry = auditEntryOf(event());
    expect(entry).toMatchObject({
      eventId: 'e-1', position: 42, type: 'GrantApplicationSubmitted', streamId: 'grantApplication-a1', category: 'grantApplication', context: 'grants',
      revision: 0, actorId: 'apiKey:k1', actorRole: 'programme-officer', commandName: 'SubmitGrantApplication', reason: 'On time',
      correlationId: 'corr-1', causationId: 'req-1', occurredAt: '2019-06-05T09:30:00.000Z', recordedAt: '2019-06-05T09:30:01.000Z',
    });
    expect(entry.refs.sort()).toEqual(['a1', 'c1', 'u1', 'u2', 'u3']);
    expect((entry.data as any).personal.fullName).toEqual({ $sealed: 'A256GCM', keyId: 'applicant-7#1' });
    expect(JSON.stringify(entry)).not.toContain(sealed.ct);
  });

  it('finds evidence: certified votes, minutes documents with their hash, content hashes, policies', () => {
    const { evidence, refs } = referencesOf({
      planId: 'p1', voteId: 'v1', subject: { type: 'PLAN', ref: 'p1', contentHash: 'ab'.repeat(32) }, policyVersion: 'vote-policy/2019.1',
      minutes: { documentId: 'd1', sha256: 'cd'.repeat(32) },
    });
    expect(evidence).toEqual(expect.arrayContaining([
      { kind: 'vote', ref: 'v1' },
      { kind: 'content-hash', ref: 'ab'.repeat(32) },
      { kind: 'policy', ref: 'vote-policy/2019.1' },
      { kind: 'document', ref: 'd1', sha256: 'cd'.repeat(32) },
    ]));
    expect(refs).toEqual(expect.arrayContaining(['p1', 'v1', 'd1']));
  });

  it('keeps one document per event, whatever its type, and leaves null metadata explicit', () => {
    expect(auditTrailProjection.handles).toEqual(['*']);
    expect(auditTrailProjection.documentId(event())).toBe('e-1');
    const bare = auditEntryOf(event({ metadata: { actor: { id: 'cli', role: 'administrator' }, correlationId: 'c', occurredAt: '2019-01-01T00:00:00.000Z' } }));
    expect(bare).toMatchObject({ commandName: null, reason: null, causationId: null });
  });
});
