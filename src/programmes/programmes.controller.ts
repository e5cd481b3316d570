import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow, fromRequest } from '../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { NotFoundError } from '../shared/domain/errors.js';
import { CURRENCIES, isCurrency } from '../shared/domain/money.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { badRequest } from '../shared/http/http-errors.js';
import { toPageResponse } from '../shared/http/paging.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { ExecuteProgrammeCommand, type ProgrammeCommandRequest } from './commands/programme-command.handler.js';
import {
  AddProgrammePartnerDto,
  ApproveBudgetDto,
  ChangeProgrammeStatusDto,
  CloseProgrammeDto,
  CoFinancingDto,
  DisbursementDto,
  EnrolPilotUnitDto,
  ExpenditureDto,
  IncomingTransactionDto,
  OutgoingCommitmentDto,
  RegisterProgrammeDto,
  ReviseBudgetDto,
} from './commands/programme-commands.dto.js';
import { ProgrammeNotFound } from './domain/programme.errors.js';
import { PROGRAMME_FINANCE_PROJECTION } from './projections/programme-finance.projection.js';
import { PROGRAMME_LEDGER_PROJECTION } from './projections/programme-ledger.projection.js';
import { PROGRAMME_PORTFOLIO_PROJECTION } from './projections/programme-portfolio.projection.js';
import {
  LedgerPageDto,
  LedgerQueryDto,
  PortfolioDto,
  ProgrammeFinanceDto,
  ProgrammePageDto,
  ProgrammeSearchQueryDto,
} from './queries/programme-read-models.dto.js';
import { FindLedgerEntriesQuery, FindProgrammesQuery, GetPortfolioQuery, GetProgrammeFinanceQuery } from './queries/programme.queries.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Administrators; a programme officer on the programmes of their key's scope. */
const ChangesProgramme = () => Allow(['administrator', 'programme-officer'], { kind: 'programmes', resolve: fromRequest('programmeId') });

class NoProgrammesInCurrency extends NotFoundError {
  constructor(currency: string) {
    super('portfolio-not-found', 'No programmes in this currency', `No programme is registered in ${currency}.`);
  }
}

/**
 * Funding programmes (DOMAIN.md 5.4): partners with IATI roles, budgets and their revisions, pilot units, the
 * IATI-typed transactions and co-financing, status and closure; and their finance read models.
 */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesProgramme()
  @ApiOperation({ summary: 'Register a programme with its contract rules (maximum EU share, per-recipient cap)' })
  @ApiCommand(true)
  register(@Body() dto: RegisterProgrammeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RegisterProgramme', data: { ...dto } });
  }

  @Post(':programmeId/partners')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Add a partner organisation in an IATI role (funding, accountable, extending, implementing)' })
  @ApiCommand()
  addPartner(@Param('programmeId', uuid) programmeId: string, @Body() dto: AddProgrammePartnerDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AddProgrammePartner', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/budget')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Approve the original budget (version 1): lines that add up to the total, EU contribution within the maximum share' })
  @ApiCommand()
  approveBudget(@Param('programmeId', uuid) programmeId: string, @Body() dto: ApproveBudgetDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ApproveBudget', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/budget/revisions')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Revise the budget (version n + 1) for a reason' })
  @ApiCommand()
  reviseBudget(@Param('programmeId', uuid) programmeId: string, @Body() dto: ReviseBudgetDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReviseBudget', data: { programmeId, ...dto } }, dto.reason);
  }

  @Post(':programmeId/pilot-units')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Enrol a rural okrug, township or village as a pilot unit' })
  @ApiCommand()
  enrolPilotUnit(@Param('programmeId', uuid) programmeId: string, @Body() dto: EnrolPilotUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'EnrolPilotUnit', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/incoming-commitments')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Record an incoming commitment from a funding partner (IATI 11)' })
  @ApiCommand()
  incomingCommitment(@Param('programmeId', uuid) programmeId: string, @Body() dto: IncomingTransactionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordIncomingCommitment', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/incoming-funds')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Record incoming funds from a funding partner (IATI 1)' })
  @ApiCommand()
  incomingFunds(@Param('programmeId', uuid) programmeId: string, @Body() dto: IncomingTransactionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordIncomingFunds', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/outgoing-commitments')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Commit money to a third party on a budget line (IATI 2), within the line and the per-recipient cap' })
  @ApiCommand()
  outgoingCommitment(@Param('programmeId', uuid) programmeId: string, @Body() dto: OutgoingCommitmentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordOutgoingCommitment', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/disbursements')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Record a disbursement against an outgoing commitment (IATI 3)' })
  @ApiCommand()
  disbursement(@Param('programmeId', uuid) programmeId: string, @Body() dto: DisbursementDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordDisbursement', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/expenditures')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Record expenditure on a budget line (IATI 4)' })
  @ApiCommand()
  expenditure(@Param('programmeId', uuid) programmeId: string, @Body() dto: ExpenditureDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordExpenditure', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/co-financing')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Record a co-financing contribution by source (cash or in kind)' })
  @ApiCommand()
  coFinancing(@Param('programmeId', uuid) programmeId: string, @Body() dto: CoFinancingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordCoFinancing', data: { programmeId, ...dto } });
  }

  @Post(':programmeId/status')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Change the IATI activity status (implementation, finalisation, suspension, cancellation)' })
  @ApiCommand()
  changeStatus(@Param('programmeId', uuid) programmeId: string, @Body() dto: ChangeProgrammeStatusDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ChangeProgrammeStatus', data: { programmeId, ...dto } }, dto.reason);
  }

  @Post(':programmeId/closure')
  @ChangesProgramme()
  @ApiOperation({ summary: 'Close the programme (from finalisation); nothing is committed after closure' })
  @ApiCommand()
  close(@Param('programmeId', uuid) programmeId: string, @Body() dto: CloseProgrammeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CloseProgramme', data: { programmeId, ...dto } }, dto.reason);
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(PROGRAMME_FINANCE_PROJECTION)
  @ApiOperation({ summary: 'Search programmes by status, currency, lead, partner or pilot unit, sorted by code' })
  @ApiOkResponse({ type: ProgrammePageDto })
  @ApiQueryProblems()
  async search(@Query() query: ProgrammeSearchQueryDto, @Req() request: FastifyRequest) {
    const { cursor, limit, ...search } = query;
    return toPageResponse(await this.queries.execute(new FindProgrammesQuery({ ...search, cursor, limit: limit ?? 50 })), request);
  }

  @Get('portfolio/:currency')
  @Allow(ANY_ROLE)
  @ReadsFrom(PROGRAMME_PORTFOLIO_PROJECTION)
  @ApiOperation({ summary: 'The combined budgets, EU contribution, co-financing and shares of all programmes in a currency' })
  @ApiParam({ name: 'currency', enum: CURRENCIES })
  @ApiOkResponse({ type: PortfolioDto })
  @ApiQueryProblems()
  async portfolio(@Param('currency') currency: string) {
    if (!isCurrency(currency)) {
      throw badRequest('validation-failed', 'The request is not valid', `currency must be one of ${CURRENCIES.join(', ')}.`, [{ path: 'currency', message: 'must be a supported ISO 4217 code' }]);
    }
    const doc = await this.queries.execute(new GetPortfolioQuery(currency));
    if (!doc) throw new NoProgrammesInCurrency(currency);
    return doc;
  }

  @Get(':programmeId')
  @Allow(ANY_ROLE)
  @ReadsFrom(PROGRAMME_FINANCE_PROJECTION)
  @ApiOperation({ summary: 'Programme finance: budget per line with committed, disbursed and spent; EU and co-financing shares; totals by region and pilot unit' })
  @ApiOkResponse({ type: ProgrammeFinanceDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('programmeId', uuid) programmeId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.queries.execute(new GetProgrammeFinanceQuery(programmeId));
    if (!doc) throw new ProgrammeNotFound(programmeId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  @Get(':programmeId/ledger')
  @Allow(ANY_ROLE)
  @ReadsFrom(PROGRAMME_LEDGER_PROJECTION, PROGRAMME_FINANCE_PROJECTION)
  @ApiOperation({ summary: 'The programme ledger: IATI-typed transactions by date, filterable by type, budget line, unit and date range' })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiQueryProblems()
  async ledger(@Param('programmeId', uuid) programmeId: string, @Query() query: LedgerQueryDto, @Req() request: FastifyRequest) {
    if (!(await this.queries.execute(new GetProgrammeFinanceQuery(programmeId)))) throw new ProgrammeNotFound(programmeId);
    const { cursor, limit, ...search } = query;
    return toPageResponse(await this.queries.execute(new FindLedgerEntriesQuery({ programmeId, ...search, cursor, limit: limit ?? 50 })), request);
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<ProgrammeCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as ProgrammeCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteProgrammeCommand(request, ctx)));
  }
}
