import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, type ScopeTarget, fromRequest } from '../access/authorization.js';
import type { Role } from '../access/roles.js';
import { type AuthenticatedRequest, CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { fold } from '../shared/domain/decider.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { badRequest } from '../shared/http/http-errors.js';
import { toPageResponse } from '../shared/http/paging.js';
import { Projections } from '../shared/projections/projections.module.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { ExecuteGrantAgreementCommand, type GrantAgreementCommandRequest } from './commands/grant-agreement-command.handler.js';
import {
  AgreementDisbursementDto,
  GrantAgreementSearchQueryDto,
  InKindDeliveryDto,
  JobsCreatedDto,
  MonitoringVisitDto,
  AgreementOptionalReasonDto,
  PrepareAgreementDto,
  ProgressReportDto,
  AgreementReasonDto,
  RecoveryReceiptDto,
  RecoveryRequestDto,
  RequestDisbursementDto,
  SignAgreementDto,
} from './commands/grant-agreement-commands.dto.js';
import { grantAgreementDecider, grantAgreementStream } from './domain/grant-agreement.decider.js';
import { GrantAgreementNotFound } from './domain/grant-agreement.errors.js';
import type { GrantAgreementEvent } from './domain/grant-agreement.events.js';
import { grantApplicationDecider, grantApplicationStream } from './domain/grant-application.decider.js';
import { GrantApplicationNotFound } from './domain/grant-application.errors.js';
import type { GrantApplicationEvent } from './domain/grant-application.events.js';
import {
  GRANT_AGREEMENTS_PROJECTION,
  GRANT_TOTALS_BY_REGION_PROJECTION,
  GRANT_TOTALS_BY_UNIT_PROJECTION,
  type GrantAgreementDocument,
  type GrantTotalsDocument,
} from './projections/grant-agreements.projection.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const storeOf = (moduleRef: ModuleRef) => moduleRef.get<EventStore>(EVENT_STORE, { strict: false });
const required = (name: string) => badRequest('validation-failed', 'The request is not valid', `${name} is required.`, [{ path: name, message: `${name} is required` }]);

/** The programme of the agreement a request names (path `agreementId`), from its stream; 404 for an unknown one. */
const agreementProgramme: ScopeTarget = {
  kind: 'programmes',
  resolve: async (request, moduleRef) => {
    const agreementId = fromRequest('agreementId')(request);
    if (!agreementId) throw required('agreementId');
    const state = fold(grantAgreementDecider, (await storeOf(moduleRef).readStream(grantAgreementStream(agreementId))) as unknown as GrantAgreementEvent[]);
    if (state.status === 'Empty') throw new GrantAgreementNotFound(agreementId);
    return state.ref.programmeId;
  },
};
/** The programme of the application a new agreement names (body `applicationId`); 404 for an unknown application. */
const applicationProgramme: ScopeTarget = {
  kind: 'programmes',
  resolve: async (request, moduleRef) => {
    const applicationId = fromRequest('applicationId')(request);
    if (!applicationId) throw required('applicationId');
    const state = fold(grantApplicationDecider, (await storeOf(moduleRef).readStream(grantApplicationStream(applicationId))) as unknown as GrantApplicationEvent[]);
    if (state.status === 'Empty') throw new GrantApplicationNotFound(applicationId);
    return state.submitted.programmeId;
  },
};
const READERS: readonly Role[] = ['administrator', 'programme-officer', 'auditor'];
/** Administrators; a programme officer on the agreements of their programmes. */
const ChangesAgreement = (target: ScopeTarget = agreementProgramme) => Allow(['administrator', 'programme-officer'], target);
const agreementParam = () => ApiParam({ name: 'agreementId', format: 'uuid', description: 'The grant agreement' });

/**
 * Grant agreements (DOMAIN.md 3.3, 5.7): prepared for an awarded application, signed, disbursed in tranches (bank
 * transfer or in kind) under their conditions, reported on, visited at months 3, 6 and 12, with jobs created;
 * suspended and resumed, terminated with recovery, completed and closed. Signature and payments reach the programme
 * ledger through the grants.ledger reactor. Also the grant totals per aul and per region.
 */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('grant-agreements')
export class GrantAgreementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesAgreement(applicationProgramme)
  @ApiOperation({ summary: 'Prepare the agreement of an awarded application: amount equal to the award, tranches adding up to it (one per application: 409 application-already-has-agreement)' })
  @ApiCommand(true)
  prepare(@Body() dto: PrepareAgreementDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'PrepareAgreement', data: dto });
  }

  @Post(':agreementId/signature')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Sign the agreement: commits the amount on the programme’s FSTP line (IATI 2)' })
  @ApiCommand()
  sign(@Param('agreementId', uuid) agreementId: string, @Body() dto: SignAgreementDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SignAgreement', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/disbursement-requests')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Request a tranche (signed, not suspended, previous tranche paid, condition met)' })
  @ApiCommand()
  request(@Param('agreementId', uuid) agreementId: string, @Body() dto: RequestDisbursementDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RequestDisbursement', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/disbursements')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Record a bank transfer of a tranche (never more than is left of it); recorded on the programme ledger (IATI 3)' })
  @ApiCommand()
  disburse(@Param('agreementId', uuid) agreementId: string, @Body() dto: AgreementDisbursementDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordDisbursement', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/in-kind-deliveries')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Record equipment delivered in kind towards a tranche; recorded on the programme ledger as expenditure (IATI 4)' })
  @ApiCommand()
  deliver(@Param('agreementId', uuid) agreementId: string, @Body() dto: InKindDeliveryDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordInKindDelivery', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/reports')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Submit a purchase, progress or final report (a rejected one is resubmitted under its id)' })
  @ApiCommand()
  report(@Param('agreementId', uuid) agreementId: string, @Body() dto: ProgressReportDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SubmitProgressReport', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/reports/:reportId/acceptance')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Accept a report' })
  @ApiCommand()
  accept(@Param('agreementId', uuid) agreementId: string, @Param('reportId') reportId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AcceptReport', data: { agreementId, reportId } });
  }

  @Post(':agreementId/reports/:reportId/rejection')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Reject a report, for a reason' })
  @ApiCommand()
  reject(@Param('agreementId', uuid) agreementId: string, @Param('reportId') reportId: string, @Body() dto: AgreementReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RejectReport', data: { agreementId, reportId, reason: dto.reason } }, dto.reason);
  }

  @Post(':agreementId/monitoring-visits')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Record the monitoring visit of month 3, 6 or 12 (once each); the month-12 visit after full payment completes the agreement' })
  @ApiCommand()
  visit(@Param('agreementId', uuid) agreementId: string, @Body() dto: MonitoringVisitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordMonitoringVisit', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/jobs')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Report the jobs created as of a date: headcount, FTE, women, youth' })
  @ApiCommand()
  jobs(@Param('agreementId', uuid) agreementId: string, @Body() dto: JobsCreatedDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReportJobsCreated', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/suspension')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Suspend an active agreement, for a reason (no disbursement while suspended)' })
  @ApiCommand()
  suspend(@Param('agreementId', uuid) agreementId: string, @Body() dto: AgreementReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SuspendAgreement', data: { agreementId, reason: dto.reason } }, dto.reason);
  }

  @Post(':agreementId/resumption')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Resume a suspended agreement' })
  @ApiCommand()
  resume(@Param('agreementId', uuid) agreementId: string, @Body() dto: AgreementOptionalReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ResumeAgreement', data: { agreementId, ...(dto.reason ? { reason: dto.reason } : {}) } }, dto.reason);
  }

  @Post(':agreementId/termination')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Terminate a signed, active or suspended agreement, for a reason' })
  @ApiCommand()
  terminate(@Param('agreementId', uuid) agreementId: string, @Body() dto: AgreementReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'TerminateAgreement', data: { agreementId, reason: dto.reason } }, dto.reason);
  }

  @Post(':agreementId/recovery-request')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'After termination, set the amount to recover (never more than was paid: 422 recovery-exceeds-paid)' })
  @ApiCommand()
  requestRecovery(@Param('agreementId', uuid) agreementId: string, @Body() dto: RecoveryRequestDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RequestRecovery', data: { agreementId, amount: dto.amount } });
  }

  @Post(':agreementId/recoveries')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Record money recovered (never more than is still to be recovered)' })
  @ApiCommand()
  recover(@Param('agreementId', uuid) agreementId: string, @Body() dto: RecoveryReceiptDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordRecovery', data: { agreementId, ...dto } });
  }

  @Post(':agreementId/closure')
  @ChangesAgreement()
  @agreementParam()
  @ApiOperation({ summary: 'Close a completed agreement (all reports accepted, month-12 visit) or a terminated one (recovery received in full)' })
  @ApiCommand()
  close(@Param('agreementId', uuid) agreementId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CloseAgreement', data: { agreementId } });
  }

  @Get()
  @Allow(READERS)
  @ReadsFrom(GRANT_AGREEMENTS_PROJECTION)
  @ApiOperation({ summary: 'Agreements by programme, call, status, aul or region, in order of preparation (no personal data: the grantee is a pseudonymous id)' })
  @ApiOkResponse({ description: '{ items, next }' })
  @ApiQueryProblems()
  async search(@Query() query: GrantAgreementSearchQueryDto, @Req() request: AuthenticatedRequest) {
    const filter: Filter = {};
    for (const key of ['programmeId', 'callId', 'status', 'territoryUnitId', 'regionId'] as const) if (query[key]) filter[key] = query[key]!;
    const page = await this.reads.find<GrantAgreementDocument>(this.projections.collectionFor(GRANT_AGREEMENTS_PROJECTION), {
      filter,
      sort: [{ path: 'preparedAt', direction: 'asc' }],
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    return toPageResponse(page, request);
  }

  @Get('totals/units/:unitId')
  @Allow(READERS)
  @ReadsFrom(GRANT_TOTALS_BY_UNIT_PROJECTION)
  @ApiParam({ name: 'unitId', format: 'uuid', description: 'The aul (rural okrug, township or village)' })
  @ApiOperation({ summary: 'Grant totals of one aul: agreements signed, committed, paid, recovered, and jobs created (headcount, FTE, women, youth)' })
  @ApiQueryProblems()
  unitTotals(@Param('unitId', uuid) unitId: string) {
    return this.totals(GRANT_TOTALS_BY_UNIT_PROJECTION, 'UNIT', unitId);
  }

  @Get('totals/regions/:regionId')
  @Allow(READERS)
  @ReadsFrom(GRANT_TOTALS_BY_REGION_PROJECTION)
  @ApiParam({ name: 'regionId', format: 'uuid', description: 'The region' })
  @ApiOperation({ summary: 'Grant totals of one region: agreements signed, committed, paid, recovered, and jobs created (headcount, FTE, women, youth)' })
  @ApiQueryProblems()
  regionTotals(@Param('regionId', uuid) regionId: string) {
    return this.totals(GRANT_TOTALS_BY_REGION_PROJECTION, 'REGION', regionId);
  }

  @Get(':agreementId')
  @Allow(READERS, agreementProgramme)
  @ReadsFrom(GRANT_AGREEMENTS_PROJECTION)
  @agreementParam()
  @ApiOperation({ summary: 'A grant agreement: status, tranches and payments, paid, reports, visits, jobs, suspensions, termination and recovery' })
  @ApiOkResponse({ description: 'The agreement', headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('agreementId', uuid) agreementId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.reads.get<GrantAgreementDocument>(this.projections.collectionFor(GRANT_AGREEMENTS_PROJECTION), agreementId);
    if (!doc) throw new GrantAgreementNotFound(agreementId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  /** Totals of one aul or region; zeros when nothing was signed there yet. */
  private async totals(projection: string, level: GrantTotalsDocument['level'], unitId: string) {
    const doc = await this.reads.get<GrantTotalsDocument>(this.projections.collectionFor(projection), unitId);
    const { jobsByAgreement: _, position: __, ...totals } = doc ?? {
      level, unitId, agreements: 0, committed: [], paid: [], recovered: [], jobs: { headcount: 0, fte: '0.00', women: 0, youth: 0 }, jobsByAgreement: {}, position: '0',
    };
    return totals;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<GrantAgreementCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as GrantAgreementCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteGrantAgreementCommand(request, ctx)));
  }
}
