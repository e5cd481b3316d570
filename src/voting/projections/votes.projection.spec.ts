import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import { DEFAULT_VOTE_POLICIES } from '../vote-policy.js';
import { evolveVoteDocument, evolveVoteResult, votesProjection, type VoteDocument, type VoteResultDocument } from './votes.projection.js';

const VOTE = 'v-1';
const NOW = '2019-06-05T09:30:00.000Z';
let position = 0n;
const recorded = (type: string, data: object): RecordedEvent => ({ type, data, position: ++position }) as unknown as RecordedEvent;
const SUBJECT = { type: 'PLAN', ref: 'plan-1', contentHash: 'c'.repeat(64) };
const events = [
  recorded('VoteOpened', { voteId: VOTE, subject: SUBJECT, options: ['FOR', 'AGAINST'], method: 'OPEN_ROLL_CALL', territoryUnitId: 'u-1', meetingId: null, rollId: 'r-1', rollSize: 3, rollHash: 'h', policy: DEFAULT_VOTE_POLICIES.policies.MEETING, rerunOf: null, openedAt: NOW }),
  recorded('OpenVoteCast', { voteId: VOTE, residentId: 'resident-a', option: 'FOR', castAt: NOW }),
  recorded('OpenVoteCast', { voteId: VOTE, residentId: 'resident-b', option: 'AGAINST', castAt: NOW }),
  recorded('VoteClosed', { voteId: VOTE, closedAt: NOW }),
  recorded('VoteTallied', { voteId: VOTE, counts: { for: 1, against: 1, abstain: 0 }, present: 2, rollSize: 3, turnout: 0.6667, quorumMet: true, outcome: 'REJECTED', ballotsBeforePosition: '4', talliedAt: NOW }),
  recorded('VoteResultCertified', { voteId: VOTE, meetingId: null, territoryUnitId: 'u-1', subject: SUBJECT, outcome: 'REJECTED', counts: { for: 1, against: 1, abstain: 0 }, present: 2, rollSize: 3, quorumMet: true, policyVersion: 'meeting-2017-m1', certifiedAt: NOW }),
];

describe('voting.votes', () => {
  it('follows a vote to its certified result, counting ballots without naming voters', () => {
    const doc = events.reduce<VoteDocument | null>(evolveVoteDocument, null);
    expect(doc).toMatchObject({ voteId: VOTE, status: 'CERTIFIED', ballotsReceived: 2, closedAt: NOW, tally: { outcome: 'REJECTED' }, result: { outcome: 'REJECTED', policyVersion: 'meeting-2017-m1' } });
    expect(JSON.stringify(doc)).not.toMatch(/resident-a|resident-b/);
    expect(votesProjection.documentId(events[1]!)).toBe(VOTE);
  });
  it('ignores events of a vote it never saw opened', () => expect(evolveVoteDocument(null, events[3]!)).toBeNull());
  it('marks an annulled vote', () =>
    expect(evolveVoteDocument(events.slice(0, 1).reduce<VoteDocument | null>(evolveVoteDocument, null), recorded('VoteAnnulled', { voteId: VOTE, reason: 'r', annulledAt: NOW }))).toMatchObject({ status: 'ANNULLED', annulment: { reason: 'r' } }));
});

describe('voting.results', () => {
  it('holds certified results only, and records a later annulment', () => {
    expect(events.slice(0, 5).reduce<VoteResultDocument | null>(evolveVoteResult, null)).toBeNull();
    const certified = events.reduce<VoteResultDocument | null>(evolveVoteResult, null);
    expect(certified).toMatchObject({ voteId: VOTE, outcome: 'REJECTED', annulment: null });
    expect(evolveVoteResult(certified, recorded('VoteAnnulled', { voteId: VOTE, reason: 'r', annulledAt: NOW }))).toMatchObject({ annulment: { reason: 'r', annulledAt: NOW } });
  });
});
