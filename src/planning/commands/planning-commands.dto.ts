import { Nested } from '../../shared/http/validators.js';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MoneyDto } from '../../shared/http/money.dto.js';
import { IsCalendarDate } from '../../shared/http/validators.js';
import { AMENDMENT_OPS } from '../domain/amendment-ops.js';
import { ACTION_STATUSES, type ActionStatus, FUNDING_SOURCES, FUNDING_STATUSES, type FundingSourceKind, type FundingStatus } from '../domain/plan-content.js';
import { PROPOSERS } from '../domain/plan-amendment.decider.js';

const NestedList = (type: () => new () => object, max = 200) => applyDecorators(IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));
const PERIOD = /^(\d{4})-(\d{4})$/;

export class DraftPlanDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' }) @IsUUID() planId!: string;
  @ApiProperty({ format: 'uuid', description: 'The rural okrug or village the plan is for (must exist and be in force)' }) @IsUUID() territoryUnitId!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The funding programme the plan is prepared under' }) @IsOptional() @IsUUID() programmeId?: string | null;
  @ApiProperty({ example: '2018-2020', pattern: PERIOD.source, description: 'Plan period, first and last year' }) @IsString() @Matches(PERIOD, { message: 'period must be two years, e.g. 2018-2020' }) period!: string;
  @ApiProperty({ example: 'A clean, safe aul with jobs for young people' }) @IsString() @Length(1, 2000) vision!: string;
}

export class RecordProblemDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() problemId!: string;
  @ApiProperty({ example: 'No street lighting on the main road' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ example: 'INFRASTRUCTURE' }) @IsString() @Length(1, 60) category!: string;
  @ApiProperty({ format: 'uuid', description: 'The discussion (community meeting) that raised it' }) @IsUUID() discussionId!: string;
}

export class PriorityDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() priorityId!: string;
  @ApiProperty({ example: 'Street lighting' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ example: 'INFRASTRUCTURE' }) @IsString() @Length(1, 60) sector!: string;
  @ApiProperty({ type: [String], description: 'Recorded problems this priority tackles' }) @IsArray() @ArrayMaxSize(100) @IsUUID(undefined, { each: true }) problemIds!: string[];
}

export class SetPrioritiesDto {
  @ApiProperty({ type: [PriorityDto], description: 'Ranked: the first is rank 1' }) @NestedList(() => PriorityDto, 50) @ArrayMinSize(1) priorities!: PriorityDto[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The priority vote, if the ranking was voted' }) @IsOptional() @IsUUID() voteId?: string | null;
}

export class FundingSourceDto {
  @ApiProperty({ enum: FUNDING_SOURCES }) @IsIn(FUNDING_SOURCES) source!: FundingSourceKind;
  @ApiProperty({ type: MoneyDto }) @Nested(() => MoneyDto) amount!: MoneyDto;
  @ApiProperty({ enum: FUNDING_STATUSES }) @IsIn(FUNDING_STATUSES) status!: FundingStatus;
}

export class IndicatorDto {
  @ApiProperty({ example: 'Street lamps working' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'lamps' }) @IsString() @Length(1, 40) unit!: string;
  @ApiProperty({ example: '0' }) @IsString() @Length(1, 40) baseline!: string;
  @ApiProperty({ example: '120' }) @IsString() @Length(1, 40) target!: string;
}

/** An action's content without its id (the id is in the path for revisions). */
export class ActionContentDto {
  @ApiProperty({ format: 'uuid', description: 'An existing priority of the plan' }) @IsUUID() priorityId!: string;
  @ApiProperty({ example: 'Install 120 LED street lamps' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ type: MoneyDto, description: 'Exact cost in minor units' }) @Nested(() => MoneyDto) cost!: MoneyDto;
  @ApiProperty({ type: [FundingSourceDto], description: 'Must add up exactly to the cost, in its currency' }) @NestedList(() => FundingSourceDto, 20) @ArrayMinSize(1) fundingSources!: FundingSourceDto[];
  @ApiProperty({ example: 'Aul akimat' }) @IsString() @Length(1, 200) responsibleParty!: string;
  @ApiProperty({ format: 'date', example: '2019-04-01' }) @IsCalendarDate() start!: string;
  @ApiProperty({ format: 'date', example: '2019-10-31' }) @IsCalendarDate() end!: string;
  @ApiProperty({ type: [IndicatorDto] }) @NestedList(() => IndicatorDto, 20) indicators!: IndicatorDto[];
}

export class AddPlanActionDto extends ActionContentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() actionId!: string;
}

export class ReturnPlanToDraftDto {
  @ApiProperty({ example: 'The working group wants to add the youth centre' }) @IsString() @Length(1, 1000) reason!: string;
}

export class EndorsePlanDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The akim’s tenure' }) @IsOptional() @IsUUID() akimTenureId?: string | null;
}

export class FundingReceivedDto {
  @ApiProperty({ enum: FUNDING_SOURCES }) @IsIn(FUNDING_SOURCES) source!: FundingSourceKind;
  @ApiProperty({ type: MoneyDto }) @Nested(() => MoneyDto) amount!: MoneyDto;
}

export class RecordActionProgressDto {
  @ApiProperty({ enum: ACTION_STATUSES }) @IsIn(ACTION_STATUSES) status!: ActionStatus;
  @ApiPropertyOptional({ type: MoneyDto, nullable: true, description: 'Spent since the last report' }) @IsOptional() @ValidateNested() @Type(() => MoneyDto) spent?: MoneyDto | null;
  @ApiPropertyOptional({ type: [FundingReceivedDto], description: 'Funding received since the last report, by source' }) @IsOptional() @NestedList(() => FundingReceivedDto, 20) fundingReceived?: FundingReceivedDto[];
}

export class RecordIndicatorActualDto {
  @ApiProperty({ example: 'Street lamps installed', description: 'The name of one of the action’s indicators' }) @IsString() @Length(1, 300) indicator!: string;
  @ApiProperty({ format: 'date', description: 'The date the value was measured' }) @IsCalendarDate() asOf!: string;
  @ApiProperty({ example: '42', description: 'A decimal number, as a string' }) @IsString() @Length(1, 30) actual!: string;
}

export class ClosePlanDto {
  @ApiPropertyOptional({ example: 'The plan period ended' }) @IsOptional() @IsString() @Length(1, 1000) reason?: string;
}

export class SupersedePlanDto {
  @ApiProperty({ format: 'uuid', description: 'The plan that replaces this one' }) @IsUUID() byPlanId!: string;
}

export class RevisableFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() priorityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ type: MoneyDto }) @IsOptional() @ValidateNested() @Type(() => MoneyDto) cost?: MoneyDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) responsibleParty?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() start?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() end?: string;
  @ApiPropertyOptional({ type: [IndicatorDto] }) @IsOptional() @NestedList(() => IndicatorDto, 20) indicators?: IndicatorDto[];
}

export class AmendmentOpDto {
  @ApiProperty({ enum: AMENDMENT_OPS }) @IsIn(AMENDMENT_OPS) op!: (typeof AMENDMENT_OPS)[number];
  @ApiPropertyOptional({ type: AddPlanActionDto, description: 'ADD_ACTION: the new action' }) @IsOptional() @ValidateNested() @Type(() => AddPlanActionDto) action?: AddPlanActionDto;
  @ApiPropertyOptional({ format: 'uuid', description: 'REVISE_ACTION, DROP_ACTION, CHANGE_FUNDING: the action' }) @IsOptional() @IsUUID() actionId?: string;
  @ApiPropertyOptional({ type: RevisableFieldsDto, description: 'REVISE_ACTION: the fields that change' }) @IsOptional() @ValidateNested() @Type(() => RevisableFieldsDto) fields?: RevisableFieldsDto;
  @ApiPropertyOptional({ type: [String], description: 'REPRIORITISE: every priority id in the new order' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID(undefined, { each: true }) ranking?: string[];
  @ApiPropertyOptional({ type: [FundingSourceDto], description: 'CHANGE_FUNDING: the new funding sources' }) @IsOptional() @NestedList(() => FundingSourceDto, 20) fundingSources?: FundingSourceDto[];
}

export class ProposerDto {
  @ApiProperty({ enum: PROPOSERS }) @IsIn(PROPOSERS) kind!: (typeof PROPOSERS)[number];
  @ApiPropertyOptional({ nullable: true, description: 'RESIDENT_INITIATIVE: number of signatures' }) @IsOptional() @IsInt() @Min(1) signatures?: number | null;
}

export class ProposeAmendmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() amendmentId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() planId!: string;
  @ApiProperty({ example: 1, description: 'The plan version the amendment changes' }) @IsInt() @Min(1) baseVersion!: number;
  @ApiProperty({ type: [AmendmentOpDto] }) @NestedList(() => AmendmentOpDto, 50) @ArrayMinSize(1) ops!: AmendmentOpDto[];
  @ApiProperty({ example: 'The district road programme now covers the main street' }) @IsString() @Length(1, 2000) rationale!: string;
  @ApiProperty({ type: ProposerDto }) @Nested(() => ProposerDto) proposer!: ProposerDto;
}

export class AmendmentDecisionDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) @IsIn(['APPROVED', 'REJECTED']) decision!: 'APPROVED' | 'REJECTED';
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'MAJOR: the certified vote on the amendment’s content hash' }) @IsOptional() @IsUUID() voteId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The meeting or decision record' }) @IsOptional() @IsUUID() decisionId?: string | null;
  @ApiPropertyOptional({ description: 'MINOR: the akim signed off' }) @IsOptional() @IsBoolean() akimSignOff?: boolean;
  @ApiPropertyOptional({ description: 'MINOR: the working group signed off' }) @IsOptional() @IsBoolean() workingGroupSignOff?: boolean;
}

export class WithdrawAmendmentDto {
  @ApiProperty({ example: 'Superseded by another proposal' }) @IsString() @Length(1, 1000) reason!: string;
}

export class PlanSearchQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() territoryUnitId?: string;
  @ApiPropertyOptional({ enum: ['DRAFT', 'SUBMITTED', 'APPROVED', 'ACTIVE', 'CLOSED', 'SUPERSEDED'] })
  @IsOptional() @IsIn(['DRAFT', 'SUBMITTED', 'APPROVED', 'ACTIVE', 'CLOSED', 'SUPERSEDED']) status?: string;
  @ApiPropertyOptional({ description: 'Opaque cursor from the `next` link' }) @IsOptional() @IsString() @Length(1, 2000) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class PlanDiffQueryDto {
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiProperty({ example: 2 }) @Type(() => Number) @IsInt() @Min(1) to!: number;
}
