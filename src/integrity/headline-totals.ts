/**
 * The headline totals of the transparency reports, recomputed from events alone: counts of the main decisions and
 * meetings, programme budgets with the EU's share, grants awarded, and the IATI transaction sums. Pure and incremental, so that the
 * service and the offline verifier compute them the same way from the same events. Amounts are exact (minor units as
 * decimal strings, summed as bigint) and grouped by currency; nothing personal is read.
 */

type Money = { amountMinor: string; currency: string };
type EventLike = { type: string; data: unknown };

/** The event types counted in `counts`, by headline. */
export const COUNTED = {
  programmesRegistered: 'ProgrammeRegistered',
  plansDrafted: 'PlanDrafted',
  plansActivated: 'PlanActivated',
  meetingsScheduled: 'MeetingScheduled',
  meetingsClosed: 'MeetingClosed',
  meetingDecisions: 'MeetingDecisionRecorded',
  votesClosed: 'VoteClosed',
  grantCallsPublished: 'GrantCallPublished',
  grantApplicationsSubmitted: 'GrantApplicationSubmitted',
} as const;

const TRANSACTIONS = ['IncomingCommitmentRecorded', 'IncomingFundsReceived', 'OutgoingCommitmentRecorded', 'DisbursementRecorded', 'ExpenditureRecorded', 'CoFinancingRecorded'] as const;

export type HeadlineTotals = {
  /** The log the totals were computed from: its first `treeSize` events, with this Merkle root. */
  basis: { treeSize: number; rootHash: string; logPosition: string | null };
  events: number;
  counts: Record<keyof typeof COUNTED, number>;
  /** Current budget version of every programme, summed by currency, and the EU contribution within it. */
  budgets: Record<string, { total: string; euContribution: string; euSharePct: string }>;
  /** Grants awarded by the committees (each award of a `GrantAwardsDecided`), counted and summed by currency. */
  grantsAwarded: { count: number; byCurrency: Record<string, string> };
  /** Sums of each IATI transaction type (and co-financing) by the transaction's own currency. */
  transactions: Record<string, Record<string, string>>;
};

const isMoney = (v: unknown): v is Money => typeof v === 'object' && v !== null && typeof (v as Money).amountMinor === 'string' && typeof (v as Money).currency === 'string';
const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A share as a percentage with two decimals, rounded half up (exact). */
export const percent = (part: bigint, whole: bigint): string => {
  if (whole === 0n) return '0.00';
  const basisPoints = (part * 20000n + whole) / (2n * whole);
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}`;
};

export class HeadlineTotalsAccumulator {
  private events = 0;
  private readonly counts = Object.fromEntries(Object.keys(COUNTED).map((k) => [k, 0])) as Record<keyof typeof COUNTED, number>;
  private readonly budgets = new Map<string, { total: Money; eu: Money }>();
  private readonly transactions = new Map<string, Map<string, bigint>>();
  private awards = 0;
  private readonly awarded = new Map<string, bigint>();

  add(e: EventLike): void {
    this.events += 1;
    for (const [name, type] of Object.entries(COUNTED)) if (e.type === type) this.counts[name as keyof typeof COUNTED] += 1;
    const data = (e.data ?? {}) as Record<string, unknown>;
    if ((e.type === 'ProgrammeBudgetApproved' || e.type === 'ProgrammeBudgetRevised') && isMoney(data.total) && isMoney(data.euContribution)) {
      this.budgets.set(String(data.programmeId), { total: data.total, eu: data.euContribution });
    }
    if (e.type === 'GrantAwardsDecided' && Array.isArray(data.awards)) {
      for (const award of data.awards as Array<{ amount?: unknown }>) {
        if (!isMoney(award.amount)) continue;
        this.awards += 1;
        this.awarded.set(award.amount.currency, (this.awarded.get(award.amount.currency) ?? 0n) + BigInt(award.amount.amountMinor));
      }
    }
    if ((TRANSACTIONS as readonly string[]).includes(e.type) && isMoney(data.amount)) {
      const byCurrency = this.transactions.get(e.type) ?? new Map<string, bigint>();
      byCurrency.set(data.amount.currency, (byCurrency.get(data.amount.currency) ?? 0n) + BigInt(data.amount.amountMinor));
      this.transactions.set(e.type, byCurrency);
    }
  }

  result(basis: HeadlineTotals['basis']): HeadlineTotals {
    const budgetSums = new Map<string, { total: bigint; eu: bigint }>();
    for (const { total, eu } of this.budgets.values()) {
      const sum = budgetSums.get(total.currency) ?? { total: 0n, eu: 0n };
      sum.total += BigInt(total.amountMinor);
      sum.eu += BigInt(eu.amountMinor);
      budgetSums.set(total.currency, sum);
    }
    return {
      basis,
      events: this.events,
      counts: { ...this.counts },
      budgets: sorted(Object.fromEntries([...budgetSums].map(([c, s]) => [c, { total: s.total.toString(), euContribution: s.eu.toString(), euSharePct: percent(s.eu, s.total) }]))),
      grantsAwarded: { count: this.awards, byCurrency: sorted(Object.fromEntries([...this.awarded].map(([c, v]) => [c, v.toString()]))) },
      transactions: sorted(Object.fromEntries([...this.transactions].map(([type, byCurrency]) => [type, sorted(Object.fromEntries([...byCurrency].map(([c, v]) => [c, v.toString()])))]))),
    };
  }
}
