import type { FieldError } from '../../shared/domain/errors.js';
import type {
  AddAgendaItem, AdjournMeeting, AttachMinutes, CancelMeeting, CloseMeeting, CommunityMeetingCommand, OpenMeeting, PublishMeetingNotice,
  RecordAttendance, RecordDecision, RecordProblemRaised, ReopenMeeting, ScheduleMeeting,
} from './community-meeting.commands.js';
import {
  AgendaItemConflict, AttendanceDoesNotAddUp, DecisionAlreadyRecorded, DecisionNeedsCertifiedVote, DecisionOutcomeMismatch, DecisionOnDiscussionItem, EligibleCountRequired, MeetingAlreadyOpened,
  MeetingAlreadyScheduled, MeetingNotFound, MeetingRollNotUsable, MeetingStatusConflict, MeetingUnitNotFound, MeetingUnitRetired, MinutesAlreadyAttached, NoticeAlreadyPublished,
  NoticeTooShort, ProblemConflict, QuorumNotEstablished, RegisteredExceedsEligible, UnknownAgendaItem,
} from './community-meeting.errors.js';
import { AGE_BANDS, ATTENDANCE_SEXES, type CommunityMeetingEvent } from './community-meeting.events.js';
import type { CommunityMeeting, ExistingMeeting, MeetingStatus } from './community-meeting.state.js';

const DAY_MS = 86_400_000;

const existing = (state: CommunityMeeting, meetingId: string): ExistingMeeting => {
  if (state.status === 'Empty') throw new MeetingNotFound(meetingId);
  return state;
};

const requireStatus = (state: ExistingMeeting, allowed: readonly MeetingStatus[], action: string, hint: string): void => {
  if (!allowed.includes(state.status)) throw new MeetingStatusConflict(state.meetingId, state.status, action, hint);
};

export const scheduleMeeting = ({ data, metadata }: ScheduleMeeting, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const { meetingId, meetingType, territoryUnitId, title, convenor, venue, scheduledFor } = data;
  if (state.status !== 'Empty') {
    const s = state.scheduling;
    const same = state.meetingType === meetingType && state.territoryUnitId === territoryUnitId && s.title === title && s.convenor === convenor && s.venue === venue && s.scheduledFor === scheduledFor;
    if (same) return [];
    throw new MeetingAlreadyScheduled(meetingId);
  }
  if (!data.unit) throw new MeetingUnitNotFound(territoryUnitId);
  if (data.unit.retired) throw new MeetingUnitRetired(territoryUnitId);
  return [{ type: 'MeetingScheduled', data: { meetingId, meetingType, territoryUnitId, title, convenor, venue, scheduledFor, scheduledAt: metadata.now } }];
};

/** The notice must precede the meeting day (the local date written in `scheduledFor`) by the policy's notice days. */
export const publishMeetingNotice = ({ data, metadata }: PublishMeetingNotice, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.notice) {
    if (meeting.notice.publishedOn === data.publishedOn && meeting.notice.channel === data.channel) return [];
    throw new NoticeAlreadyPublished(meeting.meetingId);
  }
  requireStatus(meeting, ['SCHEDULED'], 'publish a notice', 'Notices are published before the meeting opens.');
  const { noticeDays } = data.policy.rules[meeting.meetingType];
  const leadDays = Math.floor((Date.parse(meeting.scheduling.scheduledFor.slice(0, 10)) - Date.parse(data.publishedOn)) / DAY_MS);
  if (leadDays < noticeDays) throw new NoticeTooShort(leadDays, noticeDays, data.policy.policyVersion);
  return [{
    type: 'MeetingNoticePublished',
    data: { meetingId: meeting.meetingId, publishedOn: data.publishedOn, channel: data.channel, leadDays, policyVersion: data.policy.policyVersion, publishedAt: metadata.now },
  }];
};

export const addAgendaItem = ({ data, metadata }: AddAgendaItem, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  const known = meeting.agenda[data.itemId];
  if (known) {
    if (known.title === data.title && known.kind === data.kind && known.subjectRef === data.subjectRef) return [];
    throw new AgendaItemConflict(data.itemId);
  }
  requireStatus(meeting, ['SCHEDULED', 'NOTIFIED', 'OPEN', 'ADJOURNED'], 'take agenda items', 'The agenda is closed with the meeting.');
  const { itemId, title, kind, subjectRef } = data;
  return [{ type: 'AgendaItemAdded', data: { meetingId: meeting.meetingId, itemId, title, kind, subjectRef, addedAt: metadata.now } }];
};

/**
 * Opens the meeting and decides its quorum under the policy: `registeredCount` must reach both the policy's minimum
 * and its share of `eligibleCount` (rounded up).
 */
export const openMeeting = ({ data, metadata }: OpenMeeting, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.registeredCount !== null) {
    if (meeting.registeredCount === data.registeredCount) return [];
    throw new MeetingAlreadyOpened(meeting.meetingId);
  }
  requireStatus(meeting, ['NOTIFIED'], 'open', meeting.status === 'SCHEDULED' ? 'Publish its notice first.' : 'Schedule a new meeting.');
  const rules = data.policy.rules[meeting.meetingType];
  const eligibleCount = data.rollId === null ? data.eligibleCount : rollSize(data, meeting.territoryUnitId);
  if (rules.quorumPercentOfEligible > 0 && eligibleCount === null) throw new EligibleCountRequired(meeting.meetingType, rules.quorumPercentOfEligible);
  if (eligibleCount !== null && data.registeredCount > eligibleCount) throw new RegisteredExceedsEligible(data.registeredCount, eligibleCount);
  const share = eligibleCount === null ? 0 : Math.ceil((eligibleCount * rules.quorumPercentOfEligible) / 100);
  const required = Math.max(rules.quorumMinimum, share);
  const quorum = { meetingId: meeting.meetingId, registeredCount: data.registeredCount, required, policyVersion: data.policy.policyVersion };
  return [
    { type: 'MeetingOpened', data: { meetingId: meeting.meetingId, registeredCount: data.registeredCount, eligibleCount, rollId: data.rollId, openedAt: metadata.now } },
    data.registeredCount >= required
      ? { type: 'QuorumEstablished', data: { ...quorum, establishedAt: metadata.now } }
      : { type: 'QuorumNotReached', data: { ...quorum, recordedAt: metadata.now } },
  ];
};

/** The size of the frozen roll of the meeting's unit named by the command (and equal to eligibleCount when both are given). */
const rollSize = (data: OpenMeeting['data'], territoryUnitId: string): number => {
  const rollId = data.rollId!;
  if (!data.roll) throw new MeetingRollNotUsable(rollId, 'no such roll has been compiled');
  if (!data.roll.frozen) throw new MeetingRollNotUsable(rollId, 'the roll must be frozen first');
  if (data.roll.scopeUnitId !== territoryUnitId) throw new MeetingRollNotUsable(rollId, 'the roll lists the residents of another unit');
  if (data.eligibleCount !== null && data.eligibleCount !== data.roll.size) throw new MeetingRollNotUsable(rollId, `eligibleCount ${data.eligibleCount} differs from the roll size ${data.roll.size}`);
  return data.roll.size;
};

export const recordAttendance = ({ data, metadata }: RecordAttendance, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  requireStatus(meeting, ['OPEN', 'ADJOURNED', 'CLOSED'], 'record attendance', 'Attendance is recorded once the meeting has opened.');
  const { total, bySex, byAgeBand } = data.attendance;
  const errors: FieldError[] = [];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  if (sum(ATTENDANCE_SEXES.map((s) => bySex[s])) !== total) errors.push({ path: 'attendance.bySex', message: `must add up to the total ${total}` });
  if (sum(AGE_BANDS.map((b) => byAgeBand[b])) !== total) errors.push({ path: 'attendance.byAgeBand', message: `must add up to the total ${total}` });
  if (errors.length > 0) throw new AttendanceDoesNotAddUp(errors);
  const attendance = { total, bySex: pick(bySex, ATTENDANCE_SEXES), byAgeBand: pick(byAgeBand, AGE_BANDS) };
  if (meeting.attendance && JSON.stringify(meeting.attendance) === JSON.stringify(attendance)) return [];
  return [{ type: 'AttendanceRecorded', data: { meetingId: meeting.meetingId, territoryUnitId: meeting.territoryUnitId, meetingType: meeting.meetingType, attendance, recordedAt: metadata.now } }];
};

export const recordProblemRaised = ({ data, metadata }: RecordProblemRaised, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  const known = meeting.problems[data.problemId];
  if (known) {
    if (known.text === data.text && known.category === data.category && known.itemId === data.itemId) return [];
    throw new ProblemConflict(data.problemId);
  }
  requireStatus(meeting, ['OPEN'], 'record problems', 'Problems are recorded while the meeting is open.');
  if (data.itemId !== null && !meeting.agenda[data.itemId]) throw new UnknownAgendaItem(data.itemId);
  const { problemId, text, category, itemId } = data;
  return [{ type: 'ProblemRaised', data: { meetingId: meeting.meetingId, problemId, text, category, itemId, raisedAt: metadata.now } }];
};

/** Only on a DECISION item, only after QuorumEstablished, once per item; the vote itself is checked by the voting context. */
export const recordDecision = ({ data, metadata }: RecordDecision, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  const known = meeting.decisions[data.itemId];
  if (known) {
    if (known.voteId === data.voteId && known.outcome === data.outcome && known.text === data.text) return [];
    throw new DecisionAlreadyRecorded(data.itemId);
  }
  requireStatus(meeting, ['OPEN'], 'record decisions', 'Decisions are recorded while the meeting is open.');
  const item = meeting.agenda[data.itemId];
  if (!item) throw new UnknownAgendaItem(data.itemId);
  if (item.kind !== 'DECISION') throw new DecisionOnDiscussionItem(data.itemId);
  if (meeting.quorum !== true) throw new QuorumNotEstablished(meeting.meetingId);
  const { vote } = data;
  if (!vote) throw new DecisionNeedsCertifiedVote(data.voteId, 'has no certified result');
  if (vote.annulled) throw new DecisionNeedsCertifiedVote(data.voteId, 'was annulled');
  if (vote.territoryUnitId !== meeting.territoryUnitId) throw new DecisionNeedsCertifiedVote(data.voteId, 'was held in another unit');
  if (vote.outcome !== data.outcome) throw new DecisionOutcomeMismatch(data.voteId, vote.outcome, data.outcome);
  const { itemId, voteId, outcome, text } = data;
  return [{ type: 'MeetingDecisionRecorded', data: { meetingId: meeting.meetingId, itemId, voteId, outcome, text, recordedAt: metadata.now } }];
};

export const adjournMeeting = ({ data, metadata }: AdjournMeeting, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.status === 'ADJOURNED') return [];
  requireStatus(meeting, ['OPEN'], 'be adjourned', 'Only an open meeting can be adjourned.');
  return [{ type: 'MeetingAdjourned', data: { meetingId: meeting.meetingId, reason: data.reason, adjournedAt: metadata.now } }];
};

export const reopenMeeting = ({ data, metadata }: ReopenMeeting, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.status === 'OPEN') return [];
  requireStatus(meeting, ['ADJOURNED'], 'be reopened', 'Only an adjourned meeting can be reopened.');
  return [{ type: 'MeetingReopened', data: { meetingId: meeting.meetingId, reopenedAt: metadata.now } }];
};

export const attachMinutes = ({ data, metadata }: AttachMinutes, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.minutes) {
    if (meeting.minutes.documentId === data.documentId && meeting.minutes.sha256 === data.sha256) return [];
    throw new MinutesAlreadyAttached(meeting.meetingId);
  }
  requireStatus(meeting, ['OPEN', 'ADJOURNED', 'CLOSED'], 'take minutes', 'Minutes are attached once the meeting has opened.');
  return [{ type: 'MinutesAttached', data: { meetingId: meeting.meetingId, documentId: data.documentId, sha256: data.sha256, attachedAt: metadata.now } }];
};

/** Closes an opened meeting: HELD, or NO_QUORUM when its quorum was not reached. */
export const closeMeeting = ({ data, metadata }: CloseMeeting, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.status === 'CLOSED') return [];
  requireStatus(meeting, ['OPEN', 'ADJOURNED'], 'be closed', 'A meeting that never opened is cancelled instead.');
  const { meetingId, territoryUnitId, meetingType } = meeting;
  return [{ type: 'MeetingClosed', data: { meetingId, territoryUnitId, meetingType, outcome: meeting.quorum ? 'HELD' : 'NO_QUORUM', closedAt: metadata.now } }];
};

export const cancelMeeting = ({ data, metadata }: CancelMeeting, state: CommunityMeeting): CommunityMeetingEvent[] => {
  const meeting = existing(state, data.meetingId);
  if (meeting.status === 'CANCELLED') return [];
  requireStatus(meeting, ['SCHEDULED', 'NOTIFIED'], 'be cancelled', 'Only a meeting that has not opened can be cancelled; close it instead.');
  const { meetingId, territoryUnitId, meetingType } = meeting;
  return [{ type: 'MeetingCancelled', data: { meetingId, territoryUnitId, meetingType, reason: data.reason, cancelledAt: metadata.now } }];
};

/**
 * Decides a CommunityMeeting command against the folded state. Pure: time comes from `metadata.now`, the unit and the
 * meeting policy from the handler. Returns [] for a command that changes nothing; throws a DomainError for a refusal.
 */
export const decide = (command: CommunityMeetingCommand, state: CommunityMeeting): CommunityMeetingEvent[] => {
  switch (command.type) {
    case 'ScheduleMeeting': return scheduleMeeting(command, state);
    case 'PublishMeetingNotice': return publishMeetingNotice(command, state);
    case 'AddAgendaItem': return addAgendaItem(command, state);
    case 'OpenMeeting': return openMeeting(command, state);
    case 'RecordAttendance': return recordAttendance(command, state);
    case 'RecordProblemRaised': return recordProblemRaised(command, state);
    case 'RecordDecision': return recordDecision(command, state);
    case 'AdjournMeeting': return adjournMeeting(command, state);
    case 'ReopenMeeting': return reopenMeeting(command, state);
    case 'AttachMinutes': return attachMinutes(command, state);
    case 'CloseMeeting': return closeMeeting(command, state);
    case 'CancelMeeting': return cancelMeeting(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown CommunityMeeting command: ${(exhaustive as { type: string }).type}`);
    }
  }
};

/** The listed keys only, in a stable order (extra keys never reach an event). */
const pick = <K extends string>(counts: Readonly<Record<K, number>>, keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, counts[k]])) as Record<K, number>;
