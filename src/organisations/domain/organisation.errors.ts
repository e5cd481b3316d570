import { type FieldError, IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { IATI_ORG_TYPE_CODES } from './organisation.events.js';

/** Refusals of the Organisation decider. Field paths name the request body fields. */

export class OrganisationNotFound extends NotFoundError {
  constructor(readonly organisationId: string) {
    super('organisation-not-found', 'Organisation not found',
      `Organisation ${organisationId} has not been registered. Check the id, or register the organisation first.`);
  }
}

export class OrganisationAlreadyRegistered extends IllegalStateError {
  constructor(readonly organisationId: string) {
    super('organisation-already-registered', 'Organisation already registered',
      `Organisation ${organisationId} is already registered with other data. Rename it instead, or choose a new id for another organisation.`);
  }
}

export class OrganisationNameRequired extends ValidationError {
  constructor(errors: FieldError[]) {
    super('organisation-name-required', 'Organisation name missing or blank',
      'Give the organisation name in at least one of kk, ru and en, and leave out any language you have no name for instead of sending it blank.',
      errors);
  }
}

export class InvalidOrgIdentifier extends ValidationError {
  constructor(readonly orgIdentifier: string) {
    super('invalid-org-identifier', 'Invalid IATI organisation identifier',
      `orgIdentifier must be an IATI organisation identifier: a registration agency prefix and the organisation's number in it, such as KZ-BIN-123456789012 (a 12-digit BIN) or XI-IATI-EC_DEVCO; got ${JSON.stringify(orgIdentifier)}.`,
      [{ path: 'orgIdentifier', message: 'must look like KZ-BIN-123456789012 or XI-IATI-EC_DEVCO' }]);
  }
}

export class InvalidIatiOrgType extends ValidationError {
  constructor(readonly iatiOrgType: string) {
    super('invalid-iati-org-type', 'Unknown IATI organisation type',
      `iatiOrgType must be a code of the IATI OrganisationType codelist (${IATI_ORG_TYPE_CODES.join(', ')}); got ${JSON.stringify(iatiOrgType)}.`,
      [{ path: 'iatiOrgType', message: 'must be an IATI OrganisationType code' }]);
  }
}

export class InvalidCountryCode extends ValidationError {
  constructor(readonly country: string) {
    super('invalid-country-code', 'Invalid country code',
      `country must be an ISO 3166-1 alpha-2 code in capitals, such as KZ or BG; got ${JSON.stringify(country)}.`,
      [{ path: 'country', message: 'must be two capital letters (ISO 3166-1 alpha-2)' }]);
  }
}
