import { HeadlineTotalsAccumulator, percent } from './headline-totals.js';

const money = (amountMinor: string, currency = 'KZT') => ({ amountMinor, currency });

describe('Headline totals from events', () => {
  it('rounds shares half up to two decimals, exactly', () => {
    expect(percent(9n, 10n)).toBe('90.00');
    expect(percent(1n, 3n)).toBe('33.33');
    expect(percent(2n, 3n)).toBe('66.67');
    expect(percent(1n, 8n)).toBe('12.50');
    expect(percent(0n, 0n)).toBe('0.00');
  });

  it('counts decisions, sums the current budget version of each programme with the EU share, and sums transactions by currency', () => {
    const acc = new HeadlineTotalsAccumulator();
    const events = [
      { type: 'ProgrammeRegistered', data: { programmeId: 'p1' } },
      { type: 'ProgrammeBudgetApproved', data: { programmeId: 'p1', total: money('1000'), euContribution: money('900') } },
      { type: 'ProgrammeBudgetRevised', data: { programmeId: 'p1', total: money('2000'), euContribution: money('1500') } },
      { type: 'ProgrammeBudgetApproved', data: { programmeId: 'p2', total: money('500', 'EUR'), euContribution: money('450', 'EUR') } },
      { type: 'DisbursementRecorded', data: { amount: money('300') } },
      { type: 'DisbursementRecorded', data: { amount: money('9007199254740993') } },
      { type: 'MeetingClosed', data: {} },
      { type: 'PlanActivated', data: {} },
      { type: 'GrantAwardsDecided', data: { awards: [{ applicationId: 'a1', amount: money('150000') }, { applicationId: 'a2', amount: money('50000') }] } },
      { type: 'GrantAwardsDecided', data: { awards: [{ applicationId: 'a3', amount: money('1000', 'EUR') }] } },
      { type: 'ApplicationAwarded', data: { applicationId: 'a1', amount: money('150000') } },
    ];
    for (const e of events) acc.add(e);
    const t = acc.result({ treeSize: 11, rootHash: 'r', logPosition: '11' });
    expect(t.events).toBe(11);
    // Each award once: from the committee's decision, not again from the application's mirror event.
    expect(t.grantsAwarded).toEqual({ count: 3, byCurrency: { EUR: '1000', KZT: '200000' } });
    expect(t.counts).toMatchObject({ programmesRegistered: 1, meetingsClosed: 1, plansActivated: 1, votesClosed: 0 });
    expect(t.budgets).toEqual({ EUR: { total: '500', euContribution: '450', euSharePct: '90.00' }, KZT: { total: '2000', euContribution: '1500', euSharePct: '75.00' } });
    expect(t.transactions).toEqual({ DisbursementRecorded: { KZT: '9007199254741293' } });
  });

  it('nets a recovery (a negative disbursement) out of the disbursed sum, as the programme ledger does', () => {
    const acc = new HeadlineTotalsAccumulator();
    for (const amountMinor of ['35000000', '-30000000']) acc.add({ type: 'DisbursementRecorded', data: { amount: money(amountMinor) } });
    expect(acc.result({ treeSize: 2, rootHash: 'r', logPosition: '2' }).transactions).toEqual({ DisbursementRecorded: { KZT: '5000000' } });
  });
});
