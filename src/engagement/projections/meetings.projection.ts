import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { AgendaItemKind, AttendanceCounts, CommunityMeetingEvent, DecisionOutcome, MeetingType } from '../domain/community-meeting.events.js';
import type { MeetingStatus } from '../domain/community-meeting.state.js';

/** One meeting as the API shows it: no personal data (attendance is counts only). */
export type MeetingDocument = {
  meetingId: string;
  meetingType: MeetingType;
  territoryUnitId: string;
  title: string;
  convenor: string;
  venue: string;
  scheduledFor: string;
  status: MeetingStatus;
  /** HELD or NO_QUORUM once closed. */
  outcome: 'HELD' | 'NO_QUORUM' | null;
  notice: { publishedOn: string; channel: string; leadDays: number; policyVersion: string } | null;
  agenda: Array<{ itemId: string; title: string; kind: AgendaItemKind; subjectRef: string | null }>;
  registeredCount: number | null;
  eligibleCount: number | null;
  /** The frozen roll that gave the eligible count, if any. */
  rollId: string | null;
  quorum: { reached: boolean; required: number; policyVersion: string } | null;
  attendance: AttendanceCounts | null;
  problems: Array<{ problemId: string; text: string; category: string; itemId: string | null; raisedAt: string }>;
  decisions: Array<{ itemId: string; voteId: string; outcome: DecisionOutcome; text: string; recordedAt: string }>;
  minutes: { documentId: string; sha256: string; attachedAt: string } | null;
  cancellation: { reason: string; cancelledAt: string } | null;
  revision: string;
  position: string;
};

export const MEETINGS_PROJECTION = 'engagement.meetings';

/** Meetings by id, filterable by territory unit, type and status, sorted by meeting time. */
export const meetingsProjection: Projection<MeetingDocument> = {
  name: MEETINGS_PROJECTION,
  version: 1,
  handles: [
    'MeetingScheduled', 'MeetingNoticePublished', 'AgendaItemAdded', 'MeetingOpened', 'QuorumEstablished', 'QuorumNotReached', 'AttendanceRecorded',
    'ProblemRaised', 'MeetingDecisionRecorded', 'MeetingAdjourned', 'MeetingReopened', 'MinutesAttached', 'MeetingClosed', 'MeetingCancelled',
  ],
  fields: [
    { path: 'territoryUnitId', type: 'string' },
    { path: 'meetingType', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'scheduledFor', type: 'string' },
  ],
  documentId: (e) => (e.data as { meetingId: string }).meetingId,
  evolve: (doc, event) => {
    const e = event as unknown as RecordedEvent & CommunityMeetingEvent;
    const stamp = { revision: event.revision.toString(), position: event.position.toString() };
    if (e.type === 'MeetingScheduled') {
      const { meetingId, meetingType, territoryUnitId, title, convenor, venue, scheduledFor } = e.data;
      return {
        meetingId, meetingType, territoryUnitId, title, convenor, venue, scheduledFor, status: 'SCHEDULED', outcome: null, notice: null, agenda: [],
        registeredCount: null, eligibleCount: null, rollId: null, quorum: null, attendance: null, problems: [], decisions: [], minutes: null, cancellation: null, ...stamp,
      };
    }
    if (!doc) return doc;
    switch (e.type) {
      case 'MeetingNoticePublished': {
        const { publishedOn, channel, leadDays, policyVersion } = e.data;
        return { ...doc, status: 'NOTIFIED', notice: { publishedOn, channel, leadDays, policyVersion }, ...stamp };
      }
      case 'AgendaItemAdded': {
        const { itemId, title, kind, subjectRef } = e.data;
        return { ...doc, agenda: [...doc.agenda, { itemId, title, kind, subjectRef }], ...stamp };
      }
      case 'MeetingOpened':
        return { ...doc, status: 'OPEN', registeredCount: e.data.registeredCount, eligibleCount: e.data.eligibleCount, rollId: e.data.rollId ?? null, ...stamp };
      case 'QuorumEstablished':
      case 'QuorumNotReached':
        return { ...doc, quorum: { reached: e.type === 'QuorumEstablished', required: e.data.required, policyVersion: e.data.policyVersion }, ...stamp };
      case 'AttendanceRecorded':
        return { ...doc, attendance: e.data.attendance, ...stamp };
      case 'ProblemRaised': {
        const { problemId, text, category, itemId, raisedAt } = e.data;
        return { ...doc, problems: [...doc.problems, { problemId, text, category, itemId, raisedAt }], ...stamp };
      }
      case 'MeetingDecisionRecorded': {
        const { itemId, voteId, outcome, text, recordedAt } = e.data;
        return { ...doc, decisions: [...doc.decisions, { itemId, voteId, outcome, text, recordedAt }], ...stamp };
      }
      case 'MeetingAdjourned':
        return { ...doc, status: 'ADJOURNED', ...stamp };
      case 'MeetingReopened':
        return { ...doc, status: 'OPEN', ...stamp };
      case 'MinutesAttached':
        return { ...doc, minutes: { documentId: e.data.documentId, sha256: e.data.sha256, attachedAt: e.data.attachedAt }, ...stamp };
      case 'MeetingClosed':
        return { ...doc, status: 'CLOSED', outcome: e.data.outcome, ...stamp };
      case 'MeetingCancelled':
        return { ...doc, status: 'CANCELLED', cancellation: { reason: e.data.reason, cancelledAt: e.data.cancelledAt }, ...stamp };
      default:
        return { ...doc, ...stamp };
    }
  },
};
