import type { DomainCommand } from '../../shared/domain/message.js';
import type { MeetingPolicy } from '../meeting-policy.js';
import type { AgendaItemKind, AttendanceCounts, DecisionOutcome, MeetingType } from './community-meeting.events.js';

/** The territory unit as the handler read it before deciding: null when it does not exist. */
export type MeetingUnitContext = { readonly unitId: string; readonly retired: boolean } | null;

export type ScheduleMeeting = DomainCommand<'ScheduleMeeting', {
  readonly meetingId: string; readonly meetingType: MeetingType; readonly territoryUnitId: string; readonly title: string;
  readonly convenor: string; readonly venue: string; readonly scheduledFor: string; readonly unit: MeetingUnitContext;
}>;
export type PublishMeetingNotice = DomainCommand<'PublishMeetingNotice', { readonly meetingId: string; readonly publishedOn: string; readonly channel: string; readonly policy: MeetingPolicy }>;
export type AddAgendaItem = DomainCommand<'AddAgendaItem', { readonly meetingId: string; readonly itemId: string; readonly title: string; readonly kind: AgendaItemKind; readonly subjectRef: string | null }>;
/** An eligibility roll as the handler folded it (its published events), for the eligible count of a meeting. */
export type MeetingRollContext = { readonly rollId: string; readonly scopeUnitId: string; readonly frozen: boolean; readonly size: number };
/**
 * `eligibleCount` is given directly, or taken from a frozen roll (`rollId`, folded by the handler into `roll`; null
 * when no such roll exists).
 */
export type OpenMeeting = DomainCommand<'OpenMeeting', {
  readonly meetingId: string; readonly registeredCount: number; readonly eligibleCount: number | null; readonly policy: MeetingPolicy;
  readonly rollId: string | null; readonly roll: MeetingRollContext | null;
}>;
export type RecordAttendance = DomainCommand<'RecordAttendance', { readonly meetingId: string; readonly attendance: AttendanceCounts }>;
export type RecordProblemRaised = DomainCommand<'RecordProblemRaised', { readonly meetingId: string; readonly problemId: string; readonly text: string; readonly category: string; readonly itemId: string | null }>;
/**
 * What the handler reads of the vote a decision names, from the vote's stream (the Voting context's published
 * VoteResultCertified and VoteAnnulled events), before decide. Null when no such vote was certified.
 */
export type CertifiedVoteFacts = { readonly voteId: string; readonly territoryUnitId: string; readonly outcome: 'ADOPTED' | 'REJECTED' | 'NO_QUORUM'; readonly annulled: boolean } | null;

export type RecordDecision = DomainCommand<
  'RecordDecision',
  { readonly meetingId: string; readonly itemId: string; readonly voteId: string; readonly outcome: DecisionOutcome; readonly text: string; readonly vote: CertifiedVoteFacts }
>;
export type AdjournMeeting = DomainCommand<'AdjournMeeting', { readonly meetingId: string; readonly reason: string }>;
export type ReopenMeeting = DomainCommand<'ReopenMeeting', { readonly meetingId: string }>;
export type AttachMinutes = DomainCommand<'AttachMinutes', { readonly meetingId: string; readonly documentId: string; readonly sha256: string }>;
export type CloseMeeting = DomainCommand<'CloseMeeting', { readonly meetingId: string }>;
export type CancelMeeting = DomainCommand<'CancelMeeting', { readonly meetingId: string; readonly reason: string }>;

export type CommunityMeetingCommand =
  | ScheduleMeeting | PublishMeetingNotice | AddAgendaItem | OpenMeeting | RecordAttendance | RecordProblemRaised
  | RecordDecision | AdjournMeeting | ReopenMeeting | AttachMinutes | CloseMeeting | CancelMeeting;
