import canonicalize from 'canonicalize';
import type { Decider } from '../../shared/domain/decider.js';
import type { VotePolicy } from '../vote-policy.js';
import type { VoteAnnulled, VoteResultCertified, VoteSubject } from './vote-result.events.js';
import { voteStream } from './vote-result.events.js';
import type { AnnulVote, CastOpenVote, CertifyVoteResult, CloseVote, OpenVote, RecordHandCount, TallyVote, VoteCommand } from './vote.commands.js';
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
import type { HandCountRecorded, OpenVoteCast, VoteClosed, VoteCounts, VoteEvent, VoteMethod, VoteOpened, VoteOption, VoteTallied } from './vote.events.js';
import { tally } from './tally.js';

export { voteStream };

export type VoteStatus = 'Open' | 'Closed' | 'Tallied' | 'Certified' | 'Annulled';

/** What decide needs of a vote: its recorded terms, the hand count, the tally; display fields live in `voting.votes`. */
export type Vote =
  | { status: 'Empty' }
  | {
      status: VoteStatus;
      opened: VoteOpened['data'];
      handCount: { counts: VoteCounts; present: number } | null;
      tallied: VoteTallied['data'] | null;
    };

export const initialVote = (): Vote => ({ status: 'Empty' });

export const evolveVote = (s: Vote, e: VoteEvent): Vote => {
  if (e.type === 'VoteOpened') return s.status === 'Empty' ? { status: 'Open', opened: e.data, handCount: null, tallied: null } : s;
  if (s.status === 'Empty') return s;
  switch (e.type) {
    case 'HandCountRecorded':
      return { ...s, handCount: { counts: e.data.counts, present: e.data.present } };
    case 'VoteClosed':
      return { ...s, status: 'Closed' };
    case 'VoteTallied':
      return { ...s, status: 'Tallied', tallied: e.data };
    case 'VoteResultCertified':
      return { ...s, status: 'Certified' };
    case 'VoteAnnulled':
      return { ...s, status: 'Annulled' };
    default:
      return s;
  }
};

type Opened = Exclude<Vote, { status: 'Empty' }>;
const existing = (s: Vote, voteId: string): Opened => {
  if (s.status === 'Empty') throw new VoteNotFound(voteId);
  return s;
};

const sameTerms = (a: VoteOpened['data'], b: Omit<VoteOpened['data'], 'openedAt' | 'rollSize' | 'rollHash'>) =>
  canonicalize([a.subject, a.options, a.method, a.territoryUnitId, a.meetingId, a.rollId, a.policy, a.rerunOf]) ===
  canonicalize([b.subject, b.options, b.method, b.territoryUnitId, b.meetingId, b.rollId, b.policy, b.rerunOf]);

const validOptions = (options: readonly string[]) =>
  new Set(options).size === options.length && options.includes('FOR') && options.includes('AGAINST') && options.every((o) => o === 'FOR' || o === 'AGAINST' || o === 'ABSTAIN');

/** Opens a vote on a frozen, non-empty roll of its unit, under the policy given; resending the same vote is a no-op. */
export const openVote = ({ data, metadata }: OpenVote, s: Vote): VoteOpened[] => {
  const { roll, rerunOf, ...terms } = data;
  const recorded = { ...terms, rerunOf: rerunOf?.voteId ?? null };
  if (s.status !== 'Empty') {
    if (sameTerms(s.opened, recorded)) return [];
    throw new VoteAlreadyOpened(data.voteId);
  }
  if (!validOptions(data.options)) throw new InvalidVoteOptions();
  if (!roll) throw new RollNotFound(data.rollId);
  if (!roll.frozen) throw new RollNotFrozen(data.rollId);
  if (roll.scopeUnitId !== data.territoryUnitId) throw new RollScopeMismatch(data.rollId, data.territoryUnitId);
  if (roll.size === 0) throw new RollEmpty(data.rollId);
  if (rerunOf && !rerunOf.annulled) throw new RerunOfNotAnnulled(rerunOf.voteId);
  return [{ type: 'VoteOpened', data: { ...recorded, rollSize: roll.size, rollHash: roll.hash ?? '', openedAt: metadata.now } }];
};

const requireOpen = (s: Opened) => {
  if (s.status !== 'Open') throw new VoteNotOpen(s.opened.voteId, s.status);
};
const requireMethod = (s: Opened, method: VoteMethod) => {
  if (s.opened.method !== method) throw new WrongVoteMethod(s.opened.voteId, s.opened.method);
};

/** Records (or corrects, while open) the counted hands: FOR + AGAINST + ABSTAIN ≤ present ≤ roll size. */
export const recordHandCount = ({ data, metadata }: RecordHandCount, state: Vote): HandCountRecorded[] => {
  const s = existing(state, data.voteId);
  requireOpen(s);
  requireMethod(s, 'OPEN_HAND_COUNT');
  const { counts, present } = data;
  if (counts.for + counts.against + counts.abstain > present) throw new HandCountInconsistent(`FOR, AGAINST and ABSTAIN add up to more than the ${present} present.`, 'present');
  if (present > s.opened.rollSize) throw new HandCountInconsistent(`${present} present is more than the ${s.opened.rollSize} on the roll.`, 'present');
  if (counts.abstain > 0 && !s.opened.options.includes('ABSTAIN')) throw new HandCountInconsistent('This vote has no ABSTAIN option.', 'abstain');
  if (s.handCount && canonicalize(s.handCount) === canonicalize({ counts, present })) return [];
  return [{ type: 'HandCountRecorded', data: { voteId: data.voteId, counts, present, recordedAt: metadata.now } }];
};

/** Ends casting. A hand-count vote needs its count first. Closing a closed (or later) vote is a no-op. */
export const closeVote = ({ data, metadata }: CloseVote, state: Vote): VoteClosed[] => {
  const s = existing(state, data.voteId);
  if (s.status === 'Annulled') throw new VoteAnnulledError(data.voteId);
  if (s.status !== 'Open') return [];
  if (s.opened.method === 'OPEN_HAND_COUNT' && !s.handCount) throw new HandCountMissing(data.voteId);
  return [{ type: 'VoteClosed', data: { voteId: data.voteId, closedAt: metadata.now } }];
};

/**
 * Tallies a closed vote from its recorded facts only: the hand count, or the ballot counts the handler read from the
 * ballot streams before VoteClosed's position; quorum and majority by the policy recorded in VoteOpened.
 */
export const tallyVote = ({ data, metadata }: TallyVote, state: Vote): VoteTallied[] => {
  const s = existing(state, data.voteId);
  if (s.status === 'Annulled') throw new VoteAnnulledError(data.voteId);
  if (s.status === 'Open') throw new VoteNotClosed(data.voteId, s.status);
  if (s.status !== 'Closed') return [];
  const { rollSize, policy } = s.opened;
  let counts: VoteCounts;
  let present: number;
  if (s.opened.method === 'OPEN_HAND_COUNT') {
    ({ counts, present } = s.handCount!);
  } else {
    if (!data.ballots) throw new Error('An open roll call is tallied from its ballots: the handler must read them');
    counts = data.ballots.counts;
    present = counts.for + counts.against + counts.abstain;
  }
  return [
    {
      type: 'VoteTallied',
      data: {
        voteId: data.voteId,
        counts,
        present,
        rollSize,
        ...tally(policy, counts, present, rollSize),
        ballotsBeforePosition: s.opened.method === 'OPEN_ROLL_CALL' ? data.ballots!.beforePosition : null,
        talliedAt: metadata.now,
      },
    },
  ];
};

/** Certifies the tallied result (the published VoteResultCertified); afterwards the vote is immutable. */
export const certifyVoteResult = ({ data, metadata }: CertifyVoteResult, state: Vote): VoteResultCertified[] => {
  const s = existing(state, data.voteId);
  if (s.status === 'Certified') return [];
  if (s.status === 'Annulled') throw new VoteAnnulledError(data.voteId);
  if (s.status !== 'Tallied') throw new VoteNotTallied(data.voteId, s.status);
  const t = s.tallied!;
  const o = s.opened;
  return [
    {
      type: 'VoteResultCertified',
      data: {
        voteId: o.voteId,
        meetingId: o.meetingId,
        territoryUnitId: o.territoryUnitId,
        subject: o.subject as VoteSubject,
        outcome: t.outcome,
        counts: t.counts,
        present: t.present,
        rollSize: t.rollSize,
        quorumMet: t.quorumMet,
        policyVersion: o.policy.policyVersion,
        certifiedAt: metadata.now,
      },
    },
  ];
};

/** Annuls a vote in any state, certified included (with a reason); it is final, and a new vote must be opened. */
export const annulVote = ({ data, metadata }: AnnulVote, state: Vote): VoteAnnulled[] => {
  const s = existing(state, data.voteId);
  if (s.status === 'Annulled') return [];
  return [{ type: 'VoteAnnulled', data: { voteId: data.voteId, reason: data.reason, annulledAt: metadata.now } }];
};

/** Refuses every change of a certified vote other than annulment. */
const notCertified = (state: Vote, voteId: string) => {
  if (state.status === 'Certified') throw new VoteCertified(voteId);
};

export const decideVote = (c: VoteCommand, s: Vote): VoteEvent[] => {
  switch (c.type) {
    case 'OpenVote':
      return openVote(c, s);
    case 'RecordHandCount':
      notCertified(s, c.data.voteId);
      return recordHandCount(c, s);
    case 'CloseVote':
      notCertified(s, c.data.voteId);
      return closeVote(c, s);
    case 'TallyVote':
      notCertified(s, c.data.voteId);
      return tallyVote(c, s);
    case 'CertifyVoteResult':
      return certifyVoteResult(c, s);
    case 'AnnulVote':
      return annulVote(c, s);
    default: {
      const _exhaustive: never = c;
      throw new Error(`Unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The Vote aggregate (DOMAIN.md 5.6), stream `vote-<id>`: OPEN → CLOSED → TALLIED → CERTIFIED; any → ANNULLED. */
export const voteDecider: Decider<Vote, VoteCommand, VoteEvent> = { decide: decideVote, evolve: evolveVote, initialState: initialVote };

/** One ballot stream: empty, or holding the resident's one OpenVoteCast. */
export type Ballot = { status: 'Empty' } | { status: 'Cast' };

/**
 * Casts an open roll-call ballot. The ballot stream's non-existence is the guard of "one ballot": the pipeline appends
 * with 'no_stream', and a concurrent second attempt re-reads the stream and lands here as AlreadyVoted. The vote must
 * be open (checked by the handler's fold of `vote-<id>`) and the resident on its frozen roll.
 */
export const castOpenVote = ({ data, metadata }: CastOpenVote, s: Ballot): OpenVoteCast[] => {
  if (s.status === 'Cast') throw new AlreadyVoted(data.voteId, data.residentId);
  const { vote, onRoll } = data.context;
  if (!vote) throw new VoteNotFound(data.voteId);
  if (vote.status !== 'Open') throw new VoteNotOpen(data.voteId, vote.status);
  if (vote.method !== 'OPEN_ROLL_CALL') throw new WrongVoteMethod(data.voteId, vote.method);
  if (!onRoll) throw new NotOnRoll(data.residentId, vote.rollId);
  if (!vote.options.includes(data.option as VoteOption)) throw new UnknownOption(data.option);
  return [{ type: 'OpenVoteCast', data: { voteId: data.voteId, residentId: data.residentId, option: data.option as VoteOption, castAt: metadata.now } }];
};

/** The one-ballot aggregate, stream `voteBallot-<voteId>.<residentId>`. It has no no-op: a second cast is refused. */
export const ballotDecider: Decider<Ballot, CastOpenVote, OpenVoteCast> = {
  decide: (c, s) => castOpenVote(c, s),
  evolve: (_s, e) => (e.type === 'OpenVoteCast' ? { status: 'Cast' } : _s),
  initialState: () => ({ status: 'Empty' }),
};
