import type { DomainEvent } from '../../shared/domain/message.js';

/** Kinds of community meeting (DOMAIN.md 5.6, 1.4). */
export const MEETING_TYPES = [
  'PROBLEM_DISCUSSION', 'FOCUS_GROUP', 'PUBLIC_HEARING', 'SEPARATE_GATHERING', 'GATHERING_SKHOD',
  'MEETING_SOBRANIE', 'WORKING_GROUP', 'AKIM_REPORT', 'DIALOGUE_PLATFORM', 'CONFERENCE',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const AGENDA_ITEM_KINDS = ['DISCUSSION', 'DECISION'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const DECISION_OUTCOMES = ['ADOPTED', 'REJECTED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Participants counted by sex; never names. */
export const ATTENDANCE_SEXES = ['female', 'male'] as const;
/** Participants counted by age band; never birth dates. */
export const AGE_BANDS = ['UNDER_18', 'AGE_18_29', 'AGE_30_44', 'AGE_45_59', 'AGE_60_PLUS'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export type AttendanceCounts = {
  readonly total: number;
  readonly bySex: Readonly<Record<(typeof ATTENDANCE_SEXES)[number], number>>;
  readonly byAgeBand: Readonly<Record<AgeBand, number>>;
};

/** A meeting of a territory unit is planned for `scheduledFor` (RFC 3339). `convenor` names an office or organisation, never a person. */
export type MeetingScheduled = DomainEvent<
  'MeetingScheduled',
  {
    readonly meetingId: string;
    readonly meetingType: MeetingType;
    readonly territoryUnitId: string;
    readonly title: string;
    readonly convenor: string;
    readonly venue: string;
    readonly scheduledFor: string;
    readonly scheduledAt: string;
  }
>;
/** The notice was made public on `publishedOn`, `leadDays` before the meeting day, which the policy allowed. */
export type MeetingNoticePublished = DomainEvent<
  'MeetingNoticePublished',
  { readonly meetingId: string; readonly publishedOn: string; readonly channel: string; readonly leadDays: number; readonly policyVersion: string; readonly publishedAt: string }
>;
export type AgendaItemAdded = DomainEvent<
  'AgendaItemAdded',
  { readonly meetingId: string; readonly itemId: string; readonly title: string; readonly kind: AgendaItemKind; readonly subjectRef: string | null; readonly addedAt: string }
>;
/** The meeting opened with `registeredCount` participants registered at the door, out of `eligibleCount` (the size of roll `rollId` when one was used). */
export type MeetingOpened = DomainEvent<
  'MeetingOpened',
  { readonly meetingId: string; readonly registeredCount: number; readonly eligibleCount: number | null; readonly rollId: string | null; readonly openedAt: string }
>;
type QuorumData = { readonly meetingId: string; readonly registeredCount: number; readonly required: number; readonly policyVersion: string };
export type QuorumEstablished = DomainEvent<'QuorumEstablished', QuorumData & { readonly establishedAt: string }>;
export type QuorumNotReached = DomainEvent<'QuorumNotReached', QuorumData & { readonly recordedAt: string }>;
/** Who took part, as counts (totals add up); a later record replaces an earlier one. Carries the unit and type for the register. */
export type AttendanceRecorded = DomainEvent<
  'AttendanceRecorded',
  { readonly meetingId: string; readonly territoryUnitId: string; readonly meetingType: MeetingType; readonly attendance: AttendanceCounts; readonly recordedAt: string }
>;
export type ProblemRaised = DomainEvent<
  'ProblemRaised',
  { readonly meetingId: string; readonly problemId: string; readonly text: string; readonly category: string; readonly itemId: string | null; readonly raisedAt: string }
>;
/** The outcome of a DECISION item, with the vote (voting context) that produced it. */
export type MeetingDecisionRecorded = DomainEvent<
  'MeetingDecisionRecorded',
  { readonly meetingId: string; readonly itemId: string; readonly voteId: string; readonly outcome: DecisionOutcome; readonly text: string; readonly recordedAt: string }
>;
export type MeetingAdjourned = DomainEvent<'MeetingAdjourned', { readonly meetingId: string; readonly reason: string; readonly adjournedAt: string }>;
export type MeetingReopened = DomainEvent<'MeetingReopened', { readonly meetingId: string; readonly reopenedAt: string }>;
/** Signed minutes: a document id and the hex SHA-256 of its content. */
export type MinutesAttached = DomainEvent<'MinutesAttached', { readonly meetingId: string; readonly documentId: string; readonly sha256: string; readonly attachedAt: string }>;
/** HELD, or NO_QUORUM when the quorum was not reached. Carries the unit and type for the register. */
export type MeetingClosed = DomainEvent<
  'MeetingClosed',
  { readonly meetingId: string; readonly territoryUnitId: string; readonly meetingType: MeetingType; readonly outcome: 'HELD' | 'NO_QUORUM'; readonly closedAt: string }
>;
export type MeetingCancelled = DomainEvent<
  'MeetingCancelled',
  { readonly meetingId: string; readonly territoryUnitId: string; readonly meetingType: MeetingType; readonly reason: string; readonly cancelledAt: string }
>;

export type CommunityMeetingEvent =
  | MeetingScheduled | MeetingNoticePublished | AgendaItemAdded | MeetingOpened | QuorumEstablished | QuorumNotReached
  | AttendanceRecorded | ProblemRaised | MeetingDecisionRecorded | MeetingAdjourned | MeetingReopened | MinutesAttached
  | MeetingClosed | MeetingCancelled;
