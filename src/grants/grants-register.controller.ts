import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ANY_ROLE, Allow } from '../access/authorization.js';
import { PersonalDataService, maySeePersonalData } from '../privacy/personal-data.service.js';
import type { AuthenticatedRequest } from '../shared/command/command-context.js';
import type { Money } from '../shared/domain/money.js';
import { ApiQueryProblems } from '../shared/http/api-docs.js';
import { PageQueryDto, type PageResponse, toPageResponse } from '../shared/http/paging.js';
import { Projections } from '../shared/projections/projections.module.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { type Filter, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import type { ApplicantPersonalField } from './domain/grant-application.events.js';
import type { ApplicantType } from './domain/grant-call.events.js';
import { GRANT_APPLICATIONS_PROJECTION, type GrantApplicationDocument } from './projections/grant-applications.projection.js';

export class GrantsRegisterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the awards of this call' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the awards of this programme' }) @IsOptional() @IsUUID() programmeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the awards to projects in this unit' }) @IsOptional() @IsUUID() territoryUnitId?: string;
}

/** One award as the staff register shows it before the applicant is added: no applicant id, no personal value. */
export type AwardEntry = {
  /** The grant's id in the register (the application id: it names a project, not a person). */
  grantId: string;
  callId: string;
  programmeId: string;
  territoryUnitId: string;
  /** The unit, then its ancestors up to the region. */
  territoryLineage: string[];
  applicantType: ApplicantType;
  projectTitle: string;
  amount: Money;
  projectTotal: Money;
  ownContribution: Money;
  sessionDate: string;
  meanScore: string | null;
};

/** One award as staff see it: also the applicant id, and the applicant's personal values for roles that may see them. */
export type GrantEntry = AwardEntry & { applicantId: string; personal: Partial<Record<ApplicantPersonalField, string>> | null };

/**
 * The grants register for staff (DOMAIN.md 5.7): every award as soon as the committee decided it, read from the
 * applications read model, with the applicant id, and the applicant's name, IIN and phone in clear for roles that may
 * see personal data. The public register is `/public/reports/grants-register.{json,csv}` (src/transparency):
 * pseudonymised, and under the publication policy (an award becomes public when its agreement is signed).
 */
@ApiTags('grants')
@Controller()
export class GrantsRegisterController {
  constructor(
    private readonly projections: Projections,
    private readonly personal: PersonalDataService,
    private readonly units: UnitContextLoader,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get('grants-register')
  @Allow(ANY_ROLE)
  @ApiBearerAuth()
  @ReadsFrom(GRANT_APPLICATIONS_PROJECTION)
  @ApiOperation({ summary: 'The grants register for staff: the public entries plus the applicant id, and personal values for roles that may see them' })
  @ApiOkResponse({ description: '{ items, next }' })
  @ApiQueryProblems()
  async register(@Query() query: GrantsRegisterQueryDto, @Req() request: AuthenticatedRequest): Promise<PageResponse<GrantEntry>> {
    const page = await this.awards(query);
    const reveal = maySeePersonalData(request.actor);
    // One lineage per unit on the page (awards cluster in a few auls; each lineage reads the unit's ancestors' streams).
    const lineages = new Map(await Promise.all([...new Set(page.items.map((d) => d.territoryUnitId))].map(async (id) => [id, await this.units.lineage(id)] as const)));
    const items = await Promise.all(
      page.items.map(async (d) => ({ ...this.awardEntry(d, lineages), applicantId: d.applicantId, personal: reveal ? await this.personal.revealAll(d.personal) : null })),
    );
    return toPageResponse({ items, nextCursor: page.nextCursor }, request);
  }

  private awards(query: GrantsRegisterQueryDto) {
    const filter: Filter = { status: 'AWARDED' };
    if (query.callId) filter.callId = query.callId;
    if (query.programmeId) filter.programmeId = query.programmeId;
    if (query.territoryUnitId) filter.territoryUnitId = query.territoryUnitId;
    return this.reads.find<GrantApplicationDocument>(this.projections.collectionFor(GRANT_APPLICATIONS_PROJECTION), {
      filter,
      sort: [{ path: 'submittedAt', direction: 'asc' }],
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }

  private awardEntry(d: GrantApplicationDocument, lineages: ReadonlyMap<string, string[]>): AwardEntry {
    return {
      grantId: d.applicationId,
      callId: d.callId,
      programmeId: d.programmeId,
      territoryUnitId: d.territoryUnitId,
      territoryLineage: lineages.get(d.territoryUnitId) ?? [d.territoryUnitId],
      applicantType: d.applicantType,
      projectTitle: d.projectTitle,
      amount: d.decision!.amount!,
      projectTotal: d.budget.total,
      ownContribution: d.budget.ownContribution,
      sessionDate: d.decision!.sessionDate,
      meanScore: d.meanScore,
    };
  }
}
