import type { VotePolicy } from '../vote-policy.js';
import type { VoteOutcome } from './vote-result.events.js';
import type { VoteCounts } from './vote.events.js';

/** Millionths, so that fractional quorums compare exactly in integers (0.5 of 10 present is met by 5). */
const SCALE = 1_000_000;

/** Whether `present` reaches the policy's quorum of `rollSize`, the bound included. */
export const quorumMet = (policy: VotePolicy, present: number, rollSize: number): boolean =>
  present * SCALE >= rollSize * Math.round(policy.quorum.minFraction * SCALE);

/** Whether FOR carries under the policy's majority rule (see VotePolicy.majority). */
export const majorityFor = (policy: VotePolicy, counts: VoteCounts, present: number, rollSize: number): boolean => {
  switch (policy.majority) {
    case 'SIMPLE_OF_VOTES_CAST':
      return counts.for > counts.against;
    case 'MAJORITY_OF_PRESENT':
      return 2 * counts.for > present;
    case 'ABSOLUTE_OF_ROLL':
      return 2 * counts.for > rollSize;
    case 'QUALIFIED_TWO_THIRDS':
      return present > 0 && 3 * counts.for >= 2 * present;
  }
};

/** The outcome of a vote, a pure function of its counts, presence, roll size and recorded policy. */
export const tally = (policy: VotePolicy, counts: VoteCounts, present: number, rollSize: number): { turnout: number; quorumMet: boolean; outcome: VoteOutcome } => {
  const met = quorumMet(policy, present, rollSize);
  return {
    turnout: rollSize === 0 ? 0 : Math.round((present / rollSize) * 10_000) / 10_000,
    quorumMet: met,
    outcome: !met ? 'NO_QUORUM' : majorityFor(policy, counts, present, rollSize) ? 'ADOPTED' : 'REJECTED',
  };
};
