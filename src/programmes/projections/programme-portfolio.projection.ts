import { type Currency, type Money, minorOf, money, percentage } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { ProgrammeEvent } from '../domain/programme.events.js';

/**
 * The budgets of all programmes in one currency, with their combined EU contribution, co-financing and shares (the
 * seed's "EUR 928,412 with EUR 832,570 from the EU, 89.68%"). Totals are recomputed from the current budget version
 * of each programme; nothing is typed in.
 */
export type FundingPortfolio = {
  currency: Currency;
  programmes: Array<{ programmeId: string; code: string; budgetVersion: number | null; total: Money | null; euContribution: Money | null }>;
  programmeCount: number;
  total: Money;
  euContribution: Money;
  coFinancing: Money;
  euSharePct: string | null;
  coFinancingSharePct: string | null;
  position: string;
};

export const PROGRAMME_PORTFOLIO_PROJECTION = 'programmes.portfolio';

const withTotals = (currency: Currency, programmes: FundingPortfolio['programmes'], position: string): FundingPortfolio => {
  const total = programmes.reduce((s, p) => s + (p.total ? minorOf(p.total) : 0n), 0n);
  const eu = programmes.reduce((s, p) => s + (p.euContribution ? minorOf(p.euContribution) : 0n), 0n);
  return {
    currency,
    programmes,
    programmeCount: programmes.length,
    total: money(total, currency),
    euContribution: money(eu, currency),
    coFinancing: money(total - eu, currency),
    euSharePct: percentage(eu, total),
    coFinancingSharePct: percentage(total - eu, total),
    position,
  };
};

/** Folds a registration or budget event into the portfolio of its currency. Pure. */
export const evolvePortfolio = (doc: FundingPortfolio | null, event: RecordedEvent): FundingPortfolio | null => {
  const e = event as unknown as ProgrammeEvent;
  const position = event.position.toString();
  switch (e.type) {
    case 'ProgrammeRegistered': {
      const programmes = doc?.programmes ?? [];
      if (programmes.some((p) => p.programmeId === e.data.programmeId)) return doc;
      return withTotals(e.data.currency, [...programmes, { programmeId: e.data.programmeId, code: e.data.code, budgetVersion: null, total: null, euContribution: null }], position);
    }
    case 'ProgrammeBudgetApproved':
    case 'ProgrammeBudgetRevised': {
      if (!doc) return doc;
      const { programmeId, version, total, euContribution } = e.data;
      const programmes = doc.programmes.map((p) => (p.programmeId === programmeId ? { ...p, budgetVersion: version, total, euContribution } : p));
      return withTotals(doc.currency, programmes, position);
    }
    default:
      return doc;
  }
};

/** Programme budgets by currency (the document id is the ISO 4217 code). */
export const programmePortfolioProjection: Projection<FundingPortfolio> = {
  name: PROGRAMME_PORTFOLIO_PROJECTION,
  version: 1,
  handles: ['ProgrammeRegistered', 'ProgrammeBudgetApproved', 'ProgrammeBudgetRevised'],
  fields: [],
  documentId: (event) => {
    const e = event as unknown as ProgrammeEvent;
    if (e.type === 'ProgrammeRegistered') return e.data.currency;
    if (e.type === 'ProgrammeBudgetApproved' || e.type === 'ProgrammeBudgetRevised') return e.data.total.currency;
    return null;
  },
  evolve: evolvePortfolio,
};
