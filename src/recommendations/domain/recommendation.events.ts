import type { DomainEvent } from '../../shared/domain/message.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';

/** Themes of the policy recommendations (DOMAIN.md 5.9). */
export const RECOMMENDATION_THEMES = [
  'LOCAL_SELF_GOVERNANCE',
  'FISCAL_DECENTRALISATION',
  'COMMUNITY_PARTICIPATION',
  'LOCAL_BUDGET_FORMULATION',
  'AKIM_AND_COMMUNITY_COMPETENCIES',
] as const;
export type RecommendationTheme = (typeof RECOMMENDATION_THEMES)[number];

/** Lifecycle: DRAFT → IN_CONSULTATION → ENDORSED → SUBMITTED → RESPONDED; WITHDRAWN from any state before RESPONDED. */
export const RECOMMENDATION_STATUSES = ['DRAFT', 'IN_CONSULTATION', 'ENDORSED', 'SUBMITTED', 'RESPONDED', 'WITHDRAWN'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** How the addressed authority answered. */
export const AUTHORITY_RESPONSES = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'NO_RESPONSE'] as const;
export type AuthorityResponse = (typeof AUTHORITY_RESPONSES)[number];

/** Where a consultation input came from: a meeting (e.g. a dialogue platform) or an organisation. */
export const INPUT_SOURCE_KINDS = ['MEETING', 'ORGANISATION'] as const;
export type InputSourceKind = (typeof INPUT_SOURCE_KINDS)[number];

/** The content of a draft: absent addressee and programme are null, so events carry no undefined keys. */
export type RecommendationContent = {
  readonly title: LocalizedText;
  readonly text: LocalizedText;
  readonly theme: RecommendationTheme;
  readonly addresseeOrganisationId: string | null;
  readonly programmeId: string | null;
};

/** A recommendation to government is drafted (status DRAFT). */
export type RecommendationDrafted = DomainEvent<'RecommendationDrafted', RecommendationContent & { readonly recommendationId: string; readonly draftedAt: string }>;

/** The draft's whole content is replaced (DRAFT only). */
export type RecommendationDraftRevised = DomainEvent<'RecommendationDraftRevised', RecommendationContent & { readonly recommendationId: string; readonly revisedAt: string }>;

/** The draft goes to consultation (status IN_CONSULTATION). */
export type RecommendationConsultationOpened = DomainEvent<'RecommendationConsultationOpened', { readonly recommendationId: string; readonly openedAt: string }>;

/** An input of the consultation: its source (a meeting or an organisation) and a summary. */
export type ConsultationInputRecorded = DomainEvent<
  'ConsultationInputRecorded',
  { readonly recommendationId: string; readonly sourceKind: InputSourceKind; readonly sourceId: string; readonly summary: string; readonly recordedAt: string }
>;

/** Endorsed at a forum meeting on a date (status ENDORSED). */
export type RecommendationEndorsed = DomainEvent<
  'RecommendationEndorsed',
  { readonly recommendationId: string; readonly forumMeetingId: string; readonly endorsedOn: string; readonly recordedAt: string }
>;

/** Submitted to the addressee on a date (status SUBMITTED). */
export type RecommendationSubmitted = DomainEvent<
  'RecommendationSubmitted',
  { readonly recommendationId: string; readonly addresseeOrganisationId: string; readonly submittedOn: string; readonly recordedAt: string }
>;

/** The authority's response (status RESPONDED). A later one corrects the earlier: the last recorded counts. */
export type AuthorityResponseRecorded = DomainEvent<
  'AuthorityResponseRecorded',
  { readonly recommendationId: string; readonly response: AuthorityResponse; readonly respondedOn: string; readonly summary: string; readonly recordedAt: string }
>;

/** A document showing implementation, with the SHA-256 of its content. */
export type ImplementationEvidenceRecorded = DomainEvent<
  'ImplementationEvidenceRecorded',
  { readonly recommendationId: string; readonly documentId: string; readonly sha256: string; readonly note: string; readonly recordedAt: string }
>;

/** Withdrawn before any response (status WITHDRAWN, final). */
export type RecommendationWithdrawn = DomainEvent<'RecommendationWithdrawn', { readonly recommendationId: string; readonly reason: string; readonly withdrawnAt: string }>;

export type RecommendationEvent =
  | RecommendationDrafted
  | RecommendationDraftRevised
  | RecommendationConsultationOpened
  | ConsultationInputRecorded
  | RecommendationEndorsed
  | RecommendationSubmitted
  | AuthorityResponseRecorded
  | ImplementationEvidenceRecorded
  | RecommendationWithdrawn;

export const RECOMMENDATION_EVENT_TYPES: readonly RecommendationEvent['type'][] = [
  'RecommendationDrafted',
  'RecommendationDraftRevised',
  'RecommendationConsultationOpened',
  'ConsultationInputRecorded',
  'RecommendationEndorsed',
  'RecommendationSubmitted',
  'AuthorityResponseRecorded',
  'ImplementationEvidenceRecorded',
  'RecommendationWithdrawn',
];
