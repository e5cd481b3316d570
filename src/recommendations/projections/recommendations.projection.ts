import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type {
  AuthorityResponse,
  InputSourceKind,
  RecommendationEvent,
  RecommendationStatus,
  RecommendationTheme,
} from '../domain/recommendation.events.js';

/** One recommendation as the API shows it, with its whole history of inputs, responses and evidence. */
export type RecommendationDocument = {
  recommendationId: string;
  title: LocalizedText;
  text: LocalizedText;
  theme: RecommendationTheme;
  addresseeOrganisationId: string | null;
  programmeId: string | null;
  status: RecommendationStatus;
  draftedAt: string;
  consultationOpenedAt: string | null;
  inputs: Array<{ sourceKind: InputSourceKind; sourceId: string; summary: string; recordedAt: string }>;
  endorsement: { forumMeetingId: string; endorsedOn: string } | null;
  submission: { addresseeOrganisationId: string; submittedOn: string } | null;
  /** Every response in order; the last one counts. */
  responses: Array<{ response: AuthorityResponse; respondedOn: string; summary: string; recordedAt: string }>;
  /** The last recorded response, or null. */
  response: AuthorityResponse | null;
  evidence: Array<{ documentId: string; sha256: string; note: string; recordedAt: string }>;
  withdrawal: { reason: string; withdrawnAt: string } | null;
  /** Stream revision (the ETag) and global position of the last event folded in, as decimal strings. */
  revision: string;
  position: string;
};

export const RECOMMENDATIONS_PROJECTION = 'recommendations.register';

/** Recommendations by id, filterable by status, theme and last response, in the order drafted. */
export const recommendationsProjection: Projection<RecommendationDocument> = {
  name: RECOMMENDATIONS_PROJECTION,
  version: 1,
  handles: [
    'RecommendationDrafted',
    'RecommendationDraftRevised',
    'RecommendationConsultationOpened',
    'ConsultationInputRecorded',
    'RecommendationEndorsed',
    'RecommendationSubmitted',
    'AuthorityResponseRecorded',
    'ImplementationEvidenceRecorded',
    'RecommendationWithdrawn',
  ],
  fields: [
    { path: 'status', type: 'string' },
    { path: 'theme', type: 'string' },
    { path: 'response', type: 'string' },
    { path: 'draftedAt', type: 'string' },
  ],
  documentId: (e) => (e.data as { recommendationId: string }).recommendationId,
  evolve: (doc, event) => {
    const e = event as unknown as RecordedEvent<RecommendationEvent['type']> & RecommendationEvent;
    const stamp = { revision: event.revision.toString(), position: event.position.toString() };
    if (e.type === 'RecommendationDrafted') {
      if (doc) return doc;
      const { recommendationId, title, text, theme, addresseeOrganisationId, programmeId, draftedAt } = e.data;
      return {
        recommendationId, title, text, theme, addresseeOrganisationId, programmeId, status: 'DRAFT', draftedAt, consultationOpenedAt: null,
        inputs: [], endorsement: null, submission: null, responses: [], response: null, evidence: [], withdrawal: null, ...stamp,
      };
    }
    if (!doc) return doc;
    switch (e.type) {
      case 'RecommendationDraftRevised': {
        const { title, text, theme, addresseeOrganisationId, programmeId } = e.data;
        return { ...doc, title, text, theme, addresseeOrganisationId, programmeId, ...stamp };
      }
      case 'RecommendationConsultationOpened':
        return { ...doc, status: 'IN_CONSULTATION', consultationOpenedAt: e.data.openedAt, ...stamp };
      case 'ConsultationInputRecorded': {
        const { sourceKind, sourceId, summary, recordedAt } = e.data;
        return { ...doc, inputs: [...doc.inputs, { sourceKind, sourceId, summary, recordedAt }], ...stamp };
      }
      case 'RecommendationEndorsed':
        return { ...doc, status: 'ENDORSED', endorsement: { forumMeetingId: e.data.forumMeetingId, endorsedOn: e.data.endorsedOn }, ...stamp };
      case 'RecommendationSubmitted':
        return { ...doc, status: 'SUBMITTED', submission: { addresseeOrganisationId: e.data.addresseeOrganisationId, submittedOn: e.data.submittedOn }, ...stamp };
      case 'AuthorityResponseRecorded': {
        const { response, respondedOn, summary, recordedAt } = e.data;
        return { ...doc, status: 'RESPONDED', responses: [...doc.responses, { response, respondedOn, summary, recordedAt }], response, ...stamp };
      }
      case 'ImplementationEvidenceRecorded': {
        const { documentId, sha256, note, recordedAt } = e.data;
        return { ...doc, evidence: [...doc.evidence, { documentId, sha256, note, recordedAt }], ...stamp };
      }
      case 'RecommendationWithdrawn':
        return { ...doc, status: 'WITHDRAWN', withdrawal: { reason: e.data.reason, withdrawnAt: e.data.withdrawnAt }, ...stamp };
      default:
        return doc;
    }
  },
};
