import type { IatiOrgType } from '../../organisations/domain/organisation.events.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import { type Currency, type Money, accountedValue, addMoney, minorOf, percentage, subtractMoney, zero } from '../../shared/domain/money.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { UnitLevel } from '../../territory/domain/administrative-unit.events.js';
import {
  ACTIVITY_STATUS_CODES,
  type ActivityStatus,
  type BudgetLineKind,
  type BudgetVersion,
  type CoFinancingSource,
  type IsoDate,
  PARTNER_ROLE_CODES,
  PROGRAMME_EVENT_TYPES,
  type PartnerRole,
  type ProgrammeEvent,
} from '../domain/programme.events.js';

/** What has been committed (IATI 2), disbursed (3) and spent (4), valued in the programme's currency. */
export type Outflows = { committed: Money; disbursed: Money; spent: Money };

export type LineFinance = Outflows & { code: string; title: string; kind: BudgetLineKind; budget: Money };

export type BudgetFinance = {
  version: number;
  /** IATI budget type: 1 Original, 2 Revised. */
  iatiBudgetType: '1' | '2';
  total: Money;
  euContribution: Money;
  /** total − euContribution: derived, never stored in an event. */
  coFinancing: Money;
  /** euContribution / total in percent, 2 decimals, half to even (e.g. "89.68"); null for a zero total. */
  euSharePct: string | null;
  coFinancingSharePct: string | null;
  lines: LineFinance[];
};

/** Totals in one transaction currency, as recorded (before conversion). */
export type CurrencyTotals = {
  currency: Currency;
  incomingCommitments: Money;
  incomingFunds: Money;
  committed: Money;
  disbursed: Money;
  spent: Money;
  coFinancing: Money;
};

/**
 * The finance read model of one programme: budget per line with what is committed, disbursed and spent on it; EU and
 * co-financing shares; totals by transaction type; co-financing by source; outflows by pilot unit and by region.
 * Every amount in the programme's currency is derived from the events' original amounts and recorded rates
 * (rounded half to even per transaction) and summed exactly; `byCurrency` keeps the original amounts' sums.
 */
export type ProgrammeFinance = {
  programmeId: string;
  code: string;
  title: LocalizedText;
  contractRef: string;
  currency: Currency;
  donorOrgId: string;
  leadOrgId: string;
  period: { start: IsoDate; end: IsoDate };
  activityStatus: ActivityStatus;
  /** IATI ActivityStatus code. */
  iatiActivityStatus: string;
  maxEuSharePct: string;
  fstpPerRecipientCap: Money;
  partners: Array<{ orgId: string; role: PartnerRole; iatiRole: string; orgType: IatiOrgType }>;
  partnerOrgIds: string[];
  pilotUnits: Array<{ unitId: string; level: UnitLevel; regionId: string | null }>;
  pilotUnitIds: string[];
  budget: BudgetFinance | null;
  budgetHistory: Array<{ version: number; total: Money; euContribution: Money; reason: string | null; at: string }>;
  totals: Outflows & { incomingCommitments: Money; incomingFunds: Money; coFinancing: Money };
  coFinancingBySource: Array<{ source: CoFinancingSource; amount: Money }>;
  /** Outflows attributed to a pilot unit (commitments, disbursements and expenditure that name one). */
  byUnit: Array<Outflows & { unitId: string; regionId: string | null }>;
  byRegion: Array<Outflows & { regionId: string | null }>;
  byCurrency: CurrencyTotals[];
  /** Transactions and co-financing contributions recorded. */
  transactionCount: number;
  closed: { closedOn: IsoDate; reason: string } | null;
  /** Stream revision (the ETag) and global position of the last event folded in, as decimal strings. */
  revision: string;
  position: string;
};

export const PROGRAMME_FINANCE_PROJECTION = 'programmes.finance';

const outflows = (c: Currency): Outflows => ({ committed: zero(c), disbursed: zero(c), spent: zero(c) });

const FLOW: Partial<Record<ProgrammeEvent['type'], keyof Outflows>> = {
  OutgoingCommitmentRecorded: 'committed',
  DisbursementRecorded: 'disbursed',
  ExpenditureRecorded: 'spent',
};

/** Adds `amount` to `field` of the entry matching `match`, creating it with `create` when there is none. */
const bump = <T extends object>(list: T[], match: (t: T) => boolean, create: () => T, field: keyof T, amount: Money): T[] => {
  const found = list.some(match);
  const next = found ? list : [...list, create()];
  return next.map((t) => (match(t) ? { ...t, [field]: addMoney(t[field] as Money, amount) } : t));
};

const budgetOf = (doc: ProgrammeFinance, version: number, data: BudgetVersion): BudgetFinance => {
  const total = minorOf(data.total);
  const eu = minorOf(data.euContribution);
  const previous = new Map((doc.budget?.lines ?? []).map((l) => [l.code, l]));
  return {
    version,
    iatiBudgetType: version === 1 ? '1' : '2',
    total: data.total,
    euContribution: data.euContribution,
    coFinancing: subtractMoney(data.total, data.euContribution),
    euSharePct: percentage(eu, total),
    coFinancingSharePct: percentage(total - eu, total),
    lines: data.lines.map((l) => {
      const before = previous.get(l.code);
      return { code: l.code, title: l.title, kind: l.kind, budget: l.amount, ...(before ? { committed: before.committed, disbursed: before.disbursed, spent: before.spent } : outflows(doc.currency)) };
    }),
  };
};

/** Folds one Programme event into the programme's finance document. Pure. */
export const evolveProgrammeFinance = (doc: ProgrammeFinance | null, event: RecordedEvent): ProgrammeFinance | null => {
  const e = event as unknown as ProgrammeEvent;
  const stamp = { revision: event.revision.toString(), position: event.position.toString() };
  if (e.type === 'ProgrammeRegistered') {
    if (doc) return doc;
    const d = e.data;
    return {
      programmeId: d.programmeId, code: d.code, title: d.title, contractRef: d.contractRef, currency: d.currency, donorOrgId: d.donorOrgId,
      leadOrgId: d.leadOrgId, period: d.period, activityStatus: 'PIPELINE', iatiActivityStatus: ACTIVITY_STATUS_CODES.PIPELINE,
      maxEuSharePct: d.maxEuSharePct, fstpPerRecipientCap: d.fstpPerRecipientCap, partners: [], partnerOrgIds: [], pilotUnits: [], pilotUnitIds: [],
      budget: null, budgetHistory: [],
      totals: { incomingCommitments: zero(d.currency), incomingFunds: zero(d.currency), ...outflows(d.currency), coFinancing: zero(d.currency) },
      coFinancingBySource: [], byUnit: [], byRegion: [], byCurrency: [], transactionCount: 0, closed: null, ...stamp,
    };
  }
  if (!doc) return doc;
  const c = doc.currency;
  switch (e.type) {
    case 'ProgrammePartnerAdded': {
      const { orgId, role, orgType } = e.data;
      return {
        ...doc,
        partners: [...doc.partners, { orgId, role, iatiRole: PARTNER_ROLE_CODES[role], orgType }],
        partnerOrgIds: [...new Set([...doc.partnerOrgIds, orgId])].sort(),
        ...stamp,
      };
    }
    case 'ProgrammeBudgetApproved':
    case 'ProgrammeBudgetRevised': {
      const d = e.data;
      const reason = e.type === 'ProgrammeBudgetRevised' ? e.data.reason : null;
      const at = e.type === 'ProgrammeBudgetRevised' ? e.data.revisedAt : e.data.approvedAt;
      return {
        ...doc,
        budget: budgetOf(doc, d.version, d),
        budgetHistory: [...doc.budgetHistory, { version: d.version, total: d.total, euContribution: d.euContribution, reason, at }],
        ...stamp,
      };
    }
    case 'PilotUnitEnrolled': {
      const { unitId, level, regionId } = e.data;
      if (doc.pilotUnitIds.includes(unitId)) return { ...doc, ...stamp };
      return { ...doc, pilotUnits: [...doc.pilotUnits, { unitId, level, regionId }], pilotUnitIds: [...doc.pilotUnitIds, unitId], ...stamp };
    }
    case 'IncomingCommitmentRecorded':
    case 'IncomingFundsReceived': {
      const field = e.type === 'IncomingCommitmentRecorded' ? 'incomingCommitments' : 'incomingFunds';
      const value = accountedValue(e.data.amount, e.data.fx);
      return {
        ...doc,
        totals: { ...doc.totals, [field]: addMoney(doc.totals[field], value) },
        byCurrency: byCurrency(doc.byCurrency, field, e.data.amount),
        transactionCount: doc.transactionCount + 1,
        ...stamp,
      };
    }
    case 'OutgoingCommitmentRecorded':
    case 'DisbursementRecorded':
    case 'ExpenditureRecorded': {
      const field = FLOW[e.type]!;
      const { amount, fx, budgetLineCode, unitId } = e.data;
      const value = accountedValue(amount, fx);
      const regionId = doc.pilotUnits.find((u) => u.unitId === unitId)?.regionId ?? null;
      return {
        ...doc,
        budget: doc.budget && { ...doc.budget, lines: bump(doc.budget.lines, (l) => l.code === budgetLineCode, () => ({ code: budgetLineCode, title: budgetLineCode, kind: 'OTHER', budget: zero(c), ...outflows(c) }), field, value) },
        totals: { ...doc.totals, [field]: addMoney(doc.totals[field], value) },
        byUnit: unitId === undefined ? doc.byUnit : bump(doc.byUnit, (u) => u.unitId === unitId, () => ({ unitId, regionId, ...outflows(c) }), field, value),
        byRegion: unitId === undefined ? doc.byRegion : bump(doc.byRegion, (r) => r.regionId === regionId, () => ({ regionId, ...outflows(c) }), field, value),
        byCurrency: byCurrency(doc.byCurrency, field, amount),
        transactionCount: doc.transactionCount + 1,
        ...stamp,
      };
    }
    case 'CoFinancingRecorded': {
      const { source, amount, fx } = e.data;
      const value = accountedValue(amount, fx);
      return {
        ...doc,
        totals: { ...doc.totals, coFinancing: addMoney(doc.totals.coFinancing, value) },
        coFinancingBySource: bump(doc.coFinancingBySource, (s) => s.source === source, () => ({ source, amount: zero(c) }), 'amount', value),
        byCurrency: byCurrency(doc.byCurrency, 'coFinancing', amount),
        transactionCount: doc.transactionCount + 1,
        ...stamp,
      };
    }
    case 'ProgrammeStatusChanged':
      return { ...doc, activityStatus: e.data.to, iatiActivityStatus: ACTIVITY_STATUS_CODES[e.data.to], ...stamp };
    case 'ProgrammeClosed':
      return { ...doc, activityStatus: 'CLOSED', iatiActivityStatus: ACTIVITY_STATUS_CODES.CLOSED, closed: { closedOn: e.data.closedOn, reason: e.data.reason }, ...stamp };
    default:
      return { ...doc, ...stamp };
  }
};

const byCurrency = (list: CurrencyTotals[], field: Exclude<keyof CurrencyTotals, 'currency'>, amount: Money): CurrencyTotals[] => {
  const c = amount.currency;
  const create = (): CurrencyTotals => ({ currency: c, incomingCommitments: zero(c), incomingFunds: zero(c), committed: zero(c), disbursed: zero(c), spent: zero(c), coFinancing: zero(c) });
  return bump(list, (t) => t.currency === c, create, field, amount).sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
};

/** Programme finance by programme id, filterable by status, currency, lead, partner and pilot unit, sorted by code. */
export const programmeFinanceProjection: Projection<ProgrammeFinance> = {
  name: PROGRAMME_FINANCE_PROJECTION,
  version: 1,
  handles: PROGRAMME_EVENT_TYPES,
  fields: [
    { path: 'code', type: 'string' },
    { path: 'activityStatus', type: 'string' },
    { path: 'currency', type: 'string' },
    { path: 'leadOrgId', type: 'string' },
    { path: 'partnerOrgIds', type: 'string', array: true },
    { path: 'pilotUnitIds', type: 'string', array: true },
  ],
  documentId: (e) => (e.data as { programmeId: string }).programmeId,
  evolve: evolveProgrammeFinance,
};
