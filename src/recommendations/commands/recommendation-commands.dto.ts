import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmptyObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { IsCalendarDate } from '../../shared/http/validators.js';
import {
  AUTHORITY_RESPONSES,
  type AuthorityResponse,
  INPUT_SOURCE_KINDS,
  type InputSourceKind,
  RECOMMENDATION_THEMES,
  type RecommendationTheme,
} from '../domain/recommendation.events.js';

/** The content of a draft recommendation, shared by drafting and revision. */
export class RecommendationContentDto {
  @ApiProperty({ type: LocalizedTextDto, description: 'Short title in kk, ru and/or en' })
  @IsDefined() @IsNotEmptyObject() @ValidateNested() @Type(() => LocalizedTextDto)
  title!: LocalizedTextDto;

  @ApiProperty({ type: LocalizedTextDto, description: 'The recommendation’s text in kk, ru and/or en' })
  @IsDefined() @IsNotEmptyObject() @ValidateNested() @Type(() => LocalizedTextDto)
  text!: LocalizedTextDto;

  @ApiProperty({ enum: RECOMMENDATION_THEMES, example: 'LOCAL_BUDGET_FORMULATION', description: 'Policy theme (DOMAIN.md 5.9)' })
  @IsIn(RECOMMENDATION_THEMES)
  theme!: RecommendationTheme;

  @ApiPropertyOptional({ format: 'uuid', description: 'The organisation addressed (e.g. the Ministry of National Economy); may be given at submission instead' })
  @IsOptional() @IsUUID()
  addresseeOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The programme the recommendation came out of' })
  @IsOptional() @IsUUID()
  programmeId?: string;
}

export class DraftRecommendationDto extends RecommendationContentDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  recommendationId!: string;
}

/** The whole new content of the draft (DRAFT only). */
export class ReviseDraftDto extends RecommendationContentDto {}

export class RecordConsultationInputDto {
  @ApiProperty({ enum: INPUT_SOURCE_KINDS, example: 'MEETING', description: 'Where the input came from: a meeting (e.g. a dialogue platform) or an organisation' })
  @IsIn(INPUT_SOURCE_KINDS)
  sourceKind!: InputSourceKind;

  @ApiProperty({ format: 'uuid', description: 'Id of the meeting or the organisation' })
  @IsUUID()
  sourceId!: string;

  @ApiProperty({ example: 'Supported; asks for a published record of each priority', minLength: 1, maxLength: 2000, description: 'What the source said' })
  @IsString() @Length(1, 2000)
  summary!: string;
}

export class EndorseRecommendationDto {
  @ApiProperty({ format: 'uuid', description: 'The forum meeting that endorsed the recommendation (e.g. the closing conference)' })
  @IsUUID()
  meetingId!: string;

  @ApiProperty({ format: 'date', example: '2020-01-23', description: 'Date of the endorsement' })
  @IsCalendarDate()
  endorsedOn!: string;
}

export class SubmitRecommendationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The organisation submitted to; the draft’s addressee when left out' })
  @IsOptional() @IsUUID()
  addresseeOrganisationId?: string;

  @ApiProperty({ format: 'date', example: '2020-01-23', description: 'Date of the submission; not before the endorsement' })
  @IsCalendarDate()
  submittedOn!: string;
}

export class RecordAuthorityResponseDto {
  @ApiProperty({ enum: AUTHORITY_RESPONSES, example: 'PARTIALLY_ACCEPTED', description: 'How the authority answered; a later response corrects an earlier one' })
  @IsIn(AUTHORITY_RESPONSES)
  response!: AuthorityResponse;

  @ApiProperty({ format: 'date', example: '2020-05-15', description: 'Date of the response (or of the deadline for NO_RESPONSE); not before the submission' })
  @IsCalendarDate()
  respondedOn!: string;

  @ApiProperty({ example: 'Priorities to be published; agreement stays advisory', minLength: 1, maxLength: 2000, description: 'What the authority said' })
  @IsString() @Length(1, 2000)
  summary!: string;
}

export class RecordImplementationEvidenceDto {
  @ApiProperty({ format: 'uuid', description: 'Id of the document in the document store' })
  @IsUUID()
  documentId!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the document’s content' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256!: string;

  @ApiProperty({ example: 'Order publishing rural budgets in plain language', minLength: 1, maxLength: 2000, description: 'What the document shows' })
  @IsString() @Length(1, 2000)
  note!: string;
}

export class WithdrawRecommendationDto {
  @ApiProperty({ example: 'Merged into recommendation 2', minLength: 3, maxLength: 1000, description: 'Why, recorded with the event' })
  @IsString() @Length(3, 1000)
  reason!: string;
}
