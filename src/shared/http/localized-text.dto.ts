import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** A name in Kazakh, Russian and/or English; at least one language (checked by the domain). */
export class LocalizedTextDto {
  @ApiPropertyOptional({ example: 'Изенді ауылдық округі', minLength: 1, maxLength: 300 })
  @IsOptional() @IsString() @Length(1, 300)
  kk?: string;

  @ApiPropertyOptional({ example: 'Изендинский сельский округ', minLength: 1, maxLength: 300 })
  @IsOptional() @IsString() @Length(1, 300)
  ru?: string;

  @ApiPropertyOptional({ example: 'Izendy rural okrug', minLength: 1, maxLength: 300 })
  @IsOptional() @IsString() @Length(1, 300)
  en?: string;
}
