import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { AdministrativeUnitEvent, IsoDate, KatoCode, LocalizedText, UnitLevel } from '../domain/administrative-unit.events.js';

/** The public shape of one administrative unit: current values plus their effective-dated history. */
export type UnitDetails = {
  unitId: string;
  status: 'Active' | 'Retired';
  level: UnitLevel;
  names: LocalizedText;
  nameHistory: Array<{ names: LocalizedText; effectiveFrom: IsoDate }>;
  parentId: string | null;
  parentHistory: Array<{ parentId: string | null; effectiveFrom: IsoDate }>;
  katoCodes: KatoCode[];
  populationByYear: Record<string, number>;
  retired?: { reason: string; effectiveFrom: IsoDate };
  /** Stream revision the view reflects (the ETag), as a decimal string. */
  revision: string;
  /** Global position of the last event folded in. */
  position: string;
};

/**
 * Folds one unit event into its details view. Pure; shared by the live fold of a unit's stream and, later, its
 * projection. Unknown events change nothing.
 */
export const evolveUnitDetails = (doc: UnitDetails | null, event: RecordedEvent): UnitDetails | null => {
  const e = event as unknown as RecordedEvent<AdministrativeUnitEvent['type']> & AdministrativeUnitEvent;
  // The stamp is written out in each literal (not spread): a rebuild folds every event through here.
  const revision = event.revision.toString();
  const position = event.position.toString();
  if (e.type === 'AdministrativeUnitRegistered') {
    const { unitId, level, names, parentId, effectiveFrom } = e.data;
    return {
      unitId, status: 'Active', level, names, nameHistory: [{ names, effectiveFrom }], parentId,
      parentHistory: [{ parentId, effectiveFrom }], katoCodes: [], populationByYear: {}, revision, position,
    };
  }
  if (!doc) return doc;
  switch (e.type) {
    case 'AdministrativeUnitRenamed':
      return { ...doc, names: e.data.names, nameHistory: [...doc.nameHistory, { names: e.data.names, effectiveFrom: e.data.effectiveFrom }], revision, position };
    case 'KatoCodeAssigned':
      return { ...doc, katoCodes: [...doc.katoCodes, e.data.katoCode], revision, position };
    case 'KatoCodeRetired': {
      const { code, classifierVersion, validFrom, validTo } = e.data;
      const katoCodes = doc.katoCodes.map((k) =>
        k.code === code && k.classifierVersion === classifierVersion && k.validFrom === validFrom ? { ...k, validTo } : k,
      );
      return { ...doc, katoCodes, revision, position };
    }
    case 'AdministrativeUnitReparented':
      return { ...doc, parentId: e.data.parentId, parentHistory: [...doc.parentHistory, { parentId: e.data.parentId, effectiveFrom: e.data.effectiveFrom }], revision, position };
    case 'PopulationRecorded':
      return { ...doc, populationByYear: { ...doc.populationByYear, [String(e.data.year)]: e.data.count }, revision, position };
    case 'AdministrativeUnitRetired':
      return { ...doc, status: 'Retired', retired: { reason: e.data.reason, effectiveFrom: e.data.effectiveFrom }, revision, position };
    default:
      return { ...doc, revision, position };
  }
};

export const foldUnitDetails = (events: RecordedEvent[]): UnitDetails | null => events.reduce(evolveUnitDetails, null as UnitDetails | null);
