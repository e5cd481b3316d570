import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { PageQueryDto } from '../shared/http/paging.js';
import { CONTEXTS } from './stream-registry.js';

const TIME_AXES = ['occurred', 'recorded'] as const;
const TIME_DESCRIPTION = 'Which clock the instants read: business time `occurred` (the command’s time, default) or `recorded` (when the store accepted the event)';
const Instant = () => IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an RFC 3339 instant such as 2019-07-01T00:00:00Z' });
const LIST = (value: unknown) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

/** Filters of `GET /audit/events`. */
export class AuditTrailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Actor id, e.g. apiKey:<keyId> or reactor:planning.plan-approval' })
  @IsOptional() @IsString() @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ example: 'rural-akim' })
  @IsOptional() @IsString() @Length(1, 60)
  role?: string;

  @ApiPropertyOptional({ description: 'Event type(s), comma-separated', example: 'PlanApprovedByCommunity,PlanAmendmentApplied' })
  @IsOptional() @Transform(({ value }) => LIST(value)) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 100, { each: true })
  type?: string[];

  @ApiPropertyOptional({ enum: [...CONTEXTS, 'unknown'] })
  @IsOptional() @IsIn([...CONTEXTS, 'unknown'])
  context?: string;

  @ApiPropertyOptional({ description: 'Stream category', example: 'plan' })
  @IsOptional() @Matches(/^[A-Za-z]{1,60}$/)
  category?: string;

  @ApiPropertyOptional({ description: 'A stream id: one aggregate', example: 'plan-0b8f…' })
  @IsOptional() @IsString() @Length(1, 300)
  aggregate?: string;

  @ApiPropertyOptional({ description: 'Command name', example: 'ApprovePlan' })
  @IsOptional() @Matches(/^[A-Za-z]{1,100}$/)
  command?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  correlationId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  causationId?: string;

  @ApiPropertyOptional({ description: 'Events whose data refers to this id (a plan, unit, call…)' })
  @IsOptional() @IsString() @Length(1, 200)
  ref?: string;

  @ApiPropertyOptional({ description: 'Earliest instant, inclusive', example: '2019-06-01T00:00:00Z' })
  @IsOptional() @Instant()
  from?: string;

  @ApiPropertyOptional({ description: 'Latest instant, inclusive', example: '2019-06-30T23:59:59Z' })
  @IsOptional() @Instant()
  to?: string;

  @ApiPropertyOptional({ enum: TIME_AXES, description: TIME_DESCRIPTION })
  @IsOptional() @IsIn(TIME_AXES)
  time?: (typeof TIME_AXES)[number];

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'By global position; asc (oldest first) by default' })
  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

/** A cut through history: every bound given applies. */
export class CutQueryDto {
  @ApiPropertyOptional({ description: 'The instant the state is wanted as of', example: '2019-07-01T00:00:00Z' })
  @IsOptional() @Instant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'The stream revision the state is wanted at (from 0)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  revision?: number;

  @ApiPropertyOptional({ description: 'A global log position: no event after it is folded' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  position?: number;

  @ApiPropertyOptional({ enum: TIME_AXES, description: TIME_DESCRIPTION })
  @IsOptional() @IsIn(TIME_AXES)
  time?: (typeof TIME_AXES)[number];
}

/** The two cuts of a diff: revisions and/or instants. */
export class DiffQueryDto {
  @ApiPropertyOptional({ description: 'Revision of the earlier state' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  from?: number;

  @ApiPropertyOptional({ description: 'Revision of the later state (the current one when neither `to` nor `toAsOf` is given)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  to?: number;

  @ApiPropertyOptional({ description: 'Instant of the earlier state' }) @IsOptional() @Instant()
  fromAsOf?: string;

  @ApiPropertyOptional({ description: 'Instant of the later state' }) @IsOptional() @Instant()
  toAsOf?: string;

  @ApiPropertyOptional({ enum: TIME_AXES, description: TIME_DESCRIPTION }) @IsOptional() @IsIn(TIME_AXES)
  time?: (typeof TIME_AXES)[number];
}

/** `POST /audit/drift-checks`. */
export class DriftCheckDto {
  @ApiPropertyOptional({ type: [String], description: 'Projection names; every projection when omitted', example: ['planning.plans'] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Length(1, 100, { each: true })
  projections?: string[];
}

export class DriftResultDto {
  @ApiProperty() projection!: string;
  @ApiProperty({ description: 'Live collection' }) live!: string;
  @ApiProperty({ description: 'Shadow collection the projection was rebuilt into' }) shadow!: string;
  @ApiProperty({ description: 'Log position both reflect' }) position!: string;
  @ApiProperty() match!: boolean;
  @ApiProperty() liveDigest!: string;
  @ApiProperty() shadowDigest!: string;
  @ApiProperty() liveDocuments!: number;
  @ApiProperty() shadowDocuments!: number;
  @ApiPropertyOptional({ description: 'On a mismatch: count, example ids, documents only live holds' }) differing?: { count: number; examples: string[]; extraInLive: number };
}

export class DriftReportDto {
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ enum: ['on-demand', 'schedule'] }) trigger!: string;
  @ApiProperty({ type: [DriftResultDto] }) results!: DriftResultDto[];
}

export class EvidenceDto {
  @ApiProperty({ enum: ['vote', 'meeting', 'discussion', 'document', 'content-hash', 'policy'] }) kind!: string;
  @ApiProperty() ref!: string;
  @ApiPropertyOptional({ description: 'SHA-256 of a cited document' }) sha256?: string;
}

/** One event of the audit trail (response). */
export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'Global log position' }) position!: number;
  @ApiProperty({ example: 'PlanApprovedByCommunity' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ example: 'plan-0b8f5c1e-…' }) streamId!: string;
  @ApiProperty({ example: 'plan' }) category!: string;
  @ApiProperty({ example: 'planning' }) context!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'date-time', description: 'Business time of the command' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the store accepted the event' }) recordedAt!: string;
  @ApiProperty({ example: 'apiKey:3f1c…' }) actorId!: string;
  @ApiProperty({ example: 'rural-akim' }) actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) commandName!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Request id, or the id of the event a reactor reacted to' }) causationId!: string | null;
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
  @ApiProperty({ type: [String], description: 'Ids the event refers to' }) refs!: string[];
  @ApiProperty({ type: Object, description: 'The event data; sealed personal values appear as {"$sealed":"A256GCM","keyId":…}' }) data!: object;
  @ApiProperty() hash!: string;
  @ApiProperty() prevHash!: string;
}

export class AuditEntryPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}
