import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsIin } from '../../privacy/iin.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { IsCalendarDate, PHONE_PATTERN } from '../../shared/http/validators.js';
import { SEXES } from '../domain/resident.events.js';

const PHONE = PHONE_PATTERN;

export class ResidentContactDto {
  @ApiPropertyOptional({ example: '+7 700 000 00 00', description: 'Personal: encrypted under the resident’s key' })
  @IsOptional() @Matches(PHONE, { message: 'phone must be 5 to 30 digits, spaces, brackets or dashes, optionally after +' })
  phone?: string;

  @ApiPropertyOptional({ example: 'ул. Центральная, 1', description: 'Personal: encrypted under the resident’s key' })
  @IsOptional() @IsString() @Length(3, 500)
  address?: string;
}

export class RegisterResidentDto extends ResidentContactDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client; also the data subject id' }) @IsUUID() residentId!: string;
  @ApiProperty({ format: 'uuid', description: 'The village, township, okrug or town the resident lives in' }) @IsUUID() settlementId!: string;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: (typeof SEXES)[number];
  @ApiProperty({ example: 'Айгерим Серикова', description: 'Personal: encrypted under the resident’s key' }) @IsString() @Length(2, 200) fullName!: string;
  @ApiProperty({ example: '000000000000', description: 'Personal: 12 digits with a valid control digit; encrypted, and unique among active residents' }) @IsIin() iin!: string;
  @ApiProperty({ format: 'date', description: 'Personal: encrypted; only its 5-year band is kept plain' }) @IsCalendarDate() birthDate!: string;
}

export class RelocateResidentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() settlementId!: string;
}

export class DeregisterResidentDto {
  @ApiProperty({ example: 'Moved to Aktau' }) @IsString() @Length(3, 500) reason!: string;
}

export class ResidentLookupDto {
  @ApiProperty({ description: 'Sent in the body, never in a URL, so that it stays out of logs' }) @IsIin() iin!: string;
}

export class ResidentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() settlementId?: string;
  @ApiPropertyOptional({ enum: ['registered', 'deregistered'] }) @IsOptional() @IsIn(['registered', 'deregistered']) status?: string;
}

export class ResidentPersonalDto {
  @ApiPropertyOptional() fullName?: string;
  @ApiPropertyOptional() iin?: string;
  @ApiPropertyOptional() birthDate?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() address?: string;
}

/** A resident as staff see them: personal values in clear, or "[erased]"; other roles get `personal: null`. */
export class ResidentViewDto {
  @ApiProperty({ format: 'uuid' }) residentId!: string;
  @ApiProperty({ format: 'uuid' }) settlementId!: string;
  @ApiProperty({ enum: SEXES }) sex!: string;
  @ApiProperty({ example: '1990–1994' }) birthYearBand!: string;
  @ApiProperty({ enum: ['registered', 'deregistered'] }) status!: string;
  @ApiProperty() erased!: boolean;
  @ApiProperty({ type: ResidentPersonalDto, nullable: true }) personal!: ResidentPersonalDto | null;
}

export class ResidentPageDto {
  @ApiProperty({ type: [ResidentViewDto] }) items!: ResidentViewDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

/** The 5-year band of a birth date, e.g. 1990–1994 (kept plain for disaggregation; the date itself is personal). */
export const birthYearBand = (birthDate: string): string => {
  const year = Number(birthDate.slice(0, 4));
  const from = year - (year % 5);
  return `${from}–${from + 4}`;
};
