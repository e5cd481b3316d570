import type { AgendaItemKind, AttendanceCounts, CommunityMeetingEvent, DecisionOutcome, MeetingType } from './community-meeting.events.js';

export type MeetingStatus = 'SCHEDULED' | 'NOTIFIED' | 'OPEN' | 'ADJOURNED' | 'CLOSED' | 'CANCELLED';

/** The write model of a CommunityMeeting: what `decide` needs to check the lifecycle and the agenda rules. */
export type CommunityMeeting =
  | { readonly status: 'Empty' }
  | {
      readonly status: MeetingStatus;
      readonly meetingId: string;
      readonly meetingType: MeetingType;
      readonly territoryUnitId: string;
      /** The scheduling as recorded, so a resent ScheduleMeeting is recognised. */
      readonly scheduling: { readonly title: string; readonly convenor: string; readonly venue: string; readonly scheduledFor: string };
      readonly notice: { readonly publishedOn: string; readonly channel: string } | null;
      readonly agenda: Readonly<Record<string, { readonly title: string; readonly kind: AgendaItemKind; readonly subjectRef: string | null }>>;
      readonly registeredCount: number | null;
      readonly quorum: boolean | null;
      readonly attendance: AttendanceCounts | null;
      readonly problems: Readonly<Record<string, { readonly text: string; readonly category: string; readonly itemId: string | null }>>;
      readonly decisions: Readonly<Record<string, { readonly voteId: string; readonly outcome: DecisionOutcome; readonly text: string }>>;
      readonly minutes: { readonly documentId: string; readonly sha256: string } | null;
    };

export type ExistingMeeting = Exclude<CommunityMeeting, { status: 'Empty' }>;

export const initialState = (): CommunityMeeting => ({ status: 'Empty' });

/** Folds one event. Total and tolerant: events before scheduling, and unknown types, change nothing. */
export const evolve = (state: CommunityMeeting, event: CommunityMeetingEvent): CommunityMeeting => {
  if (event.type === 'MeetingScheduled') {
    if (state.status !== 'Empty') return state;
    const { meetingId, meetingType, territoryUnitId, title, convenor, venue, scheduledFor } = event.data;
    return {
      status: 'SCHEDULED', meetingId, meetingType, territoryUnitId, scheduling: { title, convenor, venue, scheduledFor }, notice: null, agenda: {},
      registeredCount: null, quorum: null, attendance: null, problems: {}, decisions: {}, minutes: null,
    };
  }
  if (state.status === 'Empty') return state;
  switch (event.type) {
    case 'MeetingNoticePublished':
      return { ...state, status: 'NOTIFIED', notice: { publishedOn: event.data.publishedOn, channel: event.data.channel } };
    case 'AgendaItemAdded': {
      const { itemId, title, kind, subjectRef } = event.data;
      return { ...state, agenda: { ...state.agenda, [itemId]: { title, kind, subjectRef } } };
    }
    case 'MeetingOpened':
      return { ...state, status: 'OPEN', registeredCount: event.data.registeredCount };
    case 'QuorumEstablished':
      return { ...state, quorum: true };
    case 'QuorumNotReached':
      return { ...state, quorum: false };
    case 'AttendanceRecorded':
      return { ...state, attendance: event.data.attendance };
    case 'ProblemRaised': {
      const { problemId, text, category, itemId } = event.data;
      return { ...state, problems: { ...state.problems, [problemId]: { text, category, itemId } } };
    }
    case 'MeetingDecisionRecorded': {
      const { itemId, voteId, outcome, text } = event.data;
      return { ...state, decisions: { ...state.decisions, [itemId]: { voteId, outcome, text } } };
    }
    case 'MeetingAdjourned':
      return { ...state, status: 'ADJOURNED' };
    case 'MeetingReopened':
      return { ...state, status: 'OPEN' };
    case 'MinutesAttached':
      return { ...state, minutes: { documentId: event.data.documentId, sha256: event.data.sha256 } };
    case 'MeetingClosed':
      return { ...state, status: 'CLOSED' };
    case 'MeetingCancelled':
      return { ...state, status: 'CANCELLED' };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};
