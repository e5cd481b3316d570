import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CURRENCY_MINOR_DIGITS, type Currency, FX_SOURCES, type FxRate, type Money } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import { BUDGET_LINE_KINDS, CO_FINANCING_SOURCES, type ProgrammeEvent } from '../domain/programme.events.js';
import { type ProgrammeFinance, programmeFinanceProjection } from './programme-finance.projection.js';
import { type LedgerEntry, ledgerEntryId, programmeLedgerProjection } from './programme-ledger.projection.js';
import { type FundingPortfolio, programmePortfolioProjection } from './programme-portfolio.projection.js';

// ---------------------------------------------------------------------------------------------------------------
// A reference model written independently of money.ts: each transaction's value in the programme's currency is
// the exact fraction amount × rate^±1 × 10^(target digits − source digits), rounded half to even from the floor; the
// read models' totals must be the exact sums of those values, and of the original amounts per currency.

const floorDiv = (n: bigint, d: bigint) => (n % d !== 0n && n < 0n !== d < 0n ? n / d - 1n : n / d);

const referenceValue = (amount: Money, fx?: FxRate): bigint => {
  const minor = BigInt(amount.amountMinor);
  if (!fx) return minor;
  const forward = fx.base === amount.currency;
  const target = forward ? fx.quote : fx.base;
  const [whole, fraction = ''] = fx.rate.split('.');
  const rateNum = BigInt(whole! + fraction);
  const rateDen = 10n ** BigInt(fraction.length);
  const scale = 10n ** BigInt(CURRENCY_MINOR_DIGITS[target]);
  const unscale = 10n ** BigInt(CURRENCY_MINOR_DIGITS[amount.currency]);
  const num = minor * (forward ? rateNum : rateDen) * scale;
  const den = (forward ? rateDen : rateNum) * unscale;
  const f = floorDiv(num, den);
  const rest = num - f * den;
  return 2n * rest < den ? f : 2n * rest > den ? f + 1n : f % 2n === 0n ? f : f + 1n;
};

/** Percentage with 2 decimals, half to even, as a string (reference). */
const referencePct = (part: bigint, whole: bigint): string | null => {
  if (whole === 0n) return null;
  const num = part * 10000n;
  const f = floorDiv(num, whole);
  const rest = num - f * whole;
  const r = 2n * rest < whole ? f : 2n * rest > whole ? f + 1n : f % 2n === 0n ? f : f + 1n;
  const text = r.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
};

const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);
const m = (minor: bigint, currency: Currency): Money => ({ amountMinor: minor.toString(), currency });

// ---------------------------------------------------------------------------------------------------------------
// Scenarios: programmes in random currencies (0, 2 and 3 minor digits), random budgets and revisions, and random
// transactions in the programme's or another currency at random rates quoted either way round.

const CURRENCY_POOL: Currency[] = ['EUR', 'KZT', 'USD', 'JPY', 'KWD'];
const currency = fc.constantFrom(...CURRENCY_POOL);
const rate = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.integer({ min: 0, max: 6 })).map(([digits, decimals]) => {
  const text = digits.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
});
const KINDS = ['IncomingCommitmentRecorded', 'IncomingFundsReceived', 'OutgoingCommitmentRecorded', 'DisbursementRecorded', 'ExpenditureRecorded', 'CoFinancingRecorded'] as const;
const operation = fc.record({
  kind: fc.constantFrom(...KINDS),
  amount: fc.bigInt({ min: 1n, max: 10n ** 15n }),
  foreign: fc.option(fc.record({ currency, rate, forward: fc.boolean(), source: fc.constantFrom(...FX_SOURCES) })),
  line: fc.nat(),
  unit: fc.option(fc.nat()),
  source: fc.constantFrom(...CO_FINANCING_SOURCES),
  day: fc.integer({ min: 1, max: 28 }),
});
const programme = fc.record({
  currency,
  lines: fc.array(fc.record({ kind: fc.constantFrom(...BUDGET_LINE_KINDS), amount: fc.bigInt({ min: 0n, max: 10n ** 13n }) }), { minLength: 1, maxLength: 6 }),
  euPermille: fc.integer({ min: 0, max: 1000 }),
  revision: fc.option(fc.array(fc.bigInt({ min: 0n, max: 10n ** 13n }), { minLength: 6, maxLength: 6 })),
  unitRegions: fc.array(fc.constantFrom('region-a', 'region-b', null), { maxLength: 4 }),
  operations: fc.array(operation, { maxLength: 30 }),
});
const scenario = fc.array(programme, { minLength: 1, maxLength: 3 });

type ProgrammeSpec = typeof programme extends fc.Arbitrary<infer P> ? P : never;

/** The events of a scenario's programmes, interleaved, as the store would record them. */
const eventsOf = (programmes: ProgrammeSpec[]): RecordedEvent[] => {
  const streams = programmes.map((p, i) => {
    const id = `prog-${i}`;
    const c = p.currency;
    const lines = p.lines.map((l, j) => ({ code: `L${j}`, title: `Line ${j}`, kind: l.kind, amount: m(l.amount, c) }));
    const total = sum(p.lines.map((l) => l.amount));
    const budget = (ls: typeof lines) => {
      const t = sum(ls.map((l) => BigInt(l.amount.amountMinor)));
      return { total: m(t, c), euContribution: m((t * BigInt(p.euPermille)) / 1000n, c), lines: ls };
    };
    const units = p.unitRegions.map((regionId, j) => ({ unitId: `${id}-unit-${j}`, regionId }));
    const events: ProgrammeEvent[] = [
      {
        type: 'ProgrammeRegistered',
        data: {
          programmeId: id, code: `P${i}`, title: { en: `Programme ${i}` }, donorOrgId: 'org-eu', leadOrgId: 'org-lead', contractRef: `C-${i}`, currency: c,
          period: { start: '2017-01-01', end: '2020-01-01' }, maxEuSharePct: '100', fstpPerRecipientCap: m(10n ** 12n, c), registeredAt: 't',
        },
      },
      { type: 'ProgrammeBudgetApproved', data: { programmeId: id, version: 1, ...budget(lines), approvedAt: 't' } },
      ...units.map((u): ProgrammeEvent => ({ type: 'PilotUnitEnrolled', data: { programmeId: id, unitId: u.unitId, level: 'VILLAGE', regionId: u.regionId, enrolledAt: 't' } })),
    ];
    expect(BigInt(budget(lines).total.amountMinor)).toBe(total);
    const commitments: Array<{ transactionId: string; budgetLineCode: string; unitId?: string }> = [];
    p.operations.forEach((op, k) => {
      if (p.revision && k === Math.floor(p.operations.length / 2)) {
        const revised = lines.map((l, j) => ({ ...l, amount: m(p.revision![j % 6]!, c) }));
        events.push({ type: 'ProgrammeBudgetRevised', data: { programmeId: id, version: 2, ...budget(revised), reason: 'revised', revisedAt: 't' } });
      }
      const foreign = op.foreign && op.foreign.currency !== c ? op.foreign : null;
      const amount = m(op.amount, foreign ? foreign.currency : c);
      const fx: FxRate | undefined = foreign
        ? { rate: foreign.rate, base: foreign.forward ? foreign.currency : c, quote: foreign.forward ? c : foreign.currency, source: foreign.source, rateDate: '2018-01-01' }
        : undefined;
      const tx = { programmeId: id, transactionId: `${id}-tx-${k}`, transactionDate: `2018-03-${String(op.day).padStart(2, '0')}`, amount, ...(fx ? { fx } : {}) };
      const budgetLineCode = lines[op.line % lines.length]!.code;
      const unit = op.unit !== null && units.length > 0 ? { unitId: units[op.unit % units.length]!.unitId } : {};
      switch (op.kind) {
        case 'IncomingCommitmentRecorded':
          return events.push({ type: op.kind, data: { ...tx, providerOrgId: 'org-eu', recordedAt: 't' } });
        case 'IncomingFundsReceived':
          return events.push({ type: op.kind, data: { ...tx, providerOrgId: 'org-eu', receivedAt: 't' } });
        case 'ExpenditureRecorded':
          return events.push({ type: op.kind, data: { ...tx, budgetLineCode, ...unit, recordedAt: 't' } });
        case 'CoFinancingRecorded': {
          const { transactionId, transactionDate, ...rest } = tx;
          return events.push({ type: op.kind, data: { ...rest, contributionId: transactionId, contributionDate: transactionDate, source: op.source, recordedAt: 't' } });
        }
        case 'DisbursementRecorded': {
          const commitment = commitments[op.line % Math.max(1, commitments.length)];
          if (commitment) {
            return events.push({ type: op.kind, data: { ...tx, commitmentId: commitment.transactionId, budgetLineCode: commitment.budgetLineCode, recipientId: 'r', ...(commitment.unitId ? { unitId: commitment.unitId } : {}), disbursedAt: 't' } });
          }
          break; // no commitment yet: record one instead
        }
      }
      commitments.push({ transactionId: tx.transactionId, budgetLineCode, ...unit });
      return events.push({ type: 'OutgoingCommitmentRecorded', data: { ...tx, budgetLineCode, recipientId: `recipient-${op.line % 3}`, ...unit, committedAt: 't' } });
    });
    return events.map((e, revision) => ({ stream: `programme-${id}`, revision, e }));
  });
  // Interleave the streams round-robin into one global order.
  const log: RecordedEvent[] = [];
  for (let k = 0; streams.some((s) => k < s.length); k++) {
    for (const s of streams) {
      const item = s[k];
      if (!item) continue;
      log.push({
        eventId: `e${log.length + 1}`, type: item.e.type, schemaVersion: 1, streamId: item.stream, revision: BigInt(item.revision), position: BigInt(log.length + 1),
        recordedAt: '2019-01-01T00:00:00.000Z', data: JSON.parse(JSON.stringify(item.e.data)), metadata: { actor: { id: 'a', role: 'r' }, correlationId: 'c', occurredAt: 't' },
        prevHash: '', hash: '',
      });
    }
  }
  return log;
};

/** Runs a projection over the log as the runner does: documents by id, events it does not handle skipped. */
const project = <D extends object>(projection: Projection<D>, log: RecordedEvent[]): Map<string, D> => {
  const docs = new Map<string, D>();
  for (const event of log) {
    if (!projection.handles.includes(event.type)) continue;
    const ids = projection.documentId(event);
    for (const id of ids === null ? [] : Array.isArray(ids) ? ids : [ids]) {
      const next = projection.evolve(docs.get(id) ?? null, JSON.parse(JSON.stringify(event, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)), (k, v: unknown) => (k === 'position' || k === 'revision' ? BigInt(v as string) : v)));
      if (next === null) docs.delete(id);
      else docs.set(id, JSON.parse(JSON.stringify(next)) as D); // stored as JSON, as the read stores do
    }
  }
  return docs;
};

const valueOfEvent = (e: RecordedEvent) => referenceValue((e.data as { amount: Money }).amount, (e.data as { fx?: FxRate }).fx);
const minor = (x: Money) => BigInt(x.amountMinor);

describe('Programme read models', () => {
  it('every total equals the exact sum of the events, for any amounts, currencies and rates', () =>
    fc.assert(
      fc.property(scenario, (programmes) => {
        const log = eventsOf(programmes);
        const finance = project(programmeFinanceProjection, log);
        const ledger = project(programmeLedgerProjection, log);
        const portfolio = project(programmePortfolioProjection, log);

        expect(finance.size).toBe(programmes.length);
        for (const doc of finance.values()) {
          const own = log.filter((e) => (e.data as { programmeId: string }).programmeId === doc.programmeId);
          const of = (type: string) => own.filter((e) => e.type === type);
          const c = doc.currency;
          const total = (type: string) => m(sum(of(type).map(valueOfEvent)), c);

          // Totals by transaction type, in the programme's currency.
          expect(doc.totals).toEqual({
            incomingCommitments: total('IncomingCommitmentRecorded'),
            incomingFunds: total('IncomingFundsReceived'),
            committed: total('OutgoingCommitmentRecorded'),
            disbursed: total('DisbursementRecorded'),
            spent: total('ExpenditureRecorded'),
            coFinancing: total('CoFinancingRecorded'),
          });

          // Per budget line, and the lines against the totals.
          const outflow = { OutgoingCommitmentRecorded: 'committed', DisbursementRecorded: 'disbursed', ExpenditureRecorded: 'spent' } as const;
          for (const line of doc.budget!.lines) {
            for (const [type, field] of Object.entries(outflow)) {
              expect(line[field]).toEqual(m(sum(of(type).filter((e) => (e.data as { budgetLineCode: string }).budgetLineCode === line.code).map(valueOfEvent)), c));
            }
          }
          for (const field of Object.values(outflow)) expect(sum(doc.budget!.lines.map((l) => minor(l[field])))).toBe(minor(doc.totals[field]));

          // The budget: lines add up to the total, co-financing and shares derived.
          const budget = doc.budget!;
          expect(sum(budget.lines.map((l) => minor(l.budget)))).toBe(minor(budget.total));
          expect(minor(budget.coFinancing)).toBe(minor(budget.total) - minor(budget.euContribution));
          expect(budget.euSharePct).toBe(referencePct(minor(budget.euContribution), minor(budget.total)));
          expect(budget.coFinancingSharePct).toBe(referencePct(minor(budget.coFinancing), minor(budget.total)));

          // By pilot unit and by region: the attributed transactions, nothing else.
          for (const field of Object.values(outflow)) {
            const type = Object.entries(outflow).find(([, f]) => f === field)![0];
            const attributed = of(type).filter((e) => (e.data as { unitId?: string }).unitId !== undefined);
            expect(sum(doc.byUnit.map((u) => minor(u[field])))).toBe(sum(attributed.map(valueOfEvent)));
            expect(sum(doc.byRegion.map((r) => minor(r[field])))).toBe(sum(attributed.map(valueOfEvent)));
            for (const u of doc.byUnit) {
              expect(minor(u[field])).toBe(sum(attributed.filter((e) => (e.data as { unitId: string }).unitId === u.unitId).map(valueOfEvent)));
            }
          }

          // Co-financing by source.
          for (const s of doc.coFinancingBySource) {
            expect(s.amount).toEqual(m(sum(of('CoFinancingRecorded').filter((e) => (e.data as { source: string }).source === s.source).map(valueOfEvent)), c));
          }
          expect(sum(doc.coFinancingBySource.map((s) => minor(s.amount)))).toBe(minor(doc.totals.coFinancing));

          // The original amounts, summed per currency without conversion.
          for (const t of doc.byCurrency) {
            const original = (type: string) => m(sum(of(type).map((e) => (e.data as { amount: Money }).amount).filter((a) => a.currency === t.currency).map(minor)), t.currency);
            expect(t).toEqual({
              currency: t.currency,
              incomingCommitments: original('IncomingCommitmentRecorded'),
              incomingFunds: original('IncomingFundsReceived'),
              committed: original('OutgoingCommitmentRecorded'),
              disbursed: original('DisbursementRecorded'),
              spent: original('ExpenditureRecorded'),
              coFinancing: original('CoFinancingRecorded'),
            });
          }
          const transactions = own.filter((e) => 'amount' in (e.data as object));
          expect(doc.transactionCount).toBe(transactions.length);
          expect(doc.revision).toBe(own.at(-1)!.revision.toString());

          // The ledger: one entry per IATI-typed transaction, its value derived the same way, adding up to the totals.
          const entries = [...ledger.values()].filter((l) => l.programmeId === doc.programmeId);
          expect(entries).toHaveLength(transactions.length - of('CoFinancingRecorded').length);
          for (const entry of entries) {
            const event = own.find((e) => (e.data as { transactionId?: string }).transactionId === entry.transactionId)!;
            expect(ledger.get(ledgerEntryId(doc.programmeId, entry.transactionId))).toBe(entry);
            expect(minor(entry.value)).toBe(valueOfEvent(event));
            expect(entry.value.currency).toBe(c);
          }
          const ledgerTotal = (type: LedgerEntry['transactionType']) => sum(entries.filter((l) => l.transactionType === type).map((l) => minor(l.value)));
          expect([ledgerTotal('11'), ledgerTotal('1'), ledgerTotal('2'), ledgerTotal('3'), ledgerTotal('4')]).toEqual(
            [doc.totals.incomingCommitments, doc.totals.incomingFunds, doc.totals.committed, doc.totals.disbursed, doc.totals.spent].map(minor),
          );
        }

        // The portfolio per currency: the current budget of each programme in it, summed.
        for (const [c, doc] of portfolio as Map<string, FundingPortfolio>) {
          const docs = [...finance.values()].filter((f: ProgrammeFinance) => f.currency === c);
          expect(doc.programmeCount).toBe(docs.length);
          expect(doc.total).toEqual(m(sum(docs.map((f) => minor(f.budget!.total))), c as Currency));
          expect(doc.euContribution).toEqual(m(sum(docs.map((f) => minor(f.budget!.euContribution))), c as Currency));
          expect(minor(doc.coFinancing)).toBe(minor(doc.total) - minor(doc.euContribution));
          expect(doc.euSharePct).toBe(referencePct(minor(doc.euContribution), minor(doc.total)));
        }
      }),
      { numRuns: 150 },
    ));
});

describe('Programme finance, worked example', () => {
  it('reports the seed totals: EUR 928,412 budgeted, EUR 832,570 from the EU (89.68%), EUR 95,842 co-financing', () => {
    const log = eventsOf([
      { currency: 'EUR', lines: [{ kind: 'HR', amount: 50_000_000n }], euPermille: 900, revision: null, unitRegions: [], operations: [] },
      { currency: 'EUR', lines: [{ kind: 'HR', amount: 42_841_200n }], euPermille: 0, revision: null, unitRegions: [], operations: [] },
    ]).map((e) =>
      e.type === 'ProgrammeBudgetApproved' && (e.data as { programmeId: string }).programmeId === 'prog-1'
        ? { ...e, data: { ...e.data, euContribution: { amountMinor: '38257000', currency: 'EUR' } } }
        : e,
    );
    const portfolio = project(programmePortfolioProjection, log).get('EUR')!;
    expect(portfolio).toMatchObject({
      total: { amountMinor: '92841200', currency: 'EUR' },
      euContribution: { amountMinor: '83257000', currency: 'EUR' },
      coFinancing: { amountMinor: '9584200', currency: 'EUR' },
      euSharePct: '89.68',
      coFinancingSharePct: '10.32',
      programmeCount: 2,
    });
    const finance = project(programmeFinanceProjection, log);
    expect(finance.get('prog-0')!.budget).toMatchObject({ euSharePct: '90.00', coFinancing: { amountMinor: '5000000' } });
    expect(finance.get('prog-1')!.budget).toMatchObject({ euSharePct: '89.30', coFinancing: { amountMinor: '4584200' } });
  });

  it('values a KZT sub-grant at its NBK rate in EUR and keeps the KZT amount', () => {
    const log = eventsOf([
      {
        currency: 'EUR', lines: [{ kind: 'FSTP', amount: 5_200_000n }], euPermille: 900, revision: null, unitRegions: ['region-a'],
        operations: [{ kind: 'OutgoingCommitmentRecorded', amount: 100_000_000n, foreign: { currency: 'KZT', rate: '412.35', forward: false, source: 'NBK' }, line: 0, unit: 0, source: 'EU', day: 6 }],
      },
    ]);
    const doc = project(programmeFinanceProjection, log).get('prog-0')!;
    expect(doc.totals.committed).toEqual({ amountMinor: '242512', currency: 'EUR' });
    expect(doc.byRegion).toEqual([{ regionId: 'region-a', committed: { amountMinor: '242512', currency: 'EUR' }, disbursed: { amountMinor: '0', currency: 'EUR' }, spent: { amountMinor: '0', currency: 'EUR' } }]);
    expect(doc.byCurrency[0]).toMatchObject({ currency: 'KZT', committed: { amountMinor: '100000000', currency: 'KZT' } });
    const entry = [...project(programmeLedgerProjection, log).values()][0]!;
    expect(entry).toMatchObject({ transactionType: '2', transactionTypeName: 'Outgoing Commitment', amount: { amountMinor: '100000000', currency: 'KZT' }, value: { amountMinor: '242512', currency: 'EUR' }, fx: { rate: '412.35', source: 'NBK' } });
  });
});
