import { ValidationError } from '../../shared/domain/errors.js';

/** A policy that names an event type more than once, delays a type it does not publish, or names a type badly. */
export class InvalidPublicationPolicy extends ValidationError {
  constructor(detail: string, path: string, message: string) {
    super('invalid-publication-policy', 'The publication policy is not valid', detail, [{ path, message }]);
  }
}
