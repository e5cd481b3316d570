import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Allow } from '../../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../../shared/command/command-context.js';
import { CommandPipeline } from '../../shared/command/command-pipeline.js';
import { sendCommandResult } from '../../shared/command/command-response.js';
import { ApiCommand, ApiQueryProblems } from '../../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../../shared/http/clock.js';
import { toETag } from '../../shared/http/etag.js';
import { Projections } from '../../shared/projections/projections.module.js';
import { ReadsFrom } from '../../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { UNITS_PROJECTION, type UnitDocument } from '../../territory/projections/units.projection.js';
import { RESIDENTS_PROJECTION, type ResidentDocument } from '../../territory/residents/residents.projection.js';
import { UnitContextLoader } from '../../territory/unit-context.loader.js';
import type { EligibilityRollCommand } from '../domain/eligibility-roll.commands.js';
import { eligibilityRollDecider, rollStream } from '../domain/eligibility-roll.decider.js';
import { RollNotFound } from '../domain/eligibility-roll.errors.js';
import { unitInBody, unitOfStream } from '../engagement-scope.js';
import { OptionalReasonDto } from '../meetings/meetings.dto.js';
import { ELIGIBILITY_POLICY } from '../meeting-policy.js';
import { ROLLS_PROJECTION, type RollDocument } from '../projections/rolls.projection.js';
import { CompileRollDto, RollEntryDto, RollViewDto } from './rolls.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const LOCAL_STAFF = ['administrator', 'rural-akim', 'meeting-secretary'] as const;
const ChangesRoll = () => Allow(LOCAL_STAFF, unitOfStream('rollId', rollStream, 'scopeUnitId', (id) => new RollNotFound(id)));
/** Deeper than any real hierarchy (region, district, okrug, village): stops on corrupt data or a cycle. */
const MAX_DEPTH = 12;

/**
 * Eligibility rolls (DOMAIN.md 5.6): compiled from the residents register, corrected by claim and challenge, then
 * frozen with their size and hash for the votes that use them. Reads show counts and the hash, never who is listed.
 */
@ApiTags('rolls')
@ApiBearerAuth()
@Controller('rolls')
export class RollsController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly units: UnitContextLoader,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Allow(LOCAL_STAFF, unitInBody('scopeUnitId'))
  @ApiOperation({ summary: 'Compile a roll: the active adult residents of a unit and the units below it on a cutoff date' })
  @ApiCommand(true)
  async compile(@Body() dto: CompileRollDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const unitKnown = (await this.units.details(dto.scopeUnitId)) !== null;
    const entries = unitKnown ? await this.eligibleResidents(dto.scopeUnitId, dto.cutoffDate) : [];
    return this.run(reply, ctx, {
      type: 'CompileRoll',
      data: { rollId: dto.rollId, scopeUnitId: dto.scopeUnitId, cutoffDate: dto.cutoffDate, criteria: `${ELIGIBILITY_POLICY.policyVersion}: ${ELIGIBILITY_POLICY.criteria}`, entries, unitKnown },
    });
  }

  @Post(':rollId/entries')
  @ChangesRoll()
  @ApiOperation({ summary: 'Add a resident to the roll on a claim (refused once frozen)' })
  @ApiCommand()
  async claim(@Param('rollId', uuid) rollId: string, @Body() dto: RollEntryDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const resident = await this.reads.get<ResidentDocument>(this.projections.collectionFor(RESIDENTS_PROJECTION), dto.residentId);
    return this.run(reply, ctx, { type: 'AddRollEntry', data: { rollId, ...dto, residentKnown: resident?.status === 'registered' } }, dto?.reason);
  }

  @Post(':rollId/removals')
  @ChangesRoll()
  @ApiOperation({ summary: 'Remove a resident from the roll on a challenge (refused once frozen)' })
  @ApiCommand()
  challenge(@Param('rollId', uuid) rollId: string, @Body() dto: RollEntryDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RemoveRollEntry', data: { rollId, ...dto } }, dto?.reason);
  }

  @Post(':rollId/freeze')
  @ChangesRoll()
  @ApiOperation({ summary: 'Freeze the roll: records its size and hash; it never changes again' })
  @ApiCommand()
  freeze(@Param('rollId', uuid) rollId: string, @Body() dto: OptionalReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'FreezeRoll', data: { rollId } }, dto?.reason);
  }

  @Get(':rollId')
  @Allow(ANY_ROLE)
  @ReadsFrom(ROLLS_PROJECTION)
  @ApiOperation({ summary: 'A roll: size, status and hash (never the residents on it)' })
  @ApiOkResponse({ type: RollViewDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('rollId', uuid) rollId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.reads.get<RollDocument>(this.projections.collectionFor(ROLLS_PROJECTION), rollId);
    if (!doc) throw new RollNotFound(rollId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  /** Ids of the registered residents of the unit and every unit below it, registered by the cutoff date and adult by birth band. */
  private async eligibleResidents(scopeUnitId: string, cutoffDate: string): Promise<string[]> {
    const unitIds = [scopeUnitId];
    for (let level = [scopeUnitId], depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
      const children = (await this.all<UnitDocument>(UNITS_PROJECTION, { parentId: { $in: level } })).map((u) => u.unitId).filter((id) => !unitIds.includes(id));
      unitIds.push(...children);
      level = children;
    }
    const residents = await this.all<ResidentDocument>(RESIDENTS_PROJECTION, { settlementId: { $in: unitIds }, status: 'registered' });
    return residents
      .filter((r) => r.registeredAt.slice(0, 10) <= cutoffDate && ELIGIBILITY_POLICY.isAdult(r.birthYearBand, cutoffDate))
      .map((r) => r.residentId)
      .sort();
  }

  private async all<T>(projection: string, filter: Filter): Promise<T[]> {
    const collection = this.projections.collectionFor(projection);
    const items: T[] = [];
    for (let cursor: string | null | undefined; ; ) {
      const page = await this.reads.find<T>(collection, { filter, limit: 1000, cursor });
      items.push(...page.items);
      if (!(cursor = page.nextCursor)) return items;
    }
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<EligibilityRollCommand, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as EligibilityRollCommand;
    const id = request.data.rollId;
    return sendCommandResult(reply, await this.pipeline.run({ id, streamId: rollStream(id), decider: eligibilityRollDecider, command: request, context: ctx }));
  }
}
