import type { AuthorityResponse, InputSourceKind, RecommendationContent, RecommendationEvent, RecommendationStatus } from './recommendation.events.js';

/** The write model of a Recommendation: what `decide` needs. */
export type Recommendation =
  | { readonly status: 'Empty' }
  | {
      readonly status: RecommendationStatus;
      readonly recommendationId: string;
      /** The content as first drafted, so a resent DraftRecommendation is recognised as a no-op. */
      readonly drafted: RecommendationContent;
      readonly content: RecommendationContent;
      readonly inputs: ReadonlyArray<{ readonly sourceKind: InputSourceKind; readonly sourceId: string; readonly summary: string }>;
      readonly endorsement: { readonly forumMeetingId: string; readonly endorsedOn: string } | null;
      readonly submission: { readonly addresseeOrganisationId: string; readonly submittedOn: string } | null;
      readonly response: { readonly response: AuthorityResponse; readonly respondedOn: string; readonly summary: string } | null;
      /** Evidence documents: id → SHA-256. */
      readonly evidence: Readonly<Record<string, string>>;
      readonly withdrawalReason: string | null;
    };

export type ExistingRecommendation = Exclude<Recommendation, { status: 'Empty' }>;

export const initialState = (): Recommendation => ({ status: 'Empty' });

const contentOf = ({ title, text, theme, addresseeOrganisationId, programmeId }: RecommendationContent): RecommendationContent => ({
  title, text, theme, addresseeOrganisationId, programmeId,
});

/** Folds one event. Total and tolerant: events that do not apply, and unknown types, change nothing. */
export const evolve = (state: Recommendation, event: RecommendationEvent): Recommendation => {
  if (event.type === 'RecommendationDrafted') {
    if (state.status !== 'Empty') return state;
    const content = contentOf(event.data);
    return {
      status: 'DRAFT', recommendationId: event.data.recommendationId, drafted: content, content,
      inputs: [], endorsement: null, submission: null, response: null, evidence: {}, withdrawalReason: null,
    };
  }
  if (state.status === 'Empty') return state;
  switch (event.type) {
    case 'RecommendationDraftRevised':
      return { ...state, content: contentOf(event.data) };
    case 'RecommendationConsultationOpened':
      return { ...state, status: 'IN_CONSULTATION' };
    case 'ConsultationInputRecorded': {
      const { sourceKind, sourceId, summary } = event.data;
      return { ...state, inputs: [...state.inputs, { sourceKind, sourceId, summary }] };
    }
    case 'RecommendationEndorsed':
      return { ...state, status: 'ENDORSED', endorsement: { forumMeetingId: event.data.forumMeetingId, endorsedOn: event.data.endorsedOn } };
    case 'RecommendationSubmitted':
      return { ...state, status: 'SUBMITTED', submission: { addresseeOrganisationId: event.data.addresseeOrganisationId, submittedOn: event.data.submittedOn } };
    case 'AuthorityResponseRecorded': {
      const { response, respondedOn, summary } = event.data;
      return { ...state, status: 'RESPONDED', response: { response, respondedOn, summary } };
    }
    case 'ImplementationEvidenceRecorded':
      return { ...state, evidence: { ...state.evidence, [event.data.documentId]: event.data.sha256 } };
    case 'RecommendationWithdrawn':
      return { ...state, status: 'WITHDRAWN', withdrawalReason: event.data.reason };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};
