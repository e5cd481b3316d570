import type { DomainEvent } from '../../shared/domain/message.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';

/** IATI OrganisationType codelist (DOMAIN.md 4.1): code → name. */
export const IATI_ORGANISATION_TYPES = {
  '10': 'Government',
  '11': 'Local Government',
  '15': 'Other Public Sector',
  '21': 'International NGO',
  '22': 'National NGO',
  '23': 'Regional NGO',
  '24': 'Partner Country based NGO',
  '30': 'Public Private Partnership',
  '40': 'Multilateral',
  '60': 'Foundation',
  '70': 'Private Sector',
  '71': 'Private Sector in Provider Country',
  '72': 'Private Sector in Aid Recipient Country',
  '73': 'Private Sector in Third Country',
  '80': 'Academic, Training and Research',
  '90': 'Other',
} as const;
export type IatiOrgType = keyof typeof IATI_ORGANISATION_TYPES;
export const IATI_ORG_TYPE_CODES = Object.keys(IATI_ORGANISATION_TYPES) as IatiOrgType[];

/**
 * An organisation that funds, holds, extends or implements programmes (DOMAIN.md 5.4, 6.1). `orgIdentifier` is its
 * IATI organisation identifier (`KZ-BIN-<12 digits>`, `XI-IATI-EC_DEVCO`); `country` is ISO 3166-1 alpha-2.
 */
export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  {
    readonly organisationId: string;
    readonly name: LocalizedText;
    readonly orgIdentifier: string;
    readonly iatiOrgType: IatiOrgType;
    readonly country: string;
    readonly registeredAt: string;
  }
>;

/** The organisation is known by `name` from now on. */
export type OrganisationRenamed = DomainEvent<
  'OrganisationRenamed',
  { readonly organisationId: string; readonly name: LocalizedText; readonly renamedAt: string }
>;

export type OrganisationEvent = OrganisationRegistered | OrganisationRenamed;
