import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

/** Refusals of the EligibilityRoll decider. */

export class RollNotFound extends NotFoundError {
  constructor(readonly rollId: string) {
    super('roll-not-found', 'Eligibility roll not found', `Eligibility roll ${rollId} has not been compiled. Check the id, or compile the roll first.`);
  }
}

export class RollAlreadyCompiled extends IllegalStateError {
  constructor(readonly rollId: string) {
    super('roll-already-compiled', 'Roll already compiled', `Eligibility roll ${rollId} was compiled for another unit or cutoff date. Choose a new id for another roll.`);
  }
}

export class RollUnitNotFound extends ValidationError {
  constructor(readonly unitId: string) {
    super('roll-unit-not-found', 'Territory unit not found', `scopeUnitId ${unitId} names no registered administrative unit.`, [{ path: 'scopeUnitId', message: 'must name a registered unit' }]);
  }
}

export class RollFrozenError extends IllegalStateError {
  constructor(readonly rollId: string) {
    super('roll-frozen', 'Roll is frozen', `Eligibility roll ${rollId} is frozen and can no longer change. Compile a new roll if it must differ.`);
  }
}

export class ResidentNotRegistered extends ValidationError {
  constructor(readonly residentId: string) {
    super('resident-not-registered', 'Resident not registered', `Resident ${residentId} is not a registered resident; register them before claiming a roll entry.`,
      [{ path: 'residentId', message: 'must name a registered resident' }]);
  }
}
