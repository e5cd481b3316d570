import { compactText, localizedTextErrors, sameText } from '../../shared/domain/localized-text.js';
import type { OrganisationCommand, RegisterOrganisation, RenameOrganisation } from './organisation.commands.js';
import {
  InvalidCountryCode,
  InvalidIatiOrgType,
  InvalidOrgIdentifier,
  OrganisationAlreadyRegistered,
  OrganisationNameRequired,
  OrganisationNotFound,
} from './organisation.errors.js';
import { IATI_ORGANISATION_TYPES, type OrganisationEvent, type OrganisationRegistered, type OrganisationRenamed } from './organisation.events.js';
import type { Organisation } from './organisation.state.js';

/**
 * An IATI organisation identifier: a registration agency prefix (country or `XI`/`XM`, then the agency) and the
 * organisation's identifier in that register. A Kazakh BIN has exactly 12 digits.
 */
const ORG_IDENTIFIER = /^[A-Z]{2}-[A-Z0-9]{1,12}-[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/;
const KZ_BIN = /^KZ-BIN-\d{12}$/;
const COUNTRY = /^[A-Z]{2}$/;

export const registerOrganisation = ({ data, metadata }: RegisterOrganisation, state: Organisation): OrganisationRegistered[] => {
  if (state.status === 'Registered') {
    const r = state.registration;
    const same = r.orgIdentifier === data.orgIdentifier && r.iatiOrgType === data.iatiOrgType && r.country === data.country && sameText(r.name, data.name);
    if (same) return []; // resent command
    throw new OrganisationAlreadyRegistered(data.organisationId);
  }
  requireName(data.name);
  if (!ORG_IDENTIFIER.test(data.orgIdentifier) || (data.orgIdentifier.startsWith('KZ-BIN-') && !KZ_BIN.test(data.orgIdentifier))) {
    throw new InvalidOrgIdentifier(data.orgIdentifier);
  }
  if (!Object.hasOwn(IATI_ORGANISATION_TYPES, data.iatiOrgType)) throw new InvalidIatiOrgType(data.iatiOrgType);
  if (!COUNTRY.test(data.country)) throw new InvalidCountryCode(data.country);
  return [
    {
      type: 'OrganisationRegistered',
      data: {
        organisationId: data.organisationId,
        name: compactText(data.name),
        orgIdentifier: data.orgIdentifier,
        iatiOrgType: data.iatiOrgType,
        country: data.country,
        registeredAt: metadata.now,
      },
    },
  ];
};

export const renameOrganisation = ({ data, metadata }: RenameOrganisation, state: Organisation): OrganisationRenamed[] => {
  if (state.status === 'Empty') throw new OrganisationNotFound(data.organisationId);
  requireName(data.name);
  if (sameText(state.name, data.name)) return [];
  return [{ type: 'OrganisationRenamed', data: { organisationId: data.organisationId, name: compactText(data.name), renamedAt: metadata.now } }];
};

/**
 * Decides an Organisation command against the folded state. Pure: time comes from `metadata.now`. Returns [] for a
 * command that changes nothing; throws a DomainError subclass for a refusal.
 */
export const decide = (command: OrganisationCommand, state: Organisation): OrganisationEvent[] => {
  switch (command.type) {
    case 'RegisterOrganisation':
      return registerOrganisation(command, state);
    case 'RenameOrganisation':
      return renameOrganisation(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown Organisation command: ${(exhaustive as { type: string }).type}`);
    }
  }
};

const requireName = (name: Parameters<typeof localizedTextErrors>[0]): void => {
  const errors = localizedTextErrors(name, 'name');
  if (errors.length > 0) throw new OrganisationNameRequired(errors);
};
