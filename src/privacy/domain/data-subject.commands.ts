import type { DomainCommand } from '../../shared/domain/message.js';
import type { SubjectKind } from './data-subject.events.js';

export type IssueSubjectKey = DomainCommand<'IssueSubjectKey', { subjectId: string; kind: SubjectKind; keyId: string }>;
export type PlaceLegalHold = DomainCommand<'PlaceLegalHold', { subjectId: string; holdId: string; basis: string; until: string }>;
export type ReleaseLegalHold = DomainCommand<'ReleaseLegalHold', { subjectId: string; holdId: string; reason: string }>;
export type RequestErasure = DomainCommand<'RequestErasure', { subjectId: string; basis: string }>;
/** Records that the key store destroyed the subject's key; refused while a legal hold is in force. */
export type CompleteErasure = DomainCommand<'CompleteErasure', { subjectId: string }>;

export type DataSubjectCommand = IssueSubjectKey | PlaceLegalHold | ReleaseLegalHold | RequestErasure | CompleteErasure;
