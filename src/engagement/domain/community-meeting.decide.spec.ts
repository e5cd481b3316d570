import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { fold } from '../../shared/domain/decider.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { DEFAULT_MEETING_POLICY, type MeetingPolicy } from '../meeting-policy.js';
import type { CommunityMeetingCommand } from './community-meeting.commands.js';
import { communityMeetingDecider, meetingStream } from './community-meeting.decider.js';
import {
  AgendaItemConflict, AttendanceDoesNotAddUp, DecisionAlreadyRecorded, DecisionNeedsCertifiedVote, DecisionOutcomeMismatch, DecisionOnDiscussionItem, EligibleCountRequired, MeetingAlreadyOpened,
  MeetingAlreadyScheduled, MeetingNotFound, MeetingRollNotUsable, MeetingStatusConflict, MeetingUnitNotFound, MeetingUnitRetired, MinutesAlreadyAttached, NoticeAlreadyPublished,
  NoticeTooShort, ProblemConflict, QuorumNotEstablished, RegisteredExceedsEligible, UnknownAgendaItem,
} from './community-meeting.errors.js';
import type { AttendanceCounts, CommunityMeetingEvent, MeetingType } from './community-meeting.events.js';

const given = DeciderSpecification.for(communityMeetingDecider);

describe('CommunityMeeting', () => {
  describe('ScheduleMeeting', () => {
    it('schedules a skhod of a unit in force', () => given([]).when(schedule()).then([scheduled()]));
    it('ignores a resent scheduling', () => given([scheduled()]).when(schedule()).thenNothingHappened());
    it('refuses to reschedule an existing meeting with other data', () =>
      given([scheduled()]).when(schedule({ venue: 'School' })).thenThrows(MeetingAlreadyScheduled, (e) => e.code === 'meeting-already-scheduled' && e instanceof IllegalStateError));
    it('refuses a unit that does not exist', () =>
      given([]).when(schedule({ unit: null })).thenThrows(MeetingUnitNotFound, (e) => e.errors[0]?.path === 'territoryUnitId' && e instanceof ValidationError));
    it('refuses a retired unit', () => given([]).when(schedule({ unit: { unitId: UNIT, retired: true } })).thenThrows(MeetingUnitRetired));
  });

  describe('PublishMeetingNotice', () => {
    it('publishes a notice 15 days ahead (policy: 10 for a skhod)', () => given([scheduled()]).when(publish()).then([noticed()]));
    it('accepts exactly the notice period', () =>
      given([scheduled()]).when(publish({ publishedOn: '2019-06-10' })).then([noticed({ publishedOn: '2019-06-10', leadDays: 10 })]));
    it('refuses a notice shorter than the policy', () =>
      given([scheduled()])
        .when(publish({ publishedOn: '2019-06-11' }))
        .thenThrows(NoticeTooShort, (e) => e.code === 'notice-too-short' && e.leadDays === 9 && e.required === 10 && e.errors[0]?.path === 'publishedOn'));
    it('applies the policy passed in (a versioned data object)', () => {
      const strict: MeetingPolicy = { policyVersion: 'test-30', rules: { ...DEFAULT_MEETING_POLICY.rules, GATHERING_SKHOD: { noticeDays: 30, quorumPercentOfEligible: 10, quorumMinimum: 1 } } };
      given([scheduled()]).when(publish({ policy: strict })).thenThrows(NoticeTooShort, (e) => e.detail.includes('test-30'));
    });
    it('ignores a resent notice', () => given([scheduled(), noticed()]).when(publish()).thenNothingHappened());
    it('refuses another notice once published', () => given([scheduled(), noticed()]).when(publish({ channel: 'Radio' })).thenThrows(NoticeAlreadyPublished));
    it('refuses a cancelled meeting', () => given([scheduled(), cancelled()]).when(publish()).thenThrows(MeetingStatusConflict, (e) => e.status === 'CANCELLED'));
    it('refuses an unknown meeting', () =>
      given([]).when(publish()).thenThrows(MeetingNotFound, (e) => e.code === 'meeting-not-found' && e instanceof NotFoundError));
  });

  describe('AddAgendaItem', () => {
    it('adds a DECISION item with its subject', () => given([scheduled(), noticed()]).when(addItem()).then([itemAdded()]));
    it('ignores a resent item', () => given([scheduled(), itemAdded()]).when(addItem()).thenNothingHappened());
    it('refuses another item under the same id', () => given([scheduled(), itemAdded()]).when(addItem({ title: 'Other' })).thenThrows(AgendaItemConflict));
    it('refuses a closed meeting', () => given([...opened(), closed()]).when(addItem()).thenThrows(MeetingStatusConflict));
  });

  describe('OpenMeeting', () => {
    it('opens with quorum when 10% of the eligible registered', () =>
      given([scheduled(), noticed()]).when(open({ registeredCount: 42, eligibleCount: 412 })).then([
        openedEvent(42, 412), { type: 'QuorumEstablished', data: { meetingId: MEETING, registeredCount: 42, required: 42, policyVersion: POLICY.policyVersion, establishedAt: NOW } },
      ]));
    it('opens without quorum below the share', () =>
      given([scheduled(), noticed()]).when(open({ registeredCount: 41, eligibleCount: 412 })).then([
        openedEvent(41, 412), { type: 'QuorumNotReached', data: { meetingId: MEETING, registeredCount: 41, required: 42, policyVersion: POLICY.policyVersion, recordedAt: NOW } },
      ]));
    it('needs only the absolute minimum for a problem discussion', () =>
      given([scheduled({ meetingType: 'PROBLEM_DISCUSSION' }), noticed({ leadDays: 15 })]).when(open({ registeredCount: 1, eligibleCount: null })).then([
        openedEvent(1, null), { type: 'QuorumEstablished', data: { meetingId: MEETING, registeredCount: 1, required: 1, policyVersion: POLICY.policyVersion, establishedAt: NOW } },
      ]));
    it('takes the eligible count from a frozen roll of the unit', () =>
      given([scheduled(), noticed()]).when(open({ registeredCount: 40, eligibleCount: null, rollId: 'roll-1', roll: ROLL })).then([
        openedEvent(40, 400, 'roll-1'), { type: 'QuorumEstablished', data: { meetingId: MEETING, registeredCount: 40, required: 40, policyVersion: POLICY.policyVersion, establishedAt: NOW } },
      ]));
    it.each<[string, () => Data<'OpenMeeting'>['roll'], number | null]>([
      ['an unknown roll', () => null, null],
      ['a roll not yet frozen', () => ({ ...ROLL, frozen: false }), null],
      ['a roll of another unit', () => ({ ...ROLL, scopeUnitId: 'unit-other' }), null],
      ['an eligible count that differs from the roll', () => ROLL, 412],
    ])('refuses %s', (_, roll, eligibleCount) =>
      given([scheduled(), noticed()]).when(open({ eligibleCount, rollId: 'roll-1', roll: roll() })).thenThrows(MeetingRollNotUsable, (e) => e.errors[0]?.path === 'rollId'));
    it('refuses a skhod without the eligible count', () => given([scheduled(), noticed()]).when(open({ eligibleCount: null })).thenThrows(EligibleCountRequired, (e) => e.errors[0]?.path === 'eligibleCount'));
    it('refuses more registered than eligible', () => given([scheduled(), noticed()]).when(open({ registeredCount: 500, eligibleCount: 412 })).thenThrows(RegisteredExceedsEligible));
    it('refuses to open before the notice', () => given([scheduled()]).when(open()).thenThrows(MeetingStatusConflict, (e) => e.detail.includes('notice')));
    it('ignores a resent opening', () => given(opened()).when(open()).thenNothingHappened());
    it('refuses to open again with another count', () => given(opened()).when(open({ registeredCount: 60 })).thenThrows(MeetingAlreadyOpened));
  });

  describe('RecordAttendance', () => {
    it('records counts by sex and age band', () => given(opened()).when(attend()).then([attended()]));
    it('ignores the same counts again', () => given([...opened(), attended()]).when(attend()).thenNothingHappened());
    it('replaces earlier counts with corrected ones', () =>
      given([...opened(), attended()]).when(attend(counts({ total: 51, female: 26, age60: 11 }))).then([attended(counts({ total: 51, female: 26, age60: 11 }))]));
    it('refuses counts that do not add up', () =>
      given(opened())
        .when(attend(counts({ total: 51 })))
        .thenThrows(AttendanceDoesNotAddUp, (e) => expect(e.errors.map((x) => x.path)).toEqual(['attendance.bySex', 'attendance.byAgeBand'])));
    it('refuses a meeting that has not opened', () => given([scheduled(), noticed()]).when(attend()).thenThrows(MeetingStatusConflict));
  });

  describe('RecordProblemRaised', () => {
    it('records a problem under an agenda item', () => given([...opened(), itemAdded()]).when(raise()).then([raised()]));
    it('records a problem without an item', () => given(opened()).when(raise({ itemId: null })).then([raised({ itemId: null })]));
    it('ignores a resent problem', () => given([...opened(), itemAdded(), raised()]).when(raise()).thenNothingHappened());
    it('refuses another problem under the same id', () => given([...opened(), itemAdded(), raised()]).when(raise({ text: 'Roads' })).thenThrows(ProblemConflict));
    it('refuses an unknown agenda item', () => given(opened()).when(raise()).thenThrows(UnknownAgendaItem, (e) => e.errors[0]?.path === 'itemId'));
    it('refuses an adjourned meeting', () => given([...opened(), adjourned()]).when(raise({ itemId: null })).thenThrows(MeetingStatusConflict));
  });

  describe('RecordDecision', () => {
    it('records the decision on a DECISION item after quorum, with its vote', () => given([...opened(), itemAdded()]).when(decideItem()).then([decided()]));
    it('ignores a resent decision', () => given([...opened(), itemAdded(), decided()]).when(decideItem()).thenNothingHappened());
    it('refuses a second, different decision on the item', () =>
      given([...opened(), itemAdded(), decided()]).when(decideItem({ outcome: 'REJECTED' })).thenThrows(DecisionAlreadyRecorded));
    it('refuses a DISCUSSION item', () =>
      given([...opened(), itemAdded({ kind: 'DISCUSSION' })]).when(decideItem()).thenThrows(DecisionOnDiscussionItem, (e) => e.code === 'decision-on-discussion-item'));
    it('refuses without quorum', () => given([...opened(false), itemAdded()]).when(decideItem()).thenThrows(QuorumNotEstablished, (e) => e instanceof IllegalStateError));
    it('refuses an item not on the agenda', () => given(opened()).when(decideItem()).thenThrows(UnknownAgendaItem));
    it('refuses before the meeting opens', () => given([scheduled(), noticed(), itemAdded()]).when(decideItem()).thenThrows(MeetingStatusConflict));
    it('refuses a vote without a certified result, an annulled one, or one of another unit', () => {
      given([...opened(), itemAdded()]).when(decideItem({ vote: null })).thenThrows(DecisionNeedsCertifiedVote);
      given([...opened(), itemAdded()]).when(decideItem({ vote: certified({ annulled: true }) })).thenThrows(DecisionNeedsCertifiedVote);
      given([...opened(), itemAdded()]).when(decideItem({ vote: certified({ territoryUnitId: 'unit-elsewhere' }) })).thenThrows(DecisionNeedsCertifiedVote);
    });
    it('refuses an outcome other than the vote’s', () => given([...opened(), itemAdded()]).when(decideItem({ outcome: 'REJECTED' })).thenThrows(DecisionOutcomeMismatch));
  });

  describe('AdjournMeeting and ReopenMeeting', () => {
    it('adjourns an open meeting', () => given(opened()).when(adjourn()).then([adjourned()]));
    it('ignores adjourning an adjourned meeting', () => given([...opened(), adjourned()]).when(adjourn()).thenNothingHappened());
    it('refuses to adjourn a meeting that has not opened', () => given([scheduled()]).when(adjourn()).thenThrows(MeetingStatusConflict));
    it('reopens an adjourned meeting', () => given([...opened(), adjourned()]).when(reopen()).then([{ type: 'MeetingReopened', data: { meetingId: MEETING, reopenedAt: NOW } }]));
    it('ignores reopening an open meeting', () => given(opened()).when(reopen()).thenNothingHappened());
    it('refuses to reopen a closed meeting', () => given([...opened(), closed()]).when(reopen()).thenThrows(MeetingStatusConflict));
  });

  describe('AttachMinutes', () => {
    it('attaches the signed minutes', () => given(opened()).when(minutes()).then([minutesAttached()]));
    it('attaches minutes after closing', () => given([...opened(), closed()]).when(minutes()).then([minutesAttached()]));
    it('ignores the same minutes again', () => given([...opened(), minutesAttached()]).when(minutes()).thenNothingHappened());
    it('refuses other minutes', () => given([...opened(), minutesAttached()]).when(minutes({ sha256: 'b'.repeat(64) })).thenThrows(MinutesAlreadyAttached));
    it('refuses minutes before the meeting opens', () => given([scheduled(), noticed()]).when(minutes()).thenThrows(MeetingStatusConflict));
  });

  describe('CloseMeeting', () => {
    it('closes as HELD after quorum', () => given(opened()).when(close()).then([closed()]));
    it('closes as NO_QUORUM when the quorum was not reached', () => given(opened(false)).when(close()).then([closed('NO_QUORUM')]));
    it('closes an adjourned meeting', () => given([...opened(), adjourned()]).when(close()).then([closed()]));
    it('ignores closing a closed meeting', () => given([...opened(), closed()]).when(close()).thenNothingHappened());
    it('refuses to close a meeting that never opened', () => given([scheduled(), noticed()]).when(close()).thenThrows(MeetingStatusConflict, (e) => e.detail.includes('cancelled')));
  });

  describe('CancelMeeting', () => {
    it('cancels a scheduled meeting', () => given([scheduled()]).when(cancel()).then([cancelled()]));
    it('cancels a notified meeting', () => given([scheduled(), noticed()]).when(cancel()).then([cancelled()]));
    it('ignores cancelling a cancelled meeting', () => given([scheduled(), cancelled()]).when(cancel()).thenNothingHappened());
    it('refuses to cancel an opened meeting', () => given(opened()).when(cancel()).thenThrows(MeetingStatusConflict, (e) => e.status === 'OPEN'));
  });

  describe('evolve', () => {
    it('ignores unknown events and events before scheduling', () => {
      const legacy = { type: 'MeetingRenamed', data: { meetingId: MEETING } } as unknown as CommunityMeetingEvent;
      expect(fold(communityMeetingDecider, [noticed()])).toEqual({ status: 'Empty' });
      expect(fold(communityMeetingDecider, [scheduled(), legacy])).toEqual(fold(communityMeetingDecider, [scheduled()]));
    });
    it('follows the lifecycle SCHEDULED → NOTIFIED → OPEN → ADJOURNED → OPEN → CLOSED', () => {
      const statuses = [[scheduled()], [scheduled(), noticed()], opened(), [...opened(), adjourned()], [...opened(), adjourned(), { type: 'MeetingReopened', data: { meetingId: MEETING, reopenedAt: NOW } } as const], [...opened(), closed()]]
        .map((events) => fold(communityMeetingDecider, events as CommunityMeetingEvent[]).status);
      expect(statuses).toEqual(['SCHEDULED', 'NOTIFIED', 'OPEN', 'ADJOURNED', 'OPEN', 'CLOSED']);
    });
  });

  it('names the stream communityMeeting-<id>', () => expect(meetingStream(MEETING)).toBe(`communityMeeting-${MEETING}`));
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: a skhod of Izendy rural okrug on 20 June 2019 (DOMAIN.md 6.4; details invented).

const NOW = '2019-06-05T09:30:00.000Z';
const MEETING = 'meeting-izendy-skhod';
const UNIT = 'unit-izendy';
const ITEM = 'item-water';
const POLICY = DEFAULT_MEETING_POLICY;
const META: CommandMetadata = { actor: { id: 'actor-1', role: 'meeting-secretary' }, now: NOW, correlationId: 'corr-1' };
const SCHEDULING = { title: 'Drinking water supply', convenor: 'Akim of Izendy rural okrug', venue: 'House of Culture', scheduledFor: '2019-06-20T15:00:00+06:00' };

type Data<T extends CommunityMeetingCommand['type']> = Extract<CommunityMeetingCommand, { type: T }>['data'];
const command = <T extends CommunityMeetingCommand['type']>(type: T, data: Data<T>) => ({ type, data, metadata: META }) as Extract<CommunityMeetingCommand, { type: T }>;

const schedule = (o: Partial<Data<'ScheduleMeeting'>> = {}) =>
  command('ScheduleMeeting', { meetingId: MEETING, meetingType: 'GATHERING_SKHOD', territoryUnitId: UNIT, ...SCHEDULING, unit: { unitId: UNIT, retired: false }, ...o });
const scheduled = (o: { meetingType?: MeetingType } = {}): CommunityMeetingEvent => ({
  type: 'MeetingScheduled', data: { meetingId: MEETING, meetingType: o.meetingType ?? 'GATHERING_SKHOD', territoryUnitId: UNIT, ...SCHEDULING, scheduledAt: NOW },
});
const publish = (o: Partial<Data<'PublishMeetingNotice'>> = {}) => command('PublishMeetingNotice', { meetingId: MEETING, publishedOn: '2019-06-05', channel: 'Notice board', policy: POLICY, ...o });
const noticed = (o: { publishedOn?: string; leadDays?: number } = {}): CommunityMeetingEvent => ({
  type: 'MeetingNoticePublished',
  data: { meetingId: MEETING, publishedOn: o.publishedOn ?? '2019-06-05', channel: 'Notice board', leadDays: o.leadDays ?? 15, policyVersion: POLICY.policyVersion, publishedAt: NOW },
});
const addItem = (o: Partial<Data<'AddAgendaItem'>> = {}) => command('AddAgendaItem', { meetingId: MEETING, itemId: ITEM, title: 'Repair of the water tower', kind: 'DECISION', subjectRef: 'plan:izendy-2019', ...o });
const itemAdded = (o: { kind?: 'DISCUSSION' | 'DECISION' } = {}): CommunityMeetingEvent => ({
  type: 'AgendaItemAdded', data: { meetingId: MEETING, itemId: ITEM, title: 'Repair of the water tower', kind: o.kind ?? 'DECISION', subjectRef: 'plan:izendy-2019', addedAt: NOW },
});
const open = (o: Partial<Data<'OpenMeeting'>> = {}) => command('OpenMeeting', { meetingId: MEETING, registeredCount: 57, eligibleCount: 412, policy: POLICY, rollId: null, roll: null, ...o });
const openedEvent = (registeredCount: number, eligibleCount: number | null, rollId: string | null = null): CommunityMeetingEvent => ({
  type: 'MeetingOpened', data: { meetingId: MEETING, registeredCount, eligibleCount, rollId, openedAt: NOW },
});
const ROLL: NonNullable<Data<'OpenMeeting'>['roll']> = { rollId: 'roll-1', scopeUnitId: UNIT, frozen: true, size: 400 };
/** Scheduled, noticed and opened with 57 of 412 registered: with quorum (42 needed), or without it. */
const opened = (quorum = true): CommunityMeetingEvent[] => {
  const q = { meetingId: MEETING, registeredCount: 57, required: 42, policyVersion: POLICY.policyVersion };
  return [
    scheduled(), noticed(), openedEvent(57, 412),
    quorum ? { type: 'QuorumEstablished', data: { ...q, establishedAt: NOW } } : { type: 'QuorumNotReached', data: { ...q, recordedAt: NOW } },
  ];
};
const counts = (o: { total?: number; female?: number; age60?: number } = {}): AttendanceCounts => ({
  total: o.total ?? 50,
  bySex: { female: o.female ?? 25, male: 25 },
  byAgeBand: { UNDER_18: 0, AGE_18_29: 10, AGE_30_44: 15, AGE_45_59: 15, AGE_60_PLUS: o.age60 ?? 10 },
});
const attend = (attendance = counts()) => command('RecordAttendance', { meetingId: MEETING, attendance });
const attended = (attendance = counts()): CommunityMeetingEvent => ({
  type: 'AttendanceRecorded', data: { meetingId: MEETING, territoryUnitId: UNIT, meetingType: 'GATHERING_SKHOD', attendance, recordedAt: NOW },
});
const raise = (o: Partial<Data<'RecordProblemRaised'>> = {}) => command('RecordProblemRaised', { meetingId: MEETING, problemId: 'p1', text: 'The tower leaks', category: 'WATER_SUPPLY', itemId: ITEM, ...o });
const raised = (o: { itemId?: string | null } = {}): CommunityMeetingEvent => ({
  type: 'ProblemRaised', data: { meetingId: MEETING, problemId: 'p1', text: 'The tower leaks', category: 'WATER_SUPPLY', itemId: o.itemId === undefined ? ITEM : o.itemId, raisedAt: NOW },
});
const certified = (o: Partial<NonNullable<Data<'RecordDecision'>['vote']>> = {}) => ({ voteId: 'vote-1', territoryUnitId: UNIT, outcome: 'ADOPTED' as const, annulled: false, ...o });
const decideItem = (o: Partial<Data<'RecordDecision'>> = {}) =>
  command('RecordDecision', { meetingId: MEETING, itemId: ITEM, voteId: 'vote-1', outcome: 'ADOPTED', text: 'Repair in 2020', vote: certified(), ...o });
const decided = (): CommunityMeetingEvent => ({ type: 'MeetingDecisionRecorded', data: { meetingId: MEETING, itemId: ITEM, voteId: 'vote-1', outcome: 'ADOPTED', text: 'Repair in 2020', recordedAt: NOW } });
const adjourn = () => command('AdjournMeeting', { meetingId: MEETING, reason: 'Continued tomorrow' });
const adjourned = (): CommunityMeetingEvent => ({ type: 'MeetingAdjourned', data: { meetingId: MEETING, reason: 'Continued tomorrow', adjournedAt: NOW } });
const reopen = () => command('ReopenMeeting', { meetingId: MEETING });
const minutes = (o: Partial<Data<'AttachMinutes'>> = {}) => command('AttachMinutes', { meetingId: MEETING, documentId: 'doc-1', sha256: 'a'.repeat(64), ...o });
const minutesAttached = (): CommunityMeetingEvent => ({ type: 'MinutesAttached', data: { meetingId: MEETING, documentId: 'doc-1', sha256: 'a'.repeat(64), attachedAt: NOW } });
const close = () => command('CloseMeeting', { meetingId: MEETING });
const closed = (outcome: 'HELD' | 'NO_QUORUM' = 'HELD'): CommunityMeetingEvent => ({
  type: 'MeetingClosed', data: { meetingId: MEETING, territoryUnitId: UNIT, meetingType: 'GATHERING_SKHOD', outcome, closedAt: NOW },
});
const cancel = () => command('CancelMeeting', { meetingId: MEETING, reason: 'Flooded road' });
const cancelled = (): CommunityMeetingEvent => ({
  type: 'MeetingCancelled', data: { meetingId: MEETING, territoryUnitId: UNIT, meetingType: 'GATHERING_SKHOD', reason: 'Flooded road', cancelledAt: NOW },
});
