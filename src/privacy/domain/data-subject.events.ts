import type { DomainEvent } from '../../shared/domain/message.js';

/** What kind of person a data subject is (the aggregate that holds their personal fields). */
export type SubjectKind = 'resident' | 'applicant' | 'official' | 'evaluator';

/** A data key was issued for the subject; the key itself lives only in the key store, wrapped by the master key. */
export type SubjectKeyIssued = DomainEvent<'SubjectKeyIssued', { subjectId: string; kind: SubjectKind; keyId: string; issuedAt: string }>;

/** A retention obligation (e.g. EU grant audit retention) forbids erasure until `until` (a date, exclusive). */
export type LegalHoldPlaced = DomainEvent<'LegalHoldPlaced', { subjectId: string; holdId: string; basis: string; until: string; placedAt: string }>;

export type LegalHoldReleased = DomainEvent<'LegalHoldReleased', { subjectId: string; holdId: string; reason: string; releasedAt: string }>;

/** Someone asked for the subject's personal data to be erased, on a legal basis. */
export type ErasureRequested = DomainEvent<'ErasureRequested', { subjectId: string; basis: string; requestedBy: string; requestedAt: string }>;

/** The erasure waits for a legal hold: possible from `until`, for the hold's `basis`. */
export type ErasureDeferredUnderLegalHold = DomainEvent<'ErasureDeferredUnderLegalHold', { subjectId: string; holdId: string; basis: string; until: string; deferredAt: string }>;

/** The subject's key was destroyed: every personal value sealed under it is unreadable from now on. */
export type SubjectKeyDestroyed = DomainEvent<'SubjectKeyDestroyed', { subjectId: string; keyId: string; destroyedAt: string }>;

export type ErasureCompleted = DomainEvent<'ErasureCompleted', { subjectId: string; completedAt: string }>;

export type DataSubjectEvent =
  | SubjectKeyIssued
  | LegalHoldPlaced
  | LegalHoldReleased
  | ErasureRequested
  | ErasureDeferredUnderLegalHold
  | SubjectKeyDestroyed
  | ErasureCompleted;
