import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

export class DataSubjectNotFound extends NotFoundError {
  constructor(subjectId: string) {
    super('data-subject-not-found', 'Data subject not found', `No personal data is recorded for ${subjectId}.`);
  }
}

export class SubjectErased extends IllegalStateError {
  constructor(subjectId: string) {
    super('data-subject-erased', 'Personal data erased', `The personal data of ${subjectId} was erased; nothing can be recorded or held for it again.`);
  }
}

export class HoldDateInvalid extends ValidationError {
  constructor(until: string) {
    super('legal-hold-date-invalid', 'Invalid legal hold date', `until must be a date YYYY-MM-DD; got '${until}'.`, [{ path: 'until', message: 'must be a date YYYY-MM-DD' }]);
  }
}

export class HoldConflict extends IllegalStateError {
  constructor(holdId: string) {
    super('legal-hold-conflict', 'Legal hold already exists', `Legal hold ${holdId} already exists with another basis or date; place a new hold with its own id.`);
  }
}

export class UnknownHold extends NotFoundError {
  constructor(holdId: string) {
    super('legal-hold-not-found', 'Legal hold not found', `The subject has no legal hold ${holdId} in force.`);
  }
}

export class ErasureNotRequested extends IllegalStateError {
  constructor(subjectId: string) {
    super('erasure-not-requested', 'Erasure not requested', `No erasure of ${subjectId} was requested.`);
  }
}

export class ErasureUnderLegalHold extends IllegalStateError {
  constructor(subjectId: string, until: string, basis: string) {
    super('erasure-under-legal-hold', 'Erasure deferred by a legal hold', `The personal data of ${subjectId} must be kept until ${until} (${basis}); the erasure is deferred until then.`);
  }
}
