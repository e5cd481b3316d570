import type { MeetingType } from './domain/community-meeting.events.js';

/**
 * The rules a meeting of one type follows: the shortest notice, and its quorum as a share of the eligible residents
 * (or body members) and/or an absolute minimum of registered participants. Legal values are uncertain (DOMAIN.md 1.4,
 * marked [M]), so they live here as versioned data, not in the decider: the handler passes the policy into `decide`,
 * and every notice and quorum event records the `policyVersion` it was decided under.
 */
export type MeetingRules = {
  /** Whole days between the notice and the meeting day, at least. */
  readonly noticeDays: number;
  /** Percent (0–100) of the eligible count that must register; 0 when the type has no share rule. */
  readonly quorumPercentOfEligible: number;
  /** Registered participants needed at least, whatever the share. */
  readonly quorumMinimum: number;
};

export type MeetingPolicy = {
  readonly policyVersion: string;
  readonly rules: Readonly<Record<MeetingType, MeetingRules>>;
};

const consultation: MeetingRules = { noticeDays: 3, quorumPercentOfEligible: 0, quorumMinimum: 1 };

/**
 * The default policy [M]: a skhod or separate gathering is announced 10 days ahead and opens when 10% of the eligible
 * residents have registered; a sobranie needs half of its members; a public hearing 10 days' notice and 5 people;
 * consultations (problem discussions, focus groups, working groups, …) 3 days' notice and at least one participant.
 */
export const DEFAULT_MEETING_POLICY: MeetingPolicy = {
  policyVersion: 'meetings-2018.1',
  rules: {
    GATHERING_SKHOD: { noticeDays: 10, quorumPercentOfEligible: 10, quorumMinimum: 1 },
    SEPARATE_GATHERING: { noticeDays: 10, quorumPercentOfEligible: 10, quorumMinimum: 1 },
    MEETING_SOBRANIE: { noticeDays: 10, quorumPercentOfEligible: 50, quorumMinimum: 1 },
    PUBLIC_HEARING: { noticeDays: 10, quorumPercentOfEligible: 0, quorumMinimum: 5 },
    AKIM_REPORT: { noticeDays: 10, quorumPercentOfEligible: 0, quorumMinimum: 1 },
    PROBLEM_DISCUSSION: consultation,
    FOCUS_GROUP: consultation,
    WORKING_GROUP: consultation,
    DIALOGUE_PLATFORM: consultation,
    CONFERENCE: consultation,
  },
};

/**
 * Who may be on an eligibility roll (DOMAIN.md 1.4: residents aged 18 or more [M]). The register keeps only a 5-year
 * birth band ("1990–1994"), so a resident counts as adult when the band's upper year plus 18 is at most the cutoff
 * year: nobody under 18 is listed, at the price of leaving out some 18–22-year-olds, who can be added by claim.
 */
export const ELIGIBILITY_POLICY = {
  policyVersion: 'roll-2018.1',
  criteria: 'Registered active resident of the unit or a unit below it on the cutoff date; adult by birth band (upper year + 18 <= cutoff year)',
  isAdult: (birthYearBand: string, cutoffDate: string): boolean => {
    const upper = Number(/(\d{4})\D*$/.exec(birthYearBand)?.[1]);
    return Number.isInteger(upper) && upper + 18 <= Number(cutoffDate.slice(0, 4));
  },
} as const;
