import { Body, Controller, Get, Headers, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { NotFoundError } from '../shared/domain/errors.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { toETag } from '../shared/http/etag.js';
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
  @ApiOperation({ summary: 'Register an administrative unit' })
  @ApiCommand(true)
  register(@Body() dto: RegisterUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RegisterAdministrativeUnit', data: { ...dto, parentId: dto.parentId ?? null } });
  }

  @Post(':unitId/names')
  @ApiOperation({ summary: 'Rename a unit from a date' })
  @ApiCommand()
  rename(@Param('unitId', uuid) unitId: string, @Body() dto: RenameUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RenameUnit', data: { unitId, ...dto } });
  }

  @Post(':unitId/kato-codes')
  @ApiOperation({ summary: 'Assign a KATO code in a classifier version' })
  @ApiCommand()
  assignKatoCode(@Param('unitId', uuid) unitId: string, @Body() dto: AssignKatoCodeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AssignKatoCode', data: { unitId, katoCode: { ...dto } } });
  }

  @Post(':unitId/kato-codes/:classifierVersion/:code/retirement')
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
  @ApiOperation({ summary: 'Move a unit under another parent from a date' })
  @ApiCommand()
  reparent(@Param('unitId', uuid) unitId: string, @Body() dto: ReparentUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReparentUnit', data: { unitId, ...dto } });
  }

  @Post(':unitId/population')
  @ApiOperation({ summary: 'Record the population of a year' })
  @ApiCommand()
  recordPopulation(@Param('unitId', uuid) unitId: string, @Body() dto: RecordPopulationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordPopulation', data: { unitId, ...dto } });
  }

  @Post(':unitId/retirement')
  @ApiOperation({ summary: 'Retire a unit (terminal)' })
  @ApiCommand()
  retire(@Param('unitId', uuid) unitId: string, @Body() dto: RetireUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RetireUnit', data: { unitId, ...dto } }, dto.reason);
  }

  @Get(':unitId')
  @ApiOperation({ summary: 'A unit with its names, parents, KATO codes and population, as of now' })
  @ApiOkResponse({ type: UnitDetailsDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('unitId', uuid) unitId: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const unit = await this.queries.execute(new GetUnitQuery(unitId));
    if (!unit) throw new UnitNotRegistered(unitId);
    const etag = toETag(BigInt(unit.revision));
    void reply.header('ETag', etag).header('Cache-Control', 'no-cache');
    if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      void reply.status(304);
      return undefined;
    }
    return unit;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<UnitCommandRequest, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as UnitCommandRequest;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteUnitCommand(request, ctx)));
  }
}
