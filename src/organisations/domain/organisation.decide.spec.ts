import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { fold } from '../../shared/domain/decider.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import type { RegisterOrganisation, RenameOrganisation } from './organisation.commands.js';
import { organisationDecider, organisationStream } from './organisation.decider.js';
import {
  InvalidCountryCode,
  InvalidIatiOrgType,
  InvalidOrgIdentifier,
  OrganisationAlreadyRegistered,
  OrganisationNameRequired,
  OrganisationNotFound,
} from './organisation.errors.js';
import type { IatiOrgType, OrganisationEvent, OrganisationRegistered, OrganisationRenamed } from './organisation.events.js';

const given = DeciderSpecification.for(organisationDecider);

describe('Organisation', () => {
  describe('RegisterOrganisation', () => {
    it('registers ARGO as a national NGO with its BIN', () => given([]).when(register()).then([registered()]));

    it('registers the EU Delegation with its IATI identifier', () =>
      given([])
        .when(register({ orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ', name: { en: 'European Union' } }))
        .then([registered({ orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', name: { en: 'European Union' } })]));

    it('records only the languages given', () =>
      given([]).when(register({ name: { en: 'ARGO', ru: undefined } })).then([registered({ name: { en: 'ARGO' } })]));

    it('ignores a resent registration', () => given([registered()]).when(register()).thenNothingHappened());

    it('ignores a resent registration after a rename (compares with the registration)', () =>
      given([registered(), renamed()]).when(register()).thenNothingHappened());

    it('refuses to register an existing organisation with other data', () =>
      given([registered()])
        .when(register({ country: 'BG' }))
        .thenThrows(OrganisationAlreadyRegistered, (e) => e.code === 'organisation-already-registered' && e instanceof IllegalStateError));

    it('refuses a name in no language', () =>
      given([])
        .when(register({ name: {} }))
        .thenThrows(OrganisationNameRequired, (e) => e.code === 'organisation-name-required' && e.errors[0]?.path === 'name'));

    it('refuses a blank name in a given language', () =>
      given([])
        .when(register({ name: { en: 'ARGO', kk: ' ' } }))
        .thenThrows(OrganisationNameRequired, (e) => expect(e.errors).toEqual([{ path: 'name.kk', message: 'must not be blank' }])));

    it.each(['KZ-BIN-12345', 'KZ-BIN-1234567890123', 'argo', 'KZBIN123456789012', 'KZ-BIN-', 'kz-bin-123456789012', 'KZ-BIN-12345678901 2'])(
      'refuses the identifier %s',
      (orgIdentifier) =>
        given([])
          .when(register({ orgIdentifier }))
          .thenThrows(InvalidOrgIdentifier, (e) => e.code === 'invalid-org-identifier' && e.errors[0]?.path === 'orgIdentifier' && e instanceof ValidationError),
    );

    it('refuses a type outside the IATI codelist', () =>
      given([])
        .when(register({ iatiOrgType: '99' as IatiOrgType }))
        .thenThrows(InvalidIatiOrgType, (e) => e.code === 'invalid-iati-org-type' && e.errors[0]?.path === 'iatiOrgType'));

    it.each(['kz', 'KAZ', 'K', ''])('refuses the country %s', (country) =>
      given([])
        .when(register({ country }))
        .thenThrows(InvalidCountryCode, (e) => e.code === 'invalid-country-code' && e.errors[0]?.path === 'country'));
  });

  describe('RenameOrganisation', () => {
    it('renames the organisation', () => given([registered()]).when(rename()).then([renamed()]));

    it('ignores a rename to the current name', () => given([registered(), renamed()]).when(rename()).thenNothingHappened());

    it('refuses an unregistered organisation', () =>
      given([]).when(rename()).thenThrows(OrganisationNotFound, (e) => e.code === 'organisation-not-found' && e instanceof NotFoundError));

    it('refuses a blank name', () => given([registered()]).when(rename({ name: { ru: '' } })).thenThrows(OrganisationNameRequired));
  });

  describe('evolve', () => {
    it('ignores unknown events and events before registration', () => {
      const legacy = { type: 'OrganisationMerged', data: { organisationId: ORG } } as unknown as OrganisationEvent;
      expect(fold(organisationDecider, [renamed()])).toEqual({ status: 'Empty' });
      expect(fold(organisationDecider, [registered(), legacy])).toEqual(fold(organisationDecider, [registered()]));
    });

    it('keeps the current name and the registration', () => {
      const state = fold(organisationDecider, [registered(), renamed()]);
      expect(state).toMatchObject({ status: 'Registered', name: NEW_NAME, registration: { name: NAME }, iatiOrgType: '22' });
    });
  });

  it('names the stream organisation-<id>', () => expect(organisationStream(ORG)).toBe(`organisation-${ORG}`));
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: ARGO, a national NGO in Kazakhstan (DOMAIN.md 6.1; the BIN is invented).

const NOW = '2017-01-20T09:00:00.000Z';
const ORG = 'org-argo';
const BIN = 'KZ-BIN-000140012345';
const NAME = { en: 'ARGO Civil Society Development Association', ru: 'Ассоциация развития гражданского общества «АРГО»' };
const NEW_NAME = { en: 'ARGO', ru: 'АРГО' };
const META: CommandMetadata = { actor: { id: 'actor-1', role: 'programme-officer' }, now: NOW, correlationId: 'corr-1' };

function register(overrides: Partial<RegisterOrganisation['data']> = {}): RegisterOrganisation {
  return { type: 'RegisterOrganisation', data: { organisationId: ORG, name: NAME, orgIdentifier: BIN, iatiOrgType: '22', country: 'KZ', ...overrides }, metadata: META };
}

function registered(overrides: Partial<OrganisationRegistered['data']> = {}): OrganisationRegistered {
  return {
    type: 'OrganisationRegistered',
    data: { organisationId: ORG, name: NAME, orgIdentifier: BIN, iatiOrgType: '22', country: 'KZ', registeredAt: NOW, ...overrides },
  };
}

function rename(overrides: Partial<RenameOrganisation['data']> = {}): RenameOrganisation {
  return { type: 'RenameOrganisation', data: { organisationId: ORG, name: NEW_NAME, ...overrides }, metadata: META };
}

function renamed(overrides: Partial<OrganisationRenamed['data']> = {}): OrganisationRenamed {
  return { type: 'OrganisationRenamed', data: { organisationId: ORG, name: NEW_NAME, renamedAt: NOW, ...overrides } };
}
