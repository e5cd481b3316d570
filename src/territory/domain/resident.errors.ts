import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

export class ResidentNotFound extends NotFoundError {
  constructor(residentId: string) {
    super('resident-not-found', 'Resident not found', `No resident ${residentId} is registered.`);
  }
}

export class ResidentDeregisteredError extends IllegalStateError {
  constructor(residentId: string) {
    super('resident-deregistered', 'Resident deregistered', `Resident ${residentId} is deregistered; register again under a new id if they return.`);
  }
}

export class ResidentAlreadyRegistered extends IllegalStateError {
  constructor(residentId: string) {
    super('resident-already-registered', 'Resident already registered', `Resident ${residentId} is already registered with other data; update or relocate them instead.`);
  }
}

export class SettlementNotFound extends ValidationError {
  constructor(settlementId: string) {
    super('settlement-not-found', 'Settlement not found', `No administrative unit ${settlementId} is registered.`, [{ path: 'settlementId', message: 'is not a registered unit' }]);
  }
}

export class SettlementNotOpen extends IllegalStateError {
  constructor(settlementId: string) {
    super('settlement-retired', 'Settlement retired', `Unit ${settlementId} is retired; residents are registered in units in force.`, [{ path: 'settlementId', message: 'is retired' }]);
  }
}

export class SettlementLevelInvalid extends ValidationError {
  constructor(settlementId: string, level: string) {
    super('settlement-level-invalid', 'Not a settlement', `Residents live in a village, township, rural okrug or town; unit ${settlementId} is a ${level}.`, [{ path: 'settlementId', message: `is a ${level}` }]);
  }
}

export class IinAlreadyRegistered extends IllegalStateError {
  constructor() {
    super('iin-already-registered', 'IIN already registered', 'Another active resident is registered with this IIN. Find that resident instead of registering a second one.', [{ path: 'iin', message: 'is already registered' }]);
  }
}

export class ContactRequired extends ValidationError {
  constructor() {
    super('contact-required', 'Nothing to update', 'Give a phone, an address or both.', [{ path: 'phone', message: 'phone or address is required' }]);
  }
}
