import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow } from '../../access/authorization.js';
import { CommandCtx, type CommandContext, commandMetadata } from '../../shared/command/command-context.js';
import { CommandPipeline } from '../../shared/command/command-pipeline.js';
import { sendCommandResult } from '../../shared/command/command-response.js';
import { ApiCommand, ApiQueryProblems } from '../../shared/http/api-docs.js';
import { CLOCK, type Clock } from '../../shared/http/clock.js';
import { toETag } from '../../shared/http/etag.js';
import { toPageResponse } from '../../shared/http/paging.js';
import { Projections } from '../../shared/projections/projections.module.js';
import { ReadsFrom } from '../../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { UnitContextLoader } from '../../territory/unit-context.loader.js';
import { EVENT_STORE, type EventStore } from '../../shared/event-store/event-store.port.js';
import { type EligibilityRollEvent, rollStream } from '../domain/eligibility-roll.events.js';
import { foldRoll } from '../domain/eligibility-roll.state.js';
import type { CertifiedVoteFacts, CommunityMeetingCommand } from '../domain/community-meeting.commands.js';
import { type VoteResultCertified, voteStream } from '../../voting/domain/vote-result.events.js';
import { communityMeetingDecider, meetingStream } from '../domain/community-meeting.decider.js';
import { MeetingNotFound } from '../domain/community-meeting.errors.js';
import { AGE_BANDS, ATTENDANCE_SEXES } from '../domain/community-meeting.events.js';
import { MEETING_POLICY } from '../meeting-policy.provider.js';
import type { MeetingPolicy } from '../meeting-policy.js';
import { MEETING_STATS_PROJECTION, type MeetingStatsDocument } from '../projections/meeting-stats.projection.js';
import { MEETINGS_PROJECTION, type MeetingDocument } from '../projections/meetings.projection.js';
import {
  AddAgendaItemDto, AttachMinutesDto, MeetingPageDto, MeetingSearchQueryDto, MeetingStatsDto, MeetingStatsQueryDto, MeetingViewDto, OpenMeetingDto, OptionalReasonDto,
  PublishMeetingNoticeDto, ReasonDto, RecordAttendanceDto, RecordDecisionDto, RecordProblemRaisedDto, ScheduleMeetingDto,
} from './meetings.dto.js';
import { unitInBody, unitOfStream } from '../engagement-scope.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const LOCAL_STAFF = ['administrator', 'rural-akim', 'meeting-secretary'] as const;
/** Meetings of a unit are kept by administrators and by the akim and meeting secretary of that unit (or a unit above it). */
const SchedulesMeeting = () => Allow(LOCAL_STAFF, unitInBody('territoryUnitId'));
const ChangesMeeting = () => Allow(LOCAL_STAFF, unitOfStream('meetingId', meetingStream, 'territoryUnitId', (id) => new MeetingNotFound(id)));

/**
 * Community meetings (Community Engagement, DOMAIN.md 5.6): schedule, notice, agenda, opening with quorum, attendance
 * by sex and age band (counts, never names), problems raised, decisions, adjournment, minutes, closure.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly units: UnitContextLoader,
    private readonly projections: Projections,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MEETING_POLICY) private readonly policy: MeetingPolicy,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @SchedulesMeeting()
  @ApiOperation({ summary: 'Schedule a meeting of a territory unit (the unit must exist and be in force)' })
  @ApiCommand(true)
  async schedule(@Body() dto: ScheduleMeetingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const unit = await this.units.details(dto.territoryUnitId);
    return this.run(reply, ctx, { type: 'ScheduleMeeting', data: { ...dto, unit: unit && { unitId: unit.unitId, retired: unit.status === 'Retired' } } });
  }

  @Post(':meetingId/notice')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Publish the meeting notice (at least the policy’s notice days before the meeting day)' })
  @ApiCommand()
  notice(@Param('meetingId', uuid) meetingId: string, @Body() dto: PublishMeetingNoticeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'PublishMeetingNotice', data: { meetingId, ...dto, policy: this.policy } });
  }

  @Post(':meetingId/agenda-items')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Add a DISCUSSION or DECISION item to the agenda' })
  @ApiCommand()
  addAgendaItem(@Param('meetingId', uuid) meetingId: string, @Body() dto: AddAgendaItemDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AddAgendaItem', data: { meetingId, itemId: dto.itemId, title: dto.title, kind: dto.kind, subjectRef: dto.subjectRef ?? null } });
  }

  @Post(':meetingId/opening')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Open the meeting with the registered count; records whether the quorum of the policy was reached' })
  @ApiCommand()
  async open(@Param('meetingId', uuid) meetingId: string, @Body() dto: OpenMeetingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const rollId = dto.rollId ?? null;
    const roll = rollId === null ? null : foldRoll((await this.store.readStream(rollStream(rollId))) as unknown as EligibilityRollEvent[]);
    const facts = roll && roll.status !== 'Empty' ? { rollId: roll.rollId, scopeUnitId: roll.scopeUnitId, frozen: roll.status === 'FROZEN', size: roll.frozen?.size ?? roll.entries.length } : null;
    return this.run(reply, ctx, {
      type: 'OpenMeeting',
      data: { meetingId, registeredCount: dto.registeredCount, eligibleCount: dto.eligibleCount ?? null, policy: this.policy, rollId, roll: facts },
    });
  }

  @Post(':meetingId/attendance')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Record attendance by sex and age band (counts that add up; a later record replaces an earlier one)' })
  @ApiCommand()
  attendance(@Param('meetingId', uuid) meetingId: string, @Body() dto: RecordAttendanceDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { total, bySex, byAgeBand } = dto.attendance;
    const attendance = {
      total,
      bySex: Object.fromEntries(ATTENDANCE_SEXES.map((s) => [s, bySex[s]])) as Record<(typeof ATTENDANCE_SEXES)[number], number>,
      byAgeBand: Object.fromEntries(AGE_BANDS.map((b) => [b, byAgeBand[b]])) as Record<(typeof AGE_BANDS)[number], number>,
    };
    return this.run(reply, ctx, { type: 'RecordAttendance', data: { meetingId, attendance } });
  }

  @Post(':meetingId/problems')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Record a problem raised at the meeting, optionally under an agenda item' })
  @ApiCommand()
  problem(@Param('meetingId', uuid) meetingId: string, @Body() dto: RecordProblemRaisedDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordProblemRaised', data: { meetingId, problemId: dto.problemId, text: dto.text, category: dto.category, itemId: dto.itemId ?? null } });
  }

  @Post(':meetingId/decisions')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Record the decision on a DECISION item, with the certified vote of this unit that produced it (only after quorum)' })
  @ApiCommand()
  async decision(@Param('meetingId', uuid) meetingId: string, @Body() dto: RecordDecisionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'RecordDecision', data: { meetingId, ...dto, vote: await this.certifiedVote(dto.voteId) } });
  }

  @Post(':meetingId/adjournment')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Adjourn an open meeting' })
  @ApiCommand()
  adjourn(@Param('meetingId', uuid) meetingId: string, @Body() dto: ReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AdjournMeeting', data: { meetingId, reason: dto.reason } }, dto?.reason);
  }

  @Post(':meetingId/reopening')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Reopen an adjourned meeting' })
  @ApiCommand()
  reopen(@Param('meetingId', uuid) meetingId: string, @Body() dto: OptionalReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'ReopenMeeting', data: { meetingId } }, dto?.reason);
  }

  @Post(':meetingId/minutes')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Attach the signed minutes (document id and SHA-256)' })
  @ApiCommand()
  minutes(@Param('meetingId', uuid) meetingId: string, @Body() dto: AttachMinutesDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'AttachMinutes', data: { meetingId, ...dto } });
  }

  @Post(':meetingId/closure')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Close an opened meeting: HELD, or NO_QUORUM when the quorum was not reached' })
  @ApiCommand()
  close(@Param('meetingId', uuid) meetingId: string, @Body() dto: OptionalReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CloseMeeting', data: { meetingId } }, dto?.reason);
  }

  @Post(':meetingId/cancellation')
  @ChangesMeeting()
  @ApiOperation({ summary: 'Cancel a meeting that has not opened' })
  @ApiCommand()
  cancel(@Param('meetingId', uuid) meetingId: string, @Body() dto: ReasonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run(reply, ctx, { type: 'CancelMeeting', data: { meetingId, reason: dto.reason } }, dto?.reason);
  }

  @Get()
  @Allow(ANY_ROLE)
  @ReadsFrom(MEETINGS_PROJECTION)
  @ApiOperation({ summary: 'Meetings by territory unit, type and status, by meeting time' })
  @ApiOkResponse({ type: MeetingPageDto })
  @ApiQueryProblems()
  async search(@Query() query: MeetingSearchQueryDto, @Req() request: FastifyRequest) {
    const filter: Filter = {};
    if (query.territoryUnitId) filter.territoryUnitId = query.territoryUnitId;
    if (query.type) filter.meetingType = query.type;
    if (query.status) filter.status = query.status;
    const page = await this.reads.find<MeetingDocument>(this.projections.collectionFor(MEETINGS_PROJECTION), {
      filter, sort: [{ path: 'scheduledFor', direction: 'asc' }], limit: query.limit ?? 50, cursor: query.cursor,
    });
    return toPageResponse(page, request);
  }

  @Get('stats')
  @Allow(ANY_ROLE)
  @ReadsFrom(MEETING_STATS_PROJECTION)
  @ApiOperation({ summary: 'The meetings register of a unit: meetings and participants by type, sex and age band' })
  @ApiOkResponse({ type: MeetingStatsDto })
  @ApiQueryProblems()
  async stats(@Query() query: MeetingStatsQueryDto): Promise<MeetingStatsDto> {
    const collection = this.projections.collectionFor(MEETING_STATS_PROJECTION);
    const docs: MeetingStatsDocument[] = [];
    for (let cursor: string | null | undefined; ; ) {
      const page = await this.reads.find<MeetingStatsDocument>(collection, { filter: { territoryUnitId: query.territoryUnitId }, sort: [{ path: 'meetingType', direction: 'asc' }], limit: 100, cursor });
      docs.push(...page.items);
      if (!(cursor = page.nextCursor)) break;
    }
    const counts = (d: Pick<MeetingStatsDocument, 'scheduled' | 'held' | 'noQuorum' | 'cancelled' | 'participants' | 'bySex' | 'byAgeBand'>) => {
      const { scheduled, held, noQuorum, cancelled, participants, bySex, byAgeBand } = d;
      return { scheduled, held, noQuorum, cancelled, participants, bySex, byAgeBand };
    };
    const add = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! + (b[k] ?? 0)]));
    const total = docs.reduce(
      (t, d) => ({
        scheduled: t.scheduled + d.scheduled, held: t.held + d.held, noQuorum: t.noQuorum + d.noQuorum, cancelled: t.cancelled + d.cancelled,
        participants: t.participants + d.participants, bySex: add(t.bySex, d.bySex), byAgeBand: add(t.byAgeBand, d.byAgeBand),
      }),
      { scheduled: 0, held: 0, noQuorum: 0, cancelled: 0, participants: 0, bySex: zeros(ATTENDANCE_SEXES), byAgeBand: zeros(AGE_BANDS) },
    );
    return { territoryUnitId: query.territoryUnitId, total, byType: docs.map((d) => ({ meetingType: d.meetingType, ...counts(d) })) };
  }

  @Get(':meetingId')
  @Allow(ANY_ROLE)
  @ReadsFrom(MEETINGS_PROJECTION)
  @ApiOperation({ summary: 'A meeting with its agenda, attendance, problems, decisions and status' })
  @ApiOkResponse({ type: MeetingViewDto, headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } })
  @ApiQueryProblems()
  async get(@Param('meetingId', uuid) meetingId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const doc = await this.reads.get<MeetingDocument>(this.projections.collectionFor(MEETINGS_PROJECTION), meetingId);
    if (!doc) throw new MeetingNotFound(meetingId);
    void reply.header('ETag', toETag(BigInt(doc.revision)));
    return doc;
  }

  /** The certified result of a vote, folded from its stream (the Voting context's published events), or null. */
  private async certifiedVote(voteId: string): Promise<CertifiedVoteFacts> {
    let facts: CertifiedVoteFacts = null;
    for (const e of await this.store.readStream(voteStream(voteId))) {
      if (e.type === 'VoteResultCertified') {
        const d = e.data as unknown as VoteResultCertified['data'];
        facts = { voteId, territoryUnitId: d.territoryUnitId, outcome: d.outcome, annulled: false };
      }
      if (e.type === 'VoteAnnulled' && facts) facts = { ...facts, annulled: true };
    }
    return facts;
  }

  private async run(reply: FastifyReply, ctx: CommandContext, command: Omit<CommunityMeetingCommand, 'metadata'>, reason?: string) {
    const request = { ...command, metadata: commandMetadata(ctx, this.clock.now(), reason) } as CommunityMeetingCommand;
    const id = request.data.meetingId;
    return sendCommandResult(reply, await this.pipeline.run({ id, streamId: meetingStream(id), decider: communityMeetingDecider, command: request, context: ctx }));
  }
}

const zeros = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));
