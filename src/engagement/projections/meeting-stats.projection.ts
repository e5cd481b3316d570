import type { Projection } from '../../shared/projections/projection.js';
import { AGE_BANDS, ATTENDANCE_SEXES, type AttendanceCounts, type CommunityMeetingEvent, type MeetingType } from '../domain/community-meeting.events.js';

/**
 * The meetings register of one territory unit and meeting type: how many were scheduled, held, closed without quorum
 * or cancelled, and how many took part, by sex and age band (counts only). `attendanceByMeeting` keeps each meeting's
 * latest counts, so that a corrected attendance replaces the earlier one instead of adding to it.
 */
export type MeetingStatsDocument = {
  territoryUnitId: string;
  meetingType: MeetingType;
  scheduled: number;
  held: number;
  noQuorum: number;
  cancelled: number;
  participants: number;
  bySex: Record<string, number>;
  byAgeBand: Record<string, number>;
  attendanceByMeeting: Record<string, AttendanceCounts>;
};

export const MEETING_STATS_PROJECTION = 'engagement.meeting-stats';

export const meetingStatsId = (territoryUnitId: string, meetingType: string): string => `${territoryUnitId}:${meetingType}`;

const zeros = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));

const empty = (territoryUnitId: string, meetingType: MeetingType): MeetingStatsDocument => ({
  territoryUnitId, meetingType, scheduled: 0, held: 0, noQuorum: 0, cancelled: 0, participants: 0,
  bySex: zeros(ATTENDANCE_SEXES), byAgeBand: zeros(AGE_BANDS), attendanceByMeeting: {},
});

/** Totals of the latest attendance of every meeting. */
const totals = (doc: MeetingStatsDocument): Pick<MeetingStatsDocument, 'participants' | 'bySex' | 'byAgeBand'> => {
  const bySex = zeros(ATTENDANCE_SEXES);
  const byAgeBand = zeros(AGE_BANDS);
  let participants = 0;
  for (const a of Object.values(doc.attendanceByMeeting)) {
    participants += a.total;
    for (const s of ATTENDANCE_SEXES) bySex[s]! += a.bySex[s];
    for (const b of AGE_BANDS) byAgeBand[b]! += a.byAgeBand[b];
  }
  return { participants, bySex, byAgeBand };
};

/** Meeting counts per territory unit and meeting type (document id `<unitId>:<type>`). */
export const meetingStatsProjection: Projection<MeetingStatsDocument> = {
  name: MEETING_STATS_PROJECTION,
  version: 1,
  handles: ['MeetingScheduled', 'AttendanceRecorded', 'MeetingClosed', 'MeetingCancelled'],
  fields: [
    { path: 'territoryUnitId', type: 'string' },
    { path: 'meetingType', type: 'string' },
  ],
  documentId: (event) => {
    const { territoryUnitId, meetingType } = event.data as { territoryUnitId: string; meetingType: string };
    return meetingStatsId(territoryUnitId, meetingType);
  },
  evolve: (current, event) => {
    const e = event as unknown as CommunityMeetingEvent;
    if (e.type !== 'MeetingScheduled' && e.type !== 'AttendanceRecorded' && e.type !== 'MeetingClosed' && e.type !== 'MeetingCancelled') return current;
    const doc = current ?? empty(e.data.territoryUnitId, e.data.meetingType);
    switch (e.type) {
      case 'MeetingScheduled':
        return { ...doc, scheduled: doc.scheduled + 1 };
      case 'AttendanceRecorded': {
        const next = { ...doc, attendanceByMeeting: { ...doc.attendanceByMeeting, [e.data.meetingId]: e.data.attendance } };
        return { ...next, ...totals(next) };
      }
      case 'MeetingClosed':
        return e.data.outcome === 'HELD' ? { ...doc, held: doc.held + 1 } : { ...doc, noQuorum: doc.noQuorum + 1 };
      case 'MeetingCancelled':
        return { ...doc, cancelled: doc.cancelled + 1 };
    }
  },
};
