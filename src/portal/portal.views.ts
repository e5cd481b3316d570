import { createHash } from 'node:crypto';
import type { MeetingDocument } from '../engagement/projections/meetings.projection.js';
import type { GrantApplicationDocument } from '../grants/projections/grant-applications.projection.js';
import type { GrantCallDocument } from '../grants/projections/grant-calls.projection.js';
import { type ActionSpec, type PlanDiff, diffContent } from '../planning/domain/plan-content.js';
import type { PlanDocument } from '../planning/projections/plans.projection.js';
import type { ProgrammeFinance } from '../programmes/projections/programme-finance.projection.js';
import type { FundingPortfolio } from '../programmes/projections/programme-portfolio.projection.js';
import { type Money, minorOf, money } from '../shared/domain/money.js';
import type { UnitDocument } from '../territory/projections/units.projection.js';
import type { JobsTotal } from './portal.reader.js';
import { barChart } from './charts.js';
import { formatAmount, formatDate, formatDecimal, formatPct } from './format.js';
import { type Html, type Interpolation, html } from './html.js';
import { href } from './layout.js';
import { type LabelKey, type Lang, codeLabel, label, localized } from './portal.i18n.js';

/** What a view returns: the page title and its main content (the layout adds the rest). */
export type View = { title: string; body: Html };

/** A LocalizedText in the page's language; marked with its own `lang` when it fell back to another one. */
const text = (lang: Lang, value: Parameters<typeof localized>[1]): Html => {
  const found = localized(lang, value);
  if (!found) return html`–`;
  return found.lang === lang ? html`${found.text}` : html`<span lang="${found.lang}">${found.text}</span>`;
};
const unitName = (lang: Lang, unit: UnitDocument | undefined | null): Html => (unit ? text(lang, unit.names) : html`–`);
const unitLink = (lang: Lang, unit: UnitDocument | undefined | null): Html =>
  unit ? html`<a href="${href(lang, `/units/${unit.unitId}`)}">${unitName(lang, unit)}</a>` : html`–`;
const plainName = (lang: Lang, unit: UnitDocument | undefined | null): string => localized(lang, unit?.names)?.text ?? '–';

/**
 * The public code of a grant application: a one-way hash of its id, so the register can tell applications apart and
 * match them across pages without naming or identifying anyone (no applicant id, name, IIN or phone ever appears).
 */
export const applicationCode = (applicationId: string): string => {
  const hex = createHash('sha256').update(`aul-ledger/portal/application/${applicationId}`, 'utf8').digest('hex').toUpperCase();
  return `A-${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
};

const t = label;
const none = (lang: Lang) => html`<p class="muted">${t(lang, 'noneYet')}</p>`;
const list = <T>(lang: Lang, items: T[], render: (item: T) => Interpolation): Html => (items.length === 0 ? none(lang) : html`${items.map(render)}`);

const sumBy = (amounts: Money[]): Money[] => {
  const totals = new Map<string, bigint>();
  for (const m of amounts) totals.set(m.currency, (totals.get(m.currency) ?? 0n) + minorOf(m));
  return [...totals].map(([currency, minor]) => money(minor, currency as Money['currency']));
};
const amounts = (lang: Lang, list: Money[]): string => (list.length === 0 ? '–' : list.map((m) => formatAmount(lang, m)).join(' + '));

/** Links to the first and the next page of a register (plain links: no script, no form). */
const pager = (lang: Lang, first: string | null, next: string | null): Html =>
  first || next
    ? html`<nav class="pager" aria-label="${t(lang, 'pages')}">${first ? html`<a href="${href(lang, first)}">${t(lang, 'firstPage')}</a> ` : ''}${next ? html`<a href="${href(lang, next)}" rel="next">${t(lang, 'nextPage')}</a>` : ''}</nav>`
    : html``;

/** A register's path with its unit filter and a page parameter. */
export const registerPath = (base: string, unitId: string | null, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams({ ...(unitId ? { unit: unitId } : {}), ...extra }).toString();
  return params ? `${base}?${params}` : base;
};

// ---------------------------------------------------------------------------------------------------------------
// Home

export type HomeData = {
  /** The link template of a programme's IATI activity file (`{programmeId}`). */
  iatiLink: string;
  portfolios: FundingPortfolio[];
  programmes: ProgrammeFinance[];
  regions: UnitDocument[];
  plans: PlanDocument[];
  meetings: MeetingDocument[];
  meetingsHeld: number;
  calls: GrantCallDocument[];
  /** Jobs created by the grants, or null before any agreement reported them. */
  jobs: JobsTotal | null;
  units: Map<string, UnitDocument>;
};

export const homeView = (lang: Lang, d: HomeData): View => {
  const awards = d.calls.reduce((n, c) => n + c.awardCount, 0);
  const awardedTotals = sumBy(d.calls.map((c) => c.awardedTotal));
  const withBudget = d.programmes.filter((p) => p.budget);
  const shareChart = (p: FundingPortfolio) =>
    barChart(
      {
        title: `${t(lang, 'euShareChart')} (${p.currency})`,
        desc: `${t(lang, 'totalBudget')}: ${formatAmount(lang, p.total)}; ${t(lang, 'euContribution')}: ${formatAmount(lang, p.euContribution)} (${formatPct(lang, p.euSharePct)}); ${t(lang, 'coFinancing')}: ${formatAmount(lang, p.coFinancing)} (${formatPct(lang, p.coFinancingSharePct)}).`,
        series: [
          { name: t(lang, 'euContribution'), cls: 's1' },
          { name: t(lang, 'coFinancing'), cls: 's2' },
        ],
        rows: p.programmes
          .filter((x) => x.total && x.euContribution)
          .map((x) => ({
            label: x.code,
            values: [
              { value: minorOf(x.euContribution!), text: formatAmount(lang, x.euContribution!) },
              { value: minorOf(x.total!) - minorOf(x.euContribution!), text: formatAmount(lang, money(minorOf(x.total!) - minorOf(x.euContribution!), p.currency)) },
            ],
          })),
        tableCaption: t(lang, 'dataTable'),
        rowHeader: t(lang, 'programme'),
      },
      `share-${p.currency.toLowerCase()}`,
    );
  const spending = withBudget.length === 0 ? html`` : barChart(
    {
      title: t(lang, 'spendingChart'),
      desc: withBudget.map((p) => `${p.code}: ${t(lang, 'totalBudget')} ${formatAmount(lang, p.budget!.total)}, ${t(lang, 'committed')} ${formatAmount(lang, p.totals.committed)}, ${t(lang, 'spent')} ${formatAmount(lang, p.totals.spent)}`).join('; '),
      series: [
        { name: t(lang, 'totalBudget'), cls: 's1' },
        { name: t(lang, 'committed'), cls: 's2' },
        { name: t(lang, 'spent'), cls: 's3' },
      ],
      rows: withBudget.map((p) => ({
        label: p.code,
        values: [p.budget!.total, p.totals.committed, p.totals.spent].map((m) => ({ value: minorOf(m), text: formatAmount(lang, m) })),
      })),
      tableCaption: t(lang, 'dataTable'),
      rowHeader: t(lang, 'programme'),
    },
    'spending',
  );
  const body = html`<h1>${t(lang, 'tagline')}</h1>
<h2>${t(lang, 'programmeFunding')}</h2>
${d.portfolios.length === 0 ? none(lang) : ''}<ul class="tiles">${d.portfolios.map(
    (p) => html`<li>${t(lang, 'totalBudget')}<strong>${formatAmount(lang, p.total)}</strong></li><li>${t(lang, 'euContribution')}<strong>${formatAmount(lang, p.euContribution)}</strong></li><li>${t(lang, 'euShare')}<strong>${formatPct(lang, p.euSharePct)}</strong></li>`,
  )}</ul>
${d.portfolios.map(shareChart)}
<table><caption>${t(lang, 'programmes')}</caption><thead><tr><th scope="col">${t(lang, 'programme')}</th><th scope="col" class="num">${t(lang, 'totalBudget')}</th><th scope="col" class="num">${t(lang, 'euShare')}</th><th scope="col" class="num">${t(lang, 'committed')}</th><th scope="col" class="num">${t(lang, 'spent')}</th></tr></thead>
<tbody>${d.programmes.map(
    (p) => html`<tr><th scope="row">${p.code} — ${text(lang, p.title)} <a href="${d.iatiLink.replace('{programmeId}', encodeURIComponent(p.programmeId))}" type="application/xml">${t(lang, 'iatiXml')}</a></th><td class="num">${p.budget ? formatAmount(lang, p.budget.total) : '–'}</td><td class="num">${formatPct(lang, p.budget?.euSharePct)}</td><td class="num">${formatAmount(lang, p.totals.committed)}</td><td class="num">${formatAmount(lang, p.totals.spent)}</td></tr>`,
  )}</tbody></table>
${spending}
<h2>${t(lang, 'inFigures')}</h2>
<ul class="tiles"><li><a href="${href(lang, '/plans')}">${t(lang, 'plans')}</a><strong>${d.plans.length}</strong></li>
<li><a href="${href(lang, '/meetings')}">${t(lang, 'meetingsHeld')}</a><strong>${d.meetingsHeld}</strong></li>
<li><a href="${href(lang, '/grants')}">${t(lang, 'grantCalls')}</a><strong>${d.calls.length}</strong></li>
<li>${t(lang, 'awardsMade')}<strong>${awards}</strong>${amounts(lang, awardedTotals)}</li>
<li>${t(lang, 'jobs')}${d.jobs ? html`<strong>${d.jobs.headcount}</strong>${t(lang, 'fte')} ${d.jobs.fte}; ${t(lang, 'women')} ${d.jobs.women}; ${t(lang, 'youth')} ${d.jobs.youth}` : html`<strong>–</strong>${t(lang, 'notRecordedYet')}`}</li></ul>
<h2>${t(lang, 'regions')}</h2>
${list(lang, d.regions, (r) => html`<p>${unitLink(lang, r)}</p>`)}
<h2>${t(lang, 'plans')}</h2>
${planTable(lang, d.plans.slice(0, 10), d.units)}
<h2>${t(lang, 'meetings')}</h2>
${meetingTable(lang, d.meetings.slice(0, 10), d.units)}`;
  return { title: t(lang, 'home'), body };
};

// ---------------------------------------------------------------------------------------------------------------
// Territory pages

export type UnitData = {
  unit: UnitDocument;
  ancestors: UnitDocument[];
  children: UnitDocument[];
  plans: PlanDocument[];
  meetings: MeetingDocument[];
  programmes: ProgrammeFinance[];
  subtree: Set<string>;
  units: Map<string, UnitDocument>;
};

export const unitView = (lang: Lang, d: UnitData): View => {
  const u = d.unit;
  const years = Object.keys(u.populationByYear).sort();
  const latest = years.at(-1);
  const kato = u.katoCodes.filter((k) => !k.validTo).map((k) => k.code);
  const spending = d.programmes.flatMap((p) =>
    p.byUnit.filter((x) => d.subtree.has(x.unitId)).map((x) => ({ programme: p, unitId: x.unitId, committed: x.committed, disbursed: x.disbursed, spent: x.spent })),
  );
  const crumbs = [...d.ancestors].reverse();
  const body = html`${crumbs.length > 0 ? html`<p>${crumbs.map((a) => html`${unitLink(lang, a)} › `)}</p>` : ''}
<h1>${unitName(lang, u)}</h1>
<dl><dt>${t(lang, 'type')}</dt><dd>${codeLabel(lang, u.level)}</dd>
${d.ancestors[0] ? html`<dt>${t(lang, 'partOf')}</dt><dd>${unitLink(lang, d.ancestors[0])}</dd>` : ''}
${latest ? html`<dt>${t(lang, 'population')}</dt><dd>${formatDecimal(lang, String(u.populationByYear[latest]))} (${latest})</dd>` : ''}
${kato.length > 0 ? html`<dt>${t(lang, 'katoCode')}</dt><dd>${kato.join(', ')}</dd>` : ''}</dl>
${d.children.length > 0 ? html`<h2>${t(lang, 'unitsWithin')}</h2><ul>${d.children.map((c) => html`<li>${unitLink(lang, c)} <span class="muted">(${codeLabel(lang, c.level)})</span></li>`)}</ul>` : ''}
<h2>${t(lang, 'pilotSpending')}</h2>
${spending.length === 0 ? none(lang) : html`<table><thead><tr><th scope="col">${t(lang, 'programme')}</th><th scope="col">${t(lang, 'territory')}</th><th scope="col" class="num">${t(lang, 'committed')}</th><th scope="col" class="num">${t(lang, 'disbursed')}</th><th scope="col" class="num">${t(lang, 'spent')}</th></tr></thead><tbody>${spending.map(
    (s) => html`<tr><td>${s.programme.code}</td><td>${unitLink(lang, d.units.get(s.unitId))}</td><td class="num">${formatAmount(lang, s.committed)}</td><td class="num">${formatAmount(lang, s.disbursed)}</td><td class="num">${formatAmount(lang, s.spent)}</td></tr>`,
  )}</tbody></table>`}
<h2>${t(lang, 'plans')}</h2>
${planTable(lang, d.plans.slice(0, 10), d.units)}
${d.plans.length > 0 ? html`<p><a href="${href(lang, registerPath('/plans', u.unitId))}">${t(lang, 'allPlansHere')}</a></p>` : ''}
<h2>${t(lang, 'meetings')}</h2>
${meetingTable(lang, d.meetings, d.units)}
${d.meetings.length > 0 ? html`<p><a href="${href(lang, registerPath('/meetings', u.unitId))}">${t(lang, 'allMeetingsHere')}</a></p>` : ''}`;
  return { title: plainName(lang, u), body };
};

// ---------------------------------------------------------------------------------------------------------------
// Plans

const planTable = (lang: Lang, plans: PlanDocument[], units: Map<string, UnitDocument>): Html =>
  plans.length === 0
    ? none(lang)
    : html`<table><thead><tr><th scope="col">${t(lang, 'plan')}</th><th scope="col">${t(lang, 'territory')}</th><th scope="col">${t(lang, 'status')}</th><th scope="col" class="num">${t(lang, 'version')}</th></tr></thead><tbody>${plans.map(
        (p) => html`<tr><td><a href="${href(lang, `/plans/${p.planId}`)}">${t(lang, 'plan')} ${p.period}</a></td><td>${unitLink(lang, units.get(p.territoryUnitId))}</td><td>${codeLabel(lang, p.status)}</td><td class="num">${p.version}</td></tr>`,
      )}</tbody></table>`;

/** A register's heading: its name, and the territory it is limited to. */
const registerTitle = (lang: Lang, key: LabelKey, unit: UnitDocument | null): { title: string; heading: Html } => ({
  title: unit ? `${t(lang, key)} — ${plainName(lang, unit)}` : t(lang, key),
  heading: unit ? html`${t(lang, key)} — ${unitLink(lang, unit)}` : html`${t(lang, key)}`,
});

export type RegisterPage<T> = { items: T[]; unit: UnitDocument | null; units: Map<string, UnitDocument>; first: string | null; next: string | null };

export const plansView = (lang: Lang, d: RegisterPage<PlanDocument>): View => {
  const { title, heading } = registerTitle(lang, 'plans', d.unit);
  return { title, body: html`<h1>${heading}</h1>${planTable(lang, d.items, d.units)}${pager(lang, d.first, d.next)}` };
};

const fundingText = (lang: Lang, a: ActionSpec) => a.fundingSources.map((f) => `${codeLabel(lang, f.source)}: ${formatAmount(lang, f.amount)}`).join('; ');

const actionRows = (lang: Lang, actions: ActionSpec[]) =>
  html`<table><thead><tr><th scope="col">${t(lang, 'action')}</th><th scope="col" class="num">${t(lang, 'cost')}</th><th scope="col">${t(lang, 'fundingSources')}</th><th scope="col">${t(lang, 'dates')}</th></tr></thead><tbody>${actions.map(
    (a) => html`<tr><td>${a.title}</td><td class="num">${formatAmount(lang, a.cost)}</td><td>${fundingText(lang, a)}</td><td>${a.start} – ${a.end}</td></tr>`,
  )}</tbody></table>`;

const FIELD_LABELS: Record<string, LabelKey> = {
  priorityId: 'priorities', title: 'title', cost: 'cost', fundingSources: 'fundingSources', responsibleParty: 'responsible', start: 'start', end: 'end', indicators: 'indicators',
};

/**
 * A field's value in a diff, as the plan page shows it elsewhere: money formatted, funding sources and indicators as
 * text, a priority by its title. Responsible parties may name a person, so their values are not shown.
 */
const diffValue = (lang: Lang, field: string, value: unknown, priorities: Map<string, string>): string => {
  if (field === 'responsibleParty') return t(lang, 'notPublished');
  if (field === 'priorityId' && typeof value === 'string') return priorities.get(value) ?? value;
  if (field === 'cost') return formatAmount(lang, value as Money);
  if (field === 'fundingSources') return (value as ActionSpec['fundingSources']).map((f) => `${codeLabel(lang, f.source)}: ${formatAmount(lang, f.amount)}`).join('; ');
  if (field === 'indicators') return (value as ActionSpec['indicators']).map((i) => `${i.name}: ${i.baseline} → ${i.target} ${i.unit}`).join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
};

const diffSection = (lang: Lang, diff: PlanDiff, titles: Map<string, string>, priorities: Map<string, string>): Html => {
  const empty = diff.actionsAdded.length + diff.actionsRevised.length + diff.actionsDropped.length + diff.prioritiesReordered.length === 0;
  return html`<section><h3>${label(lang, 'changesBetween', { from: diff.fromVersion, to: diff.toVersion })}</h3>
${empty ? html`<p>${t(lang, 'noChanges')}</p>` : ''}
${diff.actionsAdded.length > 0 ? html`<h4>${t(lang, 'actionsAdded')}</h4>${actionRows(lang, diff.actionsAdded)}` : ''}
${diff.actionsRevised.length > 0 ? html`<h4>${t(lang, 'actionsRevised')}</h4><table><thead><tr><th scope="col">${t(lang, 'action')}</th><th scope="col">${t(lang, 'field')}</th><th scope="col">${t(lang, 'before')}</th><th scope="col">${t(lang, 'after')}</th></tr></thead><tbody>${diff.actionsRevised.flatMap((r) =>
    r.changes.map((c) => html`<tr><td>${titles.get(r.actionId) ?? r.actionId}</td><td>${FIELD_LABELS[c.field] ? t(lang, FIELD_LABELS[c.field]!) : c.field}</td><td><del>${diffValue(lang, c.field, c.from, priorities)}</del></td><td><ins>${diffValue(lang, c.field, c.to, priorities)}</ins></td></tr>`),
  )}</tbody></table>` : ''}
${diff.actionsDropped.length > 0 ? html`<h4>${t(lang, 'actionsDropped')}</h4>${actionRows(lang, diff.actionsDropped)}` : ''}
${diff.prioritiesReordered.length > 0 ? html`<h4>${t(lang, 'prioritiesReordered')}</h4><ul>${diff.prioritiesReordered.map((p) => html`<li>${priorities.get(p.priorityId) ?? p.priorityId}: ${p.fromRank ?? '–'} → ${p.toRank ?? '–'}</li>`)}</ul>` : ''}
</section>`;
};

export type PlanData = { plan: PlanDocument; unit: UnitDocument | null; ancestors: UnitDocument[] };

export const planView = (lang: Lang, { plan: p, unit, ancestors }: PlanData): View => {
  const versions = [...p.versions].sort((a, b) => a.version - b.version);
  const titles = new Map(versions.flatMap((v) => v.content.actions.map((a) => [a.actionId, a.title] as const)));
  const priorityTitles = new Map(versions.flatMap((v) => v.content.priorities.map((x) => [x.priorityId, x.title] as const)));
  const diffs = versions.slice(1).map((v, i) => v.diff ?? diffContent(versions[i]!.content, v.content));
  const bySource = new Map<string, bigint>();
  const currency = p.actions[0]?.cost.currency;
  for (const a of p.actions) if (a.status !== 'DROPPED') for (const f of a.fundingSources) if (f.amount.currency === currency) bySource.set(f.source, (bySource.get(f.source) ?? 0n) + minorOf(f.amount));
  const place = plainName(lang, unit);
  const title = `${t(lang, 'plan')} ${p.period} — ${place}`;
  const chart = currency && bySource.size > 0
    ? barChart(
        {
          title: `${t(lang, 'fundingSources')} (${currency})`,
          desc: [...bySource].map(([s, v]) => `${codeLabel(lang, s)}: ${formatAmount(lang, money(v, currency))}`).join('; '),
          series: [{ name: t(lang, 'amount'), cls: 's1' }],
          rows: [...bySource].map(([s, v]) => ({ label: codeLabel(lang, s), values: [{ value: v, text: formatAmount(lang, money(v, currency)) }] })),
          tableCaption: t(lang, 'dataTable'),
          rowHeader: t(lang, 'fundingSources'),
        },
        'funding',
      )
    : html``;
  const body = html`<p>${[...ancestors].reverse().map((a) => html`${unitLink(lang, a)} › `)}${unitLink(lang, unit)}</p>
<h1>${t(lang, 'plan')} ${p.period}</h1>
<dl><dt>${t(lang, 'territory')}</dt><dd>${unitLink(lang, unit)}</dd><dt>${t(lang, 'period')}</dt><dd>${p.period}</dd>
<dt>${t(lang, 'status')}</dt><dd>${codeLabel(lang, p.status)}</dd><dt>${t(lang, 'version')}</dt><dd>${p.version}</dd>
<dt>${t(lang, 'vision')}</dt><dd>${p.vision}</dd></dl>
${p.approvals.length > 0 ? html`<h2>${t(lang, 'approvals')}</h2><table><thead><tr><th scope="col">${t(lang, 'version')}</th><th scope="col">${t(lang, 'approvedAt')}</th><th scope="col">${t(lang, 'contentHash')}</th></tr></thead><tbody>${p.approvals.map((a) => html`<tr><td>${a.version}</td><td>${formatDate(a.approvedAt)}</td><td class="hash">${a.contentHash}</td></tr>`)}</tbody></table>` : ''}
<h2>${t(lang, 'problems')}</h2>${list(lang, p.problems, (x) => html`<p>${x.title} <span class="muted">(${codeLabel(lang, x.category)})</span></p>`)}
<h2>${t(lang, 'priorities')}</h2>${p.priorities.length === 0 ? none(lang) : html`<ol>${[...p.priorities].sort((a, b) => a.rank - b.rank).map((x) => html`<li>${x.title}</li>`)}</ol>`}
<h2>${t(lang, 'actions')}</h2>
${p.actions.length === 0 ? none(lang) : html`<table><thead><tr><th scope="col">${t(lang, 'action')}</th><th scope="col" class="num">${t(lang, 'cost')}</th><th scope="col">${t(lang, 'fundingSources')}</th><th scope="col">${t(lang, 'dates')}</th><th scope="col">${t(lang, 'status')}</th></tr></thead><tbody>${p.actions.map(
    (a) => html`<tr><td>${a.title}</td><td class="num">${formatAmount(lang, a.cost)}</td><td>${fundingText(lang, a)}</td><td>${a.start} – ${a.end}</td><td>${codeLabel(lang, a.status)}</td></tr>`,
  )}</tbody></table>`}
${chart}
<h2 id="versions">${t(lang, 'versionHistory')}</h2>
<table><thead><tr><th scope="col">${t(lang, 'version')}</th><th scope="col">${t(lang, 'madeBy')}</th><th scope="col">${t(lang, 'recordedAt')}</th><th scope="col">${t(lang, 'contentHash')}</th></tr></thead><tbody>${versions.map(
    (v) => html`<tr><td>${v.version}</td><td>${codeLabel(lang, v.madeBy)}</td><td>${formatDate(v.recordedAt)}</td><td class="hash">${v.contentHash}</td></tr>`,
  )}</tbody></table>
${diffs.map((diff) => diffSection(lang, diff, titles, priorityTitles))}`;
  return { title, body };
};

// ---------------------------------------------------------------------------------------------------------------
// Meetings

const attendanceText = (lang: Lang, m: MeetingDocument): string => {
  if (!m.attendance) return '–';
  const { total, bySex } = m.attendance;
  return `${total} (${bySex.female} ${t(lang, 'women')}, ${bySex.male} ${t(lang, 'men')})`;
};
const meetingStatus = (m: MeetingDocument) => (m.status === 'CLOSED' && m.outcome ? m.outcome : m.status);

const meetingTable = (lang: Lang, meetings: MeetingDocument[], units: Map<string, UnitDocument>): Html =>
  meetings.length === 0
    ? none(lang)
    : html`<table><thead><tr><th scope="col">${t(lang, 'date')}</th><th scope="col">${t(lang, 'title')}</th><th scope="col">${t(lang, 'type')}</th><th scope="col">${t(lang, 'territory')}</th><th scope="col">${t(lang, 'status')}</th><th scope="col">${t(lang, 'attendance')}</th></tr></thead><tbody>${meetings.map(
        (m) => html`<tr id="m-${m.meetingId}"><td class="date">${formatDate(m.scheduledFor)}</td><td>${m.title}</td><td>${codeLabel(lang, m.meetingType)}</td><td>${unitLink(lang, units.get(m.territoryUnitId))}</td><td>${codeLabel(lang, meetingStatus(m))}</td><td>${attendanceText(lang, m)}</td></tr>`,
      )}</tbody></table>`;

export const meetingsView = (lang: Lang, d: RegisterPage<MeetingDocument>): View => {
  const withOutcomes = d.items.filter((m) => m.decisions.length > 0 || m.problems.length > 0);
  const { title, heading } = registerTitle(lang, 'meetingsRegister', d.unit);
  const body = html`<h1>${heading}</h1>
${meetingTable(lang, d.items, d.units)}
${pager(lang, d.first, d.next)}
${withOutcomes.map(
    (m) => html`<section><h2>${formatDate(m.scheduledFor)} · ${m.title}</h2>
${m.problems.length > 0 ? html`<h3>${t(lang, 'problemsRaised')}</h3><ul>${m.problems.map((p) => html`<li>${p.text} <span class="muted">(${codeLabel(lang, p.category)})</span></li>`)}</ul>` : ''}
${m.decisions.length > 0 ? html`<h3>${t(lang, 'decisions')}</h3><ul>${m.decisions.map((x) => html`<li>${x.text} — ${codeLabel(lang, x.outcome)}</li>`)}</ul>` : ''}</section>`,
  )}`;
  return { title, body };
};

// ---------------------------------------------------------------------------------------------------------------
// Grants

export const grantsView = (lang: Lang, calls: GrantCallDocument[], applications: Map<string, GrantApplicationDocument>, units: Map<string, UnitDocument>): View => {
  const body = html`<h1>${t(lang, 'grantsRegister')}</h1>
<p>${t(lang, 'pseudonymNote')}</p>
${list(lang, calls, (c) => {
    const awards = c.sessions.flatMap((s) => s.awards.map((a) => ({ ...a, sessionDate: s.sessionDate })));
    return html`<section id="call-${c.reference}"><h2>${c.reference} — ${text(lang, c.title)}</h2>
<dl><dt>${t(lang, 'status')}</dt><dd>${codeLabel(lang, c.status)}</dd><dt>${t(lang, 'fund')}</dt><dd>${formatAmount(lang, c.fund)}</dd>
<dt>${t(lang, 'awardRange')}</dt><dd>${formatAmount(lang, c.minAward)} – ${formatAmount(lang, c.maxAward)}</dd><dt>${t(lang, 'deadline')}</dt><dd>${c.deadline}</dd>
<dt>${t(lang, 'awarded')}</dt><dd>${formatAmount(lang, c.awardedTotal)} (${formatPct(lang, c.awardedPct)})</dd><dt>${t(lang, 'remaining')}</dt><dd>${formatAmount(lang, c.remaining)}</dd></dl>
<h3>${t(lang, 'awards')}</h3>
${awards.length === 0 ? none(lang) : html`<table><thead><tr><th scope="col">${t(lang, 'applicationCode')}</th><th scope="col">${t(lang, 'applicantType')}</th><th scope="col">${t(lang, 'territory')}</th><th scope="col">${t(lang, 'sessionDate')}</th><th scope="col" class="num">${t(lang, 'amount')}</th></tr></thead><tbody>${awards.map((a) => {
      const app = applications.get(a.applicationId);
      return html`<tr><td class="hash">${applicationCode(a.applicationId)}</td><td>${app ? codeLabel(lang, app.applicantType) : '–'}</td><td>${app ? unitLink(lang, units.get(app.territoryUnitId)) : '–'}</td><td>${a.sessionDate}</td><td class="num">${formatAmount(lang, a.amount)}</td></tr>`;
    })}</tbody></table>`}</section>`;
  })}`;
  return { title: t(lang, 'grantsRegister'), body };
};

export const notFoundView = (lang: Lang): View => ({ title: t(lang, 'notFound'), body: html`<h1>${t(lang, 'notFound')}</h1><p>${t(lang, 'notFoundDetail')}</p><p><a href="${href(lang, '/')}">${t(lang, 'home')}</a></p>` });

