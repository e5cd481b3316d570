import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../shared/http/paging.js';
import { MAJORITY_RULES } from './vote-policy.js';
import { VOTE_METHODS, VOTE_OPTIONS } from './domain/vote.events.js';

export const VOTE_SUBJECT_TYPES = ['PLAN', 'AMENDMENT', 'PRIORITIES', 'BUDGET_AGREEMENT', 'DELEGATION', 'OTHER'] as const;
export const VOTE_STATUSES = ['OPEN', 'CLOSED', 'TALLIED', 'CERTIFIED', 'ANNULLED'] as const;
const OUTCOMES = ['ADOPTED', 'REJECTED', 'NO_QUORUM'] as const;

export class VoteSubjectDto {
  @ApiProperty({ enum: VOTE_SUBJECT_TYPES }) @IsIn(VOTE_SUBJECT_TYPES) type!: (typeof VOTE_SUBJECT_TYPES)[number];
  @ApiProperty({ description: 'Id of the plan, amendment, … voted on' }) @IsString() @Length(1, 200) ref!: string;
  @ApiProperty({ description: 'Hash pinning the exact text voted on (e.g. hex SHA-256)', example: 'a3f1…' })
  @IsString() @Length(8, 200) @Matches(/^[\x21-\x7e]+$/, { message: 'contentHash must be visible ASCII' })
  contentHash!: string;
}

export class OpenVoteDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client' }) @IsUUID() voteId!: string;
  @ApiProperty({ type: VoteSubjectDto }) @ValidateNested() @Type(() => VoteSubjectDto) subject!: VoteSubjectDto;
  @ApiProperty({ enum: VOTE_OPTIONS, isArray: true, example: ['FOR', 'AGAINST', 'ABSTAIN'], description: 'FOR and AGAINST, optionally ABSTAIN' })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(3) @IsIn(VOTE_OPTIONS, { each: true })
  options!: (typeof VOTE_OPTIONS)[number][];
  @ApiProperty({ enum: VOTE_METHODS, description: 'Open roll call (one ballot per resident) or an open hand count' }) @IsIn(VOTE_METHODS) method!: (typeof VOTE_METHODS)[number];
  @ApiProperty({ format: 'uuid', description: 'The unit whose community votes; the roll must be of this unit' }) @IsUUID() territoryUnitId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
  @ApiProperty({ format: 'uuid', description: 'A frozen eligibility roll' }) @IsUUID() rollId!: string;
  @ApiPropertyOptional({ example: 'GATHERING', description: 'Name of a configured vote policy (quorum and majority); the default policy when omitted' })
  @IsOptional() @IsString() @Length(1, 100)
  policy?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The annulled vote this one re-runs' }) @IsOptional() @IsUUID() rerunOf?: string;
}

export class HandCountDto {
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(10_000_000) for!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(10_000_000) against!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(10_000_000) abstain!: number;
  @ApiProperty({ minimum: 0, description: 'Voters present; at least the sum of the counts, at most the roll size' }) @IsInt() @Min(0) @Max(10_000_000) present!: number;
}

export class CastBallotDto {
  @ApiProperty({ format: 'uuid', description: 'A resident on the vote’s frozen roll' }) @IsUUID() residentId!: string;
  @ApiProperty({ enum: VOTE_OPTIONS }) @IsIn(VOTE_OPTIONS) option!: (typeof VOTE_OPTIONS)[number];
}

/** The body of closing, tally and certification: an optional note, recorded as the events' `reason` metadata. */
export class VoteStepDto {
  @ApiPropertyOptional({ example: 'Closed by the chair after the last speaker', description: 'Recorded with the event (metadata.reason)' })
  @IsOptional() @IsString() @Length(3, 1000)
  note?: string;
}

export class AnnulVoteDto {
  @ApiProperty({ example: 'The notice was not published 10 days ahead' }) @IsString() @Length(3, 1000) reason!: string;
}

export class VoteListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() territoryUnitId?: string;
  @ApiPropertyOptional({ enum: VOTE_STATUSES }) @IsOptional() @IsIn(VOTE_STATUSES) status?: (typeof VOTE_STATUSES)[number];
}

class CountsDto {
  @ApiProperty() for!: number;
  @ApiProperty() against!: number;
  @ApiProperty() abstain!: number;
}

class VotePolicyDto {
  @ApiProperty() policyVersion!: string;
  @ApiProperty({ example: { basis: 'ROLL_SIZE', minFraction: 0.5 } }) quorum!: { basis: 'ROLL_SIZE'; minFraction: number };
  @ApiProperty({ enum: MAJORITY_RULES }) majority!: string;
}

export class VoteResultDto {
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ type: String, nullable: true }) meetingId!: string | null;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty({ type: VoteSubjectDto }) subject!: VoteSubjectDto;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ type: CountsDto }) counts!: CountsDto;
  @ApiProperty() present!: number;
  @ApiProperty() rollSize!: number;
  @ApiProperty() quorumMet!: boolean;
  @ApiProperty() policyVersion!: string;
  @ApiProperty({ format: 'date-time' }) certifiedAt!: string;
  @ApiProperty({ nullable: true, description: 'Set when the certified vote was annulled afterwards', example: null }) annulment!: { reason: string; annulledAt: string } | null;
}

class TallyDto {
  @ApiProperty({ type: CountsDto }) counts!: CountsDto;
  @ApiProperty() present!: number;
  @ApiProperty() rollSize!: number;
  @ApiProperty({ description: 'present / rollSize, 4 decimals' }) turnout!: number;
  @ApiProperty() quorumMet!: boolean;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Roll call: only ballots before this global position (VoteClosed) were counted' }) ballotsBeforePosition!: string | null;
  @ApiProperty({ format: 'date-time' }) talliedAt!: string;
}

export class VoteViewDto {
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty({ type: String, nullable: true }) meetingId!: string | null;
  @ApiProperty({ type: VoteSubjectDto }) subject!: VoteSubjectDto;
  @ApiProperty({ enum: VOTE_OPTIONS, isArray: true }) options!: string[];
  @ApiProperty({ enum: VOTE_METHODS }) method!: string;
  @ApiProperty({ format: 'uuid' }) rollId!: string;
  @ApiProperty() rollSize!: number;
  @ApiProperty({ type: VotePolicyDto }) policy!: VotePolicyDto;
  @ApiProperty({ type: String, nullable: true }) rerunOf!: string | null;
  @ApiProperty({ enum: VOTE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ description: 'Roll call: ballots received (a count only; who voted how is not published)' }) ballotsReceived!: number;
  @ApiProperty({ nullable: true, example: { counts: { for: 3, against: 1, abstain: 0 }, present: 5 } }) handCount!: { counts: CountsDto; present: number } | null;
  @ApiProperty({ type: TallyDto, nullable: true }) tally!: TallyDto | null;
  @ApiProperty({ nullable: true, description: 'The certified result (without voteId)', example: null }) result!: object | null;
  @ApiProperty({ nullable: true, example: null }) annulment!: { reason: string; annulledAt: string } | null;
}

export class VotePageDto {
  @ApiProperty({ type: [VoteViewDto] }) items!: VoteViewDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}
