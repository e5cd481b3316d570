import { PHONE_PATTERN } from '../../shared/http/validators.js';
import { Nested } from '../../shared/http/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIin } from '../../privacy/iin.js';
import { MoneyDto } from '../../shared/http/money.dto.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { APPLICATION_STATUSES, NOTIFICATION_CHANNELS, type NotificationChannel } from '../domain/grant-application.events.js';
import { IsCalendarDate } from '../../shared/http/validators.js';
import { APPLICANT_TYPES, type ApplicantType } from '../domain/grant-call.events.js';

const PHONE = PHONE_PATTERN;
const EVALUATOR_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

/** The project budget in the call fund's currency: total = requested + ownContribution. */
export class ApplicationBudgetDto {
  @ApiProperty({ type: MoneyDto, description: 'Total project budget' }) @Nested(() => MoneyDto) total!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'The grant requested: within the call’s min and max award' }) @Nested(() => MoneyDto) requested!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'The applicant’s own contribution: within the call’s band, percent of total' }) @Nested(() => MoneyDto) ownContribution!: MoneyDto;
}

/** Submits an application to a published call, before its deadline. */
export class SubmitApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' }) @IsUUID() applicationId!: string;
  @ApiProperty({ format: 'uuid', description: 'The published grant call' }) @IsUUID() callId!: string;
  @ApiProperty({ format: 'uuid', description: 'The applicant (a resident or organisation id); also the data subject id of the personal values' }) @IsUUID() applicantId!: string;
  @ApiProperty({ enum: APPLICANT_TYPES, description: 'Among the call’s eligible applicant types' }) @IsIn(APPLICANT_TYPES) applicantType!: ApplicantType;
  @ApiProperty({ format: 'uuid', description: 'Among the call’s eligible units' }) @IsUUID() territoryUnitId!: string;
  @ApiProperty({ example: 'Mini dairy in Izendy', description: 'Project title' }) @IsString() @Length(1, 300) projectTitle!: string;
  @ApiProperty({ type: ApplicationBudgetDto }) @Nested(() => ApplicationBudgetDto) budget!: ApplicationBudgetDto;
  @ApiProperty({ example: 'Айгерим Серикова', description: 'Personal: encrypted under the applicant’s key' }) @IsString() @Length(2, 200) fullName!: string;
  @ApiProperty({ example: '000000000000', description: 'Personal: 12 digits with a valid control digit; encrypted' }) @IsIin() iin!: string;
  @ApiPropertyOptional({ example: '+7 700 000 00 00', description: 'Personal: encrypted' })
  @IsOptional() @Matches(PHONE, { message: 'phone must be 5 to 30 digits, spaces, brackets or dashes, optionally after +' })
  phone?: string;
}

export class WithdrawApplicationDto {
  @ApiProperty({ example: 'Moved to the district centre', description: 'Why the applicant withdraws' }) @IsString() @Length(1, 2000) reason!: string;
}

/** The administrative and eligibility check: eligible, or ineligible with reasons. */
export class EligibilityDto {
  @ApiProperty({ description: 'True to confirm eligibility; false to declare the application ineligible (reasons required)' }) @IsBoolean() eligible!: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Why the application is ineligible' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 1000, { each: true })
  reasons?: string[];
}

/** An evaluator’s conflict-of-interest declaration on one application; a conflict recuses them. */
export class ConflictDeclarationDto {
  @ApiProperty({ example: 'evaluator-7', description: 'The committee member declaring' }) @IsString() @Matches(EVALUATOR_ID) evaluatorId!: string;
  @ApiProperty({ description: 'True when the evaluator has a conflict of interest (they are then recused)' }) @IsBoolean() hasConflict!: boolean;
  @ApiPropertyOptional({ example: 'Family tie', description: 'Nature of the conflict' }) @IsOptional() @IsString() @Length(1, 1000) nature?: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'feasibility' }) @IsString() @Length(1, 40) criterionId!: string;
  @ApiProperty({ example: 80, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) score!: number;
}

/** One score per criterion of the call; a second score by the same evaluator replaces the first. */
export class ScoreApplicationDto {
  @ApiProperty({ example: 'evaluator-7', description: 'The scoring committee member (declared, not recused)' }) @IsString() @Matches(EVALUATOR_ID) evaluatorId!: string;
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => CriterionScoreDto)
  criterionScores!: CriterionScoreDto[];
  @ApiPropertyOptional({ description: 'Comment' }) @IsOptional() @IsString() @Length(1, 4000) comment?: string;
}

/** `GET /grant-applications?callId=&status=`. */
export class GrantApplicationSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: string;
}

/** The applicant was told the outcome of their application. */
export class NotifyApplicantDto {
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, example: 'LETTER', description: 'How the applicant was told' })
  @IsIn(NOTIFICATION_CHANNELS)
  channel!: NotificationChannel;

  @ApiProperty({ format: 'date', example: '2018-11-26', description: 'The day the applicant was told' })
  @IsCalendarDate()
  notifiedOn!: string;

  @ApiPropertyOptional({ example: 'GSE/2018/114', description: 'A reference such as the letter number' })
  @IsOptional() @IsString() @Length(1, 200)
  reference?: string;
}
