import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { IATI_ORG_TYPE_CODES } from '../domain/organisation.events.js';

/** An organisation (response). */
export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: LocalizedTextDto }) name!: LocalizedTextDto;
  @ApiProperty({ example: 'KZ-BIN-000140012345' }) orgIdentifier!: string;
  @ApiProperty({ enum: IATI_ORG_TYPE_CODES, example: '22' }) iatiOrgType!: string;
  @ApiProperty({ example: 'National NGO' }) iatiOrgTypeName!: string;
  @ApiProperty({ example: 'KZ' }) country!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ example: '1', description: 'Stream revision (also the ETag)' }) revision!: string;
  @ApiProperty({ example: '1042' }) position!: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}

export class OrganisationSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'XI-IATI-EC_DEVCO', description: 'Exact IATI organisation identifier' })
  @IsOptional() @IsString() @Length(1, 120)
  orgIdentifier?: string;

  @ApiPropertyOptional({ enum: IATI_ORG_TYPE_CODES })
  @IsOptional() @IsIn(IATI_ORG_TYPE_CODES)
  iatiOrgType?: string;

  @ApiPropertyOptional({ example: 'KZ' })
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as KZ' })
  country?: string;
}
