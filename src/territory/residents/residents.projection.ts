import type { Projection } from '../../shared/projections/projection.js';
import type { ErasureCompleted } from '../../privacy/domain/data-subject.events.js';
import type { ResidentEvent, ResidentPersonal, Sex } from '../domain/resident.events.js';

/** The private residents register: plain facts and the sealed personal fields (never plaintext at rest). */
export type ResidentDocument = {
  residentId: string;
  settlementId: string;
  sex: Sex;
  birthYearBand: string;
  status: 'registered' | 'deregistered';
  /** Sealed fields; null once the subject's data was erased. */
  personal: ResidentPersonal | null;
  erased: boolean;
  registeredAt: string;
};

/** Residents per settlement by sex and birth-year band: totals that erasure never changes. */
export type ResidentCountsDocument = {
  settlementId: string;
  total: number;
  bySex: Record<string, number>;
  byBirthYearBand: Record<string, number>;
};

export const RESIDENTS_PROJECTION = 'territory.residents';
export const RESIDENT_COUNTS_PROJECTION = 'territory.resident-counts';

export const residentsProjection: Projection<ResidentDocument> = {
  name: RESIDENTS_PROJECTION,
  version: 1,
  handles: ['ResidentRegistered', 'ResidentContactUpdated', 'ResidentRelocated', 'ResidentDeregistered', 'ErasureCompleted'],
  fields: [
    { path: 'settlementId', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'sex', type: 'string' },
    { path: 'erased', type: 'boolean' },
  ],
  documentId: (e) => (e.type === 'ErasureCompleted' ? (e.data as { subjectId: string }).subjectId : (e.data as { residentId: string }).residentId),
  evolve: (doc, event) => {
    const e = event as unknown as ResidentEvent | ErasureCompleted;
    if (e.type === 'ResidentRegistered') {
      const { residentId, settlementId, sex, birthYearBand, personal, registeredAt } = e.data;
      return { residentId, settlementId, sex, birthYearBand, status: 'registered', personal, erased: false, registeredAt };
    }
    if (!doc) return doc;
    switch (e.type) {
      case 'ResidentContactUpdated':
        return doc.erased ? doc : { ...doc, personal: { ...doc.personal, ...e.data.personal } };
      case 'ResidentRelocated':
        return { ...doc, settlementId: e.data.settlementId };
      case 'ResidentDeregistered':
        return { ...doc, status: 'deregistered' };
      case 'ErasureCompleted':
        return { ...doc, personal: null, erased: true };
      default:
        return doc;
    }
  },
};

const bump = (counts: Record<string, number>, key: string, by: number) => {
  const next = { ...counts, [key]: (counts[key] ?? 0) + by };
  if (next[key] === 0) delete next[key];
  return next;
};

const add = (doc: ResidentCountsDocument | null, settlementId: string, sex: string, band: string, by: 1 | -1): ResidentCountsDocument => {
  const base = doc ?? { settlementId, total: 0, bySex: {}, byBirthYearBand: {} };
  return { ...base, total: base.total + by, bySex: bump(base.bySex, sex, by), byBirthYearBand: bump(base.byBirthYearBand, band, by) };
};

/** Registered residents counted per settlement; relocations and deregistrations carry the plain facts they move. */
export const residentCountsProjection: Projection<ResidentCountsDocument> = {
  name: RESIDENT_COUNTS_PROJECTION,
  version: 1,
  handles: ['ResidentRegistered', 'ResidentRelocated', 'ResidentDeregistered'],
  fields: [{ path: 'total', type: 'number' }],
  documentId: (event) => {
    const e = event as unknown as ResidentEvent;
    if (e.type === 'ResidentRelocated') return [e.data.fromSettlementId, e.data.settlementId];
    return (e.data as { settlementId: string }).settlementId;
  },
  evolve: (doc, event) => {
    const e = event as unknown as ResidentEvent;
    switch (e.type) {
      case 'ResidentRegistered':
        return add(doc, e.data.settlementId, e.data.sex, e.data.birthYearBand, 1);
      case 'ResidentRelocated': {
        // Called once per document: the one being left, then the one being joined.
        const leaving = doc?.settlementId === e.data.fromSettlementId;
        return add(doc, leaving ? e.data.fromSettlementId : e.data.settlementId, e.data.sex, e.data.birthYearBand, leaving ? -1 : 1);
      }
      case 'ResidentDeregistered':
        return add(doc, e.data.settlementId, e.data.sex, e.data.birthYearBand, -1);
      default:
        return doc;
    }
  },
};
