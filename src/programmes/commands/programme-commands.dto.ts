import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { CURRENCIES, type Currency } from '../../shared/domain/money.js';
import { DECIMAL, FxRateDto, MoneyDto } from '../../shared/http/money.dto.js';
import { IsCalendarDate, Nested } from '../../shared/http/validators.js';
import {
  ACTIVITY_STATUSES,
  type ActivityStatus,
  BUDGET_LINE_KINDS,
  type BudgetLineKind,
  CO_FINANCING_SOURCES,
  type CoFinancingSource,
  PARTNER_ROLES,
  type PartnerRole,
} from '../domain/programme.events.js';

const LINE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

const dateProperty = (description: string) => ApiProperty({ format: 'date', example: '2018-12-06', description });

export class PeriodDto {
  @dateProperty('First day of the programme')
  @IsCalendarDate()
  start!: string;

  @dateProperty('Last day of the programme')
  @IsCalendarDate()
  end!: string;
}

export class RegisterProgrammeDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  programmeId!: string;

  @ApiProperty({ example: 'GSE', pattern: '^[A-Z][A-Z0-9-]{1,19}$' })
  @IsString() @Length(2, 20)
  code!: string;

  @ApiProperty({ type: LocalizedTextDto })
  @Nested(() => LocalizedTextDto)
  title!: LocalizedTextDto;

  @ApiProperty({ format: 'uuid', description: 'The funding organisation (the EU)' })
  @IsUUID()
  donorOrgId!: string;

  @ApiProperty({ format: 'uuid', description: 'The grant holder' })
  @IsUUID()
  leadOrgId!: string;

  @ApiProperty({ example: 'CSO-LA/2016/379-512' })
  @IsString() @Length(1, 100)
  contractRef!: string;

  @ApiProperty({ enum: CURRENCIES, example: 'EUR', description: 'The currency the programme is budgeted and accounted in' })
  @IsIn(CURRENCIES)
  currency!: Currency;

  @ApiProperty({ type: PeriodDto })
  @Nested(() => PeriodDto)
  period!: PeriodDto;

  @ApiProperty({ example: '90', pattern: DECIMAL.source, description: "The contract's maximum EU share of the total budget, in percent (a decimal string)" })
  @IsString() @Matches(DECIMAL, { message: 'maxEuSharePct must be a decimal percentage written as a string, e.g. "90"' })
  maxEuSharePct!: string;

  @ApiProperty({ type: MoneyDto, description: "The contract's cap on what one third party may be committed on FSTP lines (e.g. EUR 60,000), in the programme's currency" })
  @Nested(() => MoneyDto)
  fstpPerRecipientCap!: MoneyDto;
}

export class AddProgrammePartnerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgId!: string;

  @ApiProperty({ enum: PARTNER_ROLES, description: 'IATI organisation role: FUNDING 1, ACCOUNTABLE 2, EXTENDING 3, IMPLEMENTING 4' })
  @IsIn(PARTNER_ROLES)
  role!: PartnerRole;
}

export class BudgetLineDto {
  @ApiProperty({ example: '6', pattern: LINE_CODE.source })
  @IsString() @Matches(LINE_CODE, { message: 'code must be 1 to 20 letters, digits, dots, hyphens or underscores' })
  code!: string;

  @ApiProperty({ example: 'Financial support to third parties' })
  @IsString() @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: BUDGET_LINE_KINDS, description: 'FSTP: financial support to third parties (sub-grants)' })
  @IsIn(BUDGET_LINE_KINDS)
  kind!: BudgetLineKind;

  @ApiProperty({ type: MoneyDto })
  @Nested(() => MoneyDto)
  amount!: MoneyDto;
}

export class ApproveBudgetDto {
  @ApiProperty({ type: MoneyDto, description: 'The total budget; the lines add up to it exactly' })
  @Nested(() => MoneyDto)
  total!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: "The EU contribution, within the contract's maximum share of the total" })
  @Nested(() => MoneyDto)
  euContribution!: MoneyDto;

  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => BudgetLineDto)
  lines!: BudgetLineDto[];
}

export class ReviseBudgetDto extends ApproveBudgetDto {
  @ApiProperty({ example: 'Travel moved to services after the mid-term review', minLength: 3, maxLength: 2000 })
  @IsString() @Length(3, 2000)
  reason!: string;
}

export class EnrolPilotUnitDto {
  @ApiProperty({ format: 'uuid', description: 'A rural okrug, township, town of district significance or village' })
  @IsUUID()
  unitId!: string;
}

/** What every transaction carries. */
export class TransactionDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  transactionId!: string;

  @dateProperty('IATI transaction-date')
  @IsCalendarDate()
  transactionDate!: string;

  @ApiProperty({ type: MoneyDto, description: 'In the currency of the transaction' })
  @Nested(() => MoneyDto)
  amount!: MoneyDto;

  @ApiPropertyOptional({ type: FxRateDto, description: "Required when the amount is not in the programme's currency, and only then" })
  @IsOptional() @ValidateNested() @Type(() => FxRateDto)
  fx?: FxRateDto;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @Length(1, 500)
  description?: string;
}

export class IncomingTransactionDto extends TransactionDto {
  @ApiProperty({ format: 'uuid', description: 'A FUNDING partner of the programme' })
  @IsUUID()
  providerOrgId!: string;
}

export class OutgoingCommitmentDto extends TransactionDto {
  @ApiProperty({ example: '6', description: 'A line of the current budget' })
  @IsString() @Matches(LINE_CODE, { message: 'budgetLineCode must be a budget line code' })
  budgetLineCode!: string;

  @ApiProperty({ format: 'uuid', description: 'The third party (e.g. the grant), never personal data' })
  @IsUUID()
  recipientId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The pilot unit the money goes to' })
  @IsOptional() @IsUUID()
  unitId?: string;
}

export class DisbursementDto extends TransactionDto {
  @ApiProperty({ format: 'uuid', description: 'The outgoing commitment paid against' })
  @IsUUID()
  commitmentId!: string;
}

export class ExpenditureDto extends TransactionDto {
  @ApiProperty({ example: '1', description: 'A line of the current budget' })
  @IsString() @Matches(LINE_CODE, { message: 'budgetLineCode must be a budget line code' })
  budgetLineCode!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The pilot unit the money was spent in' })
  @IsOptional() @IsUUID()
  unitId?: string;
}

export class CoFinancingDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  contributionId!: string;

  @ApiProperty({ enum: CO_FINANCING_SOURCES })
  @IsIn(CO_FINANCING_SOURCES)
  source!: CoFinancingSource;

  @dateProperty('When the contribution was made')
  @IsCalendarDate()
  contributionDate!: string;

  @ApiProperty({ type: MoneyDto, description: 'Cash, or the value of a contribution in kind' })
  @Nested(() => MoneyDto)
  amount!: MoneyDto;

  @ApiPropertyOptional({ type: FxRateDto, description: "Required when the amount is not in the programme's currency, and only then" })
  @IsOptional() @ValidateNested() @Type(() => FxRateDto)
  fx?: FxRateDto;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @Length(1, 500)
  description?: string;
}

const STATUS_TARGETS = ACTIVITY_STATUSES.filter((s) => s !== 'CLOSED');

export class ChangeProgrammeStatusDto {
  @ApiProperty({ enum: STATUS_TARGETS, description: 'IATI activity status; CLOSED is reached by the closure' })
  @IsIn(STATUS_TARGETS)
  status!: ActivityStatus;

  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString() @Length(3, 2000)
  reason!: string;
}

export class CloseProgrammeDto {
  @dateProperty('The day the programme closed')
  @IsCalendarDate()
  closedOn!: string;

  @ApiProperty({ example: 'Final report accepted', minLength: 3, maxLength: 2000 })
  @IsString() @Length(3, 2000)
  reason!: string;
}
