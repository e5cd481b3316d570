import type { DomainCommand } from '../../shared/domain/message.js';
import type { VotePolicy } from '../vote-policy.js';
import type { VoteSubject } from './vote-result.events.js';
import type { VoteCounts, VoteMethod, VoteOption } from './vote.events.js';

/** What the handler learns by folding the roll's stream (null: the roll does not exist). */
export type RollFacts = { rollId: string; scopeUnitId: string; frozen: boolean; size: number; hash: string | null } | null;

export type OpenVote = DomainCommand<
  'OpenVote',
  {
    voteId: string;
    subject: VoteSubject;
    options: VoteOption[];
    method: VoteMethod;
    territoryUnitId: string;
    meetingId: string | null;
    rollId: string;
    roll: RollFacts;
    policy: VotePolicy;
    /** The vote re-run, with whether it was annulled (looked up by the handler). */
    rerunOf: { voteId: string; annulled: boolean } | null;
  }
>;
export type RecordHandCount = DomainCommand<'RecordHandCount', { voteId: string; counts: VoteCounts; present: number }>;
export type CloseVote = DomainCommand<'CloseVote', { voteId: string }>;
/**
 * `ballots` is given for an open roll call: the counts of the ballot streams recorded before VoteClosed (at global
 * position `ballotsBeforePosition`), read by the handler. Null for a hand count.
 */
export type TallyVote = DomainCommand<'TallyVote', { voteId: string; ballots: { counts: VoteCounts; beforePosition: string } | null }>;
export type CertifyVoteResult = DomainCommand<'CertifyVoteResult', { voteId: string }>;
export type AnnulVote = DomainCommand<'AnnulVote', { voteId: string; reason: string }>;

export type VoteCommand = OpenVote | RecordHandCount | CloseVote | TallyVote | CertifyVoteResult | AnnulVote;

/** Facts about the vote a ballot is cast in, read by the handler from `vote-<id>` and the roll. */
export type BallotContext = {
  vote: { status: string; method: VoteMethod; options: VoteOption[]; rollId: string } | null;
  onRoll: boolean;
};
export type CastOpenVote = DomainCommand<'CastOpenVote', { voteId: string; residentId: string; option: string; context: BallotContext }>;
