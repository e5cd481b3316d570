import type { Decider } from '../../shared/domain/decider.js';
import type { CompleteErasure, DataSubjectCommand, IssueSubjectKey, PlaceLegalHold, ReleaseLegalHold, RequestErasure } from './data-subject.commands.js';
import { DataSubjectNotFound, ErasureNotRequested, ErasureUnderLegalHold, HoldConflict, HoldDateInvalid, SubjectErased, UnknownHold } from './data-subject.errors.js';
import type { DataSubjectEvent } from './data-subject.events.js';

type Hold = { basis: string; until: string };

/** The write model of a data subject: its key, its legal holds, and where its erasure stands. */
export type DataSubject =
  | { status: 'Empty' }
  | { status: 'Active'; keyId: string; holds: ReadonlyMap<string, Hold>; erasureRequested: boolean }
  | { status: 'Erased' };

export const initialState = (): DataSubject => ({ status: 'Empty' });

export const evolve = (s: DataSubject, e: DataSubjectEvent): DataSubject => {
  switch (e.type) {
    case 'SubjectKeyIssued':
      return s.status === 'Empty' ? { status: 'Active', keyId: e.data.keyId, holds: new Map(), erasureRequested: false } : s;
    case 'LegalHoldPlaced':
      return s.status === 'Active' ? { ...s, holds: new Map([...s.holds, [e.data.holdId, { basis: e.data.basis, until: e.data.until }]]) } : s;
    case 'LegalHoldReleased': {
      if (s.status !== 'Active') return s;
      const holds = new Map(s.holds);
      holds.delete(e.data.holdId);
      return { ...s, holds };
    }
    case 'ErasureRequested':
      return s.status === 'Active' ? { ...s, erasureRequested: true } : s;
    case 'ErasureCompleted':
      return { status: 'Erased' };
    default:
      return s;
  }
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The hold in force on `today` that ends last, if any (holds end at `until`, exclusive). */
export const blockingHold = (holds: ReadonlyMap<string, Hold>, today: string): ({ holdId: string } & Hold) | null => {
  let found: ({ holdId: string } & Hold) | null = null;
  for (const [holdId, h] of holds) if (h.until > today && (!found || h.until > found.until)) found = { holdId, ...h };
  return found;
};

const active = (s: DataSubject, subjectId: string) => {
  if (s.status === 'Empty') throw new DataSubjectNotFound(subjectId);
  if (s.status === 'Erased') throw new SubjectErased(subjectId);
  return s;
};

export const issueSubjectKey = ({ data, metadata }: IssueSubjectKey, s: DataSubject): DataSubjectEvent[] => {
  if (s.status === 'Erased') throw new SubjectErased(data.subjectId);
  if (s.status === 'Active') return [];
  return [{ type: 'SubjectKeyIssued', data: { ...data, issuedAt: metadata.now } }];
};

export const placeLegalHold = ({ data, metadata }: PlaceLegalHold, s: DataSubject): DataSubjectEvent[] => {
  const a = active(s, data.subjectId);
  if (!DATE.test(data.until) || Number.isNaN(Date.parse(data.until))) throw new HoldDateInvalid(data.until);
  const existing = a.holds.get(data.holdId);
  if (existing) {
    if (existing.basis === data.basis && existing.until === data.until) return [];
    throw new HoldConflict(data.holdId);
  }
  return [{ type: 'LegalHoldPlaced', data: { ...data, placedAt: metadata.now } }];
};

export const releaseLegalHold = ({ data, metadata }: ReleaseLegalHold, s: DataSubject): DataSubjectEvent[] => {
  const a = active(s, data.subjectId);
  if (!a.holds.has(data.holdId)) throw new UnknownHold(data.holdId);
  return [{ type: 'LegalHoldReleased', data: { ...data, releasedAt: metadata.now } }];
};

/** Records the request; when a hold is in force, also records the deferral with its basis and end date. */
export const requestErasure = ({ data, metadata }: RequestErasure, s: DataSubject): DataSubjectEvent[] => {
  if (s.status === 'Erased') return [];
  const a = active(s, data.subjectId);
  const hold = blockingHold(a.holds, metadata.now.slice(0, 10));
  const events: DataSubjectEvent[] = a.erasureRequested
    ? []
    : [{ type: 'ErasureRequested', data: { subjectId: data.subjectId, basis: data.basis, requestedBy: metadata.actor.id, requestedAt: metadata.now } }];
  if (hold) events.push({ type: 'ErasureDeferredUnderLegalHold', data: { subjectId: data.subjectId, holdId: hold.holdId, basis: hold.basis, until: hold.until, deferredAt: metadata.now } });
  return events;
};

export const completeErasure = ({ data, metadata }: CompleteErasure, s: DataSubject): DataSubjectEvent[] => {
  if (s.status === 'Erased') return [];
  const a = active(s, data.subjectId);
  if (!a.erasureRequested) throw new ErasureNotRequested(data.subjectId);
  const hold = blockingHold(a.holds, metadata.now.slice(0, 10));
  if (hold) throw new ErasureUnderLegalHold(data.subjectId, hold.until, hold.basis);
  return [
    { type: 'SubjectKeyDestroyed', data: { subjectId: data.subjectId, keyId: a.keyId, destroyedAt: metadata.now } },
    { type: 'ErasureCompleted', data: { subjectId: data.subjectId, completedAt: metadata.now } },
  ];
};

export const decide = (c: DataSubjectCommand, s: DataSubject): DataSubjectEvent[] => {
  switch (c.type) {
    case 'IssueSubjectKey':
      return issueSubjectKey(c, s);
    case 'PlaceLegalHold':
      return placeLegalHold(c, s);
    case 'ReleaseLegalHold':
      return releaseLegalHold(c, s);
    case 'RequestErasure':
      return requestErasure(c, s);
    case 'CompleteErasure':
      return completeErasure(c, s);
    default: {
      const exhaustive: never = c;
      throw new Error(`Unknown command ${(exhaustive as { type: string }).type}`);
    }
  }
};

/** The DataSubject aggregate (Privacy context): keys, legal holds and erasure of one person's data. */
export const dataSubjectDecider: Decider<DataSubject, DataSubjectCommand, DataSubjectEvent> = { decide, evolve, initialState };

export const dataSubjectStream = (subjectId: string): string => `dataSubject-${subjectId}`;
