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
import { FxRateDto, MoneyDto } from '../../shared/http/money.dto.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { IsCalendarDate, Nested } from '../../shared/http/validators.js';
import {
  AGREEMENT_STATUSES,
  DISBURSEMENT_MODES,
  type DisbursementMode,
  REPORT_KINDS,
  type ReportKind,
  TRANCHE_CONDITIONS,
  type TrancheCondition,
  VISIT_MONTHS,
} from '../domain/grant-agreement.events.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;
const date = (description: string) => ApiProperty({ format: 'date', example: '2018-12-06', description });
const fxProperty = () =>
  ApiPropertyOptional({ type: FxRateDto, description: "The rate that values the amount in the programme's currency: required when they differ, and only then" });

export class TrancheDto {
  @ApiProperty({ example: 1, description: 'Tranches are numbered 1, 2, … in order' }) @IsInt() @Min(1) @Max(20) n!: number;
  @ApiProperty({ type: MoneyDto, description: 'The tranches add up exactly to the agreement amount' }) @Nested(() => MoneyDto) amount!: MoneyDto;
  @ApiProperty({ enum: TRANCHE_CONDITIONS, description: 'Besides the previous tranche paid in full: NONE, an accepted report on the previous tranche, or an accepted PURCHASE report on it (NONE for tranche 1)' })
  @IsIn(TRANCHE_CONDITIONS) condition!: TrancheCondition;
  @date('Planned date') @IsCalendarDate() dueDate!: string;
}

/** Prepares the agreement of an awarded application: the amount must equal the award. */
export class PrepareAgreementDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' }) @IsUUID() agreementId!: string;
  @ApiProperty({ format: 'uuid', description: 'The awarded application; one agreement per application' }) @IsUUID() applicationId!: string;
  @ApiProperty({ type: MoneyDto, description: 'Exactly the amount the committee awarded' }) @Nested(() => MoneyDto) amount!: MoneyDto;
  @ApiProperty({ enum: DISBURSEMENT_MODES, description: 'Bank transfers to the grantee, or equipment bought and delivered by the project' }) @IsIn(DISBURSEMENT_MODES) mode!: DisbursementMode;
  @ApiProperty({ type: [TrancheDto], description: 'E.g. 70% on signature and 30% after the purchase report is accepted' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => TrancheDto)
  tranches!: TrancheDto[];
  @ApiPropertyOptional({ example: 12, description: 'Months the business must keep operating (12 unless stated)' }) @IsOptional() @IsInt() @Min(1) @Max(120) keepOperatingMonths?: number;
}

export class SignAgreementDto {
  @date('Date of signature') @IsCalendarDate() signedOn!: string;
  @fxProperty() @IsOptional() @ValidateNested() @Type(() => FxRateDto) fx?: FxRateDto;
}

export class RequestDisbursementDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(20) trancheN!: number;
}

/** A bank transfer of (part of) a tranche. */
export class AgreementDisbursementDto {
  @ApiProperty({ example: 'pay-1', description: 'Chosen by the client; the same payment again is a no-op' }) @IsString() @Matches(ID) paymentId!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(20) trancheN!: number;
  @ApiProperty({ type: MoneyDto, description: 'At most what is left of the tranche' }) @Nested(() => MoneyDto) amount!: MoneyDto;
  @date('Value date of the transfer') @IsCalendarDate() paidOn!: string;
  @ApiProperty({ example: 'KZ-PP-2018-0412', description: 'Bank reference of the transfer' }) @IsString() @Length(1, 100) bankRef!: string;
  @fxProperty() @IsOptional() @ValidateNested() @Type(() => FxRateDto) fx?: FxRateDto;
}

export class DeliveredItemDto {
  @ApiProperty({ example: 'Milk separator' }) @IsString() @Length(1, 300) description!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100_000) quantity!: number;
  @ApiProperty({ type: MoneyDto, description: 'Value of the line (all units)' }) @Nested(() => MoneyDto) value!: MoneyDto;
}

/** Equipment bought by the project and handed over, counting towards a tranche at the sum of its items. */
export class InKindDeliveryDto {
  @ApiProperty({ example: 'delivery-1', description: 'Chosen by the client; the same delivery again is a no-op' }) @IsString() @Matches(ID) deliveryId!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(20) trancheN!: number;
  @ApiProperty({ type: [DeliveredItemDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => DeliveredItemDto) items!: DeliveredItemDto[];
  @date('Date of hand-over') @IsCalendarDate() deliveredOn!: string;
  @ApiProperty({ example: 'PO-2018-17', description: 'Procurement reference (purchase order or contract)' }) @IsString() @Length(1, 100) procurementRef!: string;
  @fxProperty() @IsOptional() @ValidateNested() @Type(() => FxRateDto) fx?: FxRateDto;
}

export class ProgressReportDto {
  @ApiProperty({ example: 'purchase-1', description: 'Chosen by the client; a rejected report is resubmitted under the same id' }) @IsString() @Matches(ID) reportId!: string;
  @ApiProperty({ enum: REPORT_KINDS }) @IsIn(REPORT_KINDS) kind!: ReportKind;
  @ApiPropertyOptional({ example: 1, description: 'The tranche whose use the report accounts for (its acceptance meets the next tranche’s condition)' })
  @IsOptional() @IsInt() @Min(1) @Max(20) trancheN?: number;
  @ApiProperty({ description: 'What the report says' }) @IsString() @Length(1, 4000) summary!: string;
}

export class AgreementReasonDto {
  @ApiProperty({ example: 'Invoices missing', description: 'Why' }) @IsString() @Length(1, 2000) reason!: string;
}

export class AgreementOptionalReasonDto {
  @ApiPropertyOptional({ description: 'Why' }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class MonitoringVisitDto {
  @ApiProperty({ enum: VISIT_MONTHS, description: 'Months after signature' }) @IsIn(VISIT_MONTHS) month!: number;
  @date('Date of the visit') @IsCalendarDate() visitedOn!: string;
  @ApiProperty({ description: 'Whether the business was operating' }) @IsBoolean() operating!: boolean;
  @ApiPropertyOptional({ description: 'Findings' }) @IsOptional() @IsString() @Length(1, 4000) notes?: string;
}

export class JobsCreatedDto {
  @date('The date the figures describe; the latest counts') @IsCalendarDate() asOf!: string;
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(10_000) headcount!: number;
  @ApiProperty({ example: '2.5', description: 'Full-time equivalents, up to 2 decimals, at most the headcount' }) @IsString() @Matches(/^\d{1,4}(\.\d{1,2})?$/) fte!: string;
  @ApiProperty({ example: 2, description: 'Women among the headcount' }) @IsInt() @Min(0) @Max(10_000) women!: number;
  @ApiProperty({ example: 1, description: 'Young people (under 29) among the headcount' }) @IsInt() @Min(0) @Max(10_000) youth!: number;
}

export class RecoveryRequestDto {
  @ApiProperty({ type: MoneyDto, description: 'To be recovered: never more than was paid' }) @Nested(() => MoneyDto) amount!: MoneyDto;
}

export class RecoveryReceiptDto {
  @ApiProperty({ example: 'receipt-1', description: 'Chosen by the client; the same receipt again is a no-op' }) @IsString() @Matches(ID) receiptId!: string;
  @ApiProperty({ type: MoneyDto, description: 'At most what is still to be recovered' }) @Nested(() => MoneyDto) amount!: MoneyDto;
  @date('Date received') @IsCalendarDate() receivedOn!: string;
}

/** `GET /grant-agreements?programmeId=&callId=&status=&territoryUnitId=`. */
export class GrantAgreementSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() programmeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES }) @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The aul' }) @IsOptional() @IsUUID() territoryUnitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() regionId?: string;
}
