import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Award, GrantCallEvent } from '../domain/grant-call.events.js';
import { evolveGrantCall, grantCallsProjection } from './grant-calls.projection.js';

const CALL = 'c0000000-0000-4000-8000-000000000001';
const kzt = (major: number) => ({ amountMinor: String(major * 100), currency: 'KZT' as const });
const recorded = (event: GrantCallEvent, revision: number): RecordedEvent =>
  ({
    eventId: `e-${revision}`, type: event.type, schemaVersion: 1, streamId: `grantCall-${CALL}`, revision: BigInt(revision), position: BigInt(100 + revision),
    recordedAt: '2018-11-22T12:00:00.000Z', data: event.data, metadata: { actor: { id: 'a', role: 'administrator' }, correlationId: 'c', occurredAt: '2018-11-22T12:00:00.000Z' },
    prevHash: '', hash: '',
  }) as unknown as RecordedEvent;
const awards = (n: number): Award[] => Array.from({ length: n }, (_, i) => ({ applicationId: `app-${n}-${i}`, amount: kzt(1_000_000) }));
const decided = (sessionId: string, list: Award[], before: number): GrantCallEvent => {
  const total = list.length * 1_000_000;
  return {
    type: 'GrantAwardsDecided',
    data: {
      callId: CALL, sessionId, sessionDate: '2018-11-22', membersPresent: 5, memberIds: ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'], quorum: 3, awards: list, rejected: [], reserve: [], sessionTotal: kzt(total),
      awardedTotal: kzt(before + total), remaining: kzt(12_000_000 - before - total), fullyAwarded: before + total === 12_000_000, decidedAt: '2018-11-22T12:00:00.000Z',
    },
  };
};

const EVENTS: GrantCallEvent[] = [
  {
    type: 'GrantCallDrafted',
    data: {
      callId: CALL, programmeId: 'p-1', reference: 'GSE-2018-1', title: { en: 'Local entrepreneurship 2018' }, fund: kzt(12_000_000), perRecipientCap: kzt(1_200_000),
      minAward: kzt(500_000), maxAward: kzt(1_200_000), ownContributionPct: { min: 10, max: 20 }, criteria: [{ criterionId: 'all', title: 'All', weight: 100 }],
      eligibleUnitIds: ['u-1'], eligibleApplicantTypes: ['SMALL_BUSINESS'], openingDate: '2018-10-16', deadline: '2018-11-09', committee: { members: 5, quorum: 3 }, minScoresPerApplication: 3,
      draftedAt: '2018-10-10T09:00:00.000Z',
    },
  },
  { type: 'GrantCallPublished', data: { callId: CALL, publishedAt: '2018-10-16T09:00:00.000Z' } },
  { type: 'GrantCallClosed', data: { callId: CALL, closedAt: '2018-11-10T09:00:00.000Z' } },
  decided('s-1', awards(5), 0),
  decided('s-2', awards(7), 5_000_000),
];

describe('grants.calls projection', () => {
  it('shows each call with its status, awards and the sum awarded against the fund', () => {
    const docs = EVENTS.map(recorded).reduce<ReturnType<typeof evolveGrantCall>[]>((acc, e) => [...acc, evolveGrantCall(acc.at(-1) ?? null, e)], []);
    expect(docs.map((d) => d?.status)).toEqual(['DRAFT', 'PUBLISHED', 'CLOSED', 'PARTIALLY_AWARDED', 'FULLY_AWARDED']);
    expect(docs[3]).toMatchObject({ awardCount: 5, awardedTotal: kzt(5_000_000), remaining: kzt(7_000_000), awardedPct: '41.67' });
    expect(docs[4]).toMatchObject({ awardCount: 12, awardedTotal: kzt(12_000_000), remaining: kzt(0), awardedPct: '100.00', revision: '4', position: '104' });
  });

  it('ignores a redelivered session and events for a call it has not seen', () => {
    const docs = EVENTS.map(recorded);
    const full = docs.reduce((d, e) => evolveGrantCall(d, e), null as ReturnType<typeof evolveGrantCall>);
    expect(evolveGrantCall(full, docs[4]!)).toBe(full);
    expect(evolveGrantCall(null, docs[1]!)).toBeNull();
    expect(grantCallsProjection.documentId(docs[3]!)).toBe(CALL);
  });
});
