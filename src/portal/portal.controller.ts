import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/public.decorator.js';
import { ReadsFrom } from '../shared/projections/read-consistency.js';
import { PORTAL_CSP, page, type Section } from './layout.js';
import { PORTAL_LINKS, type PortalLinks } from './portal-links.js';
import { type Lang, chooseLang } from './portal.i18n.js';
import { PORTAL_READS, PortalReader } from './portal.reader.js';
import { type View, grantsView, homeView, meetingsView, notFoundView, planView, plansView, unitView } from './portal.views.js';

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
    const [portfolios, programmes, regions, plans, meetings, meetingsHeld, calls] = await Promise.all([
      this.reader.portfolios(),
      this.reader.programmes(),
      this.reader.units({ level: 'REGION' }),
      this.reader.plans(),
      this.reader.meetings(),
      this.reader.countMeetings({ status: 'CLOSED' }),
      this.reader.grantCalls(),
    ]);
    const units = await this.reader.unitsById([...plans.map((p) => p.territoryUnitId), ...meetings.slice(0, 10).map((m) => m.territoryUnitId)]);
    return this.send(reply, lang, '/', 'home', homeView(lang, { portfolios, programmes, regions, plans, meetings, meetingsHeld, calls, units }));
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
    const [plans, meetings] = await Promise.all([this.reader.plans(subtree), this.reader.meetings(subtree)]);
    const units = await this.reader.unitsById([
      ...plans.map((p) => p.territoryUnitId),
      ...meetings.map((m) => m.territoryUnitId),
      ...programmes.flatMap((p) => p.byUnit.map((b) => b.unitId)).filter((id) => subtree.includes(id)),
    ]);
    return this.send(reply, lang, `/units/${unit.unitId}`, 'none', unitView(lang, { unit, ancestors, children, plans, meetings, programmes, subtree: new Set(subtree), units }));
  }

  @Get('plans')
  @ReadsFrom(...PORTAL_READS)
  async plans(@Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const plans = await this.reader.plans();
    const units = await this.reader.unitsById(plans.map((p) => p.territoryUnitId));
    return this.send(reply, lang, '/plans', 'plans', plansView(lang, plans, units));
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
  async meetings(@Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const meetings = await this.reader.meetings();
    const units = await this.reader.unitsById(meetings.map((m) => m.territoryUnitId));
    return this.send(reply, lang, '/meetings', 'meetings', meetingsView(lang, meetings, units));
  }

  @Get('grants')
  @ReadsFrom(...PORTAL_READS)
  async grants(@Query('lang') q: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const lang = this.lang(q, request);
    const calls = await this.reader.grantCalls();
    const applications = await this.reader.applications(calls.map((c) => c.callId));
    const units = await this.reader.unitsById([...applications.values()].map((a) => a.territoryUnitId));
    return this.send(reply, lang, '/grants', 'grants', grantsView(lang, calls, applications, units));
  }
}
