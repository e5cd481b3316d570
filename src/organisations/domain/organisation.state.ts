import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { IatiOrgType, OrganisationEvent } from './organisation.events.js';

/** The registration as first recorded, so a resent RegisterOrganisation is recognised as a no-op. */
export type OrganisationRegistration = {
  readonly name: LocalizedText;
  readonly orgIdentifier: string;
  readonly iatiOrgType: IatiOrgType;
  readonly country: string;
};

/** The write model of an Organisation: what `decide` needs, and what other contexts read before deciding. */
export type Organisation =
  | { readonly status: 'Empty' }
  | {
      readonly status: 'Registered';
      readonly organisationId: string;
      readonly registration: OrganisationRegistration;
      readonly name: LocalizedText;
      readonly orgIdentifier: string;
      readonly iatiOrgType: IatiOrgType;
    };

export const initialState = (): Organisation => ({ status: 'Empty' });

/** Folds one event. Total and tolerant: events that do not apply, and unknown types, change nothing. */
export const evolve = (state: Organisation, event: OrganisationEvent): Organisation => {
  switch (event.type) {
    case 'OrganisationRegistered': {
      if (state.status !== 'Empty') return state;
      const { organisationId, name, orgIdentifier, iatiOrgType, country } = event.data;
      return { status: 'Registered', organisationId, registration: { name, orgIdentifier, iatiOrgType, country }, name, orgIdentifier, iatiOrgType };
    }
    case 'OrganisationRenamed':
      return state.status !== 'Registered' ? state : { ...state, name: event.data.name };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};
