import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow, type ScopeTarget, fromRequest } from '../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { CommandPipeline } from '../shared/command/command-pipeline.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { NotFoundError } from '../shared/domain/errors.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { badRequest } from '../shared/http/http-errors.js';
import { toPageResponse } from '../shared/http/paging.js';
import { Projections } from '../shared/projections/projections.module.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import type { CastOpenVote, VoteCommand } from './domain/vote.commands.js';
import { ballotDecider, voteDecider, voteStream } from './domain/vote.decider.js';
import { BallotAfterClose, UnknownVotePolicy, VoteNotFound } from './domain/vote.errors.js';
import { type VoteCounts, ballotStream } from './domain/vote.events.js';
import { VOTES_PROJECTION, VOTE_RESULTS_PROJECTION, type VoteDocument, type VoteResultDocument } from './projections/votes.projection.js';
import { VOTE_POLICIES, type VotePolicies } from './vote-policy.js';
import { VoteFactsLoader } from './vote-facts.loader.js';
import { AnnulVoteDto, CastBallotDto, HandCountDto, OpenVoteDto, VoteListQueryDto, VotePageDto, VoteResultDto, VoteStepDto, VoteViewDto } from './voting.dto.js';

const LOCAL_STAFF = ['administrator', 'rural-akim', 'meeting-secretary'] as const;

/**
 * The unit of the vote a request names, folded from `vote-<id>` (not a read model, so it never lags the command). A
 * vote that does not exist has no unit to scope by: the answer is its 404, for every role the rule admits.
 */
const voteUnit: ScopeTarget = {
  kind: 'units',
  resolve: async (request, moduleRef) => {
    const voteId = fromRequest('voteId')(request);
    if (!voteId) return undefined;
    const store = moduleRef.get<EventStore>(EVENT_STORE, { strict: false });
    const [opened] = await store.readStream(voteStream(voteId), { maxCount: 1 });
    if (opened?.type !== 'VoteOpened') throw new VoteNotFound(voteId);
    return (opened.data as { territoryUnitId: string }).territoryUnitId;
  },
};

/** The unit a new vote is for; a body without one is invalid for every role (as the validation pipe would say). */
const newVoteUnit: ScopeTarget = {
  kind: 'units',
  resolve: (request) => {
    const unitId = fromRequest('territoryUnitId')(request);
    if (!unitId) throw badRequest('validation-failed', 'The request is not valid', 'territoryUnitId: must be the UUID of the unit whose community votes', [{ path: 'territoryUnitId', message: 'territoryUnitId must be a UUID' }]);
    return unitId;
  },
};

/** Administrators; rural akims and meeting secretaries on the votes of the units of their key's scope. */
const ActsOnVote = () => Allow(LOCAL_STAFF, voteUnit);

class VoteResultNotFound extends NotFoundError {
  constructor(voteId: string) {
    super('vote-result-not-found', 'No certified result', `Vote ${voteId} has no certified result (yet).`);
  }
}

/**
 * Community votes (DOMAIN.md 5.6), open voting only: by roll call, one ballot stream per resident, or by a hand count.
 * Votes run on a frozen eligibility roll (folded from its published events) under a versioned policy; the certified
 * result is the published VoteResultCertified.
 */
@ApiTags('votes')
@ApiBearerAuth()
@Controller('votes')
export class VotingController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly facts: VoteFactsLoader,
    private readonly projections: Projections,
    @Inject(VOTE_POLICIES) private readonly policies: VotePolicies,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Allow(LOCAL_STAFF, newVoteUnit)
  @ApiOperation({ summary: 'Open a vote on a frozen eligibility roll, under a configured quorum and majority policy' })
  @ApiCommand(true)
  async open(@Body() dto: OpenVoteDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const policyName = dto.policy ?? this.policies.default;
    const policy = this.policies.policies[policyName];
    if (!policy) throw new UnknownVotePolicy(policyName);
    const roll = await this.facts.roll(dto.rollId);
    let rerunOf = null;
    if (dto.rerunOf) {
      const earlier = await this.facts.vote(dto.rerunOf);
      if (earlier.status === 'Empty') throw new VoteNotFound(dto.rerunOf);
      rerunOf = { voteId: dto.rerunOf, annulled: earlier.status === 'Annulled' };
    }
    return this.run(reply, ctx, {
      type: 'OpenVote',
      data: {
        voteId: dto.voteId,
        subject: { ...dto.subject },
        options: dto.options,
        method: dto.method,
        territoryUnitId: dto.territoryUnitId,
        meetingId: dto.meetingId ?? null,
        rollId: dto.rollId,
        roll: roll && { rollId: roll.rollId, scopeUnitId: roll.scopeUnitId, frozen: roll.frozen, size: roll.size, hash: roll.hash },
        policy,
        rerunOf,
      },
      metadata: commandMetadata(ctx, this.clock.now()),
    });
  }

  @Post(':voteId/hand-count')
  @ActsOnVote()
  @ApiOperation({ summary: 'Record (or correct, while open) the counted hands of an open hand-count vote' })
  @ApiCommand()
  handCount(@Param('voteId', ParseUUIDPipe) voteId: string, @Body() dto: HandCountDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const counts: VoteCounts = { for: dto.for, against: dto.against, abstain: dto.abstain };
    return this.run(reply, ctx, { type: 'RecordHandCount', data: { voteId, counts, present: dto.present }, metadata: commandMetadata(ctx, this.clock.now()) });
  }

  /**
   * One roll-call ballot. The guard of "one ballot per resident" is the store: the ballot's own stream is created with
   * expected revision 'no_stream', so of concurrent attempts exactly one appends; the others meet a version conflict,
   * re-read the stream and are refused as `already-voted` (409). No read model takes part.
   */
  @Post(':voteId/ballots')
  @ActsOnVote()
  @ApiOperation({ summary: 'Cast a resident’s open roll-call ballot (once per resident; 409 already-voted on a second attempt)' })
  @ApiCommand(true)
  async cast(@Param('voteId', ParseUUIDPipe) voteId: string, @Body() dto: CastBallotDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const vote = await this.facts.vote(voteId);
    const roll = vote.status === 'Empty' ? null : await this.facts.roll(vote.opened.rollId);
    const command: CastOpenVote = {
      type: 'CastOpenVote',
      data: {
        voteId,
        residentId: dto.residentId,
        option: dto.option,
        context: {
          vote: vote.status === 'Empty' ? null : { status: vote.status, method: vote.opened.method, options: vote.opened.options, rollId: vote.opened.rollId },
          onRoll: !!roll?.frozen && roll.entries.has(dto.residentId),
        },
      },
      metadata: commandMetadata(ctx, this.clock.now()),
    };
    const streamId = ballotStream(voteId, dto.residentId);
    const result = await this.pipeline.run({ id: `${voteId}.${dto.residentId}`, streamId, decider: ballotDecider, command, context: ctx });
    if (!result.replayed && result.body.eventsAppended > 0) {
      // The vote may have closed between the check above and the append: such a ballot stays, but the tally skips it.
      const closed = (await this.facts.voteEvents(voteId)).find((e) => e.type === 'VoteClosed');
      if (closed && closed.position < BigInt(result.body.position!)) throw new BallotAfterClose(voteId);
    }
    return sendCommandResult(reply, result);
  }

  @Post(':voteId/closing')
  @ActsOnVote()
  @ApiOperation({ summary: 'Close the vote: no more ballots or hand counts' })
  @ApiCommand()
  close(@Param('voteId', ParseUUIDPipe) voteId: string, @Body() dto: VoteStepDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CloseVote', data: { voteId }, metadata: commandMetadata(ctx, this.clock.now(), dto?.note) });
  }

  /**
   * Tallies a closed vote. For a roll call the counts are read from the ballot streams of the frozen roll's residents
   * (one stream each, found by name, not through a read model) and only ballots whose global position precedes
   * VoteClosed's count: positions are assigned in commit order, so that set is fixed once VoteClosed exists, and the
   * tally is the same whenever and however often it is computed. The position used is recorded in VoteTallied.
   */
  @Post(':voteId/tally')
  @ActsOnVote()
  @ApiOperation({ summary: 'Tally a closed vote: counts, turnout, quorum and outcome under the recorded policy' })
  @ApiCommand()
  async tally(@Param('voteId', ParseUUIDPipe) voteId: string, @Body() dto: VoteStepDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const events = await this.facts.voteEvents(voteId);
    const closed = events.find((e) => e.type === 'VoteClosed');
    const opened = events[0]?.type === 'VoteOpened' ? (events[0].data as { rollId: string; method: string }) : null;
    let ballots: { counts: VoteCounts; beforePosition: string } | null = null;
    if (closed && opened?.method === 'OPEN_ROLL_CALL') {
      const roll = await this.facts.roll(opened.rollId);
      const residents = [...(roll?.entries ?? [])].sort();
      const cast = await this.facts.ballots(residents.map((r) => ballotStream(voteId, r)));
      const counts: VoteCounts = { for: 0, against: 0, abstain: 0 };
      for (const e of cast) {
        if (e.type !== 'OpenVoteCast' || e.position >= closed.position) continue;
        const option = (e.data as { option: string }).option;
        if (option === 'FOR') counts.for++;
        else if (option === 'AGAINST') counts.against++;
        else if (option === 'ABSTAIN') counts.abstain++;
      }
      ballots = { counts, beforePosition: closed.position.toString() };
    }
    return this.run(reply, ctx, { type: 'TallyVote', data: { voteId, ballots }, metadata: commandMetadata(ctx, this.clock.now(), dto?.note) });
  }

  @Post(':voteId/certification')
  @ActsOnVote()
  @ApiOperation({ summary: 'Certify the tallied result (published as VoteResultCertified; immutable afterwards)' })
  @ApiCommand()
  certify(@Param('voteId', ParseUUIDPipe) voteId: string, @Body() dto: VoteStepDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CertifyVoteResult', data: { voteId }, metadata: commandMetadata(ctx, this.clock.now(), dto?.note) });
  }

  @Post(':voteId/annulment')
  @ActsOnVote()
  @ApiOperation({ summary: 'Annul a vote (certified or not), with a reason; a new vote must be opened' })
  @ApiCommand()
  annul(@Param('voteId', ParseUUIDPipe) voteId: string, @Body() dto: AnnulVoteDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AnnulVote', data: { voteId, reason: dto.reason }, metadata: commandMetadata(ctx, this.clock.now(), dto.reason) });
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(VOTES_PROJECTION)
  @ApiOperation({ summary: 'Votes, by unit and status, a page at a time (ballot counts only)' })
  @ApiOkResponse({ type: VotePageDto })
  @ApiQueryProblems()
  async list(@Query() query: VoteListQueryDto, @Req() request: FastifyRequest) {
    const filter: Filter = {};
    if (query.territoryUnitId) filter.territoryUnitId = query.territoryUnitId;
    if (query.status) filter.status = query.status;
    const page = await this.reads.find<VoteDocument>(this.projections.collectionFor(VOTES_PROJECTION), { filter, limit: query.limit ?? 50, cursor: query.cursor });
    return toPageResponse(page, request);
  }

  @Get(':voteId')
  @Allow(ANY_ROLE)
  @ReadsFrom(VOTES_PROJECTION)
  @ApiOperation({ summary: 'A vote: its terms, status, ballot count, tally and certified result' })
  @ApiOkResponse({ type: VoteViewDto })
  @ApiQueryProblems()
  async get(@Param('voteId', ParseUUIDPipe) voteId: string) {
    const doc = await this.reads.get<VoteDocument>(this.projections.collectionFor(VOTES_PROJECTION), voteId);
    if (!doc) throw new VoteNotFound(voteId);
    return doc;
  }

  @Get(':voteId/result')
  @Allow(ANY_ROLE)
  @ReadsFrom(VOTE_RESULTS_PROJECTION)
  @ApiOperation({ summary: 'The certified result of a vote (the public view)' })
  @ApiOkResponse({ type: VoteResultDto })
  @ApiQueryProblems()
  async result(@Param('voteId', ParseUUIDPipe) voteId: string) {
    const doc = await this.reads.get<VoteResultDocument>(this.projections.collectionFor(VOTE_RESULTS_PROJECTION), voteId);
    if (!doc) throw new VoteResultNotFound(voteId);
    return doc;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: VoteCommand) {
    const id = command.data.voteId;
    return sendCommandResult(reply, await this.pipeline.run({ id, streamId: voteStream(id), decider: voteDecider, command, context: ctx }));
  }
}
