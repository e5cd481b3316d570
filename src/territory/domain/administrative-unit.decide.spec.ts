import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { fold } from '../../shared/domain/decider.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import type {
  AncestorContext,
  AssignKatoCode,
  ParentContext,
  RecordPopulation,
  RegisterAdministrativeUnit,
  RenameUnit,
  ReparentUnit,
  RetireKatoCode,
  RetireUnit,
} from './administrative-unit.commands.js';
import { administrativeUnitDecider, unitStream } from './administrative-unit.decider.js';
import {
  InvalidDate,
  InvalidKatoCode,
  InvalidKatoRange,
  InvalidPopulationCount,
  InvalidPopulationYear,
  KatoCodeAlreadyRetired,
  KatoCodeLevelMismatch,
  KatoPrefixMismatch,
  KatoRangeOverlap,
  ParentContextMismatch,
  ParentCycle,
  ParentLevelNotHigher,
  ParentRequired,
  ParentRetired,
  RegionCannotHaveParent,
  RenameBackdated,
  RetirementReasonRequired,
  UnitAlreadyRegistered,
  UnitNameRequired,
  UnitNotFound,
  UnitRetired,
  UnknownKatoCode,
  UnknownParent,
} from './administrative-unit.errors.js';
import type {
  AdministrativeUnitEvent,
  AdministrativeUnitRegistered,
  AdministrativeUnitRenamed,
  AdministrativeUnitReparented,
  AdministrativeUnitRetired,
  KatoCode,
  KatoCodeAssigned,
  KatoCodeRetired,
  PopulationRecorded,
} from './administrative-unit.events.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

const given = DeciderSpecification.for(administrativeUnitDecider);

describe('AdministrativeUnit', () => {
  describe('RegisterAdministrativeUnit', () => {
    it('registers a village under its district', () =>
      given([]).when(registerUnit()).then([registered()]));

    it('registers a region without a parent', () =>
      given([]).when(registerRegion()).then([registered({ level: 'REGION', parentId: null })]));

    it('registers a district under its region', () =>
      given([])
        .when(registerUnit({ level: 'DISTRICT', parentId: MANGYSTAU, parent: mangystau() }))
        .then([registered({ level: 'DISTRICT', parentId: MANGYSTAU })]));

    it('records only the languages given', () =>
      given([])
        .when(registerUnit({ names: { kk: 'Батыр', ru: undefined } }))
        .then([registered({ names: { kk: 'Батыр' } })]));

    it('ignores a resent registration with identical data', () =>
      given([registered()]).when(registerUnit()).thenNothingHappened());

    it('ignores a resent registration after the unit was renamed (compares with the registration)', () =>
      given([registered(), renamed()]).when(registerUnit()).thenNothingHappened());

    it('refuses to register an existing unit with different data', () =>
      given([registered()])
        .when(registerUnit({ names: { ru: 'Другое' } }))
        .thenThrows(UnitAlreadyRegistered, (e) => e.code === 'unit-already-registered' && e instanceof IllegalStateError));

    it('refuses to register a retired unit again', () =>
      given([registered(), unitRetired()]).when(registerUnit()).thenThrows(UnitRetired));

    it('refuses a name in no language', () =>
      given([])
        .when(registerUnit({ names: {} }))
        .thenThrows(UnitNameRequired, (e) => e.code === 'unit-name-required' && e.errors[0]?.path === 'names'));

    it('refuses a blank name in a given language', () =>
      given([])
        .when(registerUnit({ names: { kk: 'Батыр', ru: '  ' } }))
        .thenThrows(UnitNameRequired, (e) => expect(e.errors).toEqual([{ path: 'names.ru', message: 'must not be blank' }])));

    it.each(['2019-02-30', '2019-13-01', '01.01.2019', '2019-1-1'])('refuses the effective date %s', (date) =>
      given([])
        .when(registerUnit({ effectiveFrom: date }))
        .thenThrows(InvalidDate, (e) => e.code === 'invalid-date' && e.errors[0]?.path === 'effectiveFrom'));

    it('refuses a region with a parent', () =>
      given([])
        .when(registerRegion({ parentId: MANGYSTAU, parent: mangystau() }))
        .thenThrows(RegionCannotHaveParent, (e) => e.code === 'region-cannot-have-parent' && e.errors[0]?.path === 'parentId'));

    it('refuses a village without a parent', () =>
      given([])
        .when(registerUnit({ parentId: null, parent: null }))
        .thenThrows(ParentRequired, (e) => e.code === 'parent-required' && e.errors[0]?.path === 'parentId'));

    it('refuses a parent that is not registered', () =>
      given([])
        .when(registerUnit({ parentId: 'no-such-unit', parent: null }))
        .thenThrows(UnknownParent, (e) => e.code === 'unknown-parent' && e instanceof ValidationError));

    it('refuses a parent context that describes another unit', () =>
      given([])
        .when(registerUnit({ parentId: TUPKARAGAN, parent: munaily() }))
        .thenThrows(ParentContextMismatch, (e) => e.code === 'parent-context-mismatch'));

    it('refuses a parent of the same rank (a district under a city of regional significance)', () =>
      given([])
        .when(registerUnit({ level: 'DISTRICT', parentId: AKTAU, parent: aktau() }))
        .thenThrows(ParentLevelNotHigher, (e) => e.code === 'parent-level-not-higher' && e.errors[0]?.path === 'parentId'));

    it('refuses a parent of a lower level (a rural okrug under a village)', () =>
      given([])
        .when(registerUnit({ level: 'RURAL_OKRUG', parentId: VILLAGE, parent: village() }))
        .thenThrows(ParentLevelNotHigher));

    it('refuses a retired parent', () =>
      given([])
        .when(registerUnit({ parent: munaily({ retired: true }) }))
        .thenThrows(ParentRetired, (e) => e.code === 'parent-retired' && e instanceof IllegalStateError));

    it('refuses the unit itself as its parent', () =>
      given([])
        .when(registerUnit({ parentId: UNIT, parent: { ...munaily(), unitId: UNIT } }))
        .thenThrows(ParentCycle, (e) => e.code === 'parent-cycle'));
  });

  describe('RenameUnit', () => {
    it('renames the unit from a later date', () =>
      given([registered()]).when(renameUnit()).then([renamed()]));

    it('accepts a correction on the same date as the current name', () =>
      given([registered()])
        .when(renameUnit({ effectiveFrom: '2017-01-01' }))
        .then([renamed({ effectiveFrom: '2017-01-01' })]));

    it('ignores a rename to the same names', () =>
      given([registered()]).when(renameUnit({ names: { ru: 'Батыр', kk: 'Батыр' } })).thenNothingHappened());

    it('ignores a resent rename', () =>
      given([registered(), renamed()]).when(renameUnit()).thenNothingHappened());

    it('refuses a rename that takes effect before the current name', () =>
      given([registered(), renamed()])
        .when(renameUnit({ names: { ru: 'Жаңа Батыр' }, effectiveFrom: '2018-12-31' }))
        .thenThrows(RenameBackdated, (e) => e.code === 'rename-before-current-name' && e.errors[0]?.path === 'effectiveFrom'));

    it('refuses an empty name', () =>
      given([registered()]).when(renameUnit({ names: {} })).thenThrows(UnitNameRequired));

    it('refuses an invalid effective date', () =>
      given([registered()]).when(renameUnit({ effectiveFrom: '2019-02-29' })).thenThrows(InvalidDate));

    it('refuses an unregistered unit', () =>
      given([]).when(renameUnit()).thenThrows(UnitNotFound, (e) => e.code === 'unit-not-found' && e instanceof NotFoundError));

    it('refuses a retired unit', () =>
      given([registered(), unitRetired()])
        .when(renameUnit())
        .thenThrows(UnitRetired, (e) => e.code === 'unit-retired' && e instanceof IllegalStateError));
  });

  describe('AssignKatoCode', () => {
    it('assigns a village code that matches its region and district', () =>
      given([registered()]).when(assignKato()).then([katoAssigned()]));

    it('assigns a region its AB0000000 code', () =>
      given([registered({ level: 'REGION', parentId: null })])
        .when(assignKato({ code: '470000000' }, null))
        .then([katoAssigned({ code: '470000000' })]));

    it('assigns a district its ABCD00000 code under the region', () =>
      given([registered({ level: 'DISTRICT', parentId: MANGYSTAU })])
        .when(assignKato({ code: '475000000' }, mangystau()))
        .then([katoAssigned({ code: '475000000' })]));

    it('assigns a code with a closed range', () =>
      given([registered()])
        .when(assignKato({ validTo: '2023-01-01' }))
        .then([katoAssigned({ validTo: '2023-01-01' })]));

    it('assigns a successor code from the day the previous one ends (ranges are half-open)', () =>
      given([registered(), katoAssigned({ validTo: '2020-01-01' })])
        .when(assignKato({ code: '475042200', validFrom: '2020-01-01' }))
        .then([katoAssigned({ code: '475042200', validFrom: '2020-01-01' })]));

    it('assigns a code of another classifier version over the same period', () =>
      given([registered(), katoAssigned()])
        .when(assignKato({ classifierVersion: KATO_2023 }, munaily({ katoCodes: [kato('475000000', { classifierVersion: KATO_2023 })] })))
        .then([katoAssigned({ classifierVersion: KATO_2023 })]));

    it('skips ancestors without a code of the version: a re-coding may reach the unit before its district', () =>
      given([registered(), katoAssigned()])
        .when(assignKato({ code: '471199100', classifierVersion: KATO_2023, validFrom: '2023-01-01' }, recodedRegionOnly()))
        .then([katoAssigned({ code: '471199100', classifierVersion: KATO_2023, validFrom: '2023-01-01' })]));

    it('still checks the region when only the district is skipped', () =>
      given([registered(), katoAssigned()])
        .when(assignKato({ code: '351199100', classifierVersion: KATO_2023, validFrom: '2023-01-01' }, recodedRegionOnly()))
        .thenThrows(KatoPrefixMismatch, (e) => expect(e.expectedPrefixes).toEqual(['47'])));

    it('checks the ABCD prefix against a city of regional significance', () =>
      given([registered({ parentId: AKTAU })])
        .when(assignKato({ code: '475010100' }, aktau()))
        .thenThrows(KatoPrefixMismatch, (e) => e.ancestorId === AKTAU && expect(e.expectedPrefixes).toEqual(['4710'])));

    it('ignores a resent assignment', () =>
      given([registered(), katoAssigned()]).when(assignKato()).thenNothingHappened());

    it.each(['47504210', '4750421000', '47504210A', ''])('refuses the malformed code "%s"', (code) =>
      given([registered()])
        .when(assignKato({ code }))
        .thenThrows(InvalidKatoCode, (e) => e.code === 'invalid-kato-code' && e.errors[0]?.path === 'katoCode.code'));

    it('refuses a region code without seven trailing zeros', () =>
      given([registered({ level: 'REGION', parentId: null })])
        .when(assignKato({ code: '475000000' }, null))
        .thenThrows(KatoCodeLevelMismatch, (e) => e.code === 'kato-code-level-mismatch' && e.shape === 'AB0000000'));

    it('refuses a district code without five trailing zeros', () =>
      given([registered({ level: 'DISTRICT', parentId: MANGYSTAU })])
        .when(assignKato({ code: '475042100' }, mangystau()))
        .thenThrows(KatoCodeLevelMismatch, (e) => e.shape === 'ABCD00000'));

    it('refuses a district code that is really its region code', () =>
      given([registered({ level: 'DISTRICT', parentId: MANGYSTAU })])
        .when(assignKato({ code: '470000000' }, mangystau()))
        .thenThrows(KatoCodeLevelMismatch));

    it("refuses a code whose AB differs from the region's", () =>
      given([registered()])
        .when(assignKato({ code: '355242100' }))
        .thenThrows(KatoPrefixMismatch, (e) =>
          e.code === 'kato-prefix-mismatch' && e.ancestorLevel === 'REGION' && e.errors[0]?.path === 'katoCode.code'));

    it("refuses a code whose ABCD differs from the district's", () =>
      given([registered()])
        .when(assignKato({ code: '475242100' }))
        .thenThrows(KatoPrefixMismatch, (e) => e.ancestorId === MUNAILY && expect(e.expectedPrefixes).toEqual(['4750'])));

    it('refuses a range that ends before it starts', () =>
      given([registered()])
        .when(assignKato({ validTo: '2019-01-01' }))
        .thenThrows(InvalidKatoRange, (e) => e.code === 'kato-range-invalid' && e.errors[0]?.path === 'katoCode.validTo'));

    it('refuses an invalid validFrom', () =>
      given([registered()])
        .when(assignKato({ validFrom: '2019-00-10' }))
        .thenThrows(InvalidDate, (e) => e.errors[0]?.path === 'katoCode.validFrom'));

    it('refuses a second code of the same version over an overlapping period', () =>
      given([registered(), katoAssigned()])
        .when(assignKato({ code: '475042200', validFrom: '2021-06-01' }))
        .thenThrows(KatoRangeOverlap, (e) =>
          e.code === 'kato-range-overlap' && e instanceof IllegalStateError && e.errors[0]?.path === 'katoCode.validFrom'));

    it('refuses a code that overlaps a closed range of the same version', () =>
      given([registered(), katoAssigned({ validTo: '2020-01-01' })])
        .when(assignKato({ code: '475042200', validFrom: '2018-06-01', validTo: '2019-06-01' }))
        .thenThrows(KatoRangeOverlap));

    it("refuses a parent context that is not the unit's current parent", () =>
      given([registered()]).when(assignKato({}, tupkaragan())).thenThrows(ParentContextMismatch));

    it('refuses an unregistered unit', () =>
      given([]).when(assignKato()).thenThrows(UnitNotFound));

    it('refuses a retired unit', () =>
      given([registered(), unitRetired()]).when(assignKato()).thenThrows(UnitRetired));
  });

  describe('RetireKatoCode', () => {
    it('ends the open code at validTo', () =>
      given([registered(), katoAssigned()]).when(retireKato()).then([katoRetired()]));

    it('ends the open code among earlier, closed ranges of the same code', () =>
      given([registered(), katoAssigned({ validTo: '2020-01-01' }), katoAssigned({ validFrom: '2021-01-01' })])
        .when(retireKato())
        .then([katoRetired({ validFrom: '2021-01-01' })]));

    it('ignores a resent retirement with the same validTo', () =>
      given([registered(), katoAssigned(), katoRetired()]).when(retireKato()).thenNothingHappened());

    it('refuses a code the unit does not have', () =>
      given([registered(), katoAssigned()])
        .when(retireKato({ code: '475042200' }))
        .thenThrows(UnknownKatoCode, (e) => e.code === 'kato-code-unknown' && e.errors[0]?.path === 'code'));

    it('refuses a known code in another classifier version', () =>
      given([registered(), katoAssigned()]).when(retireKato({ classifierVersion: KATO_2023 })).thenThrows(UnknownKatoCode));

    it('refuses to retire an already retired code again with another date', () =>
      given([registered(), katoAssigned(), katoRetired()])
        .when(retireKato({ validTo: '2024-01-01' }))
        .thenThrows(KatoCodeAlreadyRetired, (e) => e.code === 'kato-code-already-retired' && e.validTo === '2023-01-01'));

    it('refuses to retire a code assigned with a closed range', () =>
      given([registered(), katoAssigned({ validTo: '2020-01-01' })]).when(retireKato()).thenThrows(KatoCodeAlreadyRetired));

    it('refuses a validTo that is not after the code’s validFrom', () =>
      given([registered(), katoAssigned()])
        .when(retireKato({ validTo: '2019-01-01' }))
        .thenThrows(InvalidKatoRange, (e) => e.errors[0]?.path === 'validTo'));

    it('refuses an invalid validTo', () =>
      given([registered(), katoAssigned()]).when(retireKato({ validTo: 'soon' })).thenThrows(InvalidDate));

    it('refuses an unregistered unit', () =>
      given([]).when(retireKato()).thenThrows(UnitNotFound));

    it('refuses a retired unit', () =>
      given([registered(), katoAssigned(), unitRetired()]).when(retireKato()).thenThrows(UnitRetired));
  });

  describe('ReparentUnit', () => {
    it('moves the unit under a new parent', () =>
      given([registered()]).when(reparent()).then([reparented()]));

    it('moves a unit again after an earlier move', () =>
      given([registered(), reparented()])
        .when(reparent({ parentId: MUNAILY, parent: munaily(), effectiveFrom: '2021-01-01' }))
        .then([reparented({ previousParentId: TUPKARAGAN, parentId: MUNAILY, effectiveFrom: '2021-01-01' })]));

    it('ignores a move to the current parent', () =>
      given([registered()]).when(reparent({ parentId: MUNAILY, parent: munaily() })).thenNothingHappened());

    it('ignores a resent move', () =>
      given([registered(), reparented()]).when(reparent()).thenNothingHappened());

    it('refuses to give a region a parent', () =>
      given([registered({ level: 'REGION', parentId: null })])
        .when(reparent())
        .thenThrows(RegionCannotHaveParent));

    it('refuses a parent that is not registered', () =>
      given([registered()]).when(reparent({ parent: null })).thenThrows(UnknownParent));

    it('refuses a parent context that describes another unit', () =>
      given([registered()]).when(reparent({ parent: munaily() })).thenThrows(ParentContextMismatch));

    it('refuses a parent that is not of a higher level', () =>
      given([registered()])
        .when(reparent({ parentId: VILLAGE, parent: village() }))
        .thenThrows(ParentLevelNotHigher, (e) => e.level === 'VILLAGE' && e.parentLevel === 'VILLAGE'));

    it('refuses a retired parent', () =>
      given([registered()]).when(reparent({ parent: tupkaragan({ retired: true }) })).thenThrows(ParentRetired));

    it('refuses the unit itself as parent', () =>
      given([registered({ level: 'RURAL_OKRUG' })])
        .when(reparent({ parentId: UNIT, parent: { ...tupkaragan(), unitId: UNIT, level: 'RURAL_OKRUG' } }))
        .thenThrows(ParentCycle, (e) => e.errors[0]?.path === 'parentId'));

    it('refuses one of its own descendants as parent', () =>
      given([registered({ level: 'RURAL_OKRUG' })])
        .when(reparent({ parentId: VILLAGE, parent: village({ ancestors: [okrugAsAncestor(), ancestorOf(munaily()), ancestorOf(mangystau())] }) }))
        .thenThrows(ParentCycle, (e) => e.code === 'parent-cycle'));

    it('refuses an invalid effective date', () =>
      given([registered()]).when(reparent({ effectiveFrom: '2020/01/01' })).thenThrows(InvalidDate));

    it('refuses an unregistered unit', () =>
      given([]).when(reparent()).thenThrows(UnitNotFound));

    it('refuses a retired unit', () =>
      given([registered(), unitRetired()]).when(reparent()).thenThrows(UnitRetired));
  });

  describe('RecordPopulation', () => {
    it('records the population of a year', () =>
      given([registered()]).when(recordPopulation()).then([populationRecorded()]));

    it('records a corrected figure for a year', () =>
      given([registered(), populationRecorded()])
        .when(recordPopulation({ count: 1320 }))
        .then([populationRecorded({ count: 1320 })]));

    it('records a population of zero', () =>
      given([registered()]).when(recordPopulation({ count: 0 })).then([populationRecorded({ count: 0 })]));

    it('ignores the same figure recorded again', () =>
      given([registered(), populationRecorded(), populationRecorded({ year: 2020, count: 1400 })])
        .when(recordPopulation())
        .thenNothingHappened());

    it.each([1989, 2101, 2019.5])('refuses the year %s', (year) =>
      given([registered()])
        .when(recordPopulation({ year }))
        .thenThrows(InvalidPopulationYear, (e) => e.code === 'population-year-out-of-range' && e.errors[0]?.path === 'year'));

    it.each([-1, 12.5, Number.NaN])('refuses the count %s', (count) =>
      given([registered()])
        .when(recordPopulation({ count }))
        .thenThrows(InvalidPopulationCount, (e) => e.code === 'population-count-invalid' && e.errors[0]?.path === 'count'));

    it('refuses an unregistered unit', () =>
      given([]).when(recordPopulation()).thenThrows(UnitNotFound));

    it('refuses a retired unit', () =>
      given([registered(), unitRetired()]).when(recordPopulation()).thenThrows(UnitRetired));
  });

  describe('RetireUnit', () => {
    it('retires the unit with a reason and an effective date', () =>
      given([registered()]).when(retireUnit()).then([unitRetired()]));

    it('refuses a blank reason', () =>
      given([registered()])
        .when(retireUnit({ reason: '   ' }))
        .thenThrows(RetirementReasonRequired, (e) => e.code === 'retirement-reason-required' && e.errors[0]?.path === 'reason'));

    it('refuses an invalid effective date', () =>
      given([registered()])
        .when(retireUnit({ effectiveFrom: '' }))
        .thenThrows(InvalidDate, (e) => e.errors[0]?.path === 'effectiveFrom'));

    it('refuses an unregistered unit', () =>
      given([]).when(retireUnit()).thenThrows(UnitNotFound));

    it('refuses to retire a unit twice', () =>
      given([registered(), unitRetired()])
        .when(retireUnit())
        .thenThrows(UnitRetired, (e) => e.retiredFrom === '2020-01-01'));
  });

  describe('evolve', () => {
    const stateAfter = (events: AdministrativeUnitEvent[]) => fold(administrativeUnitDecider, events);

    it('ignores unknown event types', () => {
      const legacy = { type: 'AdministrativeUnitBoundaryDrawn', data: { unitId: UNIT } } as unknown as AdministrativeUnitEvent;
      expect(stateAfter([registered(), legacy])).toEqual(stateAfter([registered()]));
    });

    it('ignores events that arrive before registration or after retirement', () => {
      expect(stateAfter([renamed()])).toEqual({ status: 'Empty' });
      expect(stateAfter([registered(), unitRetired(), renamed()])).toEqual({ status: 'Retired', unitId: UNIT, retiredFrom: '2020-01-01' });
    });

    it('tracks the KATO ranges of the unit', () => {
      const state = stateAfter([registered(), katoAssigned(), katoRetired()]);
      expect(state.status === 'Active' && state.katoCodes).toEqual([kato('475042100', { validTo: '2023-01-01' })]);
    });
  });

  it('names the stream administrativeUnit-<id>', () => expect(unitStream(UNIT)).toBe(`administrativeUnit-${UNIT}`));
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: a village (UNIT) in Munaily district (475000000), Mangystau region (470000000), KATO-2019 by default.

const NOW = '2019-03-01T09:00:00.000Z';
const UNIT = 'unit-batyr';
const MANGYSTAU = 'unit-mangystau';
const MUNAILY = 'unit-munaily';
const TUPKARAGAN = 'unit-tupkaragan';
const AKTAU = 'unit-aktau';
const VILLAGE = 'unit-other-village';
const KATO_2019 = 'KATO-2019';
const KATO_2023 = 'KATO-2023';
const NAMES = { kk: 'Батыр', ru: 'Батыр' };
const META: CommandMetadata = { actor: { id: 'actor-1', role: 'territory-admin' }, now: NOW, correlationId: 'corr-1' };

function kato(code: string, overrides: Partial<KatoCode> = {}): KatoCode {
  return { code, classifierVersion: KATO_2019, validFrom: '2019-01-01', ...overrides };
}

function ancestorOf({ unitId, level, katoCodes }: AncestorContext): AncestorContext {
  return { unitId, level, katoCodes };
}

function mangystau(overrides: Partial<ParentContext> = {}): ParentContext {
  return { unitId: MANGYSTAU, level: 'REGION', retired: false, katoCodes: [kato('470000000')], ancestors: [], ...overrides };
}

function munaily(overrides: Partial<ParentContext> = {}): ParentContext {
  return { unitId: MUNAILY, level: 'DISTRICT', retired: false, katoCodes: [kato('475000000')], ancestors: [ancestorOf(mangystau())], ...overrides };
}

function tupkaragan(overrides: Partial<ParentContext> = {}): ParentContext {
  return { unitId: TUPKARAGAN, level: 'DISTRICT', retired: false, katoCodes: [kato('475200000')], ancestors: [ancestorOf(mangystau())], ...overrides };
}

/** Aktau, a city of regional significance (471010000). */
function aktau(overrides: Partial<ParentContext> = {}): ParentContext {
  return { unitId: AKTAU, level: 'CITY_REGIONAL', retired: false, katoCodes: [kato('471010000')], ancestors: [ancestorOf(mangystau())], ...overrides };
}

function village(overrides: Partial<ParentContext> = {}): ParentContext {
  return {
    unitId: VILLAGE,
    level: 'VILLAGE',
    retired: false,
    katoCodes: [kato('475042300')],
    ancestors: [ancestorOf(munaily()), ancestorOf(mangystau())],
    ...overrides,
  };
}

function okrugAsAncestor(): AncestorContext {
  return { unitId: UNIT, level: 'RURAL_OKRUG', katoCodes: [] };
}

/** Munaily before its KATO-2023 code, under a region that already has one. */
function recodedRegionOnly(): ParentContext {
  return munaily({
    ancestors: [ancestorOf(mangystau({ katoCodes: [kato('470000000'), kato('470000000', { classifierVersion: KATO_2023, validFrom: '2023-01-01' })] }))],
  });
}

function registerUnit(overrides: Partial<RegisterAdministrativeUnit['data']> = {}): RegisterAdministrativeUnit {
  return {
    type: 'RegisterAdministrativeUnit',
    data: { unitId: UNIT, level: 'VILLAGE', names: NAMES, parentId: MUNAILY, parent: munaily(), effectiveFrom: '2017-01-01', ...overrides },
    metadata: META,
  };
}

function registerRegion(overrides: Partial<RegisterAdministrativeUnit['data']> = {}): RegisterAdministrativeUnit {
  return registerUnit({ level: 'REGION', parentId: null, parent: null, ...overrides });
}

function renameUnit(overrides: Partial<RenameUnit['data']> = {}): RenameUnit {
  return { type: 'RenameUnit', data: { unitId: UNIT, names: { kk: 'Жаңа Батыр', ru: 'Новый Батыр' }, effectiveFrom: '2019-01-01', ...overrides }, metadata: META };
}

function assignKato(overrides: Partial<KatoCode> = {}, parent: ParentContext | null = munaily()): AssignKatoCode {
  return { type: 'AssignKatoCode', data: { unitId: UNIT, katoCode: kato('475042100', overrides), parent }, metadata: META };
}

function retireKato(overrides: Partial<RetireKatoCode['data']> = {}): RetireKatoCode {
  return {
    type: 'RetireKatoCode',
    data: { unitId: UNIT, code: '475042100', classifierVersion: KATO_2019, validTo: '2023-01-01', ...overrides },
    metadata: META,
  };
}

function reparent(overrides: Partial<ReparentUnit['data']> = {}): ReparentUnit {
  return {
    type: 'ReparentUnit',
    data: { unitId: UNIT, parentId: TUPKARAGAN, parent: tupkaragan(), effectiveFrom: '2020-01-01', ...overrides },
    metadata: META,
  };
}

function recordPopulation(overrides: Partial<RecordPopulation['data']> = {}): RecordPopulation {
  return { type: 'RecordPopulation', data: { unitId: UNIT, year: 2019, count: 1285, ...overrides }, metadata: META };
}

function retireUnit(overrides: Partial<RetireUnit['data']> = {}): RetireUnit {
  return {
    type: 'RetireUnit',
    data: { unitId: UNIT, reason: 'Merged into the neighbouring rural okrug by district maslikhat decision', effectiveFrom: '2020-01-01', ...overrides },
    metadata: META,
  };
}

function registered(overrides: Partial<AdministrativeUnitRegistered['data']> = {}): AdministrativeUnitRegistered {
  return {
    type: 'AdministrativeUnitRegistered',
    data: { unitId: UNIT, level: 'VILLAGE', names: NAMES, parentId: MUNAILY, effectiveFrom: '2017-01-01', registeredAt: NOW, ...overrides },
  };
}

function renamed(overrides: Partial<AdministrativeUnitRenamed['data']> = {}): AdministrativeUnitRenamed {
  return {
    type: 'AdministrativeUnitRenamed',
    data: { unitId: UNIT, names: { kk: 'Жаңа Батыр', ru: 'Новый Батыр' }, effectiveFrom: '2019-01-01', renamedAt: NOW, ...overrides },
  };
}

function katoAssigned(overrides: Partial<KatoCode> = {}): KatoCodeAssigned {
  return { type: 'KatoCodeAssigned', data: { unitId: UNIT, katoCode: kato('475042100', overrides), assignedAt: NOW } };
}

function katoRetired(overrides: Partial<KatoCodeRetired['data']> = {}): KatoCodeRetired {
  return {
    type: 'KatoCodeRetired',
    data: { unitId: UNIT, code: '475042100', classifierVersion: KATO_2019, validFrom: '2019-01-01', validTo: '2023-01-01', retiredAt: NOW, ...overrides },
  };
}

function reparented(overrides: Partial<AdministrativeUnitReparented['data']> = {}): AdministrativeUnitReparented {
  return {
    type: 'AdministrativeUnitReparented',
    data: { unitId: UNIT, previousParentId: MUNAILY, parentId: TUPKARAGAN, effectiveFrom: '2020-01-01', reparentedAt: NOW, ...overrides },
  };
}

function populationRecorded(overrides: Partial<PopulationRecorded['data']> = {}): PopulationRecorded {
  return { type: 'PopulationRecorded', data: { unitId: UNIT, year: 2019, count: 1285, recordedAt: NOW, ...overrides } };
}

function unitRetired(overrides: Partial<AdministrativeUnitRetired['data']> = {}): AdministrativeUnitRetired {
  return {
    type: 'AdministrativeUnitRetired',
    data: {
      unitId: UNIT,
      reason: 'Merged into the neighbouring rural okrug by district maslikhat decision',
      effectiveFrom: '2020-01-01',
      retiredAt: NOW,
      ...overrides,
    },
  };
}
