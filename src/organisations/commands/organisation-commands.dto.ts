import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmptyObject, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { IATI_ORG_TYPE_CODES, type IatiOrgType } from '../domain/organisation.events.js';

export class RegisterOrganisationDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined() @IsNotEmptyObject() @ValidateNested() @Type(() => LocalizedTextDto)
  name!: LocalizedTextDto;

  @ApiProperty({ example: 'KZ-BIN-000140012345', description: 'IATI organisation identifier: registration agency prefix and the number in it (a KZ-BIN has 12 digits)' })
  @IsString() @Length(5, 120)
  orgIdentifier!: string;

  @ApiProperty({ enum: IATI_ORG_TYPE_CODES, example: '22', description: 'IATI OrganisationType code: 10 Government, 11 Local Government, 21 International NGO, 22 National NGO, 40 Multilateral, …' })
  @IsIn(IATI_ORG_TYPE_CODES)
  iatiOrgType!: IatiOrgType;

  @ApiProperty({ example: 'KZ', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as KZ' })
  country!: string;
}

export class RenameOrganisationDto {
  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined() @IsNotEmptyObject() @ValidateNested() @Type(() => LocalizedTextDto)
  name!: LocalizedTextDto;
}
