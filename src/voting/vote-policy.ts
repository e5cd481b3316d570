/**
 * Quorum and majority rules of community votes as versioned data. DOMAIN.md 1.4 marks the legal values as not
 * confirmed, so they are configuration, not code: every VoteOpened records the whole policy it was opened under, and
 * its tally uses that record, never the current configuration.
 */
export const MAJORITY_RULES = ['SIMPLE_OF_VOTES_CAST', 'MAJORITY_OF_PRESENT', 'ABSOLUTE_OF_ROLL', 'QUALIFIED_TWO_THIRDS'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export type VotePolicy = {
  /** Identifies this exact set of rules; recorded with each vote and its certified result. */
  policyVersion: string;
  /** The vote is valid when at least `minFraction` of the roll (ROLL_SIZE) is present (the bound included). */
  quorum: { basis: 'ROLL_SIZE'; minFraction: number };
  /**
   * When a proposal is ADOPTED (strict majorities unless noted):
   * - SIMPLE_OF_VOTES_CAST: more FOR than AGAINST (abstentions do not count);
   * - MAJORITY_OF_PRESENT: FOR more than half of those present;
   * - ABSOLUTE_OF_ROLL: FOR more than half of the roll;
   * - QUALIFIED_TWO_THIRDS: FOR at least two thirds of those present.
   */
  majority: MajorityRule;
};

/** Named policies a vote may be opened under (`policy` of POST /votes). */
export type VotePolicies = { default: string; policies: Record<string, VotePolicy> };

/** DI token of the configured policies; override the provider to change them without touching the domain. */
export const VOTE_POLICIES = Symbol('VOTE_POLICIES');

/**
 * The model values of DOMAIN.md 1.4 [M]: a (separate) gathering opens with 10% of the eligible residents and decides by
 * a majority of those present; a meeting (sobranie) is competent with half of its members and decides by a majority of
 * those present.
 */
export const DEFAULT_VOTE_POLICIES: VotePolicies = {
  default: 'GATHERING',
  policies: {
    GATHERING: { policyVersion: 'gathering-2013-m1', quorum: { basis: 'ROLL_SIZE', minFraction: 0.1 }, majority: 'MAJORITY_OF_PRESENT' },
    MEETING: { policyVersion: 'meeting-2017-m1', quorum: { basis: 'ROLL_SIZE', minFraction: 0.5 }, majority: 'MAJORITY_OF_PRESENT' },
  },
};
