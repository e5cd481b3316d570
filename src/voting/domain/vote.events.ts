import type { DomainEvent } from '../../shared/domain/message.js';
import type { VotePolicy } from '../vote-policy.js';
import type { VoteAnnulled, VoteOutcome, VoteResultCertified, VoteSubject } from './vote-result.events.js';

export const VOTE_METHODS = ['OPEN_ROLL_CALL', 'OPEN_HAND_COUNT'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

/** The choices of a yes/no vote; the certified counts are by these. */
export const VOTE_OPTIONS = ['FOR', 'AGAINST', 'ABSTAIN'] as const;
export type VoteOption = (typeof VOTE_OPTIONS)[number];

export type VoteCounts = { for: number; against: number; abstain: number };

/** Stream `vote-<voteId>`. The roll's size and hash and the whole policy are copied in, so the tally needs nothing else. */
export type VoteOpened = DomainEvent<
  'VoteOpened',
  {
    voteId: string;
    subject: VoteSubject;
    options: VoteOption[];
    method: VoteMethod;
    territoryUnitId: string;
    meetingId: string | null;
    rollId: string;
    rollSize: number;
    rollHash: string;
    policy: VotePolicy;
    /** The annulled vote this one re-runs, if any. */
    rerunOf: string | null;
    openedAt: string;
  }
>;
export type HandCountRecorded = DomainEvent<'HandCountRecorded', { voteId: string; counts: VoteCounts; present: number; recordedAt: string }>;
export type VoteClosed = DomainEvent<'VoteClosed', { voteId: string; closedAt: string }>;
export type VoteTallied = DomainEvent<
  'VoteTallied',
  {
    voteId: string;
    counts: VoteCounts;
    present: number;
    rollSize: number;
    /** present / rollSize, rounded to 4 decimals. */
    turnout: number;
    quorumMet: boolean;
    outcome: VoteOutcome;
    /** Open roll call: the global position of VoteClosed; only ballots before it were counted. Null for a hand count. */
    ballotsBeforePosition: string | null;
    talliedAt: string;
  }
>;

export type VoteEvent = VoteOpened | HandCountRecorded | VoteClosed | VoteTallied | VoteResultCertified | VoteAnnulled;

/**
 * One open roll-call ballot, alone on the stream `voteBallot-<voteId>.<residentId>`: the stream is created with
 * expected revision 'no_stream', so the store itself admits one ballot per resident per vote. Open voting: who voted
 * how is recorded, but only counts are published.
 */
export type OpenVoteCast = DomainEvent<'OpenVoteCast', { voteId: string; residentId: string; option: VoteOption; castAt: string }>;

export const ballotStream = (voteId: string, residentId: string): string => `voteBallot-${voteId}.${residentId}`;
