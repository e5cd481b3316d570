import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { fold } from '../../shared/domain/decider.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import type { RecommendationCommand } from './recommendation.commands.js';
import { recommendationDecider, recommendationStream } from './recommendation.decider.js';
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
import type { RecommendationEvent, RecommendationTheme } from './recommendation.events.js';

const given = DeciderSpecification.for(recommendationDecider);

describe('Recommendation', () => {
  describe('DraftRecommendation', () => {
    it('drafts a recommendation with its addressee and programme', () => given([]).when(draft()).then([drafted()]));

    it('drafts without addressee or programme (recorded as null)', () =>
      given([])
        .when(draft({ addresseeOrganisationId: undefined, programmeId: undefined }))
        .then([drafted({ addresseeOrganisationId: null, programmeId: null })]));

    it('records only the languages given', () =>
      given([]).when(draft({ title: { en: 'Binding priorities', ru: undefined } })).then([drafted({ title: { en: 'Binding priorities' } })]));

    it('ignores a resent draft', () => given([drafted()]).when(draft()).thenNothingHappened());

    it('ignores a resent draft after a revision (compares with the first draft)', () => given([drafted(), revised()]).when(draft()).thenNothingHappened());

    it('refuses another draft under the same id', () =>
      given([drafted()])
        .when(draft({ theme: 'FISCAL_DECENTRALISATION' }))
        .thenThrows(RecommendationAlreadyDrafted, (e) => e.code === 'recommendation-already-drafted' && e instanceof IllegalStateError));

    it('refuses a title in no language', () =>
      given([]).when(draft({ title: {} })).thenThrows(RecommendationTextRequired, (e) => e.code === 'recommendation-text-required' && e.errors[0]?.path === 'title'));

    it('refuses a blank text', () =>
      given([])
        .when(draft({ text: { ru: ' ' } }))
        .thenThrows(RecommendationTextRequired, (e) => expect(e.errors).toEqual([{ path: 'text.ru', message: 'must not be blank' }])));

    it('refuses an unknown theme', () =>
      given([])
        .when(draft({ theme: 'TAXES' as RecommendationTheme }))
        .thenThrows(InvalidRecommendationTheme, (e) => e.code === 'invalid-recommendation-theme' && e instanceof ValidationError));
  });

  describe('ReviseDraft', () => {
    it('revises the draft', () => given([drafted()]).when(revise()).then([revised()]));

    it('ignores a revision to the current content', () => given([drafted(), revised()]).when(revise()).thenNothingHappened());

    it('refuses an unknown recommendation', () =>
      given([]).when(revise()).thenThrows(RecommendationNotFound, (e) => e.code === 'recommendation-not-found' && e instanceof NotFoundError));

    it('refuses once in consultation', () =>
      given([drafted(), opened()]).when(revise()).thenThrows(RecommendationWrongStatus, (e) => e.code === 'recommendation-wrong-status' && e.status === 'IN_CONSULTATION'));

    it('refuses a blank title', () => given([drafted()]).when(revise({ title: { en: '' } })).thenThrows(RecommendationTextRequired));
  });

  describe('OpenConsultation', () => {
    it('opens the consultation', () => given([drafted()]).when(open()).then([opened()]));
    it('ignores a resent opening', () => given([drafted(), opened()]).when(open()).thenNothingHappened());
    it('refuses an unknown recommendation', () => given([]).when(open()).thenThrows(RecommendationNotFound));
    it('refuses after endorsement', () => given(endorsedHistory()).when(open()).thenThrows(RecommendationWrongStatus));
    it('refuses a withdrawn recommendation', () => given([drafted(), withdrawn()]).when(open()).thenThrows(RecommendationWrongStatus, (e) => e.status === 'WITHDRAWN'));
  });

  describe('RecordConsultationInput', () => {
    it('records an input from a dialogue platform', () => given([drafted(), opened()]).when(input()).then([inputRecorded()]));

    it('records an input from an organisation', () =>
      given([drafted(), opened()])
        .when(input({ sourceKind: 'ORGANISATION', sourceId: ORG_ARGO }))
        .then([inputRecorded({ sourceKind: 'ORGANISATION', sourceId: ORG_ARGO })]));

    it('ignores the same input resent', () => given([drafted(), opened(), inputRecorded()]).when(input()).thenNothingHappened());

    it('refuses before the consultation opens', () => given([drafted()]).when(input()).thenThrows(RecommendationWrongStatus, (e) => e.status === 'DRAFT'));

    it('refuses after endorsement', () => given(endorsedHistory()).when(input()).thenThrows(RecommendationWrongStatus));

    it('refuses a blank summary', () =>
      given([drafted(), opened()]).when(input({ summary: '  ' })).thenThrows(RecommendationFieldBlank, (e) => e.errors[0]?.path === 'summary'));

    it('refuses an unknown recommendation', () => given([]).when(input()).thenThrows(RecommendationNotFound));
  });

  describe('EndorseRecommendation', () => {
    it('records the endorsement at the forum meeting', () => given([drafted(), opened(), inputRecorded()]).when(endorse()).then([endorsed()]));
    it('ignores a resent endorsement', () => given(endorsedHistory()).when(endorse()).thenNothingHappened());
    it('refuses another endorsement', () => given(endorsedHistory()).when(endorse({ endorsedOn: '2020-01-24' })).thenThrows(RecommendationWrongStatus, (e) => e.status === 'ENDORSED'));
    it('refuses a draft not consulted on', () => given([drafted()]).when(endorse()).thenThrows(RecommendationWrongStatus));
    it('refuses an unknown recommendation', () => given([]).when(endorse()).thenThrows(RecommendationNotFound));
  });

  describe('SubmitRecommendation', () => {
    it('submits to the draft’s addressee', () => given(endorsedHistory()).when(submit()).then([submitted()]));

    it('submits to an addressee named with the submission', () =>
      given([drafted({ addresseeOrganisationId: null }), opened(), endorsed()])
        .when(submit({ addresseeOrganisationId: ORG_OTHER }))
        .then([submitted({ addresseeOrganisationId: ORG_OTHER })]));

    it('ignores a resent submission', () => given(submittedHistory()).when(submit()).thenNothingHappened());

    it('refuses before endorsement', () => given([drafted(), opened()]).when(submit()).thenThrows(RecommendationWrongStatus, (e) => e.status === 'IN_CONSULTATION'));

    it('refuses without any addressee', () =>
      given([drafted({ addresseeOrganisationId: null }), opened(), endorsed()])
        .when(submit())
        .thenThrows(AddresseeRequired, (e) => e.code === 'recommendation-addressee-required' && e.errors[0]?.path === 'addresseeOrganisationId'));

    it('refuses a date before the endorsement', () =>
      given(endorsedHistory()).when(submit({ submittedOn: '2020-01-22' })).thenThrows(RecommendationDateOutOfOrder, (e) => e.code === 'recommendation-date-out-of-order'));

    it('refuses an unknown recommendation', () => given([]).when(submit()).thenThrows(RecommendationNotFound));
  });

  describe('RecordAuthorityResponse', () => {
    it('records the response', () => given(submittedHistory()).when(respond()).then([responded()]));

    it('records a correction as a new event', () =>
      given([...submittedHistory(), responded()])
        .when(respond({ response: 'ACCEPTED', summary: 'Accepted in full after all' }))
        .then([responded({ response: 'ACCEPTED', summary: 'Accepted in full after all' })]));

    it('ignores the same response resent', () => given([...submittedHistory(), responded()]).when(respond()).thenNothingHappened());

    it('refuses before submission', () => given(endorsedHistory()).when(respond()).thenThrows(RecommendationWrongStatus, (e) => e.status === 'ENDORSED'));

    it('refuses a date before the submission', () => given(submittedHistory()).when(respond({ respondedOn: '2020-01-01' })).thenThrows(RecommendationDateOutOfOrder));

    it('refuses a blank summary', () => given(submittedHistory()).when(respond({ summary: '' })).thenThrows(RecommendationFieldBlank));

    it('refuses a withdrawn recommendation', () => given([drafted(), withdrawn()]).when(respond()).thenThrows(RecommendationWrongStatus));
  });

  describe('RecordImplementationEvidence', () => {
    it('records evidence', () => given([...submittedHistory(), responded()]).when(evidence()).then([evidenceRecorded()]));
    it('ignores the same document resent', () => given([...submittedHistory(), responded(), evidenceRecorded()]).when(evidence()).thenNothingHappened());
    it('refuses the same document with another hash', () =>
      given([...submittedHistory(), responded(), evidenceRecorded()])
        .when(evidence({ sha256: 'b'.repeat(64) }))
        .thenThrows(EvidenceDocumentConflict, (e) => e.code === 'evidence-document-conflict'));
    it('refuses before a response', () => given(submittedHistory()).when(evidence()).thenThrows(RecommendationWrongStatus));
    it('refuses a blank note', () => given([...submittedHistory(), responded()]).when(evidence({ note: ' ' })).thenThrows(RecommendationFieldBlank));
  });

  describe('WithdrawRecommendation', () => {
    it('withdraws a draft', () => given([drafted()]).when(withdraw()).then([withdrawn()]));
    it('withdraws a submitted recommendation', () => given(submittedHistory()).when(withdraw()).then([withdrawn()]));
    it('ignores a resent withdrawal', () => given([drafted(), withdrawn()]).when(withdraw()).thenNothingHappened());
    it('refuses after a response', () =>
      given([...submittedHistory(), responded()]).when(withdraw()).thenThrows(RecommendationAlreadyResponded, (e) => e.code === 'recommendation-already-responded'));
    it('refuses a blank reason', () => given([drafted()]).when(withdraw({ reason: '' })).thenThrows(RecommendationFieldBlank, (e) => e.errors[0]?.path === 'reason'));
    it('refuses an unknown recommendation', () => given([]).when(withdraw()).thenThrows(RecommendationNotFound));
  });

  describe('evolve', () => {
    it('ignores unknown events and events before the draft', () => {
      const legacy = { type: 'RecommendationArchived', data: { recommendationId: REC } } as unknown as RecommendationEvent;
      expect(fold(recommendationDecider, [opened()])).toEqual({ status: 'Empty' });
      expect(fold(recommendationDecider, [drafted(), legacy])).toEqual(fold(recommendationDecider, [drafted()]));
    });

    it('keeps the last response and the evidence', () => {
      const state = fold(recommendationDecider, [...submittedHistory(), responded(), responded({ response: 'ACCEPTED' }), evidenceRecorded()]);
      expect(state).toMatchObject({ status: 'RESPONDED', response: { response: 'ACCEPTED' }, evidence: { [DOC]: 'a'.repeat(64) } });
    });
  });

  it('names the stream recommendation-<id>', () => expect(recommendationStream(REC)).toBe(`recommendation-${REC}`));
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: recommendation 1 of DOMAIN.md 6.6, endorsed at the closing conference of 2020-01-23 (ids invented).

const NOW = '2020-01-23T09:00:00.000Z';
const REC = 'rec-1';
const ORG_MNE = 'org-mne';
const ORG_ARGO = 'org-argo';
const ORG_OTHER = 'org-mazhilis-committee';
const PROGRAMME = 'prog-gse';
const PLATFORM = 'meeting-dialogue-platform-1';
const CONFERENCE = 'meeting-conference-2020-01-23';
const DOC = 'doc-1';
const TITLE = { en: 'Binding budget priorities', ru: 'Обязательные бюджетные приоритеты' };
const TEXT = { en: 'Make the local community meeting’s agreement on 4th-level budget priorities binding.' };
const META: CommandMetadata = { actor: { id: 'actor-1', role: 'programme-officer' }, now: NOW, correlationId: 'corr-1' };

type Data<T extends RecommendationCommand['type']> = Extract<RecommendationCommand, { type: T }>['data'];
type EventData<T extends RecommendationEvent['type']> = Extract<RecommendationEvent, { type: T }>['data'];

const command = <T extends RecommendationCommand['type']>(type: T, data: Data<T>) => ({ type, data, metadata: META }) as RecommendationCommand;
const event = <T extends RecommendationEvent['type']>(type: T, data: EventData<T>) => ({ type, data }) as RecommendationEvent;

const content = { recommendationId: REC, title: TITLE, text: TEXT, theme: 'LOCAL_BUDGET_FORMULATION' as RecommendationTheme, addresseeOrganisationId: ORG_MNE, programmeId: PROGRAMME };
const draft = (o: Partial<Data<'DraftRecommendation'>> = {}) => command('DraftRecommendation', { ...content, ...o });
const drafted = (o: Partial<EventData<'RecommendationDrafted'>> = {}) => event('RecommendationDrafted', { ...content, draftedAt: NOW, ...o });
const REVISED = { ...content, text: { en: 'Make the agreement binding, with a published record of how each priority was handled.' } };
const revise = (o: Partial<Data<'ReviseDraft'>> = {}) => command('ReviseDraft', { ...REVISED, ...o });
const revised = () => event('RecommendationDraftRevised', { ...REVISED, revisedAt: NOW });
const open = () => command('OpenConsultation', { recommendationId: REC });
const opened = () => event('RecommendationConsultationOpened', { recommendationId: REC, openedAt: NOW });
const INPUT = { recommendationId: REC, sourceKind: 'MEETING' as const, sourceId: PLATFORM, summary: 'Supported; asks for a published record' };
const input = (o: Partial<Data<'RecordConsultationInput'>> = {}) => command('RecordConsultationInput', { ...INPUT, ...o });
const inputRecorded = (o: Partial<EventData<'ConsultationInputRecorded'>> = {}) => event('ConsultationInputRecorded', { ...INPUT, recordedAt: NOW, ...o });
const endorse = (o: Partial<Data<'EndorseRecommendation'>> = {}) => command('EndorseRecommendation', { recommendationId: REC, meetingId: CONFERENCE, endorsedOn: '2020-01-23', ...o });
const endorsed = () => event('RecommendationEndorsed', { recommendationId: REC, forumMeetingId: CONFERENCE, endorsedOn: '2020-01-23', recordedAt: NOW });
const submit = (o: Partial<Data<'SubmitRecommendation'>> = {}) => command('SubmitRecommendation', { recommendationId: REC, submittedOn: '2020-01-23', ...o });
const submitted = (o: Partial<EventData<'RecommendationSubmitted'>> = {}) =>
  event('RecommendationSubmitted', { recommendationId: REC, addresseeOrganisationId: ORG_MNE, submittedOn: '2020-01-23', recordedAt: NOW, ...o });
const RESPONSE = { recommendationId: REC, response: 'PARTIALLY_ACCEPTED' as const, respondedOn: '2020-05-15', summary: 'Priorities to be published; not binding' };
const respond = (o: Partial<Data<'RecordAuthorityResponse'>> = {}) => command('RecordAuthorityResponse', { ...RESPONSE, ...o });
const responded = (o: Partial<EventData<'AuthorityResponseRecorded'>> = {}) => event('AuthorityResponseRecorded', { ...RESPONSE, recordedAt: NOW, ...o });
const EVIDENCE = { recommendationId: REC, documentId: DOC, sha256: 'a'.repeat(64), note: 'Order publishing 4th-level budget priorities' };
const evidence = (o: Partial<Data<'RecordImplementationEvidence'>> = {}) => command('RecordImplementationEvidence', { ...EVIDENCE, ...o });
const evidenceRecorded = () => event('ImplementationEvidenceRecorded', { ...EVIDENCE, recordedAt: NOW });
const withdraw = (o: Partial<Data<'WithdrawRecommendation'>> = {}) => command('WithdrawRecommendation', { recommendationId: REC, reason: 'Merged into recommendation 2', ...o });
const withdrawn = () => event('RecommendationWithdrawn', { recommendationId: REC, reason: 'Merged into recommendation 2', withdrawnAt: NOW });

const endorsedHistory = () => [drafted(), opened(), inputRecorded(), endorsed()];
const submittedHistory = () => [...endorsedHistory(), submitted()];
