import { Inject, Injectable } from '@nestjs/common';
import { MEETINGS_PROJECTION, type MeetingDocument } from '../engagement/projections/meetings.projection.js';
import { GRANT_APPLICATIONS_PROJECTION, type GrantApplicationDocument } from '../grants/projections/grant-applications.projection.js';
import { GRANT_CALLS_PROJECTION, type GrantCallDocument } from '../grants/projections/grant-calls.projection.js';
import { GRANT_TOTALS_BY_REGION_PROJECTION, type GrantTotalsDocument } from '../grants/projections/grant-agreements.projection.js';
import { PLANS_PROJECTION, type PlanDocument } from '../planning/projections/plans.projection.js';
import { PROGRAMME_FINANCE_PROJECTION, type ProgrammeFinance } from '../programmes/projections/programme-finance.projection.js';
import { PROGRAMME_PORTFOLIO_PROJECTION, type FundingPortfolio } from '../programmes/projections/programme-portfolio.projection.js';
import { Projections } from '../shared/projections/projections.module.js';
import { type Filter, type FindOptions, type Page, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { UNITS_PROJECTION, type UnitDocument } from '../territory/projections/units.projection.js';

/** Every read model the portal shows; the position a page reflects is the lowest of their checkpoints. */
/** Jobs created by the grants: headcount, full-time equivalents (2 decimals), of which women and youth. */
export type JobsTotal = { headcount: number; fte: string; women: number; youth: number };

export const PORTAL_READS = [
  UNITS_PROJECTION,
  PROGRAMME_FINANCE_PROJECTION,
  PROGRAMME_PORTFOLIO_PROJECTION,
  PLANS_PROJECTION,
  MEETINGS_PROJECTION,
  GRANT_CALLS_PROJECTION,
  GRANT_APPLICATIONS_PROJECTION,
  GRANT_TOTALS_BY_REGION_PROJECTION,
] as const;

/** Grant calls the public may see: every status after publication. */
const PUBLIC_CALL_STATUSES = ['PUBLISHED', 'CLOSED', 'PARTIALLY_AWARDED', 'FULLY_AWARDED', 'COMPLETED', 'CANCELLED'];
/** Plans the public may see: those with a text put to the community (a recorded version). Drafts never submitted are work in progress. */
const isPublicPlan = (p: PlanDocument): boolean => p.versions.length > 0;

/** The most documents read for one list (the pilot has dozens of units, plans and calls). */
export const REGISTER_LIMIT = 1000;
/** Rows per page of the paged registers, so that every page stays well under 50 KB. */
export const PAGE_SIZE = 25;
const BATCH = 1000;

/**
 * The portal's read-only access to the other contexts' read models, through the ReadStore port only. It returns the
 * documents as stored; the views choose what is public (never the sealed personal fields, names of people, or actor ids).
 */
@Injectable()
export class PortalReader {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  /** The lowest checkpoint of the read models the portal shows. */
  position(): string {
    return PORTAL_READS.map((n) => this.projections.positionOf(n) ?? 0n)
      .reduce((a, b) => (b < a ? b : a))
      .toString();
  }

  private collection(name: string): string {
    return this.projections.collectionFor(name);
  }

  private async all<T>(projection: string, options: Omit<FindOptions, 'limit' | 'cursor'> = {}, max = REGISTER_LIMIT): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<T> = await this.reads.find<T>(this.collection(projection), { ...options, limit: Math.min(BATCH, max - items.length), cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < max);
    return items;
  }

  portfolios(): Promise<FundingPortfolio[]> {
    return this.all<FundingPortfolio>(PROGRAMME_PORTFOLIO_PROJECTION);
  }

  programmes(): Promise<ProgrammeFinance[]> {
    return this.all<ProgrammeFinance>(PROGRAMME_FINANCE_PROJECTION, { sort: [{ path: 'code', direction: 'asc' }] });
  }

  unit(unitId: string): Promise<UnitDocument | null> {
    return this.reads.get<UnitDocument>(this.collection(UNITS_PROJECTION), unitId);
  }

  units(filter: Filter): Promise<UnitDocument[]> {
    return this.all<UnitDocument>(UNITS_PROJECTION, { filter, sort: [{ path: 'sortName', direction: 'asc' }] }, 5 * REGISTER_LIMIT);
  }

  /** The unit's ancestors, nearest first. */
  async ancestors(unit: UnitDocument): Promise<UnitDocument[]> {
    const chain: UnitDocument[] = [];
    let parentId = unit.parentId;
    while (parentId && chain.length < 8) {
      const parent = await this.unit(parentId);
      if (!parent) break;
      chain.push(parent);
      parentId = parent.parentId;
    }
    return chain;
  }

  /** The ids of a unit and every unit below it (breadth first, at most 8 levels). */
  async subtree(unitId: string): Promise<string[]> {
    const ids = [unitId];
    let level = [unitId];
    for (let depth = 0; depth < 8 && level.length > 0; depth++) {
      const children = await this.units({ parentId: { $in: level } });
      level = children.map((c) => c.unitId).filter((id) => !ids.includes(id));
      ids.push(...level);
    }
    return ids;
  }

  /** Units by id (for names). */
  async unitsById(ids: string[]): Promise<Map<string, UnitDocument>> {
    const unique = [...new Set(ids)];
    const found = new Map<string, UnitDocument>();
    for (let i = 0; i < unique.length; i += 500) {
      const slice = unique.slice(i, i + 500);
      for (const u of await Promise.all(slice.map((id) => this.unit(id)))) if (u) found.set(u.unitId, u);
    }
    return found;
  }

  async plans(territoryUnitIds?: string[]): Promise<PlanDocument[]> {
    const filter: Filter = territoryUnitIds ? { territoryUnitId: { $in: territoryUnitIds } } : {};
    const plans = await this.all<PlanDocument>(PLANS_PROJECTION, { filter, sort: [{ path: 'period', direction: 'desc' }] });
    return plans.filter(isPublicPlan);
  }

  async plan(planId: string): Promise<PlanDocument | null> {
    const plan = await this.reads.get<PlanDocument>(this.collection(PLANS_PROJECTION), planId);
    return plan && isPublicPlan(plan) ? plan : null;
  }

  /** One page of meetings, latest first, in the given units or everywhere. A malformed cursor throws InvalidQueryError. */
  meetings(territoryUnitIds: string[] | undefined, limit: number, cursor?: string | null): Promise<Page<MeetingDocument>> {
    const filter: Filter = territoryUnitIds ? { territoryUnitId: { $in: territoryUnitIds } } : {};
    return this.reads.find<MeetingDocument>(this.collection(MEETINGS_PROJECTION), { filter, sort: [{ path: 'scheduledFor', direction: 'desc' }], limit, cursor });
  }

  countMeetings(filter: Filter): Promise<number> {
    return this.reads.count(this.collection(MEETINGS_PROJECTION), filter);
  }

  /** Jobs created by the grants (the latest report of each agreement), summed over the regions; null before any report. */
  async jobs(): Promise<JobsTotal | null> {
    const regions = await this.all<GrantTotalsDocument>(GRANT_TOTALS_BY_REGION_PROJECTION);
    const reported = regions.filter((r) => Object.keys(r.jobsByAgreement).length > 0);
    if (reported.length === 0) return null;
    const hundredths = (fte: string) => Math.round(Number(fte) * 100);
    const sum = (f: (r: GrantTotalsDocument) => number) => reported.reduce((n, r) => n + f(r), 0);
    const fte = sum((r) => hundredths(r.jobs.fte));
    return {
      headcount: sum((r) => r.jobs.headcount), fte: `${Math.trunc(fte / 100)}.${String(fte % 100).padStart(2, '0')}`,
      women: sum((r) => r.jobs.women), youth: sum((r) => r.jobs.youth),
    };
  }

  grantCalls(): Promise<GrantCallDocument[]> {
    return this.all<GrantCallDocument>(GRANT_CALLS_PROJECTION, { filter: { status: { $in: PUBLIC_CALL_STATUSES } }, sort: [{ path: 'reference', direction: 'asc' }] });
  }

  /** Applications by id (the register shows only their unit and applicant type). */
  async applications(applicationIds: string[]): Promise<Map<string, GrantApplicationDocument>> {
    const collection = this.collection(GRANT_APPLICATIONS_PROJECTION);
    const found = await Promise.all([...new Set(applicationIds)].map((id) => this.reads.get<GrantApplicationDocument>(collection, id)));
    return new Map(found.filter((a): a is GrantApplicationDocument => a !== null).map((a) => [a.applicationId, a]));
  }
}
