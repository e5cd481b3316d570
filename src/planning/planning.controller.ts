import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow, type ScopeTarget, fromRequest } from '../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { NotFoundError } from '../shared/domain/errors.js';
import type { Currency } from '../shared/domain/money.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { badRequest } from '../shared/http/http-errors.js';
import { toPageResponse } from '../shared/http/paging.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { type AmendmentCommandRequest, ExecuteAmendmentCommand } from './commands/amendment-command.handler.js';
import { ExecutePlanCommand, type PlanCommandRequest, loadPlan } from './commands/plan-command.handler.js';
import {
  ActionContentDto,
  AddPlanActionDto,
  AmendmentDecisionDto,
  type AmendmentOpDto,
  ClosePlanDto,
  DraftPlanDto,
  EndorsePlanDto,
  type FundingSourceDto,
  PlanDiffQueryDto,
  PlanSearchQueryDto,
  ProposeAmendmentDto,
  RecordActionProgressDto,
  RecordIndicatorActualDto,
  RecordProblemDto,
  ReturnPlanToDraftDto,
  SetPrioritiesDto,
  SupersedePlanDto,
  WithdrawAmendmentDto,
} from './commands/planning-commands.dto.js';
import type { AmendmentOp, RevisableFields } from './domain/amendment-ops.js';
import { type ActionSpec, type FundingSource, diffContent } from './domain/plan-content.js';
import { planAmendmentDecider, planAmendmentStream } from './domain/plan-amendment.decider.js';
import { AmendmentNotFound, PlanNotFound } from './domain/planning.errors.js';
import { AMENDMENTS_PROJECTION, type AmendmentDocument } from './projections/amendments.projection.js';
import { IMPLEMENTATION_PROJECTION, type ImplementationDocument, PLANS_PROJECTION, type PlanDocument, publicImplementation, publicPlan } from './projections/plans.projection.js';
import { AmendmentDto, ImplementationDto, PlanDiffDto, PlanDto, PlanPageDto, PlanVersionDto } from './queries/planning-read-models.dto.js';
import { FindPlansQuery, GetPlanningDocumentQuery } from './queries/planning.queries.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const storeOf = (moduleRef: ModuleRef) => moduleRef.get<EventStore>(EVENT_STORE, { strict: false });
const required = (name: string) => badRequest('validation-failed', 'The request is not valid', `${name} is required.`, [{ path: name, message: `${name} is required` }]);

/** The territory unit of the plan a request names (path or body `planId`): a rural akim's key must cover it. */
const planTerritory: ScopeTarget = {
  kind: 'units',
  resolve: async (request, moduleRef) => {
    const planId = fromRequest('planId')(request);
    if (!planId) throw required('planId');
    const plan = await loadPlan(storeOf(moduleRef), planId);
    if (plan.status === 'Empty') throw new PlanNotFound(planId);
    return plan.content.territoryUnitId;
  },
};
/** The territory unit a new plan is drafted for. */
const newPlanTerritory: ScopeTarget = {
  kind: 'units',
  resolve: (request) => {
    const unitId = fromRequest('territoryUnitId')(request);
    if (!unitId) throw required('territoryUnitId');
    return unitId;
  },
};
/** The territory unit of the plan an amendment changes. */
const amendmentTerritory: ScopeTarget = {
  kind: 'units',
  resolve: async (request, moduleRef) => {
    const amendmentId = fromRequest('amendmentId')(request)!;
    const events = await storeOf(moduleRef).readStream(planAmendmentStream(amendmentId));
    const state = events.reduce((s, e) => planAmendmentDecider.evolve(s, e as never), planAmendmentDecider.initialState());
    if (state.status === 'Empty') throw new AmendmentNotFound(amendmentId);
    return state.territoryUnitId;
  },
};

/** Administrators; a rural akim on plans of the units their key covers. */
const ChangesPlan = (target: ScopeTarget = planTerritory) => Allow(['administrator', 'rural-akim'], target);

class PlanVersionNotFound extends NotFoundError {
  constructor(planId: string, version: number) {
    super('plan-version-not-found', 'No such plan version', `Plan ${planId} has no recorded version ${version} (versions are recorded at submission and by amendments).`);
  }
}

const money = (m: { amountMinor: string; currency: Currency }) => ({ amountMinor: m.amountMinor, currency: m.currency });
const funding = (list: FundingSourceDto[]): FundingSource[] => list.map((f) => ({ source: f.source, amount: money(f.amount), status: f.status }));
const action = (actionId: string, d: ActionContentDto): ActionSpec => ({
  actionId,
  priorityId: d.priorityId,
  title: d.title,
  cost: money(d.cost),
  fundingSources: funding(d.fundingSources),
  responsibleParty: d.responsibleParty,
  start: d.start,
  end: d.end,
  indicators: d.indicators.map(({ name, unit, baseline, target }) => ({ name, unit, baseline, target })),
});
const toOp = (o: AmendmentOpDto, i: number): AmendmentOp => {
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined || value === null) throw required(`ops[${i}].${field}`);
    return value;
  };
  switch (o.op) {
    case 'ADD_ACTION': {
      const a = need(o.action, 'action');
      return { op: 'ADD_ACTION', action: action(a.actionId, a) };
    }
    case 'REVISE_ACTION': {
      const f = need(o.fields, 'fields');
      const fields: RevisableFields = {};
      if (f.priorityId !== undefined) fields.priorityId = f.priorityId;
      if (f.title !== undefined) fields.title = f.title;
      if (f.cost !== undefined) fields.cost = money(f.cost);
      if (f.responsibleParty !== undefined) fields.responsibleParty = f.responsibleParty;
      if (f.start !== undefined) fields.start = f.start;
      if (f.end !== undefined) fields.end = f.end;
      if (f.indicators !== undefined) fields.indicators = f.indicators.map(({ name, unit, baseline, target }) => ({ name, unit, baseline, target }));
      return { op: 'REVISE_ACTION', actionId: need(o.actionId, 'actionId'), fields };
    }
    case 'DROP_ACTION':
      return { op: 'DROP_ACTION', actionId: need(o.actionId, 'actionId') };
    case 'REPRIORITISE':
      return { op: 'REPRIORITISE', ranking: need(o.ranking, 'ranking') };
    case 'CHANGE_FUNDING':
      return { op: 'CHANGE_FUNDING', actionId: need(o.actionId, 'actionId'), fundingSources: funding(need(o.fundingSources, 'fundingSources')) };
  }
};

/**
 * Inclusive development plans (DOMAIN.md 2, 5.5): drafting (problems, ranked priorities, costed actions), submission
 * with a content hash, approval by a certified community vote (through the PlanApproval reactor), the akim's
 * endorsement, activation (one per territory and period), progress and closure; and the plan read models.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesPlan(newPlanTerritory)
  @ApiOperation({ summary: 'Draft a plan for a territory unit in force and a period (version 1, DRAFT)' })
  @ApiCommand(true)
  draft(@Body() dto: DraftPlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'DraftPlan', data: { planId: dto.planId, territoryUnitId: dto.territoryUnitId, programmeId: dto.programmeId ?? null, period: dto.period, vision: dto.vision } });
  }

  @Post(':planId/problems')
  @ChangesPlan()
  @ApiOperation({ summary: 'Record a problem raised in a discussion (DRAFT only)' })
  @ApiCommand()
  problem(@Param('planId', uuid) planId: string, @Body() dto: RecordProblemDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { problemId, title, category, discussionId } = dto;
    return this.run(reply, ctx, { type: 'RecordProblem', data: { planId, problem: { problemId, title, category, discussionId } } });
  }

  @Post(':planId/priorities')
  @ChangesPlan()
  @ApiOperation({ summary: 'Set the ranked priorities, linked to recorded problems (DRAFT only)' })
  @ApiCommand()
  priorities(@Param('planId', uuid) planId: string, @Body() dto: SetPrioritiesDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const priorities = dto.priorities.map(({ priorityId, title, sector, problemIds }) => ({ priorityId, title, sector, problemIds }));
    return this.run(reply, ctx, { type: 'SetPriorities', data: { planId, priorities, voteId: dto.voteId ?? null } });
  }

  @Post(':planId/actions')
  @ChangesPlan()
  @ApiOperation({ summary: 'Add a costed action under a priority; funding sources add up exactly to the cost (DRAFT only)' })
  @ApiCommand()
  addAction(@Param('planId', uuid) planId: string, @Body() dto: AddPlanActionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AddPlanAction', data: { planId, action: action(dto.actionId, dto) } });
  }

  @Post(':planId/actions/:actionId/revision')
  @ChangesPlan()
  @ApiOperation({ summary: 'Revise a draft action (its whole content; DRAFT only)' })
  @ApiCommand()
  reviseAction(
    @Param('planId', uuid) planId: string,
    @Param('actionId', uuid) actionId: string,
    @Body() dto: ActionContentDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(reply, ctx, { type: 'ReviseDraftAction', data: { planId, action: action(actionId, dto) } });
  }

  @Post(':planId/actions/:actionId/removal')
  @ChangesPlan()
  @ApiOperation({ summary: 'Remove a draft action (DRAFT only)' })
  @ApiCommand()
  removeAction(@Param('planId', uuid) planId: string, @Param('actionId', uuid) actionId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RemoveDraftAction', data: { planId, actionId } });
  }

  @Post(':planId/submission')
  @ChangesPlan()
  @ApiOperation({ summary: 'Submit the plan for community approval: records its version and content hash (SHA-256 of RFC 8785 JSON)' })
  @ApiCommand()
  submit(@Param('planId', uuid) planId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SubmitPlanForApproval', data: { planId } });
  }

  @Post(':planId/return-to-draft')
  @ChangesPlan()
  @ApiOperation({ summary: 'Return a submitted plan to draft for a reason (the version grows)' })
  @ApiCommand()
  returnToDraft(@Param('planId', uuid) planId: string, @Body() dto: ReturnPlanToDraftDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReturnPlanToDraft', data: { planId, reason: dto.reason } }, dto.reason);
  }

  @Post(':planId/endorsement')
  @ChangesPlan()
  @ApiOperation({ summary: 'The akim endorses the community-approved plan' })
  @ApiCommand()
  endorse(@Param('planId', uuid) planId: string, @Body() dto: EndorsePlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'EndorsePlan', data: { planId, akimTenureId: dto.akimTenureId ?? null } });
  }

  @Post(':planId/activation')
  @ChangesPlan()
  @ApiOperation({ summary: 'Activate the approved and endorsed plan; refused while another plan is ACTIVE for the same territory and period' })
  @ApiCommand()
  activate(@Param('planId', uuid) planId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ActivatePlan', data: { planId } });
  }

  @Post(':planId/actions/:actionId/progress')
  @ChangesPlan()
  @ApiOperation({ summary: 'Record an action’s status, spending and funding received (ACTIVE only)' })
  @ApiCommand()
  progress(
    @Param('planId', uuid) planId: string,
    @Param('actionId', uuid) actionId: string,
    @Body() dto: RecordActionProgressDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const fundingReceived = (dto.fundingReceived ?? []).map((f) => ({ source: f.source, amount: money(f.amount) }));
    return this.run(reply, ctx, { type: 'RecordActionProgress', data: { planId, actionId, status: dto.status, spent: dto.spent ? money(dto.spent) : null, fundingReceived } });
  }

  @Post(':planId/actions/:actionId/indicator-actuals')
  @ChangesPlan()
  @ApiOperation({ summary: 'Record a measured value of one of an action’s indicators (ACTIVE only)' })
  @ApiCommand()
  indicatorActual(
    @Param('planId', uuid) planId: string,
    @Param('actionId', uuid) actionId: string,
    @Body() dto: RecordIndicatorActualDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(reply, ctx, { type: 'RecordIndicatorActual', data: { planId, actionId, indicator: dto.indicator, asOf: dto.asOf, actual: dto.actual } });
  }

  @Post(':planId/closure')
  @ChangesPlan()
  @ApiOperation({ summary: 'Close the active plan with its implementation rate (share of actions done); releases the territory’s period' })
  @ApiCommand()
  close(@Param('planId', uuid) planId: string, @Body() dto: ClosePlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ClosePlan', data: { planId } }, dto.reason);
  }

  @Post(':planId/supersession')
  @ChangesPlan()
  @ApiOperation({ summary: 'Supersede the active plan by another; releases the territory’s period' })
  @ApiCommand()
  supersede(@Param('planId', uuid) planId: string, @Body() dto: SupersedePlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SupersedePlan', data: { planId, byPlanId: dto.byPlanId } });
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(PLANS_PROJECTION)
  @ApiOperation({ summary: 'Plans by territory unit and status, by period' })
  @ApiOkResponse({ type: PlanPageDto })
  @ApiQueryProblems()
  async search(@Query() query: PlanSearchQueryDto, @Req() request: FastifyRequest) {
    const { cursor, limit, ...search } = query;
    const page = await this.queries.execute(new FindPlansQuery({ ...search, cursor, limit: limit ?? 50 }));
    return toPageResponse({ ...page, items: page.items.map(publicPlan) }, request);
  }

  @Get(':planId')
  @Allow(ANY_ROLE)
  @ReadsFrom(PLANS_PROJECTION)
  @ApiOperation({ summary: 'A plan now: content, status, approvals, endorsement and its version history with a diff per amendment' })
  @ApiOkResponse({ type: PlanDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('planId', uuid) planId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.plan(planId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return publicPlan(doc);
  }

  @Get(':planId/implementation')
  @Allow(ANY_ROLE)
  @ReadsFrom(IMPLEMENTATION_PROJECTION)
  @ApiOperation({ summary: 'Implementation: share of actions done, cost planned and funding received by source' })
  @ApiOkResponse({ type: ImplementationDto })
  @ApiQueryProblems()
  async implementation(@Param('planId', uuid) planId: string) {
    const doc = await this.queries.execute(new GetPlanningDocumentQuery<ImplementationDocument>(IMPLEMENTATION_PROJECTION, planId));
    if (!doc) throw new PlanNotFound(planId);
    return publicImplementation(doc);
  }

  @Get(':planId/versions/:version')
  @Allow(ANY_ROLE)
  @ReadsFrom(PLANS_PROJECTION)
  @ApiOperation({ summary: 'One recorded version of the plan’s text, with its content hash (and, for an amendment, its diff)' })
  @ApiOkResponse({ type: PlanVersionDto })
  @ApiQueryProblems()
  async version(@Param('planId', uuid) planId: string, @Param('version', ParseIntPipe) version: number) {
    const found = (await this.plan(planId)).versions.find((v) => v.version === version);
    if (!found) throw new PlanVersionNotFound(planId, version);
    return found;
  }

  @Get(':planId/diff')
  @Allow(ANY_ROLE)
  @ReadsFrom(PLANS_PROJECTION)
  @ApiOperation({ summary: 'Structured diff between two recorded versions: actions added, revised (field by field), dropped; priorities reordered' })
  @ApiOkResponse({ type: PlanDiffDto })
  @ApiQueryProblems()
  async diff(@Param('planId', uuid) planId: string, @Query() query: PlanDiffQueryDto) {
    const doc = await this.plan(planId);
    const at = (v: number) => {
      const found = doc.versions.find((x) => x.version === v);
      if (!found) throw new PlanVersionNotFound(planId, v);
      return found.content;
    };
    return diffContent(at(query.from), at(query.to));
  }

  private async plan(planId: string): Promise<PlanDocument> {
    const doc = await this.queries.execute(new GetPlanningDocumentQuery<PlanDocument>(PLANS_PROJECTION, planId));
    if (!doc) throw new PlanNotFound(planId);
    return doc;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<PlanCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as PlanCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecutePlanCommand(request, ctx)));
  }
}

/**
 * Amendments of approved plans (DOMAIN.md 5.5): proposal with ops classified MINOR or MAJOR by the amendment policy,
 * submission, decision (a certified community vote for MAJOR, akim and working group for MINOR), withdrawal and
 * rebase after a conflict. Approved amendments are applied by the AmendmentApplication reactor.
 */
@ApiTags('plan-amendments')
@ApiBearerAuth()
@Controller('plan-amendments')
export class PlanAmendmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesPlan(planTerritory)
  @ApiOperation({ summary: 'Propose an amendment to an approved or active plan at its current version; classified MINOR or MAJOR by the policy' })
  @ApiCommand(true)
  propose(@Body() dto: ProposeAmendmentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { amendmentId, planId, baseVersion, rationale, proposer } = dto;
    const data = { amendmentId, planId, baseVersion, rationale, ops: dto.ops.map(toOp), proposer: { kind: proposer.kind, signatures: proposer.signatures ?? null } };
    return this.run(reply, ctx, { type: 'ProposeAmendment', data }, rationale);
  }

  @Post(':amendmentId/submission')
  @ChangesPlan(amendmentTerritory)
  @ApiOperation({ summary: 'Submit for decision: MAJOR to a community vote, MINOR to the akim and working group' })
  @ApiCommand()
  submit(@Param('amendmentId', uuid) amendmentId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'SubmitAmendmentForDecision', data: { amendmentId } });
  }

  @Post(':amendmentId/decision')
  @ChangesPlan(amendmentTerritory)
  @ApiOperation({ summary: 'Record the decision: MAJOR by the certified vote named (on the amendment’s content hash); MINOR by akim and working-group sign-off' })
  @ApiCommand()
  decide(@Param('amendmentId', uuid) amendmentId: string, @Body() dto: AmendmentDecisionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = { amendmentId, decision: dto.decision, decisionId: dto.decisionId ?? null, akimSignOff: dto.akimSignOff ?? false, workingGroupSignOff: dto.workingGroupSignOff ?? false };
    return this.run(reply, ctx, { type: 'RecordAmendmentDecision', data, voteId: dto.voteId ?? null });
  }

  @Post(':amendmentId/withdrawal')
  @ChangesPlan(amendmentTerritory)
  @ApiOperation({ summary: 'Withdraw a proposed or submitted amendment' })
  @ApiCommand()
  withdraw(@Param('amendmentId', uuid) amendmentId: string, @Body() dto: WithdrawAmendmentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'WithdrawAmendment', data: { amendmentId, reason: dto.reason } }, dto.reason);
  }

  @Post(':amendmentId/rebase')
  @ChangesPlan(amendmentTerritory)
  @ApiOperation({ summary: 'Rebase a conflicted amendment on the plan’s current version; it is proposed again and needs a new decision' })
  @ApiCommand()
  rebase(@Param('amendmentId', uuid) amendmentId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RebaseAmendment', data: { amendmentId } });
  }

  @Get(':amendmentId')
  @Allow(ANY_ROLE)
  @ReadsFrom(AMENDMENTS_PROJECTION)
  @ApiOperation({ summary: 'An amendment: ops, classification (with the policy version), decision and outcome' })
  @ApiOkResponse({ type: AmendmentDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('amendmentId', uuid) amendmentId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.queries.execute(new GetPlanningDocumentQuery<AmendmentDocument>(AMENDMENTS_PROJECTION, amendmentId));
    if (!doc) throw new AmendmentNotFound(amendmentId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<AmendmentCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as AmendmentCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteAmendmentCommand(request, ctx)));
  }
}
