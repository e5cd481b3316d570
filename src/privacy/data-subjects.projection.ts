import type { Projection } from '../shared/projections/projection.js';
import type { DataSubjectEvent } from './domain/data-subject.events.js';

/** Where a data subject's key, holds and erasure stand: for auditors and the data protection officer. No personal values. */
export type DataSubjectDocument = {
  subjectId: string;
  kind: string;
  status: 'active' | 'erasure-deferred' | 'erased';
  keyId: string;
  holds: Array<{ holdId: string; basis: string; until: string; placedAt: string; releasedAt?: string; releaseReason?: string }>;
  erasure?: { requestedAt: string; requestedBy: string; basis: string; deferredUntil?: string; deferralBasis?: string; completedAt?: string };
};

export const DATA_SUBJECTS_PROJECTION = 'privacy.data-subjects';

export const dataSubjectsProjection: Projection<DataSubjectDocument> = {
  name: DATA_SUBJECTS_PROJECTION,
  version: 1,
  handles: ['SubjectKeyIssued', 'LegalHoldPlaced', 'LegalHoldReleased', 'ErasureRequested', 'ErasureDeferredUnderLegalHold', 'ErasureCompleted'],
  fields: [{ path: 'status', type: 'string' }, { path: 'kind', type: 'string' }],
  documentId: (e) => (e.data as { subjectId: string }).subjectId,
  evolve: (doc, event) => {
    const e = event as unknown as DataSubjectEvent;
    if (e.type === 'SubjectKeyIssued') return doc ?? { subjectId: e.data.subjectId, kind: e.data.kind, status: 'active', keyId: e.data.keyId, holds: [] };
    if (!doc) return doc;
    switch (e.type) {
      case 'LegalHoldPlaced':
        return { ...doc, holds: [...doc.holds, { holdId: e.data.holdId, basis: e.data.basis, until: e.data.until, placedAt: e.data.placedAt }] };
      case 'LegalHoldReleased':
        return { ...doc, holds: doc.holds.map((h) => (h.holdId === e.data.holdId ? { ...h, releasedAt: e.data.releasedAt, releaseReason: e.data.reason } : h)) };
      case 'ErasureRequested':
        return { ...doc, erasure: { requestedAt: e.data.requestedAt, requestedBy: e.data.requestedBy, basis: e.data.basis } };
      case 'ErasureDeferredUnderLegalHold':
        return { ...doc, status: 'erasure-deferred', erasure: { ...doc.erasure!, deferredUntil: e.data.until, deferralBasis: e.data.basis } };
      case 'ErasureCompleted':
        return { ...doc, status: 'erased', erasure: { ...doc.erasure!, completedAt: e.data.completedAt } };
      default:
        return doc;
    }
  },
};
