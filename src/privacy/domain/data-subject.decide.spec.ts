import { describe, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import type { DataSubjectCommand } from './data-subject.commands.js';
import { dataSubjectDecider } from './data-subject.decider.js';
import { DataSubjectNotFound, ErasureNotRequested, ErasureUnderLegalHold, HoldConflict, HoldDateInvalid, SubjectErased, UnknownHold } from './data-subject.errors.js';
import type { DataSubjectEvent } from './data-subject.events.js';

const given = DeciderSpecification.for(dataSubjectDecider);
const S = '0190f3c2-0000-7000-8000-000000000001';
const NOW = '2019-06-05T09:30:00.000Z';
const meta = (now = NOW): CommandMetadata => ({ actor: { id: 'dpo', role: 'data-protection-officer' }, now, correlationId: 'c' });
const cmd = <C extends DataSubjectCommand>(type: C['type'], data: Omit<C['data'], 'subjectId'>, now?: string) => ({ type, data: { subjectId: S, ...data }, metadata: meta(now) }) as C;

describe('DataSubject', () => {
  describe('issuing a key', () => {
    it('records the key id', () => given([]).when(cmd('IssueSubjectKey', { kind: 'resident', keyId: `${S}#1` })).then([issued()]));
    it('does nothing when the key exists', () => given([issued()]).when(cmd('IssueSubjectKey', { kind: 'resident', keyId: `${S}#1` })).thenNothingHappened());
    it('refuses an erased subject', () => given([issued(), requested(), ...completed()]).when(cmd('IssueSubjectKey', { kind: 'resident', keyId: `${S}#1` })).thenThrows(SubjectErased));
  });

  describe('legal holds', () => {
    it('places a hold', () => given([issued()]).when(cmd('PlaceLegalHold', { holdId: 'h1', basis: 'EU grant audit retention', until: '2027-01-01' })).then([hold()]));
    it('ignores the same hold sent again', () => given([issued(), hold()]).when(cmd('PlaceLegalHold', { holdId: 'h1', basis: 'EU grant audit retention', until: '2027-01-01' })).thenNothingHappened());
    it('refuses another hold under the same id', () => given([issued(), hold()]).when(cmd('PlaceLegalHold', { holdId: 'h1', basis: 'other', until: '2030-01-01' })).thenThrows(HoldConflict));
    it('refuses a malformed date', () => given([issued()]).when(cmd('PlaceLegalHold', { holdId: 'h1', basis: 'x', until: '01.01.2027' })).thenThrows(HoldDateInvalid));
    it('refuses an unknown subject', () => given([]).when(cmd('PlaceLegalHold', { holdId: 'h1', basis: 'x', until: '2027-01-01' })).thenThrows(DataSubjectNotFound));
    it('releases a hold', () =>
      given([issued(), hold()]).when(cmd('ReleaseLegalHold', { holdId: 'h1', reason: 'audit closed' })).then([{ type: 'LegalHoldReleased', data: { subjectId: S, holdId: 'h1', reason: 'audit closed', releasedAt: NOW } }]));
    it('refuses to release an unknown hold', () => given([issued()]).when(cmd('ReleaseLegalHold', { holdId: 'h9', reason: 'x' })).thenThrows(UnknownHold));
  });

  describe('erasure', () => {
    it('records a request without a hold', () => given([issued()]).when(cmd('RequestErasure', { basis: 'request of the person' })).then([requested()]));
    it('defers a request under a hold in force, naming its basis and date', () =>
      given([issued(), hold()])
        .when(cmd('RequestErasure', { basis: 'request of the person' }))
        .then([requested(), { type: 'ErasureDeferredUnderLegalHold', data: { subjectId: S, holdId: 'h1', basis: 'EU grant audit retention', until: '2027-01-01', deferredAt: NOW } }]));
    it('does not defer under a hold that has ended', () => given([issued(), hold()]).when(cmd('RequestErasure', { basis: 'request of the person' }, '2027-01-01T08:00:00.000Z')).then([requested('2027-01-01T08:00:00.000Z')]));
    it('ignores a request once erased', () => given([issued(), requested(), ...completed()]).when(cmd('RequestErasure', { basis: 'again' })).thenNothingHappened());
    it('completes a requested erasure: key destroyed, erasure completed', () => given([issued(), requested()]).when(cmd('CompleteErasure', {})).then(completed()));
    it('refuses to complete under a hold in force', () => given([issued(), hold(), requested()]).when(cmd('CompleteErasure', {})).thenThrows(ErasureUnderLegalHold));
    it('refuses to complete without a request', () => given([issued()]).when(cmd('CompleteErasure', {})).thenThrows(ErasureNotRequested));
    it('completes only once', () => given([issued(), requested(), ...completed()]).when(cmd('CompleteErasure', {})).thenNothingHappened());
  });
});

function issued(): DataSubjectEvent {
  return { type: 'SubjectKeyIssued', data: { subjectId: S, kind: 'resident', keyId: `${S}#1`, issuedAt: NOW } };
}
function hold(): DataSubjectEvent {
  return { type: 'LegalHoldPlaced', data: { subjectId: S, holdId: 'h1', basis: 'EU grant audit retention', until: '2027-01-01', placedAt: NOW } };
}
function requested(at = NOW): DataSubjectEvent {
  return { type: 'ErasureRequested', data: { subjectId: S, basis: 'request of the person', requestedBy: 'dpo', requestedAt: at } };
}
function completed(): DataSubjectEvent[] {
  return [
    { type: 'SubjectKeyDestroyed', data: { subjectId: S, keyId: `${S}#1`, destroyedAt: NOW } },
    { type: 'ErasureCompleted', data: { subjectId: S, completedAt: NOW } },
  ];
}
