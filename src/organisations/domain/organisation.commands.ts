import type { DomainCommand } from '../../shared/domain/message.js';
import type { IatiOrgType } from './organisation.events.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';

export type RegisterOrganisation = DomainCommand<
  'RegisterOrganisation',
  {
    readonly organisationId: string;
    readonly name: LocalizedText;
    readonly orgIdentifier: string;
    readonly iatiOrgType: IatiOrgType;
    readonly country: string;
  }
>;

export type RenameOrganisation = DomainCommand<'RenameOrganisation', { readonly organisationId: string; readonly name: LocalizedText }>;

export type OrganisationCommand = RegisterOrganisation | RenameOrganisation;
