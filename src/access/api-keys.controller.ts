import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { CommandPipeline } from '../shared/command/command-pipeline.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { CommandResponseDto } from '../shared/command/command-response.dto.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { PageQueryDto, toPageResponse } from '../shared/http/paging.js';
import { Projections } from '../shared/projections/projections.module.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { KEY_USAGE_COLLECTION, formatKey, newSecret, secretHash } from './api-key.authenticator.js';
import { API_KEYS_PROJECTION, type ApiKeyDocument } from './api-keys.projection.js';
import { Allow } from './authorization.js';
import { type ApiKeyCommand, ApiKeyNotFound, apiKeyDecider, apiKeyStream } from './domain/api-key.decider.js';
import { ROLES, type Role } from './roles.js';

class ScopeDto {
  @ApiPropertyOptional({ type: [String], description: 'Units (and, for rural akims, every unit below them)' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  units?: string[];

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  programmes?: string[];

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  calls?: string[];
}

class IssueApiKeyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() keyId!: string;
  @ApiProperty({ example: 'Akim of Batyr rural okrug' }) @IsString() @Length(3, 200) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ type: ScopeDto }) @IsOptional() @ValidateNested() @Type(() => ScopeDto) scope?: ScopeDto;
  @ApiProperty({ format: 'date-time', description: 'At most two years ahead' }) @IsISO8601({ strict: true }) expiresAt!: string;
}

class RotateApiKeyDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) expiresAt!: string;
}

class RevokeApiKeyDto {
  @ApiProperty({ example: 'Staff member left the akimat' }) @IsString() @Length(3, 500) reason!: string;
}

class IssuedKeyDto extends CommandResponseDto {
  @ApiProperty({ description: 'The key to send as `Authorization: Bearer <key>`. Shown once: only its hash is kept.' }) apiKey!: string;
}

/** API keys: issued with a role, a scope and an expiry; rotated; revoked. Administrators only. */
@ApiTags('access')
@ApiBearerAuth()
@Controller('api-keys')
@Allow(['administrator'])
export class ApiKeysController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API key (the answer shows the key once)' })
  @ApiCommand(true)
  @ApiOkResponse({ type: IssuedKeyDto })
  async issue(@Body() dto: IssueApiKeyDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const secret = newSecret();
    const body = await this.run(reply, ctx, {
      type: 'IssueApiKey',
      data: { keyId: dto.keyId, name: dto.name, role: dto.role, scope: { ...dto.scope }, expiresAt: new Date(dto.expiresAt).toISOString(), secretHash: secretHash(secret) },
      metadata: commandMetadata(ctx, this.clock.now()),
    });
    // A replayed or no-op issue cannot show the secret again: only its hash exists.
    return body.eventsAppended > 0 && reply.getHeader('idempotent-replayed') === undefined ? { ...body, apiKey: formatKey(dto.keyId, secret) } : body;
  }

  @Post(':keyId/rotation')
  @ApiOperation({ summary: 'Replace a key’s secret; the old one stops working at once' })
  @ApiCommand()
  @ApiOkResponse({ type: IssuedKeyDto })
  async rotate(@Param('keyId', ParseUUIDPipe) keyId: string, @Body() dto: RotateApiKeyDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const secret = newSecret();
    const body = await this.run(reply, ctx, { type: 'RotateApiKey', data: { keyId, secretHash: secretHash(secret), expiresAt: new Date(dto.expiresAt).toISOString() }, metadata: commandMetadata(ctx, this.clock.now()) });
    return body.eventsAppended > 0 && reply.getHeader('idempotent-replayed') === undefined ? { ...body, apiKey: formatKey(keyId, secret) } : body;
  }

  @Post(':keyId/revocation')
  @ApiOperation({ summary: 'Revoke a key; it stops working at once' })
  @ApiCommand()
  revoke(@Param('keyId', ParseUUIDPipe) keyId: string, @Body() dto: RevokeApiKeyDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RevokeApiKey', data: { keyId, reason: dto.reason }, metadata: commandMetadata(ctx, this.clock.now(), dto.reason) });
  }

  @Get()
  @ReadsFrom(API_KEYS_PROJECTION)
  @ApiOperation({ summary: 'Issued keys with role, scope, expiry, status and last use (never a secret)' })
  @ApiQueryProblems()
  async list(@Query() query: PageQueryDto, @Req() request: FastifyRequest) {
    const page = await this.reads.find<ApiKeyDocument>(this.projections.collectionFor(API_KEYS_PROJECTION), { limit: query.limit ?? 50, cursor: query.cursor });
    return toPageResponse({ items: await Promise.all(page.items.map((k) => this.withUsage(k))), nextCursor: page.nextCursor }, request);
  }

  @Get(':keyId')
  @ReadsFrom(API_KEYS_PROJECTION)
  @ApiOperation({ summary: 'One key (never its secret)' })
  @ApiQueryProblems()
  async get(@Param('keyId', ParseUUIDPipe) keyId: string) {
    const key = await this.reads.get<ApiKeyDocument>(this.projections.collectionFor(API_KEYS_PROJECTION), keyId);
    if (!key) throw new ApiKeyNotFound(keyId);
    return this.withUsage(key);
  }

  private async withUsage(key: ApiKeyDocument) {
    const usage = await this.reads.get<{ lastUsedAt: string }>(KEY_USAGE_COLLECTION, key.keyId);
    return { ...key, lastUsedAt: usage?.lastUsedAt ?? null };
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: ApiKeyCommand) {
    return sendCommandResult(reply, await this.pipeline.run({ id: command.data.keyId, streamId: apiKeyStream(command.data.keyId), decider: apiKeyDecider, command, context: ctx }));
  }
}

