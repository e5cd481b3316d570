import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow, type ScopeTarget, fromRequest } from '../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { fold } from '../shared/domain/decider.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { badRequest } from '../shared/http/http-errors.js';
import { toPageResponse } from '../shared/http/paging.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { ExecuteGrantCallCommand, type GrantCallCommandRequest } from './commands/grant-call-command.handler.js';
import { AmendCallDto, CancelCallDto, DecideAwardsDto, DraftCallDto, ExtendDeadlineDto } from './commands/grant-call-commands.dto.js';
import type { GrantCallEvent } from './domain/grant-call.events.js';
import { grantCallDecider, grantCallStream } from './domain/grant-call.decider.js';
import { GrantCallNotFound } from './domain/grant-call.errors.js';
import { GRANT_CALLS_PROJECTION } from './projections/grant-calls.projection.js';
import { GRANT_APPLICATIONS_PROJECTION } from './projections/grant-applications.projection.js';
import { APPLICATION_STATUSES } from './domain/grant-application.events.js';
import { Projections } from '../shared/projections/projections.module.js';
import { READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { GrantCallDto, GrantCallPageDto, GrantCallSearchQueryDto } from './queries/grant-call-read-models.dto.js';
import { FindGrantCallsQuery, GetGrantCallQuery } from './queries/grant-call.queries.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const storeOf = (moduleRef: ModuleRef) => moduleRef.get<EventStore>(EVENT_STORE, { strict: false });
const required = (name: string) => badRequest('validation-failed', 'The request is not valid', `${name} is required.`, [{ path: name, message: `${name} is required` }]);

/** The programme a new call is drafted under (body `programmeId`). */
const newCallProgramme: ScopeTarget = {
  kind: 'programmes',
  resolve: (request) => {
    const programmeId = fromRequest('programmeId')(request);
    if (!programmeId) throw required('programmeId');
    return programmeId;
  },
};
/** The programme of the call a request names (path `callId`), folded from the call's stream; 404 for an unknown call. */
const callProgramme: ScopeTarget = {
  kind: 'programmes',
  resolve: async (request, moduleRef) => {
    const callId = fromRequest('callId')(request);
    if (!callId) throw required('callId');
    const events = (await storeOf(moduleRef).readStream(grantCallStream(callId))) as unknown as GrantCallEvent[];
    const state = fold(grantCallDecider, events);
    if (state.status === 'Empty') throw new GrantCallNotFound(callId);
    return state.terms.programmeId;
  },
};

/** Administrators; a programme officer on the calls of the programmes of their key's scope. */
const ChangesCall = (target: ScopeTarget = callProgramme) => Allow(['administrator', 'programme-officer'], target);
const callParam = () => ApiParam({ name: 'callId', format: 'uuid', description: 'The grant call' });

/**
 * Grant calls (DOMAIN.md 3, 5.7): drafting with fund, award range, own-contribution band, eligible territories and
 * weighted criteria; amendment before the first submission; publication, deadline extension, closure, cancellation;
 * and committee award decisions whose sum never exceeds the fund.
 */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('grant-calls')
export class GrantCallsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesCall(newCallProgramme)
  @ApiOperation({ summary: 'Draft a grant call under an open programme: fund, award range, own-contribution band, eligible units and applicant types, criteria weighing 100, dates, committee quorum' })
  @ApiCommand(true)
  draft(@Body() dto: DraftCallDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'DraftCall', data: { ...dto } });
  }

  @Post(':callId/amendment')
  @ChangesCall()
  @callParam()
  @ApiOperation({ summary: 'Amend criteria and caps (award range, per-recipient cap, own-contribution band) before the first application is submitted, for a reason' })
  @ApiCommand()
  amend(@Param('callId', uuid) callId: string, @Body() dto: AmendCallDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AmendCall', data: { callId, ...dto } }, dto.reason);
  }

  @Post(':callId/publication')
  @ChangesCall()
  @callParam()
  @ApiOperation({ summary: 'Publish a drafted call' })
  @ApiCommand()
  publish(@Param('callId', uuid) callId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'PublishCall', data: { callId } });
  }

  @Post(':callId/deadline-extension')
  @ChangesCall()
  @callParam()
  @ApiOperation({ summary: 'Move the deadline later, before it passes, for a reason' })
  @ApiCommand()
  extendDeadline(@Param('callId', uuid) callId: string, @Body() dto: ExtendDeadlineDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ExtendDeadline', data: { callId, ...dto } }, dto.reason);
  }

  @Post(':callId/closure')
  @ChangesCall()
  @callParam()
  @ApiOperation({ summary: 'Close a published call after its deadline' })
  @ApiCommand()
  close(@Param('callId', uuid) callId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CloseCall', data: { callId } });
  }

  @Post(':callId/cancellation')
  @ChangesCall()
  @callParam()
  @ApiOperation({ summary: 'Cancel a call before any award, for a reason' })
  @ApiCommand()
  cancel(@Param('callId', uuid) callId: string, @Body() dto: CancelCallDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CancelCall', data: { callId, ...dto } }, dto.reason);
  }

  @Post(':callId/award-decisions')
  @ChangesCall()
  @callParam()
  @ApiOperation({
    summary: 'Record a committee session: awards, rejections and a reserve list, decided by a quorum of named members without a conflict on what they decide; only ASSESSED applications; Σ awards over all sessions never exceeds the fund (422 fund-exceeded)',
  })
  @ApiCommand()
  decideAwards(@Param('callId', uuid) callId: string, @Body() dto: DecideAwardsDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'DecideAwards', data: { callId, ...dto } });
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(GRANT_CALLS_PROJECTION)
  @ApiOperation({ summary: 'Search grant calls by programme and status, sorted by reference' })
  @ApiOkResponse({ type: GrantCallPageDto })
  @ApiQueryProblems()
  async search(@Query() query: GrantCallSearchQueryDto, @Req() request: FastifyRequest) {
    const { cursor, limit, ...search } = query;
    return toPageResponse(await this.queries.execute(new FindGrantCallsQuery({ ...search, cursor, limit: limit ?? 50 })), request);
  }

  @Get(':callId')
  @Allow(ANY_ROLE)
  @ReadsFrom(GRANT_CALLS_PROJECTION)
  @callParam()
  @ApiOperation({ summary: 'A grant call: terms, status, award sessions, and the sum awarded against the fund' })
  @ApiOkResponse({ type: GrantCallDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('callId', uuid) callId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.queries.execute(new GetGrantCallQuery(callId));
    if (!doc) throw new GrantCallNotFound(callId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  @Get(':callId/pipeline')
  @Allow(ANY_ROLE)
  @ReadsFrom(GRANT_CALLS_PROJECTION, GRANT_APPLICATIONS_PROJECTION)
  @callParam()
  @ApiOperation({ summary: 'A call’s pipeline: its applications counted by status, and the sum awarded against the fund' })
  @ApiOkResponse({ description: '{ callId, status, applications: { total, byStatus }, awardCount, awardedTotal, remaining }' })
  @ApiQueryProblems()
  async pipeline(@Param('callId', uuid) callId: string) {
    const doc = await this.queries.execute(new GetGrantCallQuery(callId));
    if (!doc) throw new GrantCallNotFound(callId);
    const collection = this.projections.collectionFor(GRANT_APPLICATIONS_PROJECTION);
    const byStatus = Object.fromEntries(await Promise.all(APPLICATION_STATUSES.map(async (status) => [status, await this.reads.count(collection, { callId, status })] as const)));
    const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    return { callId, status: doc.status, applications: { total, byStatus }, awardCount: doc.awardCount, awardedTotal: doc.awardedTotal, remaining: doc.remaining };
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<GrantCallCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as GrantCallCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteGrantCallCommand(request, ctx)));
  }
}
