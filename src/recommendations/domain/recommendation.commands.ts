import type { DomainCommand } from '../../shared/domain/message.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { AuthorityResponse, InputSourceKind, RecommendationTheme } from './recommendation.events.js';

type Content = {
  readonly recommendationId: string;
  readonly title: LocalizedText;
  readonly text: LocalizedText;
  readonly theme: RecommendationTheme;
  readonly addresseeOrganisationId?: string;
  readonly programmeId?: string;
};

export type DraftRecommendation = DomainCommand<'DraftRecommendation', Content>;
export type ReviseDraft = DomainCommand<'ReviseDraft', Content>;
export type OpenConsultation = DomainCommand<'OpenConsultation', { readonly recommendationId: string }>;
export type RecordConsultationInput = DomainCommand<
  'RecordConsultationInput',
  { readonly recommendationId: string; readonly sourceKind: InputSourceKind; readonly sourceId: string; readonly summary: string }
>;
export type EndorseRecommendation = DomainCommand<'EndorseRecommendation', { readonly recommendationId: string; readonly meetingId: string; readonly endorsedOn: string }>;
export type SubmitRecommendation = DomainCommand<
  'SubmitRecommendation',
  { readonly recommendationId: string; readonly addresseeOrganisationId?: string; readonly submittedOn: string }
>;
export type RecordAuthorityResponse = DomainCommand<
  'RecordAuthorityResponse',
  { readonly recommendationId: string; readonly response: AuthorityResponse; readonly respondedOn: string; readonly summary: string }
>;
export type RecordImplementationEvidence = DomainCommand<
  'RecordImplementationEvidence',
  { readonly recommendationId: string; readonly documentId: string; readonly sha256: string; readonly note: string }
>;
export type WithdrawRecommendation = DomainCommand<'WithdrawRecommendation', { readonly recommendationId: string; readonly reason: string }>;

export type RecommendationCommand =
  | DraftRecommendation
  | ReviseDraft
  | OpenConsultation
  | RecordConsultationInput
  | EndorseRecommendation
  | SubmitRecommendation
  | RecordAuthorityResponse
  | RecordImplementationEvidence
  | WithdrawRecommendation;
