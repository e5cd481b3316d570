import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/public.decorator.js';
import type { MeetingDocument } from '../engagement/projections/meetings.projection.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { InvalidQueryError, type Page } from '../shared/read-store/read-store.port.js';
import type { UnitDocument } from '../territory/projections/units.projection.js';
import { PORTAL_CSP, page, type Section } from './layout.js';
import { PORTAL_LINKS, type PortalLinks } from './portal-links.js';
import { type Lang, chooseLang } from './portal.i18n.js';
import { PAGE_SIZE, PORTAL_READS, PortalReader } from './portal.reader.js';
import { type View, registerPath, grantsView, homeView, meetingsView, notFoundView, planView, plansView, unitView } from './portal.views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public web portal: server-rendered HTML pages in Kazakh, Russian or English (`?lang=kk|ru|en`), read-only, with
 * no scripts and no external assets, under a CSP that admits only the page's own stylesheet. Every route is public.
 */
@ApiExcludeController()
@Public()
@Controller('portal')
export class PortalController {
  constructor(
    private readonly reader: PortalReader,
    @Inject(PORTAL_LINKS) private readonly links: PortalLinks,
  ) {}

  private send(reply: FastifyReply, lang: Lang, path: string, section: Section, view: View | null): string {
    const shown = view ?? notFoundView(lang);
    void reply
      .code(view ? 200 : 404)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PORTAL_CSP)
      .header('content-language', lang)
      .header('vary', 'Accept-Language')
      .header('cache-control', 'public, max-age=60');
    return page({ lang, title: shown.title, path, section: view ? section : 'none', links: this.links, position: this.reader.position(), body: shown.body }).toString();
  }

  private lang(query: unknown, request: FastifyRequest): Lang {
    return chooseLang(query, request.headers['accept-language']);
  }

  @Get()
  @ReadsFrom(...PORTAL_READS)
  async home(@Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const [portfolios, programmes, regions, plans, meetings, meetingsHeld, calls, jobs] = await Promise.all([
      this.reader.portfolios(),
      this.reader.programmes(),
      this.reader.units({ level: 'REGION' }),
      this.reader.plans(),
      this.reader.meetings(undefined, 10).then((p) => p.items),
      this.reader.countMeetings({ status: 'CLOSED' }),
      this.reader.grantCalls(),
      this.reader.jobs(),
    ]);
    const units = await this.reader.unitsById([...plans.map((p) => p.territoryUnitId), ...meetings.slice(0, 10).map((m) => m.territoryUnitId)]);
    return this.send(reply, lang, '/', 'home', homeView(lang, { iatiLink: this.links.iati, portfolios, programmes, regions, plans, meetings, meetingsHeld, calls, jobs, units }));
  }

  @Get('units/:unitId')
  @ReadsFrom(...PORTAL_READS)
  async unit(@Param('unitId') unitId: string, @Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const unit = UUID.test(unitId) ? await this.reader.unit(unitId) : null;
    if (!unit) return this.send(reply, lang, `/units/${encodeURIComponent(unitId)}`, 'none', null);
    const [ancestors, children, subtree, programmes] = await Promise.all([
      this.reader.ancestors(unit),
      this.reader.units({ parentId: unit.unitId }),
      this.reader.subtree(unit.unitId),
      this.reader.programmes(),
    ]);
    const [plans, meetings] = await Promise.all([this.reader.plans(subtree), this.reader.meetings(subtree, 10).then((p) => p.items)]);
    const units = await this.reader.unitsById([
      ...plans.map((p) => p.territoryUnitId),
      ...meetings.map((m) => m.territoryUnitId),
      ...programmes.flatMap((p) => p.byUnit.map((b) => b.unitId)).filter((id) => subtree.includes(id)),
    ]);
    return this.send(reply, lang, `/units/${unit.unitId}`, 'none', unitView(lang, { unit, ancestors, children, plans, meetings, programmes, subtree: new Set(subtree), units }));
  }

  /** The unit a register is limited to (`?unit=`, with every unit below it), or null; undefined when it names none. */
  private async scope(unitId: unknown): Promise<{ unit: UnitDocument | null; subtree?: string[] } | undefined> {
    if (unitId === undefined || unitId === '') return { unit: null };
    const unit = typeof unitId === 'string' && UUID.test(unitId) ? await this.reader.unit(unitId) : null;
    return unit ? { unit, subtree: await this.reader.subtree(unit.unitId) } : undefined;
  }

  @Get('plans')
  @ReadsFrom(...PORTAL_READS)
  async plans(
    @Query('lang') q: unknown,
    @Query('unit') unitId: unknown,
    @Query('page') pageParam: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const lang = this.lang(q, request);
    const scope = await this.scope(unitId);
    const pageNo = pageParam === undefined ? 1 : typeof pageParam === 'string' && /^[1-9]\d{0,3}$/.test(pageParam) ? Number(pageParam) : 0;
    if (!scope || pageNo === 0) return this.send(reply, lang, '/plans', 'plans', null);
    const all = await this.reader.plans(scope.subtree);
    const items = all.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
    if (pageNo > 1 && items.length === 0) return this.send(reply, lang, '/plans', 'plans', null);
    const units = await this.reader.unitsById(items.map((p) => p.territoryUnitId));
    const unit = scope.unit?.unitId ?? null;
    const first = pageNo > 1 ? registerPath('/plans', unit) : null;
    const next = all.length > pageNo * PAGE_SIZE ? registerPath('/plans', unit, { page: String(pageNo + 1) }) : null;
    const path = registerPath('/plans', unit, pageNo > 1 ? { page: String(pageNo) } : {});
    return this.send(reply, lang, path, 'plans', plansView(lang, { items, unit: scope.unit, units, first, next }));
  }

  @Get('plans/:planId')
  @ReadsFrom(...PORTAL_READS)
  async plan(@Param('planId') planId: string, @Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const plan = UUID.test(planId) ? await this.reader.plan(planId) : null;
    if (!plan) return this.send(reply, lang, `/plans/${encodeURIComponent(planId)}`, 'plans', null);
    const unit = await this.reader.unit(plan.territoryUnitId);
    const ancestors = unit ? await this.reader.ancestors(unit) : [];
    return this.send(reply, lang, `/plans/${plan.planId}`, 'plans', planView(lang, { plan, unit, ancestors }));
  }

  @Get('meetings')
  @ReadsFrom(...PORTAL_READS)
  async meetings(
    @Query('lang') q: unknown,
    @Query('unit') unitId: unknown,
    @Query('after') after: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const lang = this.lang(q, request);
    const scope = await this.scope(unitId);
    if (!scope || (after !== undefined && typeof after !== 'string')) return this.send(reply, lang, '/meetings', 'meetings', null);
    let found: Page<MeetingDocument>;
    try {
      found = await this.reader.meetings(scope.subtree, PAGE_SIZE, (after as string | undefined) ?? null);
    } catch (error) {
      if (error instanceof InvalidQueryError) return this.send(reply, lang, '/meetings', 'meetings', null); // a cursor not made here
      throw error;
    }
    const units = await this.reader.unitsById(found.items.map((m) => m.territoryUnitId));
    const unit = scope.unit?.unitId ?? null;
    const first = after ? registerPath('/meetings', unit) : null;
    const next = found.nextCursor ? registerPath('/meetings', unit, { after: found.nextCursor }) : null;
    const path = registerPath('/meetings', unit, after ? { after: after as string } : {});
    return this.send(reply, lang, path, 'meetings', meetingsView(lang, { items: found.items, unit: scope.unit, units, first, next }));
  }

  @Get('grants')
  @ReadsFrom(...PORTAL_READS)
  async grants(@Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const calls = await this.reader.grantCalls();
    const applications = await this.reader.applications(calls.flatMap((c) => c.sessions.flatMap((x) => x.awards.map((a) => a.applicationId))));
    const units = await this.reader.unitsById([...applications.values()].map((a) => a.territoryUnitId));
    return this.send(reply, lang, '/grants', 'grants', grantsView(lang, calls, applications, units));
  }
}
