import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Allow, type ScopeTarget, fromRequest } from '../access/authorization.js';
import { PersonalDataService, maySeePersonalData } from '../privacy/personal-data.service.js';
import { type AuthenticatedRequest, CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { fold } from '../shared/domain/decider.js';
import type { Actor } from '../shared/domain/message.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { badRequest } from '../shared/http/http-errors.js';
import { toPageResponse } from '../shared/http/paging.js';
import { Projections } from '../shared/projections/projections.module.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { ExecuteGrantApplicationCommand, type GrantApplicationCommandRequest } from './commands/grant-application-command.handler.js';
import {
  ConflictDeclarationDto,
  EligibilityDto,
  GrantApplicationSearchQueryDto,
  NotifyApplicantDto,
  ScoreApplicationDto,
  SubmitApplicationDto,
  WithdrawApplicationDto,
} from './commands/grant-application-commands.dto.js';
import { grantApplicationDecider, grantApplicationStream } from './domain/grant-application.decider.js';
import { GrantApplicationNotFound } from './domain/grant-application.errors.js';
import type { ApplicantPersonalField, GrantApplicationEvent } from './domain/grant-application.events.js';
import { grantCallDecider, grantCallStream } from './domain/grant-call.decider.js';
import { GrantCallNotFound } from './domain/grant-call.errors.js';
import type { GrantCallEvent } from './domain/grant-call.events.js';
import { GRANT_APPLICATIONS_PROJECTION, type GrantApplicationDocument } from './projections/grant-applications.projection.js';

/** Statuses whose weighted mean is final: ranked within their call. */
const RANKED = ['ASSESSED', 'AWARDED', 'REJECTED', 'RESERVE'] as const;
const uuid = new ParseUUIDPipe({ version: undefined });
const storeOf = (moduleRef: ModuleRef) => moduleRef.get<EventStore>(EVENT_STORE, { strict: false });
const required = (name: string) => badRequest('validation-failed', 'The request is not valid', `${name} is required.`, [{ path: name, message: `${name} is required` }]);

/** The application a request names (path `applicationId`), folded from its stream; 404 for an unknown one. */
const applicationOf = async (request: Parameters<ScopeTarget['resolve']>[0], moduleRef: ModuleRef) => {
  const applicationId = fromRequest('applicationId')(request);
  if (!applicationId) throw required('applicationId');
  const events = (await storeOf(moduleRef).readStream(grantApplicationStream(applicationId))) as unknown as GrantApplicationEvent[];
  const state = fold(grantApplicationDecider, events);
  if (state.status === 'Empty') throw new GrantApplicationNotFound(applicationId);
  return state;
};
/** The programme of the call a new application names (body `callId`); 404 for an unknown call. */
const newApplicationProgramme: ScopeTarget = {
  kind: 'programmes',
  resolve: async (request, moduleRef) => {
    const callId = fromRequest('callId')(request);
    if (!callId) throw required('callId');
    const state = fold(grantCallDecider, (await storeOf(moduleRef).readStream(grantCallStream(callId))) as unknown as GrantCallEvent[]);
    if (state.status === 'Empty') throw new GrantCallNotFound(callId);
    return state.terms.programmeId;
  },
};
const applicationProgramme: ScopeTarget = { kind: 'programmes', resolve: async (request, moduleRef) => (await applicationOf(request, moduleRef)).submitted.programmeId };
const applicationCall: ScopeTarget = { kind: 'calls', resolve: async (request, moduleRef) => (await applicationOf(request, moduleRef)).callId };

/** Administrators; a programme officer on the applications to calls of their programmes. */
const ChangesApplication = (target: ScopeTarget = applicationProgramme) => Allow(['administrator', 'programme-officer'], target);
/** Administrators; an evaluator on the applications to the calls of their key's scope. */
const EvaluatesApplication = () => Allow(['administrator', 'evaluator'], applicationCall);
const applicationParam = () => ApiParam({ name: 'applicationId', format: 'uuid', description: 'The grant application' });

/** An application as the API shows it: personal values revealed only to roles that may see them; rank among the call's assessed applications. */
export type GrantApplicationView = Omit<GrantApplicationDocument, 'personal' | 'meanScoreHundredths'> & {
  personal: Partial<Record<ApplicantPersonalField, string>> | null;
  rank: number | null;
};

/**
 * Grant applications (DOMAIN.md 3.3, 5.7): submission within the call's window, range and band (one per applicant per
 * call), withdrawal, the eligibility check, conflict-of-interest declarations and recusal, weighted scoring and the
 * assessment (exact weighted mean).
 */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('grant-applications')
export class GrantApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly personal: PersonalDataService,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesApplication(newApplicationProgramme)
  @ApiOperation({ summary: 'Submit an application to a published call before its deadline (eligible unit and type, amount in range, own contribution in band; one per applicant per call: 409 applicant-already-applied)' })
  @ApiCommand(true)
  submit(@Body() dto: SubmitApplicationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { fullName, iin, phone, ...rest } = dto;
    return this.run(reply, ctx, { type: 'SubmitApplication', data: { ...rest, personal: { fullName, iin, ...(phone ? { phone } : {}) } } });
  }

  @Post(':applicationId/withdrawal')
  @ChangesApplication()
  @applicationParam()
  @ApiOperation({ summary: 'Withdraw a submitted or eligible application, for a reason' })
  @ApiCommand()
  withdraw(@Param('applicationId', uuid) applicationId: string, @Body() dto: WithdrawApplicationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'WithdrawApplication', data: { applicationId, reason: dto.reason } }, dto.reason);
  }

  @Post(':applicationId/eligibility')
  @ChangesApplication()
  @applicationParam()
  @ApiOperation({ summary: 'Record the eligibility check: eligible, or ineligible with reasons' })
  @ApiCommand()
  eligibility(@Param('applicationId', uuid) applicationId: string, @Body() dto: EligibilityDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    if (dto.eligible) return this.run(reply, ctx, { type: 'ConfirmEligibility', data: { applicationId } });
    return this.run(reply, ctx, { type: 'RefuseEligibility', data: { applicationId, reasons: dto.reasons ?? [] } }, dto.reasons?.join('; '));
  }

  @Post(':applicationId/conflict-declarations')
  @EvaluatesApplication()
  @applicationParam()
  @ApiOperation({ summary: 'An evaluator declares on conflicts of interest; a conflict recuses them from this application' })
  @ApiCommand()
  declare(@Param('applicationId', uuid) applicationId: string, @Body() dto: ConflictDeclarationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'DeclareConflictOfInterest', data: { applicationId, ...dto } });
  }

  @Post(':applicationId/scores')
  @EvaluatesApplication()
  @applicationParam()
  @ApiOperation({ summary: 'An evaluator scores every criterion 0-100 (declared and not recused: 409 evaluator-recused / conflict-declaration-required); a new score replaces their earlier one' })
  @ApiCommand()
  score(@Param('applicationId', uuid) applicationId: string, @Body() dto: ScoreApplicationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ScoreApplication', data: { applicationId, ...dto } });
  }

  @Post(':applicationId/assessment')
  @ChangesApplication()
  @applicationParam()
  @ApiOperation({ summary: 'Finalise the assessment with the weighted mean of the scores, once the call’s minimum number of scores is reached' })
  @ApiCommand()
  assess(@Param('applicationId', uuid) applicationId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AssessApplication', data: { applicationId } });
  }

  @Post(':applicationId/notifications')
  @ChangesApplication()
  @applicationParam()
  @ApiOperation({ summary: 'Record that the applicant was told the outcome (awarded, rejected, reserve or ineligible); telling the same outcome again is a no-op' })
  @ApiCommand()
  notify(@Param('applicationId', uuid) applicationId: string, @Body() dto: NotifyApplicantDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'NotifyApplicant', data: { applicationId, ...dto } });
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(GRANT_APPLICATIONS_PROJECTION)
  @ApiOperation({ summary: 'Applications by call and status, in submission order, with weighted means and ranks; personal values only for roles that may see them' })
  @ApiOkResponse({ description: '{ items, next }' })
  @ApiQueryProblems()
  async search(@Query() query: GrantApplicationSearchQueryDto, @Req() request: AuthenticatedRequest) {
    const filter: Filter = {};
    if (query.callId) filter.callId = query.callId;
    if (query.status) filter.status = query.status;
    const page = await this.reads.find<GrantApplicationDocument>(this.collection(), {
      filter,
      sort: [{ path: 'submittedAt', direction: 'asc' }],
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    const ranks = new Map<string, Map<string, number>>();
    for (const callId of new Set(page.items.map((d) => d.callId))) ranks.set(callId, await this.ranks(callId));
    const items = await Promise.all(page.items.map((d) => this.view(d, request.actor, ranks.get(d.callId)!)));
    return toPageResponse({ items, nextCursor: page.nextCursor }, request);
  }

  @Get(':applicationId')
  @Allow(ANY_ROLE)
  @ReadsFrom(GRANT_APPLICATIONS_PROJECTION)
  @applicationParam()
  @ApiOperation({ summary: 'A grant application: budget, status, declarations, scores, weighted mean and rank; personal values only for roles that may see them' })
  @ApiOkResponse({ description: 'The application', headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('applicationId', uuid) applicationId: string, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.reads.get<GrantApplicationDocument>(this.collection(), applicationId);
    if (!doc) throw new GrantApplicationNotFound(applicationId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return this.view(doc, request.actor, await this.ranks(doc.callId));
  }

  private collection(): string {
    return this.projections.collectionFor(GRANT_APPLICATIONS_PROJECTION);
  }

  /** Ranks of a call's assessed (and decided) applications by weighted mean, highest first; equal means share a rank (1, 2, 2, 4). */
  private async ranks(callId: string): Promise<Map<string, number>> {
    const assessed: GrantApplicationDocument[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.reads.find<GrantApplicationDocument>(this.collection(), {
        filter: { callId, status: { $in: [...RANKED] } },
        sort: [{ path: 'meanScoreHundredths', direction: 'desc' }],
        limit: 200,
        cursor,
      });
      assessed.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const means = assessed.map((d) => d.meanScoreHundredths ?? 0);
    return new Map(assessed.map((d) => [d.applicationId, 1 + means.filter((m) => m > (d.meanScoreHundredths ?? 0)).length]));
  }

  private async view(doc: GrantApplicationDocument, actor: Actor | undefined, ranks: Map<string, number>): Promise<GrantApplicationView> {
    const { personal, meanScoreHundredths: _, ...plain } = doc;
    return { ...plain, personal: maySeePersonalData(actor) ? await this.personal.revealAll(personal) : null, rank: ranks.get(doc.applicationId) ?? null };
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<GrantApplicationCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as GrantApplicationCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteGrantApplicationCommand(request, ctx)));
  }
}
