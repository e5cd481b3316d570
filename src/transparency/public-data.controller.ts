import { Controller, Get, Optional, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/public.decorator.js';
import { AppConfig } from '../config/app.config.js';
import { NotFoundError } from '../shared/domain/errors.js';
import { ApiQueryProblems } from '../shared/http/api-docs.js';
import { badRequest } from '../shared/http/http-errors.js';
import { IMPLEMENTATION_PROJECTION } from '../planning/projections/plans.projection.js';
import { MEETING_STATS_PROJECTION } from '../engagement/projections/meeting-stats.projection.js';
import { ORGANISATIONS_PROJECTION, type OrganisationDocument } from '../organisations/projections/organisations.projection.js';
import { PROGRAMME_FINANCE_PROJECTION } from '../programmes/projections/programme-finance.projection.js';
import { PROGRAMME_LEDGER_PROJECTION } from '../programmes/projections/programme-ledger.projection.js';
import { UNITS_PROJECTION } from '../territory/projections/units.projection.js';
import { ApplicationMerkleLog } from '../integrity/checkpoint.scheduler.js';
import { PUBLIC_CACHE } from './feed/feed.controller.js';
import { toIatiXml } from './open-data/iati.js';
import { toGrant, toGrantsCsv } from './open-data/three-sixty-giving.js';
import { PUBLIC_AWARD_SOURCES, PublicDataService, katoOf } from './reports/public-data.service.js';
import { REPORTS } from './reports/reports.js';

class ReportNotFound extends NotFoundError {
  constructor(name: string) {
    super('report-not-found', 'No such report', `There is no report ${name}; the reports are ${REPORTS.map((r) => r.name).join(', ')}.`);
  }
}
class ProgrammeNotPublished extends NotFoundError {
  constructor(id: string) {
    super('programme-not-found', 'Programme not found', `No programme ${id} is registered.`);
  }
}

/**
 * The log position a public document reflects, and the root (hex) and size of the Merkle tree over the log up to that
 * position (RFC 9162, as `GET /integrity/tree` and the signed checkpoints compute it); null when the log is empty or the
 * integrity module is not loaded.
 */
export type Provenance = { reflectsPosition: string; merkleRoot: string | null; merkleTreeSize: number | null };

/** Reports (JSON and CSV, each with a data dictionary) and open data (IATI 2.03, 360Giving 1.4). Public, no personal data. */
@ApiTags('public')
@Controller('public')
@Public()
export class PublicDataController {
  constructor(
    private readonly data: PublicDataService,
    private readonly config: AppConfig,
    @Optional() private readonly merkle?: ApplicationMerkleLog,
  ) {}

  @Get('reports')
  @ApiOperation({ summary: 'The list of public reports, with their formats' })
  list(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', PUBLIC_CACHE);
    return { items: REPORTS.map((r) => ({ name: r.name, title: r.title, description: r.description, json: `/public/reports/${r.name}.json`, csv: `/public/reports/${r.name}.csv`, dictionary: `/public/reports/${r.name}/dictionary` })) };
  }

  @Get('reports/:file')
  @ApiOperation({ summary: 'A report as JSON (`<name>.json`: provenance, data dictionary and rows) or CSV (`<name>.csv`: rows; provenance in headers)' })
  @ApiParam({ name: 'file', example: 'programme-finance.csv' })
  @ApiOkResponse({ description: 'The report' })
  @ApiQueryProblems()
  async report(@Param('file') file: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const m = /^([a-z-]{1,60})\.(json|csv)$/.exec(file);
    if (!m) throw badRequest('validation-failed', 'The request is not valid', 'Ask for <report>.json or <report>.csv.', [{ path: 'file', message: 'must be <report>.json or <report>.csv' }]);
    const report = REPORTS.find((r) => r.name === m[1]);
    if (!report) throw new ReportNotFound(m[1]!);
    const provenance = await this.provenance(request, reply, report.sources);
    this.data.clearCache();
    const rows = await report.rows(this.data);
    void reply.header('cache-control', PUBLIC_CACHE);
    if (m[2] === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `inline; filename="${report.name}.csv"`);
      return stringify(rows.map((r) => report.dictionary.map((c) => r[c.field] ?? '')), { header: true, columns: report.dictionary.map((c) => c.field) });
    }
    return { report: report.name, title: report.title, description: report.description, ...provenance, sources: report.sources, dictionary: report.dictionary, rows };
  }

  @Get('reports/:name/dictionary')
  @ApiOperation({ summary: 'The data dictionary of a report: every column with its type and meaning' })
  @ApiQueryProblems()
  dictionary(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = REPORTS.find((r) => r.name === name);
    if (!report) throw new ReportNotFound(name);
    void reply.header('cache-control', PUBLIC_CACHE);
    return { report: report.name, dictionary: report.dictionary };
  }

  @Get('open-data/iati/:programmeId')
  @ApiOperation({ summary: 'IATI 2.03 activity XML of a programme: participating organisations, budgets, transactions (1, 2, 3, 4, 11), locations with KATO, sectors, results' })
  @ApiOkResponse({ description: 'An iati-activities document' })
  @ApiQueryProblems()
  async iati(@Param('programmeId', new ParseUUIDPipe()) programmeId: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const sources = [PROGRAMME_FINANCE_PROJECTION, PROGRAMME_LEDGER_PROJECTION, ORGANISATIONS_PROJECTION, UNITS_PROJECTION, IMPLEMENTATION_PROJECTION, MEETING_STATS_PROJECTION, ...PUBLIC_AWARD_SOURCES];
    const provenance = await this.provenance(request, reply, sources);
    this.data.clearCache();
    const programme = await this.data.programme(programmeId);
    if (!programme) throw new ProgrammeNotPublished(programmeId);
    const organisations = new Map<string, OrganisationDocument>();
    const orgIds = new Set([programme.leadOrgId, programme.donorOrgId, ...programme.partnerOrgIds]);
    const ledger = await this.data.ledger(programmeId);
    for (const t of ledger) if (t.providerOrgId) orgIds.add(t.providerOrgId);
    for (const id of orgIds) {
      const org = await this.data.organisation(id);
      if (org) organisations.set(id, org);
    }
    const pilotUnits = await Promise.all(programme.pilotUnits.map(async (u) => {
      const unit = await this.data.unit(u.unitId);
      return { unit, unitId: u.unitId, regionId: u.regionId, kato: katoOf(unit) };
    }));
    const pilot = new Set(programme.pilotUnitIds);
    const [plans, meetings, awards] = await Promise.all([this.data.implementation(), this.data.meetingStats(), this.data.publicAwards(programmeId)]);
    const xml = toIatiXml({
      programme, organisations, ledger, pilotUnits,
      results: {
        plansApproved: plans.filter((p) => pilot.has(p.territoryUnitId) && ['APPROVED', 'ACTIVE', 'CLOSED', 'SUPERSEDED'].includes(p.status)).length,
        meetingsHeld: meetings.filter((m) => pilot.has(m.territoryUnitId)).reduce((n, m) => n + m.held, 0),
        grantsAwarded: awards.length,
      },
      generatedAt: programme.budgetHistory.at(-1)?.at ?? `${programme.period.start}T00:00:00Z`,
    });
    void reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', PUBLIC_CACHE);
    void provenance;
    return xml;
  }

  @Get('open-data/360giving/:file')
  @ApiOperation({ summary: '360Giving 1.4 grants, one per published award: `grants.json` (a package) or `grants.csv` (flattened)' })
  @ApiParam({ name: 'file', enum: ['grants.json', 'grants.csv'] })
  @ApiQueryProblems()
  async threeSixtyGiving(@Param('file') file: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (file !== 'grants.json' && file !== 'grants.csv') throw badRequest('validation-failed', 'The request is not valid', 'Ask for grants.json or grants.csv.', [{ path: 'file', message: 'must be grants.json or grants.csv' }]);
    const provenance = await this.provenance(request, reply, [...PUBLIC_AWARD_SOURCES, ORGANISATIONS_PROJECTION, PROGRAMME_FINANCE_PROJECTION]);
    this.data.clearCache();
    const grants = [];
    for (const award of await this.data.publicAwards()) {
      const programme = await this.data.programme(award.call.programmeId);
      const funder = programme ? await this.data.organisation(programme.leadOrgId) : null;
      grants.push(toGrant(award, funder, programme && funder ? `${funder.orgIdentifier}-${programme.code}` : null, award.call.sessions.at(-1)?.decidedAt ?? award.awardDate));
    }
    void reply.header('cache-control', PUBLIC_CACHE);
    if (file === 'grants.csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8');
      return toGrantsCsv(grants);
    }
    return { version: '1.4', license: 'https://creativecommons.org/licenses/by/4.0/', publisher: { name: 'Aul Ledger' }, ...provenance, grants };
  }

  /** Waits for Consistent-With; answers Reflects-Position; returns the provenance to embed. */
  private async provenance(request: FastifyRequest, reply: FastifyReply, sources: string[]): Promise<Provenance> {
    const header = request.headers['consistent-with'];
    let reached = this.data.reflects(sources);
    if (typeof header === 'string' && header.trim() !== '') {
      if (!/^\d{1,20}$/.test(header.trim())) {
        throw badRequest('invalid-consistent-with', 'Invalid Consistent-With header', 'Consistent-With must be a log position as returned by a command, e.g. 1042.', [
          { path: 'headers.consistent-with', message: 'must be a non-negative integer' },
        ]);
      }
      const wanted = BigInt(header.trim());
      reached = await this.data.waitFor(wanted, sources, this.config.readWaitMs);
      if (reached < wanted) void reply.header('Consistency', 'stale');
    }
    void reply.header('Reflects-Position', reached.toString());
    const tree = await this.treeAt(reached);
    if (tree) void reply.header('Merkle-Root', tree.root).header('Merkle-Tree-Size', String(tree.size));
    return { reflectsPosition: reached.toString(), merkleRoot: tree?.root ?? null, merkleTreeSize: tree?.size ?? null };
  }

  /** The Merkle tree over every event up to `position` (inclusive): its size and root. */
  private async treeAt(position: bigint): Promise<{ size: number; root: string } | null> {
    if (!this.merkle) return null;
    const size = await this.merkle.sync();
    let lo = 0;
    let hi = size - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.merkle.positionAt(mid) <= position) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last < 0 ? null : { size: last + 1, root: (await this.merkle.root(last + 1)).toString('hex') };
  }
}
