import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { UNIT_LEVELS } from '../domain/administrative-unit.events.js';

export class KatoCodeDto {
  @ApiProperty({ example: '355245100' }) code!: string;
  @ApiProperty({ example: 'KATO-2019' }) classifierVersion!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiPropertyOptional({ format: 'date', description: 'First day the code no longer applies' }) validTo?: string;
}

class DatedNamesDto {
  @ApiProperty({ type: LocalizedTextDto }) names!: LocalizedTextDto;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
}

class DatedParentDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
}

class RetirementDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
}

/** An administrative unit: current values and their effective-dated history. */
export class UnitDetailsDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: ['Active', 'Retired'] }) status!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: string;
  @ApiProperty({ type: LocalizedTextDto }) names!: LocalizedTextDto;
  @ApiProperty({ type: [DatedNamesDto] }) nameHistory!: DatedNamesDto[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ type: [DatedParentDto] }) parentHistory!: DatedParentDto[];
  @ApiProperty({ type: [KatoCodeDto] }) katoCodes!: KatoCodeDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { '2019': 3120 } }) populationByYear!: Record<string, number>;
  @ApiPropertyOptional({ type: RetirementDto }) retired?: RetirementDto;
  @ApiProperty({ example: '4' }) revision!: string;
  @ApiProperty({ example: '1042' }) position!: string;
}
