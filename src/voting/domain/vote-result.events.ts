import type { DomainEvent } from '../../shared/domain/message.js';

/** What a vote decides about (DOMAIN.md 5.6); `contentHash` pins the exact text voted on. */
export type VoteSubject = {
  type: 'PLAN' | 'AMENDMENT' | 'PRIORITIES' | 'BUDGET_AGREEMENT' | 'DELEGATION' | 'OTHER';
  /** The id of the plan, amendment, … the vote is about. */
  ref: string;
  contentHash: string;
};

export type VoteOutcome = 'ADOPTED' | 'REJECTED' | 'NO_QUORUM';

/**
 * A published contract: the certified result of a vote, on the stream `vote-<voteId>`. The planning context reacts
 * to it (a certified ADOPTED vote on a plan's or amendment's content hash approves it). Only certified results are
 * public.
 */
export type VoteResultCertified = DomainEvent<
  'VoteResultCertified',
  {
    voteId: string;
    meetingId: string | null;
    /** The unit whose community voted. */
    territoryUnitId: string;
    subject: VoteSubject;
    outcome: VoteOutcome;
    counts: { for: number; against: number; abstain: number };
    present: number;
    rollSize: number;
    quorumMet: boolean;
    policyVersion: string;
    certifiedAt: string;
  }
>;

/** A certified (or any) vote was annulled; a new vote must be held. */
export type VoteAnnulled = DomainEvent<'VoteAnnulled', { voteId: string; reason: string; annulledAt: string }>;

export const voteStream = (voteId: string): string => `vote-${voteId}`;
