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

const withKeys = (doc: UnitDetails): UnitDocument => ({
  ...doc,
  katoCodeList: [...new Set(doc.katoCodes.map((k) => k.code))].sort(),
  nameKeys: keysOf(doc.nameHistory.map((h) => h.names)),
  sortName: (doc.names.ru ?? doc.names.en ?? doc.names.kk ?? '').toLocaleLowerCase('ru'),
});

const KEYED = new Set(['AdministrativeUnitRegistered', 'AdministrativeUnitRenamed', 'KatoCodeAssigned', 'KatoCodeRetired']);

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
    const next = evolveUnitDetails(doc, e);
    if (!next) return next;
    // Only names and codes change the search keys; other events (population, parents) keep them.
    if (doc && !KEYED.has(e.type)) return { ...next, katoCodeList: doc.katoCodeList, nameKeys: doc.nameKeys, sortName: doc.sortName };
    return withKeys(next);
  },
};
