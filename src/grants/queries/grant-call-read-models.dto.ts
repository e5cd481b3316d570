import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MoneyDto } from '../../shared/http/money.dto.js';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { AwardDto, CommitteeDto, CriterionDto, PercentBandDto } from '../commands/grant-call-commands.dto.js';
import { APPLICANT_TYPES, CALL_STATUSES } from '../domain/grant-call.events.js';

const money = (description: string) => ApiProperty({ type: MoneyDto, description });

class RejectionViewDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ description: 'Why the application was rejected' }) reason!: string;
}

class ReserveViewDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ description: 'Position on the reserve list, 1 first' }) position!: number;
}

/** One committee session and its decisions. */
export class AwardSessionDto {
  @ApiProperty({ format: 'uuid', description: 'Client-chosen id of the session' }) sessionId!: string;
  @ApiProperty({ format: 'date', description: 'Day of the session' }) sessionDate!: string;
  @ApiProperty({ description: 'Committee members present' }) membersPresent!: number;
  @ApiProperty({ type: [String], description: 'The members who took part (evaluator ids)' }) memberIds!: string[];
  @ApiProperty({ description: 'The quorum the call required' }) quorum!: number;
  @ApiProperty({ type: [AwardDto], description: 'Applications awarded with their amounts' }) awards!: AwardDto[];
  @ApiProperty({ type: [RejectionViewDto], description: 'Applications rejected, with reasons' }) rejected!: RejectionViewDto[];
  @ApiProperty({ type: [ReserveViewDto], description: 'The reserve list in order' }) reserve!: ReserveViewDto[];
  @money('Σ of this session’s awards') sessionTotal!: MoneyDto;
  @ApiProperty({ format: 'date-time', description: 'When the decision was recorded' }) decidedAt!: string;
}

class CallAmendmentDto {
  @ApiProperty({ type: [String], description: 'Fields that changed' }) changed!: string[];
  @ApiProperty({ description: 'Why' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class DeadlineExtensionDto {
  @ApiProperty({ format: 'date', description: 'Previous deadline' }) from!: string;
  @ApiProperty({ format: 'date', description: 'New deadline' }) to!: string;
  @ApiProperty({ description: 'Why' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A grant call with its terms, status, awards and the sum awarded against the fund (`grants.calls`). */
export class GrantCallDto {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid', description: 'The funding programme' }) programmeId!: string;
  @ApiProperty({ example: 'GSE-2018-1' }) reference!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ enum: CALL_STATUSES, description: 'DRAFT → PUBLISHED → CLOSED → PARTIALLY_/FULLY_AWARDED → COMPLETED; or CANCELLED' }) status!: string;
  @money('The call fund') fund!: MoneyDto;
  @money('Per-recipient cap') perRecipientCap!: MoneyDto;
  @money('Smallest award') minAward!: MoneyDto;
  @money('Largest award') maxAward!: MoneyDto;
  @ApiProperty({ type: PercentBandDto, description: 'Own-contribution band, percent' }) ownContributionPct!: PercentBandDto;
  @ApiProperty({ type: [String], format: 'uuid' }) eligibleUnitIds!: string[];
  @ApiProperty({ enum: APPLICANT_TYPES, isArray: true }) eligibleApplicantTypes!: string[];
  @ApiProperty({ type: [CriterionDto], description: 'Weights add up to 100' }) criteria!: CriterionDto[];
  @ApiProperty({ format: 'date' }) openingDate!: string;
  @ApiProperty({ format: 'date', description: 'Current deadline (after any extension)' }) deadline!: string;
  @ApiProperty({ type: CommitteeDto }) committee!: CommitteeDto;
  @ApiProperty({ description: 'Scores each application needs before its assessment' }) minScoresPerApplication!: number;
  @ApiProperty({ description: 'True once an application was submitted: criteria and caps are frozen' }) submissionsStarted!: boolean;
  @ApiProperty({ type: [AwardSessionDto], description: 'Committee sessions in decision order' }) sessions!: AwardSessionDto[];
  @ApiProperty({ description: 'Number of awards over all sessions' }) awardCount!: number;
  @money('Σ awards over all sessions; never above the fund') awardedTotal!: MoneyDto;
  @money('fund − awardedTotal') remaining!: MoneyDto;
  @ApiProperty({ type: String, nullable: true, example: '100.00', description: 'awardedTotal as a percentage of the fund' }) awardedPct!: string | null;
  @ApiProperty({ type: [CallAmendmentDto] }) amendments!: CallAmendmentDto[];
  @ApiProperty({ type: [DeadlineExtensionDto] }) deadlineExtensions!: DeadlineExtensionDto[];
  @ApiProperty({ type: String, nullable: true }) cancellationReason!: string | null;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ example: '4', description: 'Stream revision (the ETag)' }) revision!: string;
  @ApiProperty({ example: '1042', description: 'Global position of the last event folded in' }) position!: string;
}

export class GrantCallPageDto {
  @ApiProperty({ type: [GrantCallDto] }) items!: GrantCallDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}

/** `GET /grant-calls?programmeId=&status=`. */
export class GrantCallSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Calls of this programme' })
  @IsOptional() @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ enum: CALL_STATUSES, description: 'Calls in this status' })
  @IsOptional() @IsIn(CALL_STATUSES)
  status?: string;
}
