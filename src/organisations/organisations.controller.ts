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
import { ExecuteOrganisationCommand } from './commands/organisation-command.handler.js';
import { RegisterOrganisationDto, RenameOrganisationDto } from './commands/organisation-commands.dto.js';
import type { OrganisationCommand } from './domain/organisation.commands.js';
import { OrganisationNotFound } from './domain/organisation.errors.js';
import { ORGANISATIONS_PROJECTION } from './projections/organisations.projection.js';
import { OrganisationDto, OrganisationPageDto, OrganisationSearchQueryDto } from './queries/organisation.dto.js';
import { FindOrganisationsQuery, GetOrganisationQuery } from './queries/organisation.queries.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Organisations are shared reference data of every programme: administrators and programme officers keep them. */
const ChangesOrganisation = () => Allow(['administrator', 'programme-officer']);

/** Organisations that fund, hold, extend or implement programmes, with their IATI identifiers and types. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ChangesOrganisation()
  @ApiOperation({ summary: 'Register an organisation with its IATI identifier, type and country' })
  @ApiCommand(true)
  register(@Body() dto: RegisterOrganisationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RegisterOrganisation', data: { ...dto } });
  }

  @Post(':organisationId/names')
  @ChangesOrganisation()
  @ApiOperation({ summary: 'Rename an organisation' })
  @ApiCommand()
  rename(@Param('organisationId', uuid) organisationId: string, @Body() dto: RenameOrganisationDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RenameOrganisation', data: { organisationId, name: dto.name } });
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(ORGANISATIONS_PROJECTION)
  @ApiOperation({ summary: 'Search organisations by IATI identifier, type or country, sorted by name' })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiQueryProblems()
  async search(@Query() query: OrganisationSearchQueryDto, @Req() request: FastifyRequest) {
    const { cursor, limit, ...search } = query;
    return toPageResponse(await this.queries.execute(new FindOrganisationsQuery({ ...search, cursor, limit: limit ?? 50 })), request);
  }

  @Get(':organisationId')
  @Allow(ANY_ROLE)
  @ReadsFrom(ORGANISATIONS_PROJECTION)
  @ApiOperation({ summary: 'An organisation' })
  @ApiOkResponse({ type: OrganisationDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('organisationId', uuid) organisationId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.queries.execute(new GetOrganisationQuery(organisationId));
    if (!doc) throw new OrganisationNotFound(organisationId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<OrganisationCommand, 'metadata'>) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now()) } as OrganisationCommand;
    return sendCommandResult(reply, await this.commands.execute(new ExecuteOrganisationCommand(request, ctx)));
  }
}
