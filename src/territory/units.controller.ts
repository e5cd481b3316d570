import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { NotFoundError } from '../shared/domain/errors.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
import { toPageResponse } from '../shared/http/paging.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { UNITS_PROJECTION } from './projections/units.projection.js';
import { FindUnitsQuery } from './queries/find-units.query.js';
import { UnitChildrenQueryDto, UnitPageDto, UnitSearchQueryDto } from './queries/unit-search.dto.js';
import { ANY_ROLE, Allow, fromRequest } from '../access/authorization.js';
import { ExecuteUnitCommand, type UnitCommandRequest } from './commands/unit-command.handler.js';
import {
  AssignKatoCodeDto,
  RecordPopulationDto,
  RegisterUnitDto,
  RenameUnitDto,
  ReparentUnitDto,
  RetireKatoCodeDto,
  RetireUnitDto,
} from './commands/unit-commands.dto.js';
import { GetUnitQuery } from './queries/get-unit.query.js';
import { UnitDetailsDto } from './queries/unit-details.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Administrators everywhere; a rural akim on their own unit and the units below it. */
const ChangesUnit = (param: 'unitId' | 'parentId') => Allow(['administrator', 'rural-akim'], { kind: 'units', resolve: fromRequest(param) });

class UnitNotRegistered extends NotFoundError {
  constructor(unitId: string) {
    super('unit-not-found', 'Administrative unit not found', `No administrative unit ${unitId} is registered.`);
  }
}

/** Administrative units: regions, districts, rural okrugs, townships and villages, with effective-dated KATO codes. */
@ApiTags('territory')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesUnit('parentId')
  @ApiOperation({ summary: 'Register an administrative unit' })
  @ApiCommand(true)
  register(@Body() dto: RegisterUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RegisterAdministrativeUnit', data: { ...dto, parentId: dto.parentId ?? null } });
  }

  @Post(':unitId/names')
  @ChangesUnit('unitId')
  @ApiOperation({ summary: 'Rename a unit from a date' })
  @ApiCommand()
  rename(@Param('unitId', uuid) unitId: string, @Body() dto: RenameUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RenameUnit', data: { unitId, ...dto } });
  }

  @Post(':unitId/kato-codes')
  @ChangesUnit('unitId')
  @ApiOperation({ summary: 'Assign a KATO code in a classifier version' })
  @ApiCommand()
  assignKatoCode(@Param('unitId', uuid) unitId: string, @Body() dto: AssignKatoCodeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AssignKatoCode', data: { unitId, katoCode: { ...dto } } });
  }

  @Post(':unitId/kato-codes/:classifierVersion/:code/retirement')
  @ChangesUnit('unitId')
  @ApiOperation({ summary: 'Retire a KATO code from a date' })
  @ApiCommand()
  retireKatoCode(
    @Param('unitId', uuid) unitId: string,
    @Param('classifierVersion') classifierVersion: string,
    @Param('code') code: string,
    @Body() dto: RetireKatoCodeDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(reply, ctx, { type: 'RetireKatoCode', data: { unitId, code, classifierVersion, validTo: dto.validTo } });
  }

  @Post(':unitId/reparenting')
  @ChangesUnit('unitId')
  @ApiOperation({ summary: 'Move a unit under another parent from a date' })
  @ApiCommand()
  reparent(@Param('unitId', uuid) unitId: string, @Body() dto: ReparentUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReparentUnit', data: { unitId, ...dto } });
  }

  @Post(':unitId/population')
  @ChangesUnit('unitId')
  @ApiOperation({ summary: 'Record the population of a year' })
  @ApiCommand()
  recordPopulation(@Param('unitId', uuid) unitId: string, @Body() dto: RecordPopulationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordPopulation', data: { unitId, ...dto } });
  }

  @Post(':unitId/retirement')
  @ChangesUnit('unitId')
  @ApiOperation({ summary: 'Retire a unit (terminal)' })
  @ApiCommand()
  retire(@Param('unitId', uuid) unitId: string, @Body() dto: RetireUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RetireUnit', data: { unitId, ...dto } }, dto.reason);
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(UNITS_PROJECTION)
  @ApiOperation({ summary: 'Search units by level, parent, status, KATO code (any classifier version) or name, sorted by name' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiQueryProblems()
  async search(@Query() query: UnitSearchQueryDto, @Req() request: FastifyRequest) {
    const { cursor, limit, ...search } = query;
    return toPageResponse(await this.queries.execute(new FindUnitsQuery({ ...search, cursor, limit: limit ?? 50 })), request);
  }

  @Get(':unitId')
  @Allow(ANY_ROLE)
  @ReadsFrom(UNITS_PROJECTION)
  @ApiOperation({ summary: 'A unit with its names, parents, KATO codes and population' })
  @ApiOkResponse({ type: UnitDetailsDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('unitId', uuid) unitId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const unit = await this.queries.execute(new GetUnitQuery(unitId));
    if (!unit) throw new UnitNotRegistered(unitId);
    void reply.header('ETag', toETag(BigInt(unit.revision)));
    return unit;
  }

  @Get(':unitId/children')
  @Allow(ANY_ROLE)
  @ReadsFrom(UNITS_PROJECTION)
  @ApiOperation({ summary: 'The units directly below a unit, sorted by name' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiQueryProblems()
  async children(@Param('unitId', uuid) unitId: string, @Query() query: UnitChildrenQueryDto, @Req() request: FastifyRequest) {
    if (!(await this.queries.execute(new GetUnitQuery(unitId)))) throw new UnitNotRegistered(unitId);
    return toPageResponse(await this.queries.execute(new FindUnitsQuery({ parentId: unitId, status: query.status, cursor: query.cursor, limit: query.limit ?? 50 })), request);
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<UnitCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as UnitCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteUnitCommand(request, ctx)));
  }
}
