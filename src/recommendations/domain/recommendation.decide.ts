import { compactText, localizedTextErrors, sameText } from '../../shared/domain/localized-text.js';
import type {
  DraftRecommendation,
  EndorseRecommendation,
  OpenConsultation,
  RecommendationCommand,
  RecordAuthorityResponse,
  RecordConsultationInput,
  RecordImplementationEvidence,
  ReviseDraft,
  SubmitRecommendation,
  WithdrawRecommendation,
} from './recommendation.commands.js';
import {
  AddresseeRequired,
  EvidenceDocumentConflict,
  InvalidRecommendationTheme,
  RecommendationAlreadyDrafted,
  RecommendationAlreadyResponded,
  RecommendationDateOutOfOrder,
  RecommendationFieldBlank,
  RecommendationNotFound,
  RecommendationTextRequired,
  RecommendationWrongStatus,
} from './recommendation.errors.js';
import {
  RECOMMENDATION_THEMES,
  type AuthorityResponseRecorded,
  type ConsultationInputRecorded,
  type ImplementationEvidenceRecorded,
  type RecommendationConsultationOpened,
  type RecommendationContent,
  type RecommendationDraftRevised,
  type RecommendationDrafted,
  type RecommendationEndorsed,
  type RecommendationEvent,
  type RecommendationStatus,
  type RecommendationSubmitted,
  type RecommendationWithdrawn,
} from './recommendation.events.js';
import type { ExistingRecommendation, Recommendation } from './recommendation.state.js';

type ContentData = DraftRecommendation['data'];

export const draftRecommendation = ({ data, metadata }: DraftRecommendation, state: Recommendation): RecommendationDrafted[] => {
  if (state.status !== 'Empty') {
    if (sameContent(state.drafted, contentOf(data))) return []; // resent command
    throw new RecommendationAlreadyDrafted(data.recommendationId);
  }
  const content = validContent(data);
  return [{ type: 'RecommendationDrafted', data: { recommendationId: data.recommendationId, ...content, draftedAt: metadata.now } }];
};

export const reviseDraft = ({ data, metadata }: ReviseDraft, state: Recommendation): RecommendationDraftRevised[] => {
  const rec = existing(state, data.recommendationId);
  requireStatus(rec, 'revise the draft', ['DRAFT']);
  const content = validContent(data);
  if (sameContent(rec.content, content)) return [];
  return [{ type: 'RecommendationDraftRevised', data: { recommendationId: data.recommendationId, ...content, revisedAt: metadata.now } }];
};

export const openConsultation = ({ data, metadata }: OpenConsultation, state: Recommendation): RecommendationConsultationOpened[] => {
  const rec = existing(state, data.recommendationId);
  if (rec.status === 'IN_CONSULTATION') return [];
  requireStatus(rec, 'open a consultation', ['DRAFT']);
  return [{ type: 'RecommendationConsultationOpened', data: { recommendationId: data.recommendationId, openedAt: metadata.now } }];
};

export const recordConsultationInput = ({ data, metadata }: RecordConsultationInput, state: Recommendation): ConsultationInputRecorded[] => {
  const rec = existing(state, data.recommendationId);
  requireStatus(rec, 'record a consultation input', ['IN_CONSULTATION']);
  const summary = nonBlank(data.summary, 'summary');
  if (rec.inputs.some((i) => i.sourceKind === data.sourceKind && i.sourceId === data.sourceId && i.summary === summary)) return [];
  return [
    {
      type: 'ConsultationInputRecorded',
      data: { recommendationId: data.recommendationId, sourceKind: data.sourceKind, sourceId: data.sourceId, summary, recordedAt: metadata.now },
    },
  ];
};

export const endorseRecommendation = ({ data, metadata }: EndorseRecommendation, state: Recommendation): RecommendationEndorsed[] => {
  const rec = existing(state, data.recommendationId);
  if (rec.status === 'ENDORSED' && rec.endorsement?.forumMeetingId === data.meetingId && rec.endorsement.endorsedOn === data.endorsedOn) return [];
  requireStatus(rec, 'endorse it', ['IN_CONSULTATION']);
  return [
    { type: 'RecommendationEndorsed', data: { recommendationId: data.recommendationId, forumMeetingId: data.meetingId, endorsedOn: data.endorsedOn, recordedAt: metadata.now } },
  ];
};

export const submitRecommendation = ({ data, metadata }: SubmitRecommendation, state: Recommendation): RecommendationSubmitted[] => {
  const rec = existing(state, data.recommendationId);
  const addressee = data.addresseeOrganisationId ?? rec.content.addresseeOrganisationId;
  if (rec.status === 'SUBMITTED' && rec.submission?.submittedOn === data.submittedOn && rec.submission.addresseeOrganisationId === addressee) return [];
  requireStatus(rec, 'submit it', ['ENDORSED']);
  if (!addressee) throw new AddresseeRequired(data.recommendationId);
  const endorsedOn = rec.endorsement!.endorsedOn;
  if (data.submittedOn < endorsedOn) throw new RecommendationDateOutOfOrder('submittedOn', data.submittedOn, endorsedOn, 'endorsement');
  return [
    { type: 'RecommendationSubmitted', data: { recommendationId: data.recommendationId, addresseeOrganisationId: addressee, submittedOn: data.submittedOn, recordedAt: metadata.now } },
  ];
};

export const recordAuthorityResponse = ({ data, metadata }: RecordAuthorityResponse, state: Recommendation): AuthorityResponseRecorded[] => {
  const rec = existing(state, data.recommendationId);
  requireStatus(rec, 'record an authority response', ['SUBMITTED', 'RESPONDED']);
  const summary = nonBlank(data.summary, 'summary');
  const last = rec.response;
  if (last && last.response === data.response && last.respondedOn === data.respondedOn && last.summary === summary) return [];
  const submittedOn = rec.submission!.submittedOn;
  if (data.respondedOn < submittedOn) throw new RecommendationDateOutOfOrder('respondedOn', data.respondedOn, submittedOn, 'submission');
  return [
    {
      type: 'AuthorityResponseRecorded',
      data: { recommendationId: data.recommendationId, response: data.response, respondedOn: data.respondedOn, summary, recordedAt: metadata.now },
    },
  ];
};

export const recordImplementationEvidence = ({ data, metadata }: RecordImplementationEvidence, state: Recommendation): ImplementationEvidenceRecorded[] => {
  const rec = existing(state, data.recommendationId);
  requireStatus(rec, 'record implementation evidence', ['RESPONDED']);
  const note = nonBlank(data.note, 'note');
  const known = rec.evidence[data.documentId];
  if (known === data.sha256) return [];
  if (known !== undefined) throw new EvidenceDocumentConflict(data.documentId);
  return [
    {
      type: 'ImplementationEvidenceRecorded',
      data: { recommendationId: data.recommendationId, documentId: data.documentId, sha256: data.sha256, note, recordedAt: metadata.now },
    },
  ];
};

export const withdrawRecommendation = ({ data, metadata }: WithdrawRecommendation, state: Recommendation): RecommendationWithdrawn[] => {
  const rec = existing(state, data.recommendationId);
  if (rec.status === 'WITHDRAWN') return [];
  if (rec.status === 'RESPONDED') throw new RecommendationAlreadyResponded(data.recommendationId);
  const reason = nonBlank(data.reason, 'reason');
  return [{ type: 'RecommendationWithdrawn', data: { recommendationId: data.recommendationId, reason, withdrawnAt: metadata.now } }];
};

/**
 * Decides a Recommendation command against the folded state. Pure: time comes from `metadata.now`. Returns [] for a
 * command that changes nothing; throws a DomainError subclass for a refusal.
 */
export const decide = (command: RecommendationCommand, state: Recommendation): RecommendationEvent[] => {
  switch (command.type) {
    case 'DraftRecommendation':
      return draftRecommendation(command, state);
    case 'ReviseDraft':
      return reviseDraft(command, state);
    case 'OpenConsultation':
      return openConsultation(command, state);
    case 'RecordConsultationInput':
      return recordConsultationInput(command, state);
    case 'EndorseRecommendation':
      return endorseRecommendation(command, state);
    case 'SubmitRecommendation':
      return submitRecommendation(command, state);
    case 'RecordAuthorityResponse':
      return recordAuthorityResponse(command, state);
    case 'RecordImplementationEvidence':
      return recordImplementationEvidence(command, state);
    case 'WithdrawRecommendation':
      return withdrawRecommendation(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown Recommendation command: ${(exhaustive as { type: string }).type}`);
    }
  }
};

const existing = (state: Recommendation, recommendationId: string): ExistingRecommendation => {
  if (state.status === 'Empty') throw new RecommendationNotFound(recommendationId);
  return state as ExistingRecommendation;
};

const requireStatus = (rec: ExistingRecommendation, action: string, allowed: readonly RecommendationStatus[]): void => {
  if (!allowed.includes(rec.status as RecommendationStatus)) throw new RecommendationWrongStatus(rec.recommendationId, action, rec.status, allowed);
};

const contentOf = (data: ContentData): RecommendationContent => ({
  title: compactText(data.title),
  text: compactText(data.text),
  theme: data.theme,
  addresseeOrganisationId: data.addresseeOrganisationId ?? null,
  programmeId: data.programmeId ?? null,
});

const validContent = (data: ContentData): RecommendationContent => {
  const errors = [...localizedTextErrors(data.title, 'title'), ...localizedTextErrors(data.text, 'text')];
  if (errors.length > 0) throw new RecommendationTextRequired(errors);
  if (!(RECOMMENDATION_THEMES as readonly string[]).includes(data.theme)) throw new InvalidRecommendationTheme(data.theme);
  return contentOf(data);
};

const sameContent = (a: RecommendationContent, b: RecommendationContent): boolean =>
  sameText(a.title, b.title) && sameText(a.text, b.text) && a.theme === b.theme && a.addresseeOrganisationId === b.addresseeOrganisationId && a.programmeId === b.programmeId;

const nonBlank = (value: string, field: string): string => {
  const trimmed = value.trim();
  if (trimmed === '') throw new RecommendationFieldBlank(field);
  return trimmed;
};
