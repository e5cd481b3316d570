import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LocalizedTextDto } from '../../shared/http/localized-text.dto.js';
import { PageQueryDto } from '../../shared/http/paging.js';
import { AUTHORITY_RESPONSES, INPUT_SOURCE_KINDS, RECOMMENDATION_STATUSES, RECOMMENDATION_THEMES } from '../domain/recommendation.events.js';

export class ConsultationInputDto {
  @ApiProperty({ enum: INPUT_SOURCE_KINDS, description: 'A meeting or an organisation' }) sourceKind!: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the meeting or organisation' }) sourceId!: string;
  @ApiProperty({ description: 'What the source said' }) summary!: string;
  @ApiProperty({ format: 'date-time', description: 'When the input was recorded' }) recordedAt!: string;
}

export class EndorsementDto {
  @ApiProperty({ format: 'uuid', description: 'The forum meeting that endorsed it' }) forumMeetingId!: string;
  @ApiProperty({ description: 'Date of the endorsement', format: 'date', example: '2020-01-23' }) endorsedOn!: string;
}

export class SubmissionDto {
  @ApiProperty({ format: 'uuid', description: 'The organisation submitted to' }) addresseeOrganisationId!: string;
  @ApiProperty({ description: 'Date of the submission', format: 'date', example: '2020-01-23' }) submittedOn!: string;
}

export class AuthorityResponseDto {
  @ApiProperty({ description: 'How the authority answered', enum: AUTHORITY_RESPONSES }) response!: string;
  @ApiProperty({ description: 'Date of the response', format: 'date', example: '2020-05-15' }) respondedOn!: string;
  @ApiProperty({ description: 'What the authority said' }) summary!: string;
  @ApiProperty({ description: 'When the response was recorded', format: 'date-time' }) recordedAt!: string;
}

export class ImplementationEvidenceDto {
  @ApiProperty({ description: 'Id of the document in the document store', format: 'uuid' }) documentId!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the document' }) sha256!: string;
  @ApiProperty({ description: 'What the document shows' }) note!: string;
  @ApiProperty({ description: 'When the evidence was recorded', format: 'date-time' }) recordedAt!: string;
}

export class WithdrawalDto {
  @ApiProperty({ description: 'Why it was withdrawn' }) reason!: string;
  @ApiProperty({ description: 'When it was withdrawn', format: 'date-time' }) withdrawnAt!: string;
}

/** A recommendation with its inputs, endorsement, submission, responses and evidence (response). */
export class RecommendationDto {
  @ApiProperty({ description: 'Id of the recommendation', format: 'uuid' }) recommendationId!: string;
  @ApiProperty({ description: 'Short title', type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ description: 'The recommendation’s text', type: LocalizedTextDto }) text!: LocalizedTextDto;
  @ApiProperty({ description: 'Policy theme', enum: RECOMMENDATION_THEMES }) theme!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Addressee named in the draft' }) addresseeOrganisationId!: string | null;
  @ApiProperty({ description: 'The programme it came out of, if any', type: String, format: 'uuid', nullable: true }) programmeId!: string | null;
  @ApiProperty({ description: 'Lifecycle status', enum: RECOMMENDATION_STATUSES }) status!: string;
  @ApiProperty({ description: 'When it was drafted', format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ description: 'When the consultation opened, or null', type: String, format: 'date-time', nullable: true }) consultationOpenedAt!: string | null;
  @ApiProperty({ description: 'Consultation inputs in the order recorded', type: [ConsultationInputDto] }) inputs!: ConsultationInputDto[];
  @ApiProperty({ description: 'The endorsement at a forum meeting, or null', type: EndorsementDto, nullable: true }) endorsement!: EndorsementDto | null;
  @ApiProperty({ description: 'The submission to the addressee, or null', type: SubmissionDto, nullable: true }) submission!: SubmissionDto | null;
  @ApiProperty({ type: [AuthorityResponseDto], description: 'Every response recorded, in order; the last one counts' }) responses!: AuthorityResponseDto[];
  @ApiProperty({ enum: AUTHORITY_RESPONSES, nullable: true, description: 'The last recorded response' }) response!: string | null;
  @ApiProperty({ description: 'Implementation evidence in the order recorded', type: [ImplementationEvidenceDto] }) evidence!: ImplementationEvidenceDto[];
  @ApiProperty({ description: 'The withdrawal, or null', type: WithdrawalDto, nullable: true }) withdrawal!: WithdrawalDto | null;
  @ApiProperty({ example: '4', description: 'Stream revision (also the ETag)' }) revision!: string;
  @ApiProperty({ description: 'Global position of the last event folded in', example: '1042' }) position!: string;
}

export class RecommendationPageDto {
  @ApiProperty({ description: 'The recommendations of this page', type: [RecommendationDto] }) items!: RecommendationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}

export class RecommendationSummaryDto {
  @ApiProperty({ example: 6, description: 'All recommendations' }) total!: number;
  @ApiProperty({ description: 'Count per status', example: { DRAFT: 0, IN_CONSULTATION: 0, ENDORSED: 0, SUBMITTED: 0, RESPONDED: 6, WITHDRAWN: 0 } })
  byStatus!: Record<string, number>;
  @ApiProperty({ description: 'Count per last recorded response', example: { ACCEPTED: 1, PARTIALLY_ACCEPTED: 2, REJECTED: 0, NO_RESPONSE: 3 } })
  byResponse!: Record<string, number>;
}

export class RecommendationSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES, description: 'Only recommendations in this status' })
  @IsOptional() @IsIn(RECOMMENDATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: RECOMMENDATION_THEMES, description: 'Only recommendations on this theme' })
  @IsOptional() @IsIn(RECOMMENDATION_THEMES)
  theme?: string;
}
