import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow } from '../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { toPageResponse } from '../shared/http/paging.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { ExecuteRecommendationCommand } from './commands/recommendation-command.handler.js';
import {
  DraftRecommendationDto,
  EndorseRecommendationDto,
  RecordAuthorityResponseDto,
  RecordConsultationInputDto,
  RecordImplementationEvidenceDto,
  ReviseDraftDto,
  SubmitRecommendationDto,
  WithdrawRecommendationDto,
} from './commands/recommendation-commands.dto.js';
import type { RecommendationCommand } from './domain/recommendation.commands.js';
import { RecommendationNotFound } from './domain/recommendation.errors.js';
import { RECOMMENDATIONS_PROJECTION } from './projections/recommendations.projection.js';
import { RecommendationDto, RecommendationPageDto, RecommendationSearchQueryDto, RecommendationSummaryDto } from './queries/recommendation.dto.js';
import { FindRecommendationsQuery, GetRecommendationQuery, RecommendationSummaryQuery } from './queries/recommendation.queries.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Recommendations to government are the programmes' policy work: administrators and programme officers record them. */
const ChangesRecommendation = () => Allow(['administrator', 'programme-officer']);

/** Policy recommendations to government (DOMAIN.md 5.9): drafting, consultation, endorsement, submission, responses. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Draft a recommendation: title, text, theme, optional addressee and programme (status DRAFT)' })
  @ApiCommand(true)
  draft(@Body() dto: DraftRecommendationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'DraftRecommendation', data: { ...dto } });
  }

  @Post(':recommendationId/revision')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Replace the draft’s content (DRAFT only)' })
  @ApiCommand()
  revise(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: ReviseDraftDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReviseDraft', data: { ...dto, recommendationId } });
  }

  @Post(':recommendationId/consultation')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Open the consultation on the draft (DRAFT → IN_CONSULTATION)' })
  @ApiCommand()
  openConsultation(@Param('recommendationId', uuid) recommendationId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'OpenConsultation', data: { recommendationId } });
  }

  @Post(':recommendationId/consultation-inputs')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Record an input of the consultation from a meeting or an organisation (IN_CONSULTATION only)' })
  @ApiCommand()
  recordInput(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: RecordConsultationInputDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordConsultationInput', data: { ...dto, recommendationId } });
  }

  @Post(':recommendationId/endorsement')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Record the endorsement at a forum meeting on a date (IN_CONSULTATION → ENDORSED)' })
  @ApiCommand()
  endorse(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: EndorseRecommendationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'EndorseRecommendation', data: { ...dto, recommendationId } });
  }

  @Post(':recommendationId/submission')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Record the submission to the addressee on a date (ENDORSED → SUBMITTED)' })
  @ApiCommand()
  submit(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: SubmitRecommendationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SubmitRecommendation', data: { ...dto, recommendationId } });
  }

  @Post(':recommendationId/responses')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Record the authority’s response; a later one corrects the earlier (SUBMITTED or RESPONDED → RESPONDED)' })
  @ApiCommand()
  respond(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: RecordAuthorityResponseDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordAuthorityResponse', data: { ...dto, recommendationId } });
  }

  @Post(':recommendationId/evidence')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Record a document evidencing implementation, with its SHA-256 (RESPONDED only)' })
  @ApiCommand()
  recordEvidence(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: RecordImplementationEvidenceDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordImplementationEvidence', data: { ...dto, recommendationId } });
  }

  @Post(':recommendationId/withdrawal')
  @ChangesRecommendation()
  @ApiOperation({ summary: 'Withdraw the recommendation for a reason (any status before RESPONDED → WITHDRAWN)' })
  @ApiCommand()
  withdraw(@Param('recommendationId', uuid) recommendationId: string, @Body() dto: WithdrawRecommendationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'WithdrawRecommendation', data: { ...dto, recommendationId } });
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(RECOMMENDATIONS_PROJECTION)
  @ApiOperation({ summary: 'Search recommendations by status and theme, in the order drafted' })
  @ApiOkResponse({ type: RecommendationPageDto })
  @ApiQueryProblems()
  async search(@Query() query: RecommendationSearchQueryDto, @Req() request: FastifyRequest) {
    const { cursor, limit, ...search } = query;
    return toPageResponse(await this.queries.execute(new FindRecommendationsQuery({ ...search, cursor, limit: limit ?? 50 })), request);
  }

  @Get('summary')
  @Allow(ANY_ROLE)
  @ReadsFrom(RECOMMENDATIONS_PROJECTION)
  @ApiOperation({ summary: 'Counts of recommendations by status and by last authority response' })
  @ApiOkResponse({ type: RecommendationSummaryDto })
  @ApiQueryProblems()
  summary() {
    return this.queries.execute(new RecommendationSummaryQuery());
  }

  @Get(':recommendationId')
  @Allow(ANY_ROLE)
  @ReadsFrom(RECOMMENDATIONS_PROJECTION)
  @ApiOperation({ summary: 'A recommendation with its inputs, endorsement, submission, responses and evidence' })
  @ApiOkResponse({ type: RecommendationDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('recommendationId', uuid) recommendationId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.queries.execute(new GetRecommendationQuery(recommendationId));
    if (!doc) throw new RecommendationNotFound(recommendationId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<RecommendationCommand, 'metadata'>) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now()) } as RecommendationCommand;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteRecommendationCommand(request, ctx)));
  }
}
