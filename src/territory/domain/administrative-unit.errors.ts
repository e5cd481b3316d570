import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { IsoDate, KatoCode, UnitLevel } from './administrative-unit.events.js';

/** Refusals of the AdministrativeUnit decider. Field paths name the request body fields. */

const range = (k: Pick<KatoCode, 'validFrom' | 'validTo'>): string => `[${k.validFrom}, ${k.validTo ?? 'open'})`;

export class UnitNotFound extends NotFoundError {
  constructor(readonly unitId: string) {
    super('unit-not-found', 'Administrative unit not found',
      `Administrative unit ${unitId} has not been registered. Check the unit id, or register the unit first.`);
  }
}

export class UnitRetired extends IllegalStateError {
  constructor(readonly unitId: string, readonly retiredFrom: IsoDate) {
    super('unit-retired', 'Administrative unit is retired',
      `Administrative unit ${unitId} was retired from ${retiredFrom} and accepts no further changes. Address its successor unit instead.`);
  }
}

export class UnitAlreadyRegistered extends IllegalStateError {
  constructor(readonly unitId: string) {
    super('unit-already-registered', 'Administrative unit already registered',
      `Administrative unit ${unitId} is already registered with different data. Use a new unit id, or change the existing unit with the rename, reparent and KATO commands.`);
  }
}

export class UnitNameRequired extends ValidationError {
  constructor(errors: { path: string; message: string }[]) {
    super('unit-name-required', 'Unit name missing or blank',
      'Give the unit name in at least one of kk, ru and en, and leave out any language you have no name for instead of sending it blank.',
      errors);
  }
}

export class InvalidDate extends ValidationError {
  constructor(readonly path: string, readonly value: string) {
    super('invalid-date', 'Invalid calendar date', `${path} must be a calendar date written YYYY-MM-DD; got '${value}'.`,
      [{ path, message: 'must be a calendar date YYYY-MM-DD' }]);
  }
}

export class RegionCannotHaveParent extends ValidationError {
  constructor() {
    super('region-cannot-have-parent', 'A region has no parent unit',
      'A REGION is a top-level unit: send parentId as null, and do not reparent a region.',
      [{ path: 'parentId', message: 'must be null for a REGION' }]);
  }
}

export class ParentRequired extends ValidationError {
  constructor(readonly level: UnitLevel) {
    super('parent-required', 'Parent unit required', `A ${level} must sit under a parent unit: send the parent's unit id in parentId.`,
      [{ path: 'parentId', message: `is required for a ${level}` }]);
  }
}

export class UnknownParent extends ValidationError {
  constructor(readonly parentId: string) {
    super('unknown-parent', 'Parent unit not found',
      `No administrative unit ${parentId} is registered. Register the parent first, or correct parentId.`,
      [{ path: 'parentId', message: 'names no registered unit' }]);
  }
}

/** The handler passed facts about a different unit than the one the command (or the unit's state) names as parent. */
export class ParentContextMismatch extends IllegalStateError {
  constructor(readonly expectedParentId: string | null, readonly contextParentId: string | null) {
    super('parent-context-mismatch', 'Parent changed while the command was processed',
      `The unit's parent is ${expectedParentId ?? 'none'}, but the command was checked against ${contextParentId ?? 'none'}. Retry the request.`);
  }
}

export class ParentCycle extends ValidationError {
  constructor(readonly unitId: string, readonly parentId: string) {
    super('parent-cycle', 'Parent would create a cycle',
      `Unit ${parentId} is ${parentId === unitId ? 'the unit itself' : `a descendant of ${unitId}`}, so it cannot be its parent. Choose a unit above it in the hierarchy.`,
      [{ path: 'parentId', message: 'must not be the unit itself or one of its descendants' }]);
  }
}

export class ParentLevelNotHigher extends ValidationError {
  constructor(readonly level: UnitLevel, readonly parentLevel: UnitLevel) {
    super('parent-level-not-higher', 'Parent level must be higher',
      `A ${level} cannot sit under a ${parentLevel}: choose a parent of a higher administrative level (region > district or city of regional significance > town, okrug or township > village).`,
      [{ path: 'parentId', message: `names a ${parentLevel}, which is not above a ${level}` }]);
  }
}

export class ParentRetired extends IllegalStateError {
  constructor(readonly parentId: string) {
    super('parent-retired', 'Parent unit is retired',
      `Unit ${parentId} is retired and takes no new child units. Choose its successor as the parent.`,
      [{ path: 'parentId', message: 'names a retired unit' }]);
  }
}

export class InvalidKatoCode extends ValidationError {
  constructor(readonly katoCode: string) {
    super('invalid-kato-code', 'Invalid KATO code', `A KATO code is exactly 9 digits (e.g. 475042100); got '${katoCode}'.`,
      [{ path: 'katoCode.code', message: 'must be 9 digits' }]);
  }
}

export class KatoCodeLevelMismatch extends ValidationError {
  constructor(readonly katoCode: string, readonly level: UnitLevel, readonly shape: string) {
    super('kato-code-level-mismatch', 'KATO code does not fit the unit level',
      `A ${level}'s KATO code has the form ${shape} (trailing zeros mark the level); got '${katoCode}'.`,
      [{ path: 'katoCode.code', message: `must have the form ${shape}` }]);
  }
}

export class KatoPrefixMismatch extends ValidationError {
  constructor(
    readonly katoCode: string,
    readonly ancestorId: string,
    readonly ancestorLevel: UnitLevel,
    readonly expectedPrefixes: readonly string[],
  ) {
    const digits = expectedPrefixes[0]?.length === 2 ? 'AB' : 'ABCD';
    super('kato-prefix-mismatch', 'KATO code does not match its parent units',
      `The ${digits} digits of '${katoCode}' must equal those of the ${ancestorLevel} ${ancestorId} in the same classifier version (${expectedPrefixes.join(' or ')}). Correct the code, or re-code the ancestor first.`,
      [{ path: 'katoCode.code', message: `must start with ${expectedPrefixes.join(' or ')}` }]);
  }
}

export class InvalidKatoRange extends ValidationError {
  constructor(readonly path: string, readonly validFrom: IsoDate, readonly validTo: IsoDate) {
    super('kato-range-invalid', 'KATO code ends before it starts',
      `validTo (${validTo}) must be after validFrom (${validFrom}); the code stops applying on validTo.`,
      [{ path, message: `must be after ${validFrom}` }]);
  }
}

export class KatoRangeOverlap extends IllegalStateError {
  constructor(readonly katoCode: KatoCode, readonly existing: KatoCode) {
    super('kato-range-overlap', 'KATO codes overlap',
      `The unit already has code ${existing.code} in ${existing.classifierVersion} for ${range(existing)}, which overlaps ${range(katoCode)}. Retire the existing code first, or start the new one when it ends.`,
      [{ path: 'katoCode.validFrom', message: `overlaps ${existing.code} ${range(existing)}` }]);
  }
}

export class UnknownKatoCode extends ValidationError {
  constructor(readonly katoCode: string, readonly classifierVersion: string) {
    super('kato-code-unknown', 'KATO code not assigned to this unit',
      `The unit has no code ${katoCode} in classifier version ${classifierVersion}. Check the code and the classifier version.`,
      [{ path: 'code', message: `is not assigned in ${classifierVersion}` }]);
  }
}

export class KatoCodeAlreadyRetired extends IllegalStateError {
  constructor(readonly katoCode: string, readonly classifierVersion: string, readonly validTo: IsoDate) {
    super('kato-code-already-retired', 'KATO code already retired',
      `Code ${katoCode} (${classifierVersion}) already stopped applying on ${validTo}. Assign a new code instead of changing a past one.`,
      [{ path: 'validTo', message: `the code already ended on ${validTo}` }]);
  }
}

export class RenameBackdated extends IllegalStateError {
  constructor(readonly effectiveFrom: IsoDate, readonly currentFrom: IsoDate) {
    super('rename-before-current-name', 'Rename takes effect before the current name',
      `The current name applies from ${currentFrom}; a new name can take effect on or after that date, not on ${effectiveFrom}.`,
      [{ path: 'effectiveFrom', message: `must be on or after ${currentFrom}` }]);
  }
}

export class InvalidPopulationYear extends ValidationError {
  constructor(readonly year: number) {
    super('population-year-out-of-range', 'Population year out of range', `year must be a whole year from 1990 to 2100; got ${year}.`,
      [{ path: 'year', message: 'must be an integer from 1990 to 2100' }]);
  }
}

export class InvalidPopulationCount extends ValidationError {
  constructor(readonly count: number) {
    super('population-count-invalid', 'Invalid population count', `count must be a whole number of people, zero or more; got ${count}.`,
      [{ path: 'count', message: 'must be a non-negative integer' }]);
  }
}

export class RetirementReasonRequired extends ValidationError {
  constructor() {
    super('retirement-reason-required', 'Retirement reason required',
      'Say why the unit is retired (for example the decision that merged or abolished it) in reason.',
      [{ path: 'reason', message: 'must not be blank' }]);
  }
}
