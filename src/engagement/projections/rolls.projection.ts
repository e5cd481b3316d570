import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { EligibilityRollEvent } from '../domain/eligibility-roll.events.js';

/** One eligibility roll as the API shows it: its size, status and hash, never the list of residents. */
export type RollDocument = {
  rollId: string;
  scopeUnitId: string;
  cutoffDate: string;
  criteria: string;
  status: 'COMPILED' | 'FROZEN';
  size: number;
  compiledSize: number;
  claimsAdded: number;
  challengesUpheld: number;
  /** Hex SHA-256 of the sorted resident ids, once frozen. */
  hash: string | null;
  compiledAt: string;
  frozenAt: string | null;
  revision: string;
  position: string;
};

export const ROLLS_PROJECTION = 'engagement.rolls';

export const rollsProjection: Projection<RollDocument> = {
  name: ROLLS_PROJECTION,
  version: 1,
  handles: ['RollCompiled', 'RollEntryAdded', 'RollEntryRemoved', 'RollFrozen'],
  fields: [
    { path: 'scopeUnitId', type: 'string' },
    { path: 'status', type: 'string' },
  ],
  documentId: (e) => (e.data as { rollId: string }).rollId,
  evolve: (doc, event) => {
    const e = event as unknown as RecordedEvent & EligibilityRollEvent;
    const stamp = { revision: event.revision.toString(), position: event.position.toString() };
    if (e.type === 'RollCompiled') {
      const { rollId, scopeUnitId, cutoffDate, criteria, entries, compiledAt } = e.data;
      const size = new Set(entries).size;
      return { rollId, scopeUnitId, cutoffDate, criteria, status: 'COMPILED', size, compiledSize: size, claimsAdded: 0, challengesUpheld: 0, hash: null, compiledAt, frozenAt: null, ...stamp };
    }
    if (!doc || doc.status === 'FROZEN') return doc;
    switch (e.type) {
      case 'RollEntryAdded':
        return { ...doc, size: doc.size + 1, claimsAdded: doc.claimsAdded + 1, ...stamp };
      case 'RollEntryRemoved':
        return { ...doc, size: doc.size - 1, challengesUpheld: doc.challengesUpheld + 1, ...stamp };
      case 'RollFrozen':
        return { ...doc, status: 'FROZEN', size: e.data.size, hash: e.data.hash, frozenAt: e.data.frozenAt, ...stamp };
      default:
        return { ...doc, ...stamp };
    }
  },
};
