import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Allow } from '../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../shared/command/command-context.js';
import { CommandPipeline } from '../shared/command/command-pipeline.js';
import { sendCommandResult } from '../shared/command/command-response.js';
import { CommandResponseDto } from '../shared/command/command-response.dto.js';
import { fold } from '../shared/domain/decider.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiCommand, ApiQueryProblems } from '../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { IsCalendarDate } from '../shared/http/validators.js';
import { Projections } from '../shared/projections/projections.module.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { DATA_SUBJECTS_PROJECTION, type DataSubjectDocument } from './data-subjects.projection.js';
import type { DataSubjectCommand } from './domain/data-subject.commands.js';
import { blockingHold, dataSubjectDecider, dataSubjectStream } from './domain/data-subject.decider.js';
import { DataSubjectNotFound } from './domain/data-subject.errors.js';
import type { DataSubjectEvent } from './domain/data-subject.events.js';
import { SUBJECT_KEYS } from './personal-data.service.js';
import { SubjectKeyStore } from './subject-key-store.js';

class PlaceLegalHoldDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() holdId!: string;
  @ApiProperty({ example: 'EU grant audit retention (5 years after the final payment)' }) @IsString() @Length(3, 500) basis!: string;
  @ApiProperty({ format: 'date', description: 'First day the data may be erased' }) @IsCalendarDate() until!: string;
}

class ReleaseLegalHoldDto {
  @ApiProperty({ example: 'Audit closed' }) @IsString() @Length(3, 500) reason!: string;
}

class RequestErasureDto {
  @ApiProperty({ example: 'Request of the data subject (Law on personal data, art. 18)' }) @IsString() @Length(3, 500) basis!: string;
}

class ErasureResponseDto extends CommandResponseDto {
  @ApiProperty({ enum: ['completed', 'deferred'] }) outcome!: 'completed' | 'deferred';
  @ApiPropertyOptional({ format: 'date', description: 'When deferred: the first day the erasure becomes possible' }) deferredUntil?: string;
  @ApiPropertyOptional({ description: 'When deferred: the legal basis of the hold' }) deferralBasis?: string;
}

/** Data subjects: legal holds and erasure (crypto-shredding). Never answers a personal value. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('data-subjects')
export class DataSubjectsController {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: Projections,
  ) {}

  @Post(':subjectId/legal-holds')
  @Allow(['administrator', 'data-protection-officer'])
  @ApiOperation({ summary: 'Place a legal hold: erasure is deferred until its date' })
  @ApiCommand()
  placeHold(@Param('subjectId', ParseUUIDPipe) subjectId: string, @Body() dto: PlaceLegalHoldDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'PlaceLegalHold', data: { subjectId, ...dto }, metadata: commandMetadata(ctx, this.clock.now(), dto.basis) });
  }

  @Post(':subjectId/legal-holds/:holdId/release')
  @Allow(['administrator', 'data-protection-officer'])
  @ApiOperation({ summary: 'Release a legal hold' })
  @ApiCommand()
  releaseHold(
    @Param('subjectId', ParseUUIDPipe) subjectId: string,
    @Param('holdId', ParseUUIDPipe) holdId: string,
    @Body() dto: ReleaseLegalHoldDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(reply, ctx, { type: 'ReleaseLegalHold', data: { subjectId, holdId, reason: dto.reason }, metadata: commandMetadata(ctx, this.clock.now(), dto.reason) });
  }

  @Post(':subjectId/erasure')
  @Allow(['administrator', 'data-protection-officer'])
  @ApiOperation({
    summary: 'Erase a data subject’s personal data',
    description: 'Records the request; under a legal hold the erasure is deferred (with its basis and date); otherwise the subject’s key is destroyed, and every personal value sealed under it reads "[erased]" from then on. Send again after the hold date to complete a deferred erasure.',
  })
  @ApiCommand()
  @ApiOkResponse({ type: ErasureResponseDto })
  async erase(@Param('subjectId', ParseUUIDPipe) subjectId: string, @Body() dto: RequestErasureDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const now = this.clock.now();
    const requested = await this.execute(ctx, { type: 'RequestErasure', data: { subjectId, basis: dto.basis }, metadata: commandMetadata(ctx, now, dto.basis) });
    const state = fold(dataSubjectDecider, (await this.events.readStream(dataSubjectStream(subjectId))) as unknown as DataSubjectEvent[]);
    if (state.status === 'Active') {
      const hold = blockingHold(state.holds, now.toISOString().slice(0, 10));
      if (hold) return { ...sendCommandResult(reply, requested), outcome: 'deferred', deferredUntil: hold.until, deferralBasis: hold.basis };
      const completed = await this.execute({}, { type: 'CompleteErasure', data: { subjectId }, metadata: commandMetadata({ ...ctx, idempotency: undefined }, now, dto.basis) });
      await this.keys.destroy(subjectId);
      return { ...sendCommandResult(reply, completed), outcome: 'completed' };
    }
    if (state.status === 'Erased') await this.keys.destroy(subjectId);
    return { ...sendCommandResult(reply, requested), outcome: 'completed' };
  }

  @Get(':subjectId')
  @Allow(['administrator', 'data-protection-officer', 'auditor'])
  @ReadsFrom(DATA_SUBJECTS_PROJECTION)
  @ApiOperation({ summary: 'A data subject’s key, legal holds and erasure status (no personal values)' })
  @ApiQueryProblems()
  async get(@Param('subjectId', ParseUUIDPipe) subjectId: string): Promise<DataSubjectDocument> {
    const doc = await this.reads.get<DataSubjectDocument>(this.projections.collectionFor(DATA_SUBJECTS_PROJECTION), subjectId);
    if (!doc) throw new DataSubjectNotFound(subjectId);
    return doc;
  }

  private execute(ctx: Pick<CommandContext, 'expectedRevision' | 'idempotency'>, command: DataSubjectCommand) {
    return this.pipeline.run({ id: command.data.subjectId, streamId: dataSubjectStream(command.data.subjectId), decider: dataSubjectDecider, command, context: ctx });
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: DataSubjectCommand) {
    return sendCommandResult(reply, await this.execute(ctx, command));
  }
}
