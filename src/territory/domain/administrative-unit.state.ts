import type { AdministrativeUnitEvent, IsoDate, KatoCode, LocalizedText, UnitLevel } from './administrative-unit.events.js';

/** The registration as first recorded, kept so a resent RegisterAdministrativeUnit can be recognised as a no-op. */
export type Registration = {
  readonly level: UnitLevel;
  readonly names: LocalizedText;
  readonly parentId: string | null;
  readonly effectiveFrom: IsoDate;
};

export type ActiveUnit = {
  readonly status: 'Active';
  readonly unitId: string;
  readonly registration: Registration;
  readonly level: UnitLevel;
  readonly parentId: string | null;
  readonly names: LocalizedText;
  /** Effective date of `names`; a rename may not take effect before it. */
  readonly namesEffectiveFrom: IsoDate;
  readonly katoCodes: readonly KatoCode[];
  readonly populationByYear: ReadonlyMap<number, number>;
};

/** The write model of an AdministrativeUnit: only what `decide` needs. Display data belongs in projections. */
export type AdministrativeUnit =
  | { readonly status: 'Empty' }
  | ActiveUnit
  | { readonly status: 'Retired'; readonly unitId: string; readonly retiredFrom: IsoDate };

export const initialState = (): AdministrativeUnit => ({ status: 'Empty' });

/** Folds one event. Total and tolerant: events that do not apply to the current status, and unknown types, change nothing. */
export const evolve = (state: AdministrativeUnit, event: AdministrativeUnitEvent): AdministrativeUnit => {
  switch (event.type) {
    case 'AdministrativeUnitRegistered': {
      if (state.status !== 'Empty') return state;
      const { unitId, level, names, parentId, effectiveFrom } = event.data;
      return {
        status: 'Active',
        unitId,
        registration: { level, names, parentId, effectiveFrom },
        level,
        parentId,
        names,
        namesEffectiveFrom: effectiveFrom,
        katoCodes: [],
        populationByYear: new Map(),
      };
    }
    case 'AdministrativeUnitRenamed':
      return state.status !== 'Active' ? state : { ...state, names: event.data.names, namesEffectiveFrom: event.data.effectiveFrom };
    case 'KatoCodeAssigned':
      return state.status !== 'Active' ? state : { ...state, katoCodes: [...state.katoCodes, event.data.katoCode] };
    case 'KatoCodeRetired': {
      if (state.status !== 'Active') return state;
      const { code, classifierVersion, validFrom, validTo } = event.data;
      return {
        ...state,
        katoCodes: state.katoCodes.map((k) =>
          k.code === code && k.classifierVersion === classifierVersion && k.validFrom === validFrom && k.validTo === undefined
            ? { ...k, validTo }
            : k,
        ),
      };
    }
    case 'AdministrativeUnitReparented':
      return state.status !== 'Active' ? state : { ...state, parentId: event.data.parentId };
    case 'PopulationRecorded':
      return state.status !== 'Active'
        ? state
        : { ...state, populationByYear: new Map(state.populationByYear).set(event.data.year, event.data.count) };
    case 'AdministrativeUnitRetired':
      return state.status !== 'Active' ? state : { status: 'Retired', unitId: state.unitId, retiredFrom: event.data.effectiveFrom };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};
