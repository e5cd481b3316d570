import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '../../shared/domain/message.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { AttendanceCounts, CommunityMeetingEvent } from '../domain/community-meeting.events.js';
import type { EligibilityRollEvent } from '../domain/eligibility-roll.events.js';
import { rollHash } from '../domain/eligibility-roll.state.js';
import { type MeetingStatsDocument, meetingStatsId, meetingStatsProjection } from './meeting-stats.projection.js';
import { type MeetingDocument, meetingsProjection } from './meetings.projection.js';
import { type RollDocument, rollsProjection } from './rolls.projection.js';

/** Applies events the way the runner does: to every document each event names, in order. */
const run = <D extends object>(projection: Projection<D>, events: DomainEvent[]): Map<string, D> => {
  const docs = new Map<string, D>();
  events.forEach((e, i) => {
    const recorded = { ...e, revision: BigInt(i), position: BigInt(i + 1) } as unknown as RecordedEvent;
    if (!projection.handles.includes(e.type)) return;
    const ids = projection.documentId(recorded);
    for (const id of ids === null ? [] : Array.isArray(ids) ? ids : [ids]) {
      const next = projection.evolve(docs.get(id) ?? null, recorded);
      if (next === null) docs.delete(id);
      else docs.set(id, next);
    }
  });
  return docs;
};

const NOW = '2019-06-05T09:30:00.000Z';
const UNIT = 'unit-izendy';
const counts = (total: number, female: number, age60: number): AttendanceCounts => ({
  total, bySex: { female, male: total - female }, byAgeBand: { UNDER_18: 0, AGE_18_29: 0, AGE_30_44: total - age60, AGE_45_59: 0, AGE_60_PLUS: age60 },
});
const scheduled = (meetingId: string, meetingType: 'GATHERING_SKHOD' | 'FOCUS_GROUP' = 'GATHERING_SKHOD'): CommunityMeetingEvent => ({
  type: 'MeetingScheduled', data: { meetingId, meetingType, territoryUnitId: UNIT, title: 't', convenor: 'c', venue: 'v', scheduledFor: '2019-06-20T15:00:00+06:00', scheduledAt: NOW },
});
const attended = (meetingId: string, attendance: AttendanceCounts): CommunityMeetingEvent => ({
  type: 'AttendanceRecorded', data: { meetingId, territoryUnitId: UNIT, meetingType: 'GATHERING_SKHOD', attendance, recordedAt: NOW },
});
const closed = (meetingId: string, outcome: 'HELD' | 'NO_QUORUM'): CommunityMeetingEvent => ({
  type: 'MeetingClosed', data: { meetingId, territoryUnitId: UNIT, meetingType: 'GATHERING_SKHOD', outcome, closedAt: NOW },
});

describe('engagement.meeting-stats', () => {
  it('counts meetings per unit and type, and a corrected attendance replaces the earlier one', () => {
    const docs = run<MeetingStatsDocument>(meetingStatsProjection, [
      scheduled('m1'), scheduled('m2'), scheduled('m3', 'FOCUS_GROUP'),
      attended('m1', counts(40, 20, 10)), attended('m1', counts(42, 22, 10)), attended('m2', counts(10, 4, 5)),
      closed('m1', 'HELD'), closed('m2', 'NO_QUORUM'),
      { type: 'MeetingCancelled', data: { meetingId: 'm3', territoryUnitId: UNIT, meetingType: 'FOCUS_GROUP', reason: 'flood', cancelledAt: NOW } },
    ]);
    expect(docs.get(meetingStatsId(UNIT, 'GATHERING_SKHOD'))).toMatchObject({
      scheduled: 2, held: 1, noQuorum: 1, cancelled: 0, participants: 52,
      bySex: { female: 26, male: 26 }, byAgeBand: { UNDER_18: 0, AGE_18_29: 0, AGE_30_44: 37, AGE_45_59: 0, AGE_60_PLUS: 15 },
    });
    expect(docs.get(meetingStatsId(UNIT, 'FOCUS_GROUP'))).toMatchObject({ scheduled: 1, cancelled: 1, participants: 0 });
  });
});

describe('engagement.meetings', () => {
  it('shows a meeting’s quorum, attendance and outcome, stamped with the last revision', () => {
    const docs = run<MeetingDocument>(meetingsProjection, [
      scheduled('m1'),
      { type: 'MeetingOpened', data: { meetingId: 'm1', registeredCount: 20, eligibleCount: 412, rollId: null, openedAt: NOW } },
      { type: 'QuorumNotReached', data: { meetingId: 'm1', registeredCount: 20, required: 42, policyVersion: 'p1', recordedAt: NOW } },
      attended('m1', counts(20, 12, 5)),
      closed('m1', 'NO_QUORUM'),
    ]);
    expect(docs.get('m1')).toMatchObject({
      status: 'CLOSED', outcome: 'NO_QUORUM', registeredCount: 20, eligibleCount: 412, quorum: { reached: false, required: 42, policyVersion: 'p1' },
      attendance: counts(20, 12, 5), revision: '4', position: '5',
    });
  });
});

describe('engagement.rolls', () => {
  it('tracks size, claims and challenges, then the frozen hash; never the entries', () => {
    const events: EligibilityRollEvent[] = [
      { type: 'RollCompiled', data: { rollId: 'r', scopeUnitId: UNIT, cutoffDate: '2019-06-05', criteria: 'adults', entries: ['a', 'b'], compiledAt: NOW } },
      { type: 'RollEntryAdded', data: { rollId: 'r', residentId: 'c', reason: 'claim', addedAt: NOW } },
      { type: 'RollEntryRemoved', data: { rollId: 'r', residentId: 'a', reason: 'challenge', removedAt: NOW } },
      { type: 'RollFrozen', data: { rollId: 'r', size: 2, hash: rollHash(['b', 'c']), frozenAt: NOW } },
    ];
    const doc = run<RollDocument>(rollsProjection, events).get('r')!;
    expect(doc).toMatchObject({ status: 'FROZEN', size: 2, compiledSize: 2, claimsAdded: 1, challengesUpheld: 1, hash: rollHash(['b', 'c']), frozenAt: NOW });
    expect(JSON.stringify(doc)).not.toMatch(/"(a|b|c)"/);
  });
});
