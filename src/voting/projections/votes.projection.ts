import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { VotePolicy } from '../vote-policy.js';
import type { VoteResultCertified, VoteSubject } from '../domain/vote-result.events.js';
import type { OpenVoteCast, VoteCounts, VoteEvent, VoteMethod, VoteOption, VoteTallied } from '../domain/vote.events.js';

export const VOTES_PROJECTION = 'voting.votes';
export const VOTE_RESULTS_PROJECTION = 'voting.results';

export type VoteStatusView = 'OPEN' | 'CLOSED' | 'TALLIED' | 'CERTIFIED' | 'ANNULLED';

/** A vote as staff follow it. Ballots appear only as a count: who voted how is never part of a read model. */
export type VoteDocument = {
  voteId: string;
  territoryUnitId: string;
  meetingId: string | null;
  subject: VoteSubject;
  options: VoteOption[];
  method: VoteMethod;
  rollId: string;
  rollSize: number;
  policy: VotePolicy;
  rerunOf: string | null;
  status: VoteStatusView;
  openedAt: string;
  closedAt: string | null;
  /** Open roll call: ballot streams created for this vote (a late ballot after the close is counted here, not in the tally). */
  ballotsReceived: number;
  handCount: { counts: VoteCounts; present: number } | null;
  tally: Omit<VoteTallied['data'], 'voteId'> | null;
  result: Omit<VoteResultCertified['data'], 'voteId'> | null;
  annulment: { reason: string; annulledAt: string } | null;
};

/** Folds a vote or ballot event into its vote's document. Pure. */
export const evolveVoteDocument = (doc: VoteDocument | null, event: RecordedEvent): VoteDocument | null => {
  const e = event as unknown as VoteEvent | OpenVoteCast;
  if (e.type === 'VoteOpened') {
    if (doc) return doc;
    const { rollHash: _, ...d } = e.data;
    return { ...d, status: 'OPEN', closedAt: null, ballotsReceived: 0, handCount: null, tally: null, result: null, annulment: null };
  }
  if (!doc) return doc;
  switch (e.type) {
    case 'OpenVoteCast':
      return { ...doc, ballotsReceived: doc.ballotsReceived + 1 };
    case 'HandCountRecorded':
      return { ...doc, handCount: { counts: e.data.counts, present: e.data.present } };
    case 'VoteClosed':
      return { ...doc, status: 'CLOSED', closedAt: e.data.closedAt };
    case 'VoteTallied': {
      const { voteId: _, ...tally } = e.data;
      return { ...doc, status: 'TALLIED', tally };
    }
    case 'VoteResultCertified': {
      const { voteId: _, ...result } = e.data;
      return { ...doc, status: 'CERTIFIED', result };
    }
    case 'VoteAnnulled':
      return { ...doc, status: 'ANNULLED', annulment: { reason: e.data.reason, annulledAt: e.data.annulledAt } };
    default:
      return doc;
  }
};

/** Every vote, its status and, once certified, its result (`GET /votes`, `GET /votes/{id}`). */
export const votesProjection: Projection<VoteDocument> = {
  name: VOTES_PROJECTION,
  version: 1,
  handles: ['VoteOpened', 'OpenVoteCast', 'HandCountRecorded', 'VoteClosed', 'VoteTallied', 'VoteResultCertified', 'VoteAnnulled'],
  fields: [
    { path: 'territoryUnitId', type: 'string' },
    { path: 'status', type: 'string' },
  ],
  documentId: (event) => (event.data as { voteId?: string }).voteId ?? null,
  evolve: evolveVoteDocument,
};

/** A certified result, the public view of a vote; `annulment` is set if it was annulled afterwards. */
export type VoteResultDocument = VoteResultCertified['data'] & { annulment: { reason: string; annulledAt: string } | null };

export const evolveVoteResult = (doc: VoteResultDocument | null, event: RecordedEvent): VoteResultDocument | null => {
  const e = event as unknown as VoteEvent;
  if (e.type === 'VoteResultCertified') return doc ?? { ...e.data, annulment: null };
  if (e.type === 'VoteAnnulled' && doc) return { ...doc, annulment: { reason: e.data.reason, annulledAt: e.data.annulledAt } };
  return doc;
};

/** Certified results only (`GET /votes/{id}/result`). */
export const voteResultsProjection: Projection<VoteResultDocument> = {
  name: VOTE_RESULTS_PROJECTION,
  version: 1,
  handles: ['VoteResultCertified', 'VoteAnnulled'],
  fields: [
    { path: 'territoryUnitId', type: 'string' },
    { path: 'outcome', type: 'string' },
  ],
  documentId: (event) => (event.data as { voteId?: string }).voteId ?? null,
  evolve: evolveVoteResult,
};
