import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmptyObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../shared/http/validators.js';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { UNIT_LEVELS, type UnitLevel } from '../domain/administrative-unit.events.js';

const dateProperty = (description: string) => ApiProperty({ format: 'date', example: '2019-01-01', description });

export class RegisterUnitDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS)
  level!: UnitLevel;

  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined() @IsNotEmptyObject() @ValidateNested() @Type(() => LocalizedTextDto)
  names!: LocalizedTextDto;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The unit above; absent or null only for a REGION' })
  @IsOptional() @IsUUID()
  parentId?: string | null;

  @dateProperty('The day the unit exists from')
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class RenameUnitDto {
  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined() @IsNotEmptyObject() @ValidateNested() @Type(() => LocalizedTextDto)
  names!: LocalizedTextDto;

  @dateProperty('The day the new names apply from')
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class AssignKatoCodeDto {
  @ApiProperty({ example: '355245100', pattern: '^\\d{9}$' })
  @IsString()
  code!: string;

  @ApiProperty({ example: 'KATO-2019' })
  @IsString() @Length(1, 40)
  classifierVersion!: string;

  @dateProperty('First day the code applies')
  @IsCalendarDate()
  validFrom!: string;

  @ApiPropertyOptional({ format: 'date', description: 'First day the code no longer applies' })
  @IsOptional() @IsCalendarDate()
  validTo?: string;
}

export class RetireKatoCodeDto {
  @dateProperty('First day the code no longer applies')
  @IsCalendarDate()
  validTo!: string;
}

export class ReparentUnitDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  parentId!: string;

  @dateProperty('The day the unit belongs to the new parent from')
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class RecordPopulationDto {
  @ApiProperty({ example: 2019, minimum: 1990, maximum: 2100 })
  @IsInt() @Min(1990) @Max(2100)
  year!: number;

  @ApiProperty({ example: 3120, minimum: 0 })
  @IsInt() @Min(0) @Max(100_000_000)
  count!: number;
}

export class RetireUnitDto {
  @ApiProperty({ example: 'Merged into Nura township by decision of the district maslikhat', minLength: 3, maxLength: 2000 })
  @IsString() @Length(3, 2000)
  reason!: string;

  @dateProperty('The day the unit ceases to exist')
  @IsCalendarDate()
  effectiveFrom!: string;
}
