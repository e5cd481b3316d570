import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../../shared/http/paging.js';
import { UNIT_LEVELS } from '../domain/administrative-unit.events.js';
import { UnitDetailsDto } from './unit-details.dto.js';

const STATUSES = ['Active', 'Retired'] as const;

export class UnitChildrenQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional() @IsIn(STATUSES)
  status?: string;
}

export class UnitSearchQueryDto extends UnitChildrenQueryDto {
  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional() @IsIn(UNIT_LEVELS)
  level?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'A 9-digit KATO code, or its leading digits, in any classifier version', example: '3552' })
  @IsOptional() @Matches(/^\d{1,9}$/, { message: 'kato must be 1 to 9 digits' })
  kato?: string;

  @ApiPropertyOptional({ description: 'The start of a word or of a whole name, in Kazakh, Russian or English, current or former', example: 'изен' })
  @IsOptional() @IsString() @Length(2, 100)
  name?: string;
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDetailsDto] }) items!: UnitDetailsDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}
