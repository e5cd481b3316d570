import { Nested } from '../../shared/http/validators.js';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyDto } from '../../shared/http/money.dto.js';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { IsCalendarDate } from '../../shared/http/validators.js';
import { APPLICANT_TYPES, type ApplicantType } from '../domain/grant-call.events.js';

/** A required nested object, validated as `type`. */
const NestedOptional = (type: () => new () => object) => applyDecorators(IsOptional(), IsNotEmptyObject(), ValidateNested(), Type(type));
const NestedList = (type: () => new () => object, max: number) => applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));
const CRITERION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** One award criterion with its integer weight; the weights of a call add up to exactly 100. */
export class CriterionDto {
  @ApiProperty({ example: 'feasibility', pattern: CRITERION_ID.source, description: 'Stable id of the criterion within the call' })
  @IsString() @Matches(CRITERION_ID, { message: 'criterionId must be 1 to 40 letters, digits, dots, hyphens or underscores' })
  criterionId!: string;

  @ApiProperty({ example: 'Feasibility and business-plan quality', description: 'What the committee scores' })
  @IsString() @Length(1, 300)
  title!: string;

  @ApiProperty({ example: 25, minimum: 1, maximum: 100, description: 'Whole-number weight; all weights of the call add up to 100' })
  @IsInt() @Min(1) @Max(100)
  weight!: number;
}

/** The applicant's own contribution, in whole percent of the project budget. */
export class PercentBandDto {
  @ApiProperty({ example: 10, minimum: 0, maximum: 100, description: 'Lowest own contribution, percent' })
  @IsInt() @Min(0) @Max(100)
  min!: number;

  @ApiProperty({ example: 20, minimum: 0, maximum: 100, description: 'Highest own contribution, percent (≥ min)' })
  @IsInt() @Min(0) @Max(100)
  max!: number;
}

/** The award committee and the quorum a deciding session needs. */
export class CommitteeDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 50, description: 'Number of committee members' })
  @IsInt() @Min(1) @Max(50)
  members!: number;

  @ApiProperty({ example: 3, minimum: 1, maximum: 50, description: 'Members that must be present for a session to decide awards (≤ members)' })
  @IsInt() @Min(1) @Max(50)
  quorum!: number;
}

/** Drafts a grant call under a programme. All amounts are in the fund's currency. */
export class DraftCallDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  callId!: string;

  @ApiProperty({ format: 'uuid', description: 'The registered, open programme that funds the call' })
  @IsUUID()
  programmeId!: string;

  @ApiProperty({ example: 'GSE-2018-1', description: 'Public reference of the call: capital letters and digits in hyphen-separated groups' })
  @IsString() @Length(2, 40)
  reference!: string;

  @ApiProperty({ type: LocalizedTextDto, description: 'Title in kk, ru and/or en' })
  @Nested(() => LocalizedTextDto)
  title!: LocalizedTextDto;

  @ApiProperty({ type: MoneyDto, description: 'The call fund: Σ awards never exceeds it (KZT 12,000,000 in GSE-2018-1)' })
  @Nested(() => MoneyDto)
  fund!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'The per-recipient cap that applies to the call (e.g. from the FSTP rules); maxAward ≤ it' })
  @Nested(() => MoneyDto)
  perRecipientCap!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Smallest award per recipient' })
  @Nested(() => MoneyDto)
  minAward!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Largest award per recipient (≥ minAward, ≤ perRecipientCap)' })
  @Nested(() => MoneyDto)
  maxAward!: MoneyDto;

  @ApiProperty({ type: PercentBandDto, description: 'Band of the applicant’s own contribution, percent of the project budget' })
  @Nested(() => PercentBandDto)
  ownContributionPct!: PercentBandDto;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Registered territory units whose applicants are eligible' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID(undefined, { each: true })
  eligibleUnitIds!: string[];

  @ApiProperty({ enum: APPLICANT_TYPES, isArray: true, description: 'Who may apply' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(APPLICANT_TYPES.length) @IsIn(APPLICANT_TYPES, { each: true })
  eligibleApplicantTypes!: ApplicantType[];

  @ApiProperty({ type: [CriterionDto], description: 'Award criteria; integer weights adding up to exactly 100' })
  @NestedList(() => CriterionDto, 30)
  criteria!: CriterionDto[];

  @ApiProperty({ format: 'date', example: '2018-10-16', description: 'The day the call opens (announcement)' })
  @IsCalendarDate()
  openingDate!: string;

  @ApiProperty({ format: 'date', example: '2018-11-09', description: 'Last day for applications (after openingDate)' })
  @IsCalendarDate()
  deadline!: string;

  @ApiProperty({ type: CommitteeDto, description: 'The award committee and its quorum' })
  @Nested(() => CommitteeDto)
  committee!: CommitteeDto;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 50, default: 3, description: 'Scores each application needs before its assessment; at most the committee’s size' })
  @IsOptional() @IsInt() @Min(1) @Max(50)
  minScoresPerApplication?: number;
}

/** Replaces criteria and/or caps, only before the first application is submitted. Fields left out keep their value. */
export class AmendCallDto {
  @ApiPropertyOptional({ type: MoneyDto, description: 'New per-recipient cap' })
  @NestedOptional(() => MoneyDto)
  perRecipientCap?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'New smallest award' })
  @NestedOptional(() => MoneyDto)
  minAward?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'New largest award' })
  @NestedOptional(() => MoneyDto)
  maxAward?: MoneyDto;

  @ApiPropertyOptional({ type: PercentBandDto, description: 'New own-contribution band' })
  @NestedOptional(() => PercentBandDto)
  ownContributionPct?: PercentBandDto;

  @ApiPropertyOptional({ type: [CriterionDto], description: 'New criteria, replacing all of them; weights add up to 100' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  @ApiProperty({ example: 'Criteria clarified after the information sessions', description: 'Why the call changes; published with it' })
  @IsString() @Length(1, 2000)
  reason!: string;
}

/** Moves the deadline later, before it passes. */
export class ExtendDeadlineDto {
  @ApiProperty({ format: 'date', example: '2018-11-16', description: 'The new deadline, after the current one' })
  @IsCalendarDate()
  deadline!: string;

  @ApiProperty({ example: 'Few applications from East Kazakhstan villages', description: 'Why the deadline moves; published with it' })
  @IsString() @Length(1, 2000)
  reason!: string;
}

/** Cancels the call before any award. */
export class CancelCallDto {
  @ApiProperty({ example: 'Programme funds reallocated', description: 'Why the call is cancelled; published with it' })
  @IsString() @Length(1, 2000)
  reason!: string;
}

/** One award of a committee session. */
export class AwardDto {
  @ApiProperty({ format: 'uuid', description: 'The awarded application' })
  @IsUUID()
  applicationId!: string;

  @ApiProperty({ type: MoneyDto, description: 'The amount awarded, within the call’s min and max award, in the fund’s currency' })
  @Nested(() => MoneyDto)
  amount!: MoneyDto;
}

const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

/** An application the session turned down. */
export class RejectionDto {
  @ApiProperty({ format: 'uuid', description: 'The rejected application' })
  @IsUUID()
  applicationId!: string;

  @ApiProperty({ example: 'Market analysis too weak for the amount requested', description: 'Why; recorded on the application and told to the applicant' })
  @IsString() @Length(1, 2000)
  reason!: string;
}

/** An application put on the reserve list (the list is in order, best first). */
export class ReserveDto {
  @ApiProperty({ format: 'uuid', description: 'The application on the reserve list' })
  @IsUUID()
  applicationId!: string;
}

/**
 * A committee session's decision: awards, rejections and a reserve list, decided by the members named (a quorum,
 * none of whom declared a conflict on an application they decide). Σ awards over all sessions never exceeds the fund.
 */
export class DecideAwardsDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client: a resent identical decision is a no-op' })
  @IsUUID()
  sessionId!: string;

  @ApiProperty({ format: 'date', example: '2018-11-22', description: 'Day of the committee session' })
  @IsCalendarDate()
  sessionDate!: string;

  @ApiProperty({ example: ['evaluator-1', 'evaluator-2', 'evaluator-3'], description: 'The committee members taking part (their evaluator ids): at least the quorum' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Matches(MEMBER_ID, { each: true })
  memberIds!: string[];

  @ApiPropertyOptional({ example: 5, minimum: 0, maximum: 50, description: 'Optional cross-check: the number of members present, equal to the distinct memberIds' })
  @IsOptional() @IsInt() @Min(0) @Max(50)
  membersPresent?: number;

  @ApiProperty({ type: [AwardDto], description: 'Applications awarded with their amounts (at most what each requested); may be empty when the session only rejects or reserves' })
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AwardDto)
  awards!: AwardDto[];

  @ApiPropertyOptional({ type: [RejectionDto], description: 'Applications rejected, each with its reason' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => RejectionDto)
  rejected?: RejectionDto[];

  @ApiPropertyOptional({ type: [ReserveDto], description: 'The reserve list, best first: these may be awarded by a later session if funds are released' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ReserveDto)
  reserve?: ReserveDto[];
}
