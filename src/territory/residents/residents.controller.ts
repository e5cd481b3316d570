import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow, type ScopeTarget, fromRequest } from '../../access/authorization.js';
import { ERASED } from '../../privacy/encrypted-value.js';
import { PersonalDataService, maySeePersonalData } from '../../privacy/personal-data.service.js';
import { type AuthenticatedRequest, CommandCtx, type CommandContext, commandMetadata } from '../../shared/command/command-context.js';
import { CommandPipeline } from '../../shared/command/command-pipeline.js';
import { sendCommandResult } from '../../shared/command/command-response.js';
import type { Actor } from '../../shared/domain/message.js';
import { ApiCommand, ApiQueryProblems } from '../../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../../shared/http/clock.js';
import { toPageResponse } from '../../shared/http/paging.js';
import { Projections } from '../../shared/projections/projections.module.js';
import { ReadsFrom } from '../../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import type { ResidentCommand, SettlementContext } from '../domain/resident.commands.js';
import { RESIDENT_PERSONAL_FIELDS } from '../domain/resident.events.js';
import { residentDecider, residentStream } from '../domain/resident.decider.js';
import { IinAlreadyRegistered, ResidentNotFound } from '../domain/resident.errors.js';
import { UnitContextLoader } from '../unit-context.loader.js';
import {
  DeregisterResidentDto,
  RegisterResidentDto,
  RelocateResidentDto,
  ResidentContactDto,
  ResidentListQueryDto,
  ResidentLookupDto,
  ResidentPageDto,
  ResidentViewDto,
  birthYearBand,
} from './residents.dto.js';
import { RESIDENTS_PROJECTION, RESIDENT_COUNTS_PROJECTION, type ResidentCountsDocument, type ResidentDocument } from './residents.projection.js';

/** The settlement of the resident a request names (for the scope of akims' and secretaries' keys). */
const residentSettlement: ScopeTarget = {
  kind: 'units',
  resolve: async (request, moduleRef) => {
    const residentId = fromRequest('residentId')(request);
    if (!residentId) return undefined;
    const reads = moduleRef.get<ReadStore>(READ_STORE, { strict: false });
    const projections = moduleRef.get(Projections, { strict: false });
    return (await reads.get<ResidentDocument>(projections.collectionFor(RESIDENTS_PROJECTION), residentId))?.settlementId;
  },
};
const LOCAL_STAFF = ['administrator', 'rural-akim', 'meeting-secretary'] as const;

/**
 * The residents register (Territory & People). Personal fields are sealed under each resident's own key before
 * they reach an event; reads reveal them only to roles allowed to see personal data, and show "[erased]" after
 * erasure. IINs travel only in request bodies.
 */
@ApiTags('residents')
@ApiBearerAuth()
@Controller('residents')
export class ResidentsController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly personal: PersonalDataService,
    private readonly units: UnitContextLoader,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Allow(LOCAL_STAFF, { kind: 'units', resolve: fromRequest('settlementId') })
  @ApiOperation({ summary: 'Register a resident (personal fields are encrypted under the resident’s key)' })
  @ApiCommand(true)
  async register(@Body() dto: RegisterResidentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const now = this.clock.now();
    const { residentId, settlementId, sex, fullName, iin, birthDate, phone, address } = dto;
    const iinHash = await this.personal.iinHash(iin);
    const holder = await this.personal.iinHolder(iinHash);
    if (holder && holder !== residentId) throw new IinAlreadyRegistered();
    const sealed = await this.personal.seal(residentId, 'resident', { fullName, iin, birthDate, phone, address }, ctx.actor, now.toISOString(), ctx.correlationId);
    if ((await this.personal.claimIin(iinHash, residentId)) !== residentId) throw new IinAlreadyRegistered();
    try {
      return await this.run(reply, ctx, {
        type: 'RegisterResident',
        data: { residentId, settlementId, settlement: await this.settlement(settlementId), sex, birthYearBand: birthYearBand(birthDate), personal: sealed },
        metadata: commandMetadata(ctx, now),
      });
    } catch (e) {
      if (!(await this.exists(residentId))) await this.personal.releaseIinOf(residentId);
      throw e;
    }
  }

  @Post(':residentId/contact')
  @Allow(LOCAL_STAFF, residentSettlement)
  @ApiOperation({ summary: 'Update a resident’s phone and/or address' })
  @ApiCommand()
  async updateContact(@Param('residentId', ParseUUIDPipe) residentId: string, @Body() dto: ResidentContactDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!(await this.exists(residentId))) throw new ResidentNotFound(residentId);
    const now = this.clock.now();
    const sealed = await this.personal.seal(residentId, 'resident', { phone: dto.phone, address: dto.address }, ctx.actor, now.toISOString(), ctx.correlationId);
    return this.run(reply, ctx, { type: 'UpdateResidentContact', data: { residentId, personal: sealed }, metadata: commandMetadata(ctx, now) });
  }

  @Post(':residentId/relocation')
  @Allow(LOCAL_STAFF, residentSettlement)
  @ApiOperation({ summary: 'Move a resident to another settlement' })
  @ApiCommand()
  async relocate(@Param('residentId', ParseUUIDPipe) residentId: string, @Body() dto: RelocateResidentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, {
      type: 'RelocateResident',
      data: { residentId, settlementId: dto.settlementId, settlement: await this.settlement(dto.settlementId) },
      metadata: commandMetadata(ctx, this.clock.now()),
    });
  }

  @Post(':residentId/deregistration')
  @Allow(LOCAL_STAFF, residentSettlement)
  @ApiOperation({ summary: 'Deregister a resident (their IIN becomes free again)' })
  @ApiCommand()
  async deregister(@Param('residentId', ParseUUIDPipe) residentId: string, @Body() dto: DeregisterResidentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.run(reply, ctx, { type: 'DeregisterResident', data: { residentId, reason: dto.reason }, metadata: commandMetadata(ctx, this.clock.now(), dto.reason) });
    await this.personal.releaseIinOf(residentId);
    return result;
  }

  @Post('lookup')
  @Allow([...LOCAL_STAFF, 'data-protection-officer'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Find the active resident holding an IIN (a query: POST keeps the IIN out of URLs and logs)' })
  @ApiExtension('x-query', true)
  @ApiOkResponse({ description: '{ residentId } or 404' })
  @ApiBadRequestResponse({ description: 'Not a valid IIN' })
  @ApiQueryProblems()
  async lookup(@Body() dto: ResidentLookupDto) {
    const holder = await this.personal.iinHolder(await this.personal.iinHash(dto.iin));
    if (!holder) throw new ResidentNotFound('with this IIN');
    return { residentId: holder };
  }

  @Get('counts')
  @Allow(ANY_ROLE)
  @ReadsFrom(RESIDENT_COUNTS_PROJECTION)
  @ApiOperation({ summary: 'Registered residents per settlement, by sex and birth-year band (no personal data)' })
  async counts(@Query() query: ResidentListQueryDto, @Req() request: FastifyRequest) {
    const collection = this.projections.collectionFor(RESIDENT_COUNTS_PROJECTION);
    if (query.settlementId) return (await this.reads.get<ResidentCountsDocument>(collection, query.settlementId)) ?? { settlementId: query.settlementId, total: 0, bySex: {}, byBirthYearBand: {} };
    return toPageResponse(await this.reads.find<ResidentCountsDocument>(collection, { limit: query.limit ?? 50, cursor: query.cursor }), request);
  }

  @Get(':residentId')
  @Allow(ANY_ROLE)
  @ReadsFrom(RESIDENTS_PROJECTION)
  @ApiOperation({ summary: 'A resident; personal values only for roles that may see them' })
  @ApiOkResponse({ type: ResidentViewDto })
  @ApiQueryProblems()
  async get(@Param('residentId', ParseUUIDPipe) residentId: string, @Req() request: AuthenticatedRequest) {
    const doc = await this.reads.get<ResidentDocument>(this.projections.collectionFor(RESIDENTS_PROJECTION), residentId);
    if (!doc) throw new ResidentNotFound(residentId);
    return this.view(doc, request.actor);
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(RESIDENTS_PROJECTION)
  @ApiOperation({ summary: 'Residents of a settlement, a page at a time' })
  @ApiOkResponse({ type: ResidentPageDto })
  @ApiQueryProblems()
  async list(@Query() query: ResidentListQueryDto, @Req() request: AuthenticatedRequest) {
    const filter: Filter = {};
    if (query.settlementId) filter.settlementId = query.settlementId;
    if (query.status) filter.status = query.status;
    const page = await this.reads.find<ResidentDocument>(this.projections.collectionFor(RESIDENTS_PROJECTION), { filter, limit: query.limit ?? 50, cursor: query.cursor });
    const items = await Promise.all(page.items.map((d) => this.view(d, request.actor)));
    return toPageResponse({ items, nextCursor: page.nextCursor }, request);
  }

  private async view(doc: ResidentDocument, actor: Actor | undefined): Promise<ResidentViewDto> {
    const { personal, registeredAt: _, ...plain } = doc;
    if (!maySeePersonalData(actor)) return { ...plain, personal: null };
    if (doc.erased) return { ...plain, personal: Object.fromEntries(RESIDENT_PERSONAL_FIELDS.map((f) => [f, ERASED])) };
    return { ...plain, personal: await this.personal.revealAll(personal) };
  }

  private async settlement(unitId: string): Promise<SettlementContext> {
    const unit = await this.units.details(unitId);
    return unit && { unitId, level: unit.level, retired: unit.status === 'Retired' };
  }

  private async exists(residentId: string): Promise<boolean> {
    return (await this.pipeline.streamRevision(residentStream(residentId))) !== null;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: ResidentCommand) {
    return sendCommandResult(reply, await this.pipeline.run({ id: command.data.residentId, streamId: residentStream(command.data.residentId), decider: residentDecider, command, context: ctx }));
  }
}
