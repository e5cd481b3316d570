import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../shared/http/paging.js';
import { IsCalendarDate } from '../../shared/http/validators.js';
import { AGENDA_ITEM_KINDS, AGE_BANDS, DECISION_OUTCOMES, MEETING_TYPES, type AgendaItemKind, type DecisionOutcome, type MeetingType } from '../domain/community-meeting.events.js';

const MEETING_STATUSES = ['SCHEDULED', 'NOTIFIED', 'OPEN', 'ADJOURNED', 'CLOSED', 'CANCELLED'] as const;
const COUNT = { minimum: 0, maximum: 1_000_000 };

export class ScheduleMeetingDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client, so that a retry is naturally idempotent' })
  @IsUUID()
  meetingId!: string;

  @ApiProperty({ enum: MEETING_TYPES, description: 'Kind of meeting (DOMAIN.md 5.6); its notice and quorum rules come from the meeting policy' })
  @IsIn(MEETING_TYPES)
  meetingType!: MeetingType;

  @ApiProperty({ format: 'uuid', description: 'The administrative unit (aul, rural okrug, …) whose community meets; must exist and be in force' })
  @IsUUID()
  territoryUnitId!: string;

  @ApiProperty({ example: 'Drinking water supply of Izendy', minLength: 1, maxLength: 300 })
  @IsString() @Length(1, 300)
  title!: string;

  @ApiProperty({ example: 'Akim of Izendy rural okrug', minLength: 1, maxLength: 300, description: 'The convening office or organisation (not a person’s name)' })
  @IsString() @Length(1, 300)
  convenor!: string;

  @ApiProperty({ example: 'Izendy House of Culture', minLength: 1, maxLength: 300 })
  @IsString() @Length(1, 300)
  venue!: string;

  @ApiProperty({ format: 'date-time', example: '2019-06-20T15:00:00+06:00', description: 'Start of the meeting with its UTC offset; the date as written is the meeting day for the notice period' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'scheduledFor must be a date-time with a UTC offset, e.g. 2019-06-20T15:00:00+06:00' })
  scheduledFor!: string;
}

export class PublishMeetingNoticeDto {
  @ApiProperty({ format: 'date', example: '2019-06-05', description: 'Day the notice was made public; at least the policy’s notice days before the meeting day' })
  @IsCalendarDate()
  publishedOn!: string;

  @ApiProperty({ example: 'Notice board of the akimat and the village WhatsApp group', minLength: 1, maxLength: 300 })
  @IsString() @Length(1, 300)
  channel!: string;
}

export class AddAgendaItemDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ example: 'Repair of the water tower', minLength: 1, maxLength: 500 })
  @IsString() @Length(1, 500)
  title!: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS, description: 'DISCUSSION items collect views; only DECISION items take decisions' })
  @IsIn(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @ApiPropertyOptional({ example: 'plan:0190f3c2-7a4e-7c1a-9b1e-2a3c4d5e6f70', maxLength: 200, description: 'What the item is about (a plan, amendment, budget …), as `<kind>:<id>`' })
  @IsOptional() @IsString() @Length(1, 200)
  subjectRef?: string;
}

export class OpenMeetingDto {
  @ApiProperty({ ...COUNT, example: 57, description: 'Participants registered at the door' })
  @IsInt() @Min(0) @Max(1_000_000)
  registeredCount!: number;

  @ApiPropertyOptional({ ...COUNT, example: 412, description: 'Eligible residents (or body members); required for types whose quorum is a share of them' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  eligibleCount?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'A frozen eligibility roll of the meeting’s unit whose size is the eligible count' })
  @IsOptional() @IsUUID()
  rollId?: string;
}

export class AttendanceBySexDto {
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) female!: number;
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) male!: number;
}

export class AttendanceByAgeBandDto {
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) UNDER_18!: number;
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) AGE_18_29!: number;
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) AGE_30_44!: number;
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) AGE_45_59!: number;
  @ApiProperty({ ...COUNT }) @IsInt() @Min(0) @Max(1_000_000) AGE_60_PLUS!: number;
}

/** Attendance as counts: each breakdown must add up to the total. Names are never collected. */
export class AttendanceDto {
  @ApiProperty({ ...COUNT, example: 57 }) @IsInt() @Min(0) @Max(1_000_000) total!: number;

  @ApiProperty({ type: AttendanceBySexDto })
  @IsDefined() @ValidateNested() @Type(() => AttendanceBySexDto)
  bySex!: AttendanceBySexDto;

  @ApiProperty({ type: AttendanceByAgeBandDto, description: `Age bands: ${AGE_BANDS.join(', ')}` })
  @IsDefined() @ValidateNested() @Type(() => AttendanceByAgeBandDto)
  byAgeBand!: AttendanceByAgeBandDto;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: AttendanceDto })
  @IsDefined() @ValidateNested() @Type(() => AttendanceDto)
  attendance!: AttendanceDto;
}

export class RecordProblemRaisedDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client' })
  @IsUUID()
  problemId!: string;

  @ApiProperty({ example: 'The water tower leaks; water is cut off for days in summer', minLength: 1, maxLength: 2000 })
  @IsString() @Length(1, 2000)
  text!: string;

  @ApiProperty({ example: 'WATER_SUPPLY', pattern: '^[A-Z][A-Z0-9_]{1,49}$', description: 'Problem category code, e.g. WATER_SUPPLY, ROADS, HEALTH, EDUCATION, JOBS' })
  @Matches(/^[A-Z][A-Z0-9_]{1,49}$/, { message: 'category must be an upper-case code such as WATER_SUPPLY' })
  category!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The agenda item the problem was raised under' })
  @IsOptional() @IsUUID()
  itemId?: string;
}

export class RecordDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'A DECISION item of the agenda' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ format: 'uuid', description: 'The vote (voting context) whose certified result this decision records' })
  @IsUUID()
  voteId!: string;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @ApiProperty({ example: 'Repair the water tower from the 2020 rural budget', minLength: 1, maxLength: 2000 })
  @IsString() @Length(1, 2000)
  text!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Continued on the next day at the request of the participants', minLength: 3, maxLength: 1000 })
  @IsString() @Length(3, 1000)
  reason!: string;
}

/** For commands that need nothing but may say why: the reason is recorded with the event. */
export class OptionalReasonDto {
  @ApiPropertyOptional({ example: 'Agenda exhausted', minLength: 3, maxLength: 1000, description: 'Why, recorded with the event' })
  @IsOptional() @IsString() @Length(3, 1000)
  reason?: string;
}

export class AttachMinutesDto {
  @ApiProperty({ format: 'uuid', description: 'Id of the signed minutes in the document store' })
  @IsUUID()
  documentId!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the minutes’ content' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256!: string;
}

export class MeetingSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() territoryUnitId?: string;
  @ApiPropertyOptional({ enum: MEETING_TYPES }) @IsOptional() @IsIn(MEETING_TYPES) type?: string;
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @IsOptional() @IsIn(MEETING_STATUSES) status?: string;
}

export class MeetingStatsQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The territory unit whose meetings are counted' })
  @IsUUID()
  territoryUnitId!: string;
}

// ------------------------------------------------------------------------------------------------------------------
// Responses

export class AgendaItemViewDto {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: AGENDA_ITEM_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) subjectRef!: string | null;
}

export class ProblemViewDto {
  @ApiProperty({ format: 'uuid' }) problemId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ example: 'WATER_SUPPLY' }) category!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId!: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
}

export class DecisionViewDto {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class NoticeViewDto {
  @ApiProperty({ format: 'date' }) publishedOn!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ description: 'Days between the notice and the meeting day' }) leadDays!: number;
  @ApiProperty({ example: 'meetings-2018.1' }) policyVersion!: string;
}

export class QuorumViewDto {
  @ApiProperty() reached!: boolean;
  @ApiProperty({ description: 'Registered participants the policy required' }) required!: number;
  @ApiProperty({ example: 'meetings-2018.1' }) policyVersion!: string;
}

export class MinutesViewDto {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'date-time' }) attachedAt!: string;
}

export class CancellationViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
}

/** A meeting with its agenda, attendance (counts only), problems, decisions and status. */
export class MeetingViewDto {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ enum: MEETING_TYPES }) meetingType!: string;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() convenor!: string;
  @ApiProperty() venue!: string;
  @ApiProperty({ format: 'date-time' }) scheduledFor!: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status!: string;
  @ApiProperty({ enum: ['HELD', 'NO_QUORUM'], nullable: true, type: String }) outcome!: string | null;
  @ApiProperty({ type: NoticeViewDto, nullable: true }) notice!: NoticeViewDto | null;
  @ApiProperty({ type: [AgendaItemViewDto] }) agenda!: AgendaItemViewDto[];
  @ApiProperty({ type: Number, nullable: true }) registeredCount!: number | null;
  @ApiProperty({ type: Number, nullable: true }) eligibleCount!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The frozen roll that gave the eligible count' }) rollId!: string | null;
  @ApiProperty({ type: QuorumViewDto, nullable: true }) quorum!: QuorumViewDto | null;
  @ApiProperty({ type: AttendanceDto, nullable: true }) attendance!: AttendanceDto | null;
  @ApiProperty({ type: [ProblemViewDto] }) problems!: ProblemViewDto[];
  @ApiProperty({ type: [DecisionViewDto] }) decisions!: DecisionViewDto[];
  @ApiProperty({ type: MinutesViewDto, nullable: true }) minutes!: MinutesViewDto | null;
  @ApiProperty({ type: CancellationViewDto, nullable: true }) cancellation!: CancellationViewDto | null;
  @ApiProperty({ example: '4', description: 'Stream revision (also the ETag)' }) revision!: string;
  @ApiProperty({ example: '1042' }) position!: string;
}

export class MeetingPageDto {
  @ApiProperty({ type: [MeetingViewDto] }) items!: MeetingViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null on the last page' }) next!: string | null;
}

export class MeetingCountsDto {
  @ApiProperty({ description: 'Meetings scheduled' }) scheduled!: number;
  @ApiProperty({ description: 'Closed with quorum' }) held!: number;
  @ApiProperty({ description: 'Closed without quorum' }) noQuorum!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ description: 'Participants (latest attendance of every meeting)' }) participants!: number;
  @ApiProperty({ example: { female: 31, male: 26 } }) bySex!: Record<string, number>;
  @ApiProperty({ example: { UNDER_18: 0, AGE_18_29: 12, AGE_30_44: 20, AGE_45_59: 15, AGE_60_PLUS: 10 } }) byAgeBand!: Record<string, number>;
}

export class MeetingTypeCountsDto extends MeetingCountsDto {
  @ApiProperty({ enum: MEETING_TYPES }) meetingType!: string;
}

/** The meetings register of a unit: totals and counts per meeting type. */
export class MeetingStatsDto {
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty({ type: MeetingCountsDto }) total!: MeetingCountsDto;
  @ApiProperty({ type: [MeetingTypeCountsDto] }) byType!: MeetingTypeCountsDto[];
}
