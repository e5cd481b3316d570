import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IATI_ORG_TYPE_CODES } from '../../organisations/domain/organisation.events.js';
import { CURRENCIES } from '../../shared/domain/money.js';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { IsCalendarDate } from '../../shared/http/validators.js';
import { UNIT_LEVELS } from '../../territory/domain/administrative-unit.events.js';
import { FxRateDto, MoneyDto } from '../../shared/http/money.dto.js';
import { PeriodDto } from '../commands/programme-commands.dto.js';
import { ACTIVITY_STATUSES, BUDGET_LINE_KINDS, CO_FINANCING_SOURCES, PARTNER_ROLES, TRANSACTION_TYPE_CODES } from '../domain/programme.events.js';

const money = (description: string) => ApiProperty({ type: MoneyDto, description });
const TRANSACTION_TYPES = Object.values(TRANSACTION_TYPE_CODES);

class OutflowsDto {
  @money('Outgoing commitments (IATI 2), in the programme currency') committed!: MoneyDto;
  @money('Disbursements (IATI 3), in the programme currency') disbursed!: MoneyDto;
  @money('Expenditure (IATI 4), in the programme currency') spent!: MoneyDto;
}

export class LineFinanceDto extends OutflowsDto {
  @ApiProperty({ example: '6' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: BUDGET_LINE_KINDS }) kind!: string;
  @money('The line in the current budget version') budget!: MoneyDto;
}

export class BudgetFinanceDto {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ enum: ['1', '2'], description: 'IATI budget type: 1 Original, 2 Revised' }) iatiBudgetType!: string;
  @money('Total budget') total!: MoneyDto;
  @money('EU contribution') euContribution!: MoneyDto;
  @money('total − euContribution (derived)') coFinancing!: MoneyDto;
  @ApiProperty({ type: String, nullable: true, example: '90.00', description: 'EU share of the total in percent, 2 decimals, rounded half to even' }) euSharePct!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '10.00' }) coFinancingSharePct!: string | null;
  @ApiProperty({ type: [LineFinanceDto] }) lines!: LineFinanceDto[];
}

class PartnerDto {
  @ApiProperty({ format: 'uuid' }) orgId!: string;
  @ApiProperty({ enum: PARTNER_ROLES }) role!: string;
  @ApiProperty({ enum: ['1', '2', '3', '4'], description: 'IATI OrganisationRole code' }) iatiRole!: string;
  @ApiProperty({ enum: IATI_ORG_TYPE_CODES }) orgType!: string;
}

class PilotUnitDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId!: string | null;
}

class BudgetHistoryDto {
  @ApiProperty() version!: number;
  @money('Total of the version') total!: MoneyDto;
  @money('EU contribution of the version') euContribution!: MoneyDto;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class TotalsDto extends OutflowsDto {
  @money('Incoming commitments (IATI 11)') incomingCommitments!: MoneyDto;
  @money('Incoming funds (IATI 1)') incomingFunds!: MoneyDto;
  @money('Co-financing recorded') coFinancing!: MoneyDto;
}

class CoFinancingBySourceDto {
  @ApiProperty({ enum: CO_FINANCING_SOURCES }) source!: string;
  @money('In the programme currency') amount!: MoneyDto;
}

class UnitOutflowsDto extends OutflowsDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId!: string | null;
}

class RegionOutflowsDto extends OutflowsDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId!: string | null;
}

class CurrencyTotalsDto {
  @ApiProperty({ enum: CURRENCIES }) currency!: string;
  @money('Original amounts in this currency') incomingCommitments!: MoneyDto;
  @money('Original amounts in this currency') incomingFunds!: MoneyDto;
  @money('Original amounts in this currency') committed!: MoneyDto;
  @money('Original amounts in this currency') disbursed!: MoneyDto;
  @money('Original amounts in this currency') spent!: MoneyDto;
  @money('Original amounts in this currency') coFinancing!: MoneyDto;
}

class ClosureDto {
  @ApiProperty({ format: 'date' }) closedOn!: string;
  @ApiProperty() reason!: string;
}

/** The finance read model of a programme. Amounts in the programme currency are derived from the events, never typed in. */
export class ProgrammeFinanceDto {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ example: 'GSE' }) code!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty() contractRef!: string;
  @ApiProperty({ enum: CURRENCIES }) currency!: string;
  @ApiProperty({ format: 'uuid' }) donorOrgId!: string;
  @ApiProperty({ format: 'uuid' }) leadOrgId!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) activityStatus!: string;
  @ApiProperty({ example: '2', description: 'IATI ActivityStatus code' }) iatiActivityStatus!: string;
  @ApiProperty({ example: '90' }) maxEuSharePct!: string;
  @money('Cap per third party on FSTP lines') fstpPerRecipientCap!: MoneyDto;
  @ApiProperty({ type: [PartnerDto] }) partners!: PartnerDto[];
  @ApiProperty({ type: [String] }) partnerOrgIds!: string[];
  @ApiProperty({ type: [PilotUnitDto] }) pilotUnits!: PilotUnitDto[];
  @ApiProperty({ type: [String] }) pilotUnitIds!: string[];
  @ApiProperty({ type: BudgetFinanceDto, nullable: true }) budget!: BudgetFinanceDto | null;
  @ApiProperty({ type: [BudgetHistoryDto] }) budgetHistory!: BudgetHistoryDto[];
  @ApiProperty({ type: TotalsDto }) totals!: TotalsDto;
  @ApiProperty({ type: [CoFinancingBySourceDto] }) coFinancingBySource!: CoFinancingBySourceDto[];
  @ApiProperty({ type: [UnitOutflowsDto], description: 'Outflows attributed to a pilot unit' }) byUnit!: UnitOutflowsDto[];
  @ApiProperty({ type: [RegionOutflowsDto], description: 'Outflows attributed to a pilot unit, by its region' }) byRegion!: RegionOutflowsDto[];
  @ApiProperty({ type: [CurrencyTotalsDto], description: 'Original amounts per transaction currency, before conversion' }) byCurrency!: CurrencyTotalsDto[];
  @ApiProperty() transactionCount!: number;
  @ApiProperty({ type: ClosureDto, nullable: true }) closed!: ClosureDto | null;
  @ApiProperty({ example: '12', description: 'Stream revision (also the ETag)' }) revision!: string;
  @ApiProperty({ example: '1042' }) position!: string;
}

export class ProgrammePageDto {
  @ApiProperty({ type: [ProgrammeFinanceDto] }) items!: ProgrammeFinanceDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}

/** One IATI-typed transaction. */
export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ format: 'uuid' }) transactionId!: string;
  @ApiProperty({ enum: TRANSACTION_TYPES, description: 'IATI TransactionType: 11 Incoming Commitment, 1 Incoming Funds, 2 Outgoing Commitment, 3 Disbursement, 4 Expenditure' }) transactionType!: string;
  @ApiProperty({ example: 'Outgoing Commitment' }) transactionTypeName!: string;
  @ApiProperty({ format: 'date' }) transactionDate!: string;
  @money('As recorded, in the transaction currency') amount!: MoneyDto;
  @ApiProperty({ type: FxRateDto, nullable: true }) fx!: FxRateDto | null;
  @money('In the programme currency, derived from amount and fx (half to even)') value!: MoneyDto;
  @ApiProperty({ type: String, nullable: true }) providerOrgId!: string | null;
  @ApiProperty({ type: String, nullable: true }) budgetLineCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) recipientId!: string | null;
  @ApiProperty({ type: String, nullable: true }) commitmentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ example: '1042' }) position!: string;
  @ApiProperty({ description: 'Zero-padded position, the sort key within a date' }) seq!: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items!: LedgerEntryDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

class PortfolioProgrammeDto {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: Number, nullable: true }) budgetVersion!: number | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) total!: MoneyDto | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) euContribution!: MoneyDto | null;
}

/** The combined budgets of the programmes in one currency. */
export class PortfolioDto {
  @ApiProperty({ enum: CURRENCIES }) currency!: string;
  @ApiProperty({ type: [PortfolioProgrammeDto] }) programmes!: PortfolioProgrammeDto[];
  @ApiProperty() programmeCount!: number;
  @money('Sum of the current budgets') total!: MoneyDto;
  @money('Sum of the EU contributions') euContribution!: MoneyDto;
  @money('total − euContribution') coFinancing!: MoneyDto;
  @ApiProperty({ type: String, nullable: true, example: '89.68' }) euSharePct!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '10.32' }) coFinancingSharePct!: string | null;
  @ApiProperty({ example: '1042' }) position!: string;
}

export class ProgrammeSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES })
  @IsOptional() @IsIn(ACTIVITY_STATUSES)
  activityStatus?: string;

  @ApiPropertyOptional({ enum: CURRENCIES })
  @IsOptional() @IsIn(CURRENCIES)
  currency?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  leadOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programmes this organisation takes part in, in any role' })
  @IsOptional() @IsUUID()
  partnerOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programmes with this pilot unit' })
  @IsOptional() @IsUUID()
  pilotUnitId?: string;
}

export class LedgerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TRANSACTION_TYPES, description: 'IATI TransactionType code' })
  @IsOptional() @IsIn(TRANSACTION_TYPES)
  transactionType?: string;

  @ApiPropertyOptional({ example: '6' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, { message: 'budgetLineCode must be a budget line code' })
  budgetLineCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Transactions on or after this date' })
  @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Transactions on or before this date' })
  @IsOptional() @IsCalendarDate()
  to?: string;
}
