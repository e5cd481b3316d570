import { type Currency, minorOf } from '../../shared/domain/money.js';
import { canonical } from './grant-call.state.js';
import type { AgreementRef, AgreementStatus, DisbursementMode, GrantAgreementEvent, ReportKind, TrancheCondition } from './grant-agreement.events.js';

export type TrancheState = { readonly n: number; readonly amount: bigint; readonly condition: TrancheCondition; readonly paid: bigint };
export type ReportState = { readonly kind: ReportKind; readonly trancheN: number | null; readonly summary: string; readonly status: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' };

/** What `decide` needs about a prepared agreement. Amounts are minor units of the agreement's currency. */
export type AgreementFacts = {
  readonly status: AgreementStatus;
  readonly ref: AgreementRef;
  readonly granteeId: string;
  readonly currency: Currency;
  readonly programmeCurrency: Currency;
  readonly amount: bigint;
  readonly mode: DisbursementMode;
  /** Canonical form of the prepared terms, to recognise a resent PrepareAgreement. */
  readonly prepared: string;
  readonly signedOn: string | null;
  readonly tranches: readonly TrancheState[];
  readonly requested: ReadonlySet<number>;
  /** Canonical form of every payment and delivery by id, to recognise a resent one. */
  readonly payments: ReadonlyMap<string, string>;
  readonly paid: bigint;
  readonly reports: ReadonlyMap<string, ReportState>;
  /** Canonical form of each recorded visit by month. */
  readonly visits: ReadonlyMap<number, string>;
  /** Canonical form of the latest jobs figures by `asOf` date. */
  readonly jobs: ReadonlyMap<string, string>;
  readonly recoveryRequested: bigint | null;
  readonly receipts: ReadonlyMap<string, string>;
  readonly recovered: bigint;
};

/** The write model of a GrantAgreement: `Empty` until prepared. */
export type GrantAgreement = { readonly status: 'Empty' } | AgreementFacts;

export const initialAgreementState = (): GrantAgreement => ({ status: 'Empty' });

/** What a resent PrepareAgreement must repeat. */
export const preparedFingerprint = (d: { applicationId: string; amount: unknown; mode: string; tranches: readonly unknown[]; keepOperatingMonths: number }): string =>
  canonical({ applicationId: d.applicationId, amount: d.amount, mode: d.mode, tranches: d.tranches, keepOperatingMonths: d.keepOperatingMonths });

export const refOf = (d: AgreementRef): AgreementRef => ({
  agreementId: d.agreementId, programmeId: d.programmeId, callId: d.callId, territoryUnitId: d.territoryUnitId, regionId: d.regionId,
});

const pay = (a: AgreementFacts, trancheN: number, amount: bigint, id: string, fingerprint: string): AgreementFacts => ({
  ...a,
  status: a.status === 'SIGNED' ? 'ACTIVE' : a.status,
  tranches: a.tranches.map((t) => (t.n === trancheN ? { ...t, paid: t.paid + amount } : t)),
  payments: new Map(a.payments).set(id, fingerprint),
  paid: a.paid + amount,
});

/** Folds one event. Total and tolerant: unknown events change nothing. */
export const evolveAgreement = (state: GrantAgreement, event: GrantAgreementEvent): GrantAgreement => {
  if (event.type === 'GrantAgreementPrepared') {
    if (state.status !== 'Empty') return state;
    const d = event.data;
    return {
      status: 'PREPARED', ref: refOf(d), granteeId: d.granteeId, currency: d.amount.currency, programmeCurrency: d.programmeCurrency, amount: minorOf(d.amount), mode: d.mode,
      prepared: preparedFingerprint(d), signedOn: null,
      tranches: d.tranches.map((t) => ({ n: t.n, amount: minorOf(t.amount), condition: t.condition, paid: 0n })),
      requested: new Set(), payments: new Map(), paid: 0n, reports: new Map(), visits: new Map(), jobs: new Map(),
      recoveryRequested: null, receipts: new Map(), recovered: 0n,
    };
  }
  if (state.status === 'Empty') return state;
  switch (event.type) {
    case 'GrantAgreementSigned':
      return { ...state, status: 'SIGNED', signedOn: event.data.signedOn };
    case 'DisbursementRequested':
      return { ...state, requested: new Set(state.requested).add(event.data.trancheN) };
    case 'DisbursementPaid': {
      const { paymentId, trancheN, amount, paidOn, bankRef, fx } = event.data;
      return pay(state, trancheN, minorOf(amount), paymentId, canonical({ trancheN, amount, paidOn, bankRef, fx: fx ?? null }));
    }
    case 'InKindSupportDelivered': {
      const { deliveryId, trancheN, items, deliveredOn, procurementRef, fx } = event.data;
      return pay(state, trancheN, minorOf(event.data.value), deliveryId, canonical({ trancheN, items, deliveredOn, procurementRef, fx: fx ?? null }));
    }
    case 'ProgressReportSubmitted': {
      const { reportId, kind, trancheN, summary } = event.data;
      return { ...state, reports: new Map(state.reports).set(reportId, { kind, trancheN, summary, status: 'SUBMITTED' }) };
    }
    case 'ProgressReportAccepted':
    case 'ProgressReportRejected': {
      const report = state.reports.get(event.data.reportId);
      if (!report) return state;
      const status = event.type === 'ProgressReportAccepted' ? 'ACCEPTED' : 'REJECTED';
      return { ...state, reports: new Map(state.reports).set(event.data.reportId, { ...report, status }) };
    }
    case 'MonitoringVisitRecorded': {
      const { month, visitedOn, operating, notes } = event.data;
      return { ...state, visits: new Map(state.visits).set(month, canonical({ visitedOn, operating, notes })) };
    }
    case 'JobsCreatedReported': {
      const { asOf, headcount, fte, women, youth } = event.data;
      return { ...state, jobs: new Map(state.jobs).set(asOf, canonical({ headcount, fte, women, youth })) };
    }
    case 'GrantAgreementSuspended':
      return { ...state, status: 'SUSPENDED' };
    case 'GrantAgreementResumed':
      return { ...state, status: 'ACTIVE' };
    case 'GrantAgreementCompleted':
      return { ...state, status: 'COMPLETED' };
    case 'GrantAgreementTerminated':
      return { ...state, status: 'TERMINATED' };
    case 'RecoveryRequested':
      return { ...state, status: 'RECOVERING', recoveryRequested: minorOf(event.data.amount) };
    case 'RecoveryReceived': {
      const { receiptId, amount, receivedOn } = event.data;
      return { ...state, receipts: new Map(state.receipts).set(receiptId, canonical({ amount, receivedOn })), recovered: state.recovered + minorOf(amount) };
    }
    case 'GrantAgreementClosed':
      return { ...state, status: 'CLOSED' };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};
