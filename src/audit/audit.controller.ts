import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../access/authorization.js';
import type { Role } from '../access/roles.js';
import { ApiQueryProblems } from '../shared/http/api-docs.js';
import { PageQueryDto, type PageResponse, toPageResponse } from '../shared/http/paging.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { InvalidQueryError } from '../shared/read-store/read-store.port.js';
import { AuditEntryPageDto, AuditTrailQueryDto, CutQueryDto, DiffQueryDto, DriftCheckDto, DriftReportDto } from './audit.dto.js';
import { NotFoundError } from '../shared/domain/errors.js';
import { AUDIT_TRAIL_PROJECTION, type AuditEntry } from './audit-trail.projection.js';
import { AuditTrailQueries, type EventWithChain } from './audit-trail.queries.js';
import { DriftDetector, type DriftReport } from './drift-detector.js';
import { type Cut, type PlanAsOf, type StateAt, type StreamDiff, TimeTravelService } from './time-travel.service.js';

/** Who may read the audit surfaces: auditors and administrators, read-only; nothing here decrypts a personal value. */
const AUDIT_READERS: readonly Role[] = ['auditor', 'administrator'];

const uuid = new ParseUUIDPipe({ version: undefined });
const STREAM_ID = /^[A-Za-z]{1,60}-[A-Za-z0-9._:-]{1,240}$/;

class NoDriftCheckYet extends NotFoundError {
  constructor() {
    super('no-drift-check-yet', 'No drift check has run', 'No projection drift check has run since the service started. Run one with POST /audit/drift-checks.');
  }
}

class StreamIdInvalid extends NotFoundError {
  constructor(streamId: string) {
    super('audit-stream-not-found', 'Stream not found', `${streamId.slice(0, 80)} is not a stream id; stream ids are <category>-<id>, e.g. plan-<planId>.`);
  }
}

const streamId = (value: string): string => {
  if (!STREAM_ID.test(value)) throw new StreamIdInvalid(value);
  return value;
};

const instant = (value: string | undefined) => (value === undefined ? undefined : new Date(value).toISOString());

const cutOf = (q: CutQueryDto): Cut => ({
  ...(q.asOf ? { asOf: instant(q.asOf) } : {}),
  ...(q.revision !== undefined ? { revision: BigInt(q.revision) } : {}),
  ...(q.position !== undefined ? { position: BigInt(q.position) } : {}),
  axis: q.time ?? 'occurred',
});

/**
 * The auditor's API (ARCHITECTURE.md "Integrity and audit"): the global audit trail with filters and cursor paging,
 * an event's causation chain, the history of any stream, its state as of an instant or revision, a diff between two
 * cuts, the consistent as-of view of a plan, and the projection drift detector. Read-only: the drift check writes only
 * its own shadow collections.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Allow(AUDIT_READERS)
export class AuditController {
  constructor(
    private readonly trail: AuditTrailQueries,
    private readonly timeTravel: TimeTravelService,
    private readonly drift: DriftDetector,
  ) {}

  @Get('events')
  @ReadsFrom(AUDIT_TRAIL_PROJECTION)
  @ApiOkResponse({ type: AuditEntryPageDto })
  @ApiOperation({ summary: 'The audit trail: every event with actor, role, command, reason, correlation, causation and evidence; filtered, cursor-paged by log position' })
  @ApiQueryProblems()
  async events(@Query() q: AuditTrailQueryDto, @Req() request: FastifyRequest): Promise<PageResponse<AuditEntry>> {
    const { cursor, limit, type, from, to, ...rest } = q;
    const page = await this.trail.find({ ...rest, types: type, from: instant(from), to: instant(to), cursor, limit: limit ?? 50 });
    return toPageResponse(page, request);
  }

  @Get('events/:eventId')
  @ReadsFrom(AUDIT_TRAIL_PROJECTION)
  @ApiOperation({ summary: 'One event with its causation chain (causes, consequences) and the size of its correlation' })
  @ApiQueryProblems()
  event(@Param('eventId', uuid) eventId: string): Promise<EventWithChain> {
    return this.trail.get(eventId);
  }

  @Get('streams/:streamId/history')
  @ApiParam({ name: 'streamId', example: 'plan-0b8f5c1e-…' })
  @ApiOkResponse({ type: AuditEntryPageDto })
  @ApiOperation({ summary: 'The history of a stream (any aggregate) from the log, with actors and reasons, a page at a time' })
  @ApiQueryProblems()
  async history(@Param('streamId') id: string, @Query() q: PageQueryDto, @Req() request: FastifyRequest): Promise<PageResponse<AuditEntry>> {
    if (q.cursor !== undefined && !/^\d{1,19}$/.test(q.cursor)) throw new InvalidQueryError('The cursor is not valid for this history; start again without a cursor');
    const from = q.cursor ? BigInt(q.cursor) : 0n;
    const page = await this.timeTravel.history(streamId(id), from, q.limit ?? 50);
    return toPageResponse({ items: page.items, nextCursor: page.nextRevision?.toString() ?? null }, request);
  }

  @Get('streams/:streamId/state')
  @ApiOperation({ summary: 'The state of an aggregate as of an instant, a revision or a log position, folded through the write side’s evolve' })
  @ApiQueryProblems()
  state(@Param('streamId') id: string, @Query() q: CutQueryDto): Promise<StateAt> {
    return this.timeTravel.stateAt(streamId(id), cutOf(q));
  }

  @Get('streams/:streamId/diff')
  @ApiOperation({ summary: 'A structured diff (JSON Pointer paths, before and after) between two states of an aggregate' })
  @ApiQueryProblems()
  diff(@Param('streamId') id: string, @Query() q: DiffQueryDto): Promise<StreamDiff> {
    const axis = q.time ?? 'occurred';
    const from: Cut = { axis, ...(q.from !== undefined ? { revision: BigInt(q.from) } : {}), ...(q.fromAsOf ? { asOf: instant(q.fromAsOf) } : {}) };
    if (q.from === undefined && !q.fromAsOf) from.revision = -1n;
    const to: Cut = { axis, ...(q.to !== undefined ? { revision: BigInt(q.to) } : {}), ...(q.toAsOf ? { asOf: instant(q.toAsOf) } : {}) };
    return this.timeTravel.diff(streamId(id), from, to);
  }

  @Get('plans/:planId/as-of')
  @ApiOperation({ summary: 'A plan with its budget lines, programme, amendments, votes and its territory’s grant calls and applications, as they stood at one cut' })
  @ApiQueryProblems()
  planAsOf(@Param('planId', uuid) planId: string, @Query() q: CutQueryDto): Promise<PlanAsOf> {
    return this.timeTravel.planAsOf(planId, cutOf(q));
  }

  @Post('drift-checks')
  @HttpCode(200)
  @ApiExtension('x-query', true)
  @ApiBadRequestResponse({ description: 'Malformed body' })
  @ApiUnprocessableEntityResponse({ description: 'An unknown projection name' })
  @ApiOperation({ summary: 'Rebuild projections into shadow collections and compare their digests with the live ones now' })
  @ApiOkResponse({ type: DriftReportDto })
  @ApiQueryProblems()
  checkDrift(@Body() dto: DriftCheckDto): Promise<DriftReport> {
    return this.drift.check(dto.projections);
  }

  @Get('drift-checks/latest')
  @ApiOperation({ summary: 'The report of the last drift check (on demand or scheduled)' })
  @ApiOkResponse({ type: DriftReportDto })
  @ApiQueryProblems()
  latestDrift(): DriftReport {
    const report = this.drift.latestReport();
    if (!report) throw new NoDriftCheckYet();
    return report;
  }
}
