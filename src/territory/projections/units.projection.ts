import type { Projection } from '../../shared/projections/projection.js';
import type { LocalizedText } from '../domain/administrative-unit.events.js';
import { type UnitDetails, evolveUnitDetails } from '../queries/unit-details.js';

/** A unit's details plus the derived keys its queries filter and sort on. */
export type UnitDocument = UnitDetails & {
  /** Every KATO code the unit has had, in any classifier version. */
  katoCodeList: string[];
  /** Lower-cased words and whole names, in every language and every name the unit has had. */
  nameKeys: string[];
  /** The current name to sort by: Russian, else English, else Kazakh, lower-cased. */
  sortName: string;
};

export const UNITS_PROJECTION = 'territory.units';

const keysOf = (names: LocalizedText[]): string[] => {
  const keys = new Set<string>();
  for (const n of names)
    for (const text of [n.kk, n.ru, n.en]) {
      if (!text) continue;
      const lower = text.toLocaleLowerCase('ru');
      keys.add(lower);
      for (const word of lower.split(/[\s"«»().,–-]+/u)) if (word) keys.add(word);
    }
  return [...keys].sort();
};

const katoCodeListOf = (doc: UnitDetails): string[] => [...new Set(doc.katoCodes.map((k) => k.code))].sort();
const sortNameOf = (doc: UnitDetails): string => (doc.names.ru ?? doc.names.en ?? doc.names.kk ?? '').toLocaleLowerCase('ru');

const withKeys = (doc: UnitDetails): UnitDocument => ({
  ...doc,
  katoCodeList: katoCodeListOf(doc),
  nameKeys: keysOf(doc.nameHistory.map((h) => h.names)),
  sortName: sortNameOf(doc),
});

/** Administrative units by id, searchable by level, parent, status, KATO code (any version) and name. */
export const unitsProjection: Projection<UnitDocument> = {
  name: UNITS_PROJECTION,
  version: 1,
  handles: [
    'AdministrativeUnitRegistered',
    'AdministrativeUnitRenamed',
    'KatoCodeAssigned',
    'KatoCodeRetired',
    'AdministrativeUnitReparented',
    'PopulationRecorded',
    'AdministrativeUnitRetired',
  ],
  fields: [
    { path: 'level', type: 'string' },
    { path: 'parentId', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'sortName', type: 'string' },
    { path: 'katoCodeList', type: 'string', array: true },
    { path: 'nameKeys', type: 'string', array: true },
  ],
  documentId: (e) => (e.data as { unitId: string }).unitId,
  evolve: (doc, e) => {
    const next = evolveUnitDetails(doc, e) as UnitDocument | null;
    if (!next) return next;
    if (!doc || e.type === 'AdministrativeUnitRegistered') return withKeys(next);
    // `next` is a fresh copy of `doc`, search keys included: only names and codes change them, so the keys are
    // recomputed (in place, on the copy, keeping the key order) for those events alone.
    if (e.type === 'AdministrativeUnitRenamed') {
      next.nameKeys = keysOf(next.nameHistory.map((h) => h.names));
      next.sortName = sortNameOf(next);
    } else if (e.type === 'KatoCodeAssigned' || e.type === 'KatoCodeRetired') next.katoCodeList = katoCodeListOf(next);
    return next;
  },
};
