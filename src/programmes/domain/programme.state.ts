import { type Currency, accountedValue, minorOf } from '../../shared/domain/money.js';
import type { ActivityStatus, BudgetLineKind, BudgetVersion, IsoDate, ProgrammeEvent } from './programme.events.js';

export type LineState = { readonly kind: BudgetLineKind; readonly amount: bigint };

export type BudgetState = {
  readonly version: number;
  readonly total: bigint;
  readonly euContribution: bigint;
  readonly lines: ReadonlyMap<string, LineState>;
  /** Canonical form of the version, to recognise a resent approval or revision. */
  readonly fingerprint: string;
};

/** An outgoing commitment, in its own currency, with what has been disbursed against it. */
export type CommitmentState = {
  readonly budgetLineCode: string;
  readonly recipientId: string;
  readonly unitId?: string;
  readonly currency: Currency;
  readonly amount: bigint;
  readonly disbursed: bigint;
};

/** What `decide` needs about a registered programme. Amounts are minor units of the programme's currency unless noted. */
export type ProgrammeFacts = {
  readonly programmeId: string;
  /** Canonical form of the registration, to recognise a resent RegisterProgramme. */
  readonly registration: string;
  readonly currency: Currency;
  readonly activityStatus: ActivityStatus;
  /** The contract's maximum EU share of the total budget, a decimal percentage such as "90". */
  readonly maxEuSharePct: string;
  readonly fstpPerRecipientCap: bigint;
  /** `<role>:<orgId>` of every partner role. */
  readonly partners: ReadonlySet<string>;
  /** Canonical form of version 1, to recognise a resent ApproveBudget after revisions. */
  readonly originalBudget: string | null;
  readonly budget: BudgetState | null;
  readonly pilotUnits: ReadonlySet<string>;
  /** Canonical form of every transaction and co-financing contribution by its client-chosen id. */
  readonly transactions: ReadonlyMap<string, string>;
  readonly commitments: ReadonlyMap<string, CommitmentState>;
  /** Value of outgoing commitments by budget line. */
  readonly committedByLine: ReadonlyMap<string, bigint>;
  /** Value of outgoing commitments on FSTP lines by recipient (the per-recipient cap). */
  readonly fstpByRecipient: ReadonlyMap<string, bigint>;
  /** Value of expenditure by budget line (a negative expenditure, money returned, never takes a line below zero). */
  readonly spentByLine: ReadonlyMap<string, bigint>;
  /** Lines that carry a commitment, disbursement or expenditure: they stay in every later budget version. */
  readonly usedLines: ReadonlySet<string>;
  readonly closedOn: IsoDate | null;
};

/**
 * The write model of a Programme. `Open` takes commands; `Ended` (IATI status Closed or Cancelled) only answers
 * resent commands with a no-op.
 */
export type Programme = { readonly status: 'Empty' } | (ProgrammeFacts & { readonly status: 'Open' | 'Ended' });
export type RegisteredProgramme = Exclude<Programme, { status: 'Empty' }>;

export const initialState = (): Programme => ({ status: 'Empty' });

/** JSON with keys sorted at every level: equal values give equal strings, whatever order their keys were written in. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** An event's data without its `<verb>At` timestamp: what a resent command must reproduce exactly. */
export const withoutStamp = (data: object, stamp: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== stamp));

export const budgetFingerprint = (b: BudgetVersion): string => canonical({ total: b.total, euContribution: b.euContribution, lines: b.lines });

const budgetState = (version: number, b: BudgetVersion): BudgetState => ({
  version,
  total: minorOf(b.total),
  euContribution: minorOf(b.euContribution),
  lines: new Map(b.lines.map((l) => [l.code, { kind: l.kind, amount: minorOf(l.amount) }])),
  fingerprint: budgetFingerprint(b),
});

const add = <K>(map: ReadonlyMap<K, bigint>, key: K, amount: bigint): Map<K, bigint> => new Map(map).set(key, (map.get(key) ?? 0n) + amount);

/** Folds one event. Total and tolerant: events that do not apply to the current status, and unknown types, change nothing. */
export const evolve = (state: Programme, event: ProgrammeEvent): Programme => {
  if (event.type === 'ProgrammeRegistered') {
    if (state.status !== 'Empty') return state;
    const d = event.data;
    return {
      status: 'Open',
      programmeId: d.programmeId,
      registration: canonical(withoutStamp(d, 'registeredAt')),
      currency: d.currency,
      activityStatus: 'PIPELINE',
      maxEuSharePct: d.maxEuSharePct,
      fstpPerRecipientCap: minorOf(d.fstpPerRecipientCap),
      partners: new Set(),
      originalBudget: null,
      budget: null,
      pilotUnits: new Set(),
      transactions: new Map(),
      commitments: new Map(),
      committedByLine: new Map(),
      fstpByRecipient: new Map(),
      spentByLine: new Map(),
      usedLines: new Set(),
      closedOn: null,
    };
  }
  if (state.status === 'Empty') return state;
  switch (event.type) {
    case 'ProgrammePartnerAdded':
      return { ...state, partners: new Set(state.partners).add(`${event.data.role}:${event.data.orgId}`) };
    case 'ProgrammeBudgetApproved':
      return { ...state, originalBudget: budgetFingerprint(event.data), budget: budgetState(1, event.data) };
    case 'ProgrammeBudgetRevised':
      return { ...state, budget: budgetState(event.data.version, event.data) };
    case 'PilotUnitEnrolled':
      return { ...state, pilotUnits: new Set(state.pilotUnits).add(event.data.unitId) };
    case 'IncomingCommitmentRecorded':
      return recordTransaction(state, event.data.transactionId, withoutStamp(event.data, 'recordedAt'));
    case 'IncomingFundsReceived':
      return recordTransaction(state, event.data.transactionId, withoutStamp(event.data, 'receivedAt'));
    case 'OutgoingCommitmentRecorded': {
      const d = event.data;
      const value = minorOf(accountedValue(d.amount, d.fx));
      const fstp = state.budget?.lines.get(d.budgetLineCode)?.kind === 'FSTP';
      return {
        ...recordTransaction(state, d.transactionId, withoutStamp(d, 'committedAt')),
        commitments: new Map(state.commitments).set(d.transactionId, {
          budgetLineCode: d.budgetLineCode,
          recipientId: d.recipientId,
          ...(d.unitId !== undefined ? { unitId: d.unitId } : {}),
          currency: d.amount.currency,
          amount: minorOf(d.amount),
          disbursed: 0n,
        }),
        committedByLine: add(state.committedByLine, d.budgetLineCode, value),
        fstpByRecipient: fstp ? add(state.fstpByRecipient, d.recipientId, value) : state.fstpByRecipient,
        usedLines: new Set(state.usedLines).add(d.budgetLineCode),
      };
    }
    case 'DisbursementRecorded': {
      const d = event.data;
      const commitment = state.commitments.get(d.commitmentId);
      return {
        ...recordTransaction(state, d.transactionId, withoutStamp(d, 'disbursedAt')),
        commitments: commitment
          ? new Map(state.commitments).set(d.commitmentId, { ...commitment, disbursed: commitment.disbursed + minorOf(d.amount) })
          : state.commitments,
        usedLines: new Set(state.usedLines).add(d.budgetLineCode),
      };
    }
    case 'ExpenditureRecorded':
      return {
        ...recordTransaction(state, event.data.transactionId, withoutStamp(event.data, 'recordedAt')),
        spentByLine: add(state.spentByLine, event.data.budgetLineCode, minorOf(accountedValue(event.data.amount, event.data.fx))),
        usedLines: new Set(state.usedLines).add(event.data.budgetLineCode),
      };
    case 'CoFinancingRecorded':
      return recordTransaction(state, event.data.contributionId, withoutStamp(event.data, 'recordedAt'));
    case 'ProgrammeStatusChanged': {
      const to = event.data.to;
      return { ...state, activityStatus: to, status: to === 'CANCELLED' || to === 'CLOSED' ? 'Ended' : state.status };
    }
    case 'ProgrammeClosed':
      return { ...state, status: 'Ended', activityStatus: 'CLOSED', closedOn: event.data.closedOn };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};

const recordTransaction = <S extends RegisteredProgramme>(state: S, id: string, data: Record<string, unknown>): S => ({
  ...state,
  transactions: new Map(state.transactions).set(id, canonical(data)),
});
