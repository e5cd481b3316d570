import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { votesProjection, voteResultsProjection } from './projections/votes.projection.js';
import { DEFAULT_VOTE_POLICIES, VOTE_POLICIES } from './vote-policy.js';
import { VoteFactsLoader } from './vote-facts.loader.js';
import { VotingController } from './voting.controller.js';

/**
 * Voting (DOMAIN.md 5.6, the Vote aggregate): open roll-call and hand-count votes on frozen eligibility rolls, their
 * tally under a versioned policy, certification (the published VoteResultCertified) and annulment; the `voting.votes`
 * and public `voting.results` read models. Reads the roll's published events; secret ballots are not built.
 */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [votesProjection, voteResultsProjection] })],
  controllers: [VotingController],
  providers: [VoteFactsLoader, { provide: VOTE_POLICIES, useValue: DEFAULT_VOTE_POLICIES }],
})
export class VotingModule {}
