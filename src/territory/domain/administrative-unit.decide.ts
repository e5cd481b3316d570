import { compactText, localizedTextErrors, sameText } from '../../shared/domain/localized-text.js';
import type {
  AdministrativeUnitCommand,
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
  LocalizedText,
  PopulationRecorded,
  UnitLevel,
} from './administrative-unit.events.js';
import type { ActiveUnit, AdministrativeUnit } from './administrative-unit.state.js';

/** Rank of each level: a parent's rank is strictly lower than its child's (DOMAIN.md 1.1). */
export const LEVEL_RANK: Readonly<Record<UnitLevel, number>> = {
  REGION: 1,
  DISTRICT: 2,
  CITY_REGIONAL: 2,
  TOWN_DISTRICT: 3,
  RURAL_OKRUG: 3,
  TOWNSHIP: 3,
  VILLAGE: 4,
};

const KATO_CODE = /^\d{9}$/;
/** Trailing zeros mark the level (DOMAIN.md 1.2): a region is AB0000000, a district ABCD00000 with CD ≠ 00. */
const KATO_SHAPE: Partial<Record<UnitLevel, { pattern: RegExp; shape: string }>> = {
  REGION: { pattern: /^(?!00)\d{2}0{7}$/, shape: 'AB0000000' },
  DISTRICT: { pattern: /^\d{2}(?!00)\d{2}0{5}$/, shape: 'ABCD00000' },
};
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const registerAdministrativeUnit = (
  { data, metadata }: RegisterAdministrativeUnit,
  state: AdministrativeUnit,
): AdministrativeUnitRegistered[] => {
  if (state.status === 'Retired') throw new UnitRetired(state.unitId, state.retiredFrom);
  if (state.status === 'Active') {
    const r = state.registration;
    const same = r.level === data.level && r.parentId === data.parentId && r.effectiveFrom === data.effectiveFrom && sameText(r.names, data.names);
    if (same) return []; // resent command
    throw new UnitAlreadyRegistered(data.unitId);
  }
  requireNames(data.names);
  requireDate(data.effectiveFrom, 'effectiveFrom');
  checkParent(data.unitId, data.level, data.parentId, data.parent);
  return [
    {
      type: 'AdministrativeUnitRegistered',
      data: {
        unitId: data.unitId,
        level: data.level,
        names: compactText(data.names),
        parentId: data.parentId,
        effectiveFrom: data.effectiveFrom,
        registeredAt: metadata.now,
      },
    },
  ];
};

export const renameUnit = ({ data, metadata }: RenameUnit, state: AdministrativeUnit): AdministrativeUnitRenamed[] => {
  const unit = existing(state, data.unitId);
  requireNames(data.names);
  requireDate(data.effectiveFrom, 'effectiveFrom');
  if (sameText(unit.names, data.names)) return [];
  if (data.effectiveFrom < unit.namesEffectiveFrom) throw new RenameBackdated(data.effectiveFrom, unit.namesEffectiveFrom);
  return [
    {
      type: 'AdministrativeUnitRenamed',
      data: { unitId: data.unitId, names: compactText(data.names), effectiveFrom: data.effectiveFrom, renamedAt: metadata.now },
    },
  ];
};

export const assignKatoCode = ({ data, metadata }: AssignKatoCode, state: AdministrativeUnit): KatoCodeAssigned[] => {
  const unit = existing(state, data.unitId);
  const { code, classifierVersion, validFrom, validTo } = data.katoCode;
  if (!KATO_CODE.test(code)) throw new InvalidKatoCode(code);
  requireDate(validFrom, 'katoCode.validFrom');
  if (validTo !== undefined) {
    requireDate(validTo, 'katoCode.validTo');
    if (validTo <= validFrom) throw new InvalidKatoRange('katoCode.validTo', validFrom, validTo);
  }
  const katoCode: KatoCode = validTo === undefined ? { code, classifierVersion, validFrom } : { code, classifierVersion, validFrom, validTo };
  if (unit.katoCodes.some((k) => sameKatoCode(k, katoCode))) return []; // resent command
  const shape = KATO_SHAPE[unit.level];
  if (shape && !shape.pattern.test(code)) throw new KatoCodeLevelMismatch(code, unit.level, shape.shape);
  const contextParentId = data.parent?.unitId ?? null;
  if (contextParentId !== unit.parentId) throw new ParentContextMismatch(unit.parentId, contextParentId);
  checkKatoPrefixes(katoCode, data.parent);
  const clash = unit.katoCodes.find((k) => k.classifierVersion === classifierVersion && overlaps(k, katoCode));
  if (clash) throw new KatoRangeOverlap(katoCode, clash);
  return [{ type: 'KatoCodeAssigned', data: { unitId: data.unitId, katoCode, assignedAt: metadata.now } }];
};

/**
 * Ends the open code. Resending a retirement that already happened with the same `validTo` is a no-op; any other
 * retirement of an ended code is refused, because a past range is a published fact.
 */
export const retireKatoCode = ({ data, metadata }: RetireKatoCode, state: AdministrativeUnit): KatoCodeRetired[] => {
  const unit = existing(state, data.unitId);
  requireDate(data.validTo, 'validTo');
  const matches = unit.katoCodes.filter((k) => k.code === data.code && k.classifierVersion === data.classifierVersion);
  if (matches.length === 0) throw new UnknownKatoCode(data.code, data.classifierVersion);
  const open = matches.find((k) => k.validTo === undefined);
  if (!open) {
    if (matches.some((k) => k.validTo === data.validTo)) return []; // resent command
    throw new KatoCodeAlreadyRetired(data.code, data.classifierVersion, matches[matches.length - 1]!.validTo!);
  }
  if (data.validTo <= open.validFrom) throw new InvalidKatoRange('validTo', open.validFrom, data.validTo);
  return [
    {
      type: 'KatoCodeRetired',
      data: {
        unitId: data.unitId,
        code: data.code,
        classifierVersion: data.classifierVersion,
        validFrom: open.validFrom,
        validTo: data.validTo,
        retiredAt: metadata.now,
      },
    },
  ];
};

/**
 * Moves the unit under a new parent. The unit's existing KATO codes are not re-checked against the new parent:
 * they record the past, and the move is normally followed by a re-coding in a new classifier version.
 */
export const reparentUnit = ({ data, metadata }: ReparentUnit, state: AdministrativeUnit): AdministrativeUnitReparented[] => {
  const unit = existing(state, data.unitId);
  requireDate(data.effectiveFrom, 'effectiveFrom');
  if (data.parentId === unit.parentId) return [];
  checkParent(data.unitId, unit.level, data.parentId, data.parent);
  return [
    {
      type: 'AdministrativeUnitReparented',
      data: {
        unitId: data.unitId,
        previousParentId: unit.parentId,
        parentId: data.parentId,
        effectiveFrom: data.effectiveFrom,
        reparentedAt: metadata.now,
      },
    },
  ];
};

export const recordPopulation = ({ data, metadata }: RecordPopulation, state: AdministrativeUnit): PopulationRecorded[] => {
  const unit = existing(state, data.unitId);
  if (!Number.isInteger(data.year) || data.year < 1990 || data.year > 2100) throw new InvalidPopulationYear(data.year);
  if (!Number.isInteger(data.count) || data.count < 0) throw new InvalidPopulationCount(data.count);
  if (unit.populationByYear.get(data.year) === data.count) return [];
  return [{ type: 'PopulationRecorded', data: { unitId: data.unitId, year: data.year, count: data.count, recordedAt: metadata.now } }];
};

export const retireUnit = ({ data, metadata }: RetireUnit, state: AdministrativeUnit): AdministrativeUnitRetired[] => {
  existing(state, data.unitId);
  if (data.reason.trim() === '') throw new RetirementReasonRequired();
  requireDate(data.effectiveFrom, 'effectiveFrom');
  return [
    {
      type: 'AdministrativeUnitRetired',
      data: { unitId: data.unitId, reason: data.reason, effectiveFrom: data.effectiveFrom, retiredAt: metadata.now },
    },
  ];
};

/**
 * Decides an AdministrativeUnit command against the folded state. Pure: time comes from `metadata.now`, and facts
 * about other units (parent, ancestors) come in the command as a ParentContext. Returns [] for a command that
 * changes nothing; throws a DomainError subclass for a refusal.
 */
export const decide = (command: AdministrativeUnitCommand, state: AdministrativeUnit): AdministrativeUnitEvent[] => {
  switch (command.type) {
    case 'RegisterAdministrativeUnit':
      return registerAdministrativeUnit(command, state);
    case 'RenameUnit':
      return renameUnit(command, state);
    case 'AssignKatoCode':
      return assignKatoCode(command, state);
    case 'RetireKatoCode':
      return retireKatoCode(command, state);
    case 'ReparentUnit':
      return reparentUnit(command, state);
    case 'RecordPopulation':
      return recordPopulation(command, state);
    case 'RetireUnit':
      return retireUnit(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown AdministrativeUnit command: ${(exhaustive as { type: string }).type}`);
    }
  }
};

/** The unit as an active aggregate: an Empty unit is not found, a Retired one takes no commands. */
const existing = (state: AdministrativeUnit, unitId: string): ActiveUnit => {
  if (state.status === 'Empty') throw new UnitNotFound(unitId);
  if (state.status === 'Retired') throw new UnitRetired(state.unitId, state.retiredFrom);
  return state;
};

/** A REGION has no parent; any other level has a registered, live parent of a higher level that is not its descendant. */
const checkParent = (unitId: string, level: UnitLevel, parentId: string | null, parent: ParentContext | null): void => {
  if (level === 'REGION') {
    if (parentId !== null) throw new RegionCannotHaveParent();
    return;
  }
  if (parentId === null) throw new ParentRequired(level);
  if (parent === null) throw new UnknownParent(parentId);
  if (parent.unitId !== parentId) throw new ParentContextMismatch(parentId, parent.unitId);
  if (parent.unitId === unitId || parent.ancestors.some((a) => a.unitId === unitId)) throw new ParentCycle(unitId, parentId);
  if (LEVEL_RANK[parent.level] >= LEVEL_RANK[level]) throw new ParentLevelNotHigher(level, parent.level);
  if (parent.retired) throw new ParentRetired(parentId);
};

/**
 * The code's AB must equal the AB of the nearest REGION ancestor, and its ABCD the ABCD of the nearest DISTRICT or
 * CITY_REGIONAL ancestor, comparing only codes of the same classifier version. Ancestors without a code of that
 * version are skipped: a re-coding (a new classifier version) may reach a unit before its parents, and the unit
 * must not wait for them.
 */
const checkKatoPrefixes = (katoCode: KatoCode, parent: ParentContext | null): void => {
  const lineage: readonly AncestorContext[] = parent ? [parent, ...parent.ancestors] : [];
  const check = (levels: readonly UnitLevel[], digits: number): void => {
    for (const ancestor of lineage) {
      if (!levels.includes(ancestor.level)) continue;
      const sameVersion = ancestor.katoCodes.filter((k) => k.classifierVersion === katoCode.classifierVersion);
      if (sameVersion.length === 0) continue;
      const prefixes = [...new Set(sameVersion.map((k) => k.code.slice(0, digits)))];
      if (!prefixes.includes(katoCode.code.slice(0, digits))) {
        throw new KatoPrefixMismatch(katoCode.code, ancestor.unitId, ancestor.level, prefixes);
      }
      return;
    }
  };
  check(['REGION'], 2);
  check(['DISTRICT', 'CITY_REGIONAL'], 4);
};

/** Half-open ranges [validFrom, validTo) overlap when each starts before the other ends. */
const overlaps = (a: KatoCode, b: KatoCode): boolean =>
  a.validFrom < (b.validTo ?? '9999-12-31') && b.validFrom < (a.validTo ?? '9999-12-31');

const sameKatoCode = (a: KatoCode, b: KatoCode): boolean =>
  a.code === b.code && a.classifierVersion === b.classifierVersion && a.validFrom === b.validFrom && a.validTo === b.validTo;


const requireNames = (names: LocalizedText): void => {
  const errors = localizedTextErrors(names, 'names');
  if (errors.length > 0) throw new UnitNameRequired(errors);
};

/** Effective dates are compared as strings, which is only sound for real dates written YYYY-MM-DD. */
const requireDate = (value: string, path: string): void => {
  const m = ISO_DATE.exec(value);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (!m || day < 1 || day > daysInMonth) throw new InvalidDate(path, value);
};
