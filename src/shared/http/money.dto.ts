import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { CURRENCIES, type Currency, FX_SOURCES, type FxSource } from '../domain/money.js';
import { IsCalendarDate } from './validators.js';

const MINOR_UNITS = /^(0|[1-9]\d{0,29})$/;
/** A positive decimal number written as a string (rates, percentages). */
export const DECIMAL = /^(0|[1-9]\d{0,19})(\.\d{1,12})?$/;

/** An exact amount: integer minor units as a string, and an ISO 4217 currency. */
export class MoneyDto {
  @ApiProperty({ example: '45000000', pattern: MINOR_UNITS.source, description: 'Whole number of minor units (cents, tiyn) as a string: "45000000" EUR is 450,000.00 EUR' })
  @IsString() @Matches(MINOR_UNITS, { message: 'amountMinor must be a whole number of minor units written as a string, e.g. "45000000"' })
  amountMinor!: string;

  @ApiProperty({ enum: CURRENCIES, example: 'EUR', description: 'ISO 4217' })
  @IsIn(CURRENCIES)
  currency!: Currency;
}

/** The exchange rate a transaction in another currency than the programme's is accounted with. */
export class FxRateDto {
  @ApiProperty({ example: '412.35', pattern: DECIMAL.source, description: 'Units of quote per one unit of base, as a decimal string' })
  @IsString() @Matches(DECIMAL, { message: 'rate must be a positive decimal number written as a string, e.g. "412.35"' })
  rate!: string;

  @ApiProperty({ enum: CURRENCIES, example: 'EUR' })
  @IsIn(CURRENCIES)
  base!: Currency;

  @ApiProperty({ enum: CURRENCIES, example: 'KZT' })
  @IsIn(CURRENCIES)
  quote!: Currency;

  @ApiProperty({ enum: FX_SOURCES, example: 'NBK', description: 'National Bank of Kazakhstan, the EC InforEuro rate, or the rate set in the contract' })
  @IsIn(FX_SOURCES)
  source!: FxSource;

  @ApiProperty({ format: 'date', example: '2018-12-06', description: 'The day the rate applies to' })
  @IsCalendarDate()
  rateDate!: string;
}
