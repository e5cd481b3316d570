import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import { type LocalizedText, displayText } from '../../shared/domain/localized-text.js';
import { IATI_ORGANISATION_TYPES, type IatiOrgType, type OrganisationEvent } from '../domain/organisation.events.js';

/** One organisation as the API shows it. */
export type OrganisationDocument = {
  organisationId: string;
  name: LocalizedText;
  orgIdentifier: string;
  iatiOrgType: IatiOrgType;
  /** The code's name in the IATI OrganisationType codelist. */
  iatiOrgTypeName: string;
  country: string;
  registeredAt: string;
  /** Lower-cased display name, to sort by. */
  sortName: string;
  /** Stream revision (the ETag) and global position of the last event folded in, as decimal strings. */
  revision: string;
  position: string;
};

export const ORGANISATIONS_PROJECTION = 'organisations.directory';

/** Organisations by id, filterable by identifier, IATI type and country, sorted by name. */
export const organisationsProjection: Projection<OrganisationDocument> = {
  name: ORGANISATIONS_PROJECTION,
  version: 1,
  handles: ['OrganisationRegistered', 'OrganisationRenamed'],
  fields: [
    { path: 'orgIdentifier', type: 'string' },
    { path: 'iatiOrgType', type: 'string' },
    { path: 'country', type: 'string' },
    { path: 'sortName', type: 'string' },
  ],
  documentId: (e) => (e.data as { organisationId: string }).organisationId,
  evolve: (doc, event) => {
    const e = event as unknown as RecordedEvent<OrganisationEvent['type']> & OrganisationEvent;
    const stamp = { revision: event.revision.toString(), position: event.position.toString() };
    switch (e.type) {
      case 'OrganisationRegistered': {
        const { organisationId, name, orgIdentifier, iatiOrgType, country, registeredAt } = e.data;
        return {
          organisationId, name, orgIdentifier, iatiOrgType, iatiOrgTypeName: IATI_ORGANISATION_TYPES[iatiOrgType] ?? iatiOrgType,
          country, registeredAt, sortName: sortNameOf(name), ...stamp,
        };
      }
      case 'OrganisationRenamed':
        return doc && { ...doc, name: e.data.name, sortName: sortNameOf(e.data.name), ...stamp };
      default:
        return doc;
    }
  },
};

const sortNameOf = (name: LocalizedText): string => displayText(name).toLocaleLowerCase('ru');
