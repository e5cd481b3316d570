import { Body, Controller, Get, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Allow } from '../access/authorization.js';
import { Public } from '../access/public.decorator.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { CommandPipeline } from '../shared/command/command-pipeline.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { ApiCommand } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { PUBLICATION_POLICY_STREAM, publicationPolicyDecider } from './domain/publication-policy.decider.js';
import type { ChangePublicationPolicy } from './domain/publication-policy.events.js';
import { PUBLIC_CACHE } from './feed/feed.controller.js';
import { FeedService } from './feed/feed.service.js';
import { RENDERED_TYPES } from './feed/renderers.js';

export class DelayRuleDto {
  @ApiProperty({ example: 'GrantAwardsDecided' }) @IsString() @Matches(/^[A-Z][A-Za-z0-9]{1,79}$/) eventType!: string;
  @ApiProperty({ example: 'GrantAgreementSigned' }) @IsString() @Matches(/^[A-Z][A-Za-z0-9]{1,79}$/) releasedBy!: string;
  @ApiProperty({ example: 'applicationId' }) @IsString() @Matches(/^[a-z][A-Za-z0-9]{0,63}$/) matchOn!: string;
}

export class ChangePublicationPolicyDto {
  @ApiProperty({ type: [String], description: 'Event types whose feed entries are public' })
  @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @Matches(/^[A-Z][A-Za-z0-9]{1,79}$/, { each: true })
  publicEventTypes!: string[];

  @ApiProperty({ type: [DelayRuleDto] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => DelayRuleDto)
  delays!: DelayRuleDto[];

  @ApiProperty() @IsBoolean() allowOfficialNames!: boolean;

  @ApiProperty({ example: 'Awards are published at the committee decision' }) @IsString() @Length(3, 2000) reason!: string;
}

/** The publication policy (DOMAIN.md 5.10): changed by administrators, read by anyone. */
@ApiTags('public')
@Controller()
export class PublicationPolicyController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly feed: FeedService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('publication-policy')
  @Allow(['administrator'])
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Replace the publication policy: public event types, delays until a releasing event, officials’ names (a new version; applies from this position on)' })
  @ApiCommand()
  async change(@Body() dto: ChangePublicationPolicyDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const command: ChangePublicationPolicy = { type: 'ChangePublicationPolicy', data: { ...dto, delays: dto.delays.map((d) => ({ ...d })) }, metadata: commandMetadata(ctx, this.clock.now(), dto.reason) };
    const result = await this.pipeline.run({ id: 'default', streamId: PUBLICATION_POLICY_STREAM, decider: publicationPolicyDecider, command, context: ctx });
    return sendCommandResult(reply, result);
  }

  @Get('public/publication-policy')
  @Public()
  @ApiOperation({ summary: 'The publication policy the feed applies now, and the event types the feed can render' })
  @ApiOkResponse({ description: 'The policy in force' })
  async get(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', PUBLIC_CACHE).header('Reflects-Position', this.feed.position().toString());
    return { ...(await this.feed.policy()), renderedEventTypes: RENDERED_TYPES };
  }
}
