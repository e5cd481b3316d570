import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { DEFAULT_VOTE_POLICIES, type MajorityRule, type VotePolicy } from '../vote-policy.js';
import { foldRoll } from '../vote-facts.loader.js';
import { tally } from './tally.js';
import type { AnnulVote, BallotContext, CastOpenVote, CertifyVoteResult, CloseVote, OpenVote, RecordHandCount, RollFacts, TallyVote } from './vote.commands.js';
import { ballotDecider, voteDecider } from './vote.decider.js';
import {
  AlreadyVoted,
  HandCountInconsistent,
  HandCountMissing,
  InvalidVoteOptions,
  NotOnRoll,
  RerunOfNotAnnulled,
  RollEmpty,
  RollNotFound,
  RollNotFrozen,
  RollScopeMismatch,
  UnknownOption,
  VoteAlreadyOpened,
  VoteAnnulledError,
  VoteCertified,
  VoteNotClosed,
  VoteNotFound,
  VoteNotOpen,
  VoteNotTallied,
  WrongVoteMethod,
} from './vote.errors.js';
import type { VoteCounts, VoteEvent, VoteMethod, VoteOpened } from './vote.events.js';

const VOTE = '0190f3c2-0000-7000-8000-000000000001';
const UNIT = '0190f3c2-0000-7000-8000-0000000000aa';
const ROLL = '0190f3c2-0000-7000-8000-0000000000bb';
const RESIDENT = '0190f3c2-0000-7000-8000-0000000000cc';
const NOW = '2019-06-05T09:30:00.000Z';
const meta: CommandMetadata = { actor: { id: 'secretary', role: 'meeting-secretary' }, now: NOW, correlationId: 'c-1' };
const MEETING: VotePolicy = DEFAULT_VOTE_POLICIES.policies.MEETING!;
const SUBJECT = { type: 'PLAN' as const, ref: 'plan-1', contentHash: 'a'.repeat(64) };

const frozenRoll: NonNullable<RollFacts> = { rollId: ROLL, scopeUnitId: UNIT, frozen: true, size: 10, hash: 'h'.repeat(64) };
const openVote = (data: Partial<OpenVote['data']> = {}): OpenVote => ({
  type: 'OpenVote',
  data: { voteId: VOTE, subject: SUBJECT, options: ['FOR', 'AGAINST', 'ABSTAIN'], method: 'OPEN_ROLL_CALL', territoryUnitId: UNIT, meetingId: null, rollId: ROLL, roll: frozenRoll, policy: MEETING, rerunOf: null, ...data },
  metadata: meta,
});
const opened = (method: VoteMethod = 'OPEN_ROLL_CALL', policy: VotePolicy = MEETING): VoteOpened => ({
  type: 'VoteOpened',
  data: { voteId: VOTE, subject: SUBJECT, options: ['FOR', 'AGAINST', 'ABSTAIN'], method, territoryUnitId: UNIT, meetingId: null, rollId: ROLL, rollSize: 10, rollHash: 'h'.repeat(64), policy, rerunOf: null, openedAt: NOW },
});
const counts = (f: number, a: number, ab: number): VoteCounts => ({ for: f, against: a, abstain: ab });
const handCount = (c: VoteCounts, present: number): RecordHandCount => ({ type: 'RecordHandCount', data: { voteId: VOTE, counts: c, present }, metadata: meta });
const handCounted = (c: VoteCounts, present: number): VoteEvent => ({ type: 'HandCountRecorded', data: { voteId: VOTE, counts: c, present, recordedAt: NOW } });
const close = (): CloseVote => ({ type: 'CloseVote', data: { voteId: VOTE }, metadata: meta });
const closed = (): VoteEvent => ({ type: 'VoteClosed', data: { voteId: VOTE, closedAt: NOW } });
const tallyCmd = (ballots: TallyVote['data']['ballots'] = null): TallyVote => ({ type: 'TallyVote', data: { voteId: VOTE, ballots }, metadata: meta });
const tallied = (c = counts(6, 2, 0), present = 8): VoteEvent => ({
  type: 'VoteTallied',
  data: { voteId: VOTE, counts: c, present, rollSize: 10, turnout: present / 10, quorumMet: true, outcome: 'ADOPTED', ballotsBeforePosition: '42', talliedAt: NOW },
});
const certify = (): CertifyVoteResult => ({ type: 'CertifyVoteResult', data: { voteId: VOTE }, metadata: meta });
const certified = (): VoteEvent => ({
  type: 'VoteResultCertified',
  data: { voteId: VOTE, meetingId: null, territoryUnitId: UNIT, subject: SUBJECT, outcome: 'ADOPTED', counts: counts(6, 2, 0), present: 8, rollSize: 10, quorumMet: true, policyVersion: MEETING.policyVersion, certifiedAt: NOW },
});
const annul = (): AnnulVote => ({ type: 'AnnulVote', data: { voteId: VOTE, reason: 'Notice not published' }, metadata: meta });
const annulled = (): VoteEvent => ({ type: 'VoteAnnulled', data: { voteId: VOTE, reason: 'Notice not published', annulledAt: NOW } });

const given = DeciderSpecification.for(voteDecider);

describe('Vote', () => {
  describe('OpenVote', () => {
    it('opens on a frozen roll, recording its size, hash and the whole policy', () =>
      given([]).when(openVote()).then([opened()]));
    it('records the vote it re-runs when that vote was annulled', () =>
      given([]).when(openVote({ rerunOf: { voteId: 'old', annulled: true } })).then([{ ...opened(), data: { ...opened().data, rerunOf: 'old' } }]));
    it('refuses a roll that does not exist', () => given([]).when(openVote({ roll: null })).thenThrows(RollNotFound));
    it('refuses a roll that is not frozen', () => given([]).when(openVote({ roll: { ...frozenRoll, frozen: false } })).thenThrows(RollNotFrozen));
    it('refuses a roll of another unit', () => given([]).when(openVote({ roll: { ...frozenRoll, scopeUnitId: 'other' } })).thenThrows(RollScopeMismatch));
    it('refuses an empty roll', () => given([]).when(openVote({ roll: { ...frozenRoll, size: 0 } })).thenThrows(RollEmpty));
    it('refuses options without AGAINST or with repeats', () => {
      given([]).when(openVote({ options: ['FOR', 'ABSTAIN'] })).thenThrows(InvalidVoteOptions);
      given([]).when(openVote({ options: ['FOR', 'AGAINST', 'FOR'] })).thenThrows(InvalidVoteOptions);
    });
    it('refuses to re-run a vote that was not annulled', () => given([]).when(openVote({ rerunOf: { voteId: 'old', annulled: false } })).thenThrows(RerunOfNotAnnulled));
    it('ignores the same vote sent again', () => given([opened()]).when(openVote()).thenNothingHappened());
    it('refuses the same id with other terms', () => given([opened()]).when(openVote({ method: 'OPEN_HAND_COUNT' })).thenThrows(VoteAlreadyOpened));
  });

  describe('RecordHandCount', () => {
    it('records the counted hands', () => given([opened('OPEN_HAND_COUNT')]).when(handCount(counts(4, 3, 1), 9)).then([handCounted(counts(4, 3, 1), 9)]));
    it('accepts totals equal to present and present equal to the roll size', () =>
      given([opened('OPEN_HAND_COUNT')]).when(handCount(counts(5, 4, 1), 10)).then([handCounted(counts(5, 4, 1), 10)]));
    it('refuses totals above present', () => given([opened('OPEN_HAND_COUNT')]).when(handCount(counts(5, 4, 1), 9)).thenThrows(HandCountInconsistent));
    it('refuses more present than on the roll', () => given([opened('OPEN_HAND_COUNT')]).when(handCount(counts(5, 4, 1), 11)).thenThrows(HandCountInconsistent));
    it('refuses a roll-call vote', () => given([opened()]).when(handCount(counts(1, 0, 0), 1)).thenThrows(WrongVoteMethod));
    it('refuses once closed', () => given([opened('OPEN_HAND_COUNT'), handCounted(counts(1, 0, 0), 1), closed()]).when(handCount(counts(1, 0, 0), 2)).thenThrows(VoteNotOpen));
    it('refuses an unknown vote', () => given([]).when(handCount(counts(1, 0, 0), 1)).thenThrows(VoteNotFound));
    it('ignores the same count sent again', () => given([opened('OPEN_HAND_COUNT'), handCounted(counts(4, 3, 1), 9)]).when(handCount(counts(4, 3, 1), 9)).thenNothingHappened());
  });

  describe('CloseVote', () => {
    it('closes an open vote', () => given([opened()]).when(close()).then([closed()]));
    it('refuses to close a hand-count vote without its count', () => given([opened('OPEN_HAND_COUNT')]).when(close()).thenThrows(HandCountMissing));
    it('refuses an annulled vote', () => given([opened(), annulled()]).when(close()).thenThrows(VoteAnnulledError));
    it('refuses an unknown vote', () => given([]).when(close()).thenThrows(VoteNotFound));
    it('ignores closing a closed vote', () => given([opened(), closed()]).when(close()).thenNothingHappened());
  });

  describe('TallyVote', () => {
    it('tallies a roll call from the ballots counted before the close', () =>
      given([opened(), closed()])
        .when(tallyCmd({ counts: counts(4, 1, 0), beforePosition: '42' }))
        .then([{ type: 'VoteTallied', data: { voteId: VOTE, counts: counts(4, 1, 0), present: 5, rollSize: 10, turnout: 0.5, quorumMet: true, outcome: 'ADOPTED', ballotsBeforePosition: '42', talliedAt: NOW } }]));
    it('tallies a hand count from the recorded count', () =>
      given([opened('OPEN_HAND_COUNT'), handCounted(counts(2, 2, 0), 4), closed()])
        .when(tallyCmd())
        .then([{ type: 'VoteTallied', data: { voteId: VOTE, counts: counts(2, 2, 0), present: 4, rollSize: 10, turnout: 0.4, quorumMet: false, outcome: 'NO_QUORUM', ballotsBeforePosition: null, talliedAt: NOW } }]));
    it('refuses an open vote', () => given([opened()]).when(tallyCmd()).thenThrows(VoteNotClosed));
    it('refuses an annulled vote', () => given([opened(), closed(), annulled()]).when(tallyCmd()).thenThrows(VoteAnnulledError));
    it('refuses a certified vote', () => given([opened(), closed(), tallied(), certified()]).when(tallyCmd()).thenThrows(VoteCertified));
    it('ignores a second tally', () => given([opened(), closed(), tallied()]).when(tallyCmd({ counts: counts(9, 0, 0), beforePosition: '42' })).thenNothingHappened());
  });

  describe('CertifyVoteResult', () => {
    it('certifies the tallied result exactly per the published contract', () => given([opened(), closed(), tallied()]).when(certify()).then([certified()]));
    it('refuses a vote not tallied', () => given([opened(), closed()]).when(certify()).thenThrows(VoteNotTallied));
    it('refuses an annulled vote', () => given([opened(), closed(), tallied(), annulled()]).when(certify()).thenThrows(VoteAnnulledError));
    it('ignores a second certification', () => given([opened(), closed(), tallied(), certified()]).when(certify()).thenNothingHappened());
    it('keeps a certified result immutable', () => given([opened(), closed(), tallied(), certified()]).when(close()).thenThrows(VoteCertified));
  });

  describe('AnnulVote', () => {
    it('annuls an open vote', () => given([opened()]).when(annul()).then([annulled()]));
    it('annuls a certified vote', () => given([opened(), closed(), tallied(), certified()]).when(annul()).then([annulled()]));
    it('refuses an unknown vote', () => given([]).when(annul()).thenThrows(VoteNotFound));
    it('ignores a second annulment', () => given([opened(), annulled()]).when(annul()).thenNothingHappened());
  });
});

describe('Ballot (one stream per resident and vote)', () => {
  const onRoll: BallotContext = { vote: { status: 'Open', method: 'OPEN_ROLL_CALL', options: ['FOR', 'AGAINST'], rollId: ROLL }, onRoll: true };
  const cast = (context: BallotContext = onRoll, option = 'FOR'): CastOpenVote => ({ type: 'CastOpenVote', data: { voteId: VOTE, residentId: RESIDENT, option, context }, metadata: meta });
  const castEvent = { type: 'OpenVoteCast' as const, data: { voteId: VOTE, residentId: RESIDENT, option: 'FOR' as const, castAt: NOW } };
  const givenBallot = DeciderSpecification.for(ballotDecider);

  it('casts a ballot of a resident on the roll while the vote is open', () => givenBallot([]).when(cast()).then([castEvent]));
  it('refuses a second ballot, even the same one (no no-op: one ballot per resident)', () => givenBallot([castEvent]).when(cast()).thenThrows(AlreadyVoted));
  it('refuses a resident not on the roll', () => givenBallot([]).when(cast({ ...onRoll, onRoll: false })).thenThrows(NotOnRoll));
  it('refuses a closed vote', () => givenBallot([]).when(cast({ ...onRoll, vote: { ...onRoll.vote!, status: 'Closed' } })).thenThrows(VoteNotOpen));
  it('refuses a hand-count vote', () => givenBallot([]).when(cast({ ...onRoll, vote: { ...onRoll.vote!, method: 'OPEN_HAND_COUNT' } })).thenThrows(WrongVoteMethod));
  it('refuses an option the vote does not offer', () => givenBallot([]).when(cast(onRoll, 'ABSTAIN')).thenThrows(UnknownOption));
  it('refuses an unknown vote', () => givenBallot([]).when(cast({ vote: null, onRoll: false })).thenThrows(VoteNotFound));
});

describe('tally (quorum and majority at their bounds)', () => {
  const policy = (majority: MajorityRule, minFraction = 0.5): VotePolicy => ({ policyVersion: 't', quorum: { basis: 'ROLL_SIZE', minFraction }, majority });
  it('meets a half quorum with exactly half present, and misses it one below', () => {
    expect(tally(policy('SIMPLE_OF_VOTES_CAST'), counts(3, 2, 0), 5, 10)).toEqual({ turnout: 0.5, quorumMet: true, outcome: 'ADOPTED' });
    expect(tally(policy('SIMPLE_OF_VOTES_CAST'), counts(3, 1, 0), 4, 10).outcome).toBe('NO_QUORUM');
  });
  it('meets a 10% quorum exactly (no floating-point slip)', () => {
    expect(tally(policy('SIMPLE_OF_VOTES_CAST', 0.1), counts(3, 0, 0), 3, 30).quorumMet).toBe(true);
    expect(tally(policy('SIMPLE_OF_VOTES_CAST', 0.1), counts(2, 0, 0), 2, 30).quorumMet).toBe(false);
  });
  it('SIMPLE_OF_VOTES_CAST: a tie is rejected; abstentions do not count', () => {
    expect(tally(policy('SIMPLE_OF_VOTES_CAST'), counts(2, 2, 4), 8, 10).outcome).toBe('REJECTED');
    expect(tally(policy('SIMPLE_OF_VOTES_CAST'), counts(3, 2, 3), 8, 10).outcome).toBe('ADOPTED');
  });
  it('MAJORITY_OF_PRESENT: exactly half of those present is not a majority', () => {
    expect(tally(policy('MAJORITY_OF_PRESENT'), counts(4, 1, 3), 8, 10).outcome).toBe('REJECTED');
    expect(tally(policy('MAJORITY_OF_PRESENT'), counts(5, 1, 2), 8, 10).outcome).toBe('ADOPTED');
  });
  it('ABSOLUTE_OF_ROLL: more than half of the roll', () => {
    expect(tally(policy('ABSOLUTE_OF_ROLL'), counts(5, 0, 0), 5, 10).outcome).toBe('REJECTED');
    expect(tally(policy('ABSOLUTE_OF_ROLL'), counts(6, 0, 0), 6, 10).outcome).toBe('ADOPTED');
  });
  it('QUALIFIED_TWO_THIRDS: two thirds of those present, the bound included', () => {
    expect(tally(policy('QUALIFIED_TWO_THIRDS'), counts(6, 3, 0), 9, 10).outcome).toBe('ADOPTED');
    expect(tally(policy('QUALIFIED_TWO_THIRDS'), counts(5, 4, 0), 9, 10).outcome).toBe('REJECTED');
  });
});

describe('foldRoll', () => {
  const at = (type: string, data: object) => ({ type, data }) as never;
  it('follows entries until frozen, then never changes', () => {
    const roll = foldRoll([
      at('RollCompiled', { rollId: ROLL, scopeUnitId: UNIT, cutoffDate: '2019-06-01', criteria: 'age>=18', entries: ['a', 'b'], compiledAt: NOW }),
      at('RollEntryAdded', { rollId: ROLL, residentId: 'c', reason: 'claim', addedAt: NOW }),
      at('RollEntryRemoved', { rollId: ROLL, residentId: 'a', reason: 'challenge', removedAt: NOW }),
      at('RollFrozen', { rollId: ROLL, size: 2, hash: 'x', frozenAt: NOW }),
      at('RollEntryAdded', { rollId: ROLL, residentId: 'd', reason: 'late', addedAt: NOW }),
    ]);
    expect(roll).toMatchObject({ frozen: true, size: 2, hash: 'x', scopeUnitId: UNIT });
    expect([...roll!.entries].sort()).toEqual(['b', 'c']);
    expect(foldRoll([])).toBeNull();
  });
});
