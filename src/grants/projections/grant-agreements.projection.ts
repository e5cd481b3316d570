import { type Money, minorOf, money } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import {
  type AgreementStatus,
  type DeliveredItem,
  type DisbursementMode,
  GRANT_AGREEMENT_EVENT_TYPES,
  type GrantAgreementEvent,
  type ReportKind,
  type TrancheCondition,
} from '../domain/grant-agreement.events.js';

export type AgreementTrancheView = { n: number; amount: Money; condition: TrancheCondition; dueDate: string; paid: Money; settled: boolean; requestedAt: string | null };
export type AgreementPaymentView = {
  kind: DisbursementMode;
  id: string;
  trancheN: number;
  amount: Money;
  on: string;
  reference: string;
  items: DeliveredItem[] | null;
};
export type AgreementReportView = {
  reportId: string;
  kind: ReportKind;
  trancheN: number | null;
  summary: string;
  status: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED';
  submissions: number;
  rejectionReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
};
export type AgreementJobsView = { asOf: string; headcount: number; fte: string; women: number; youth: number };

/** One grant agreement: terms, tranches and what was paid, reports, visits, jobs, suspensions, termination and recovery. */
export type GrantAgreementDocument = {
  agreementId: string;
  applicationId: string;
  programmeId: string;
  callId: string;
  territoryUnitId: string;
  regionId: string | null;
  /** The application's applicant id (pseudonymous). */
  granteeId: string;
  status: AgreementStatus;
  amount: Money;
  ownContribution: Money;
  mode: DisbursementMode;
  keepOperatingMonths: number;
  tranches: AgreementTrancheView[];
  paid: Money;
  payments: AgreementPaymentView[];
  reports: AgreementReportView[];
  visits: Array<{ month: number; visitedOn: string; operating: boolean; notes: string | null }>;
  /** The latest jobs figures (by `asOf`), and every report of them. */
  jobs: AgreementJobsView | null;
  jobsHistory: AgreementJobsView[];
  suspensions: Array<{ reason: string; suspendedAt: string; resumedAt: string | null }>;
  termination: { reason: string; terminatedAt: string } | null;
  recoveryRequested: Money | null;
  recovered: Money;
  preparedAt: string;
  signedOn: string | null;
  completedAt: string | null;
  closedAt: string | null;
  revision: string;
  position: string;
};

export const GRANT_AGREEMENTS_PROJECTION = 'grants.agreements';

const plus = (a: Money, b: Money): Money => money(minorOf(a) + minorOf(b), a.currency);

/** Folds one GrantAgreement event into its document. Pure. */
export const evolveGrantAgreement = (doc: GrantAgreementDocument | null, event: RecordedEvent): GrantAgreementDocument | null => {
  const e = event as unknown as GrantAgreementEvent;
  const stamp = { revision: event.revision.toString(), position: event.position.toString() };
  if (e.type === 'GrantAgreementPrepared') {
    if (doc) return doc;
    const d = e.data;
    const zero = money(0n, d.amount.currency);
    return {
      agreementId: d.agreementId, applicationId: d.applicationId, programmeId: d.programmeId, callId: d.callId, territoryUnitId: d.territoryUnitId, regionId: d.regionId,
      granteeId: d.granteeId, status: 'PREPARED', amount: d.amount, ownContribution: d.ownContribution, mode: d.mode, keepOperatingMonths: d.keepOperatingMonths,
      tranches: d.tranches.map((t) => ({ ...t, paid: zero, settled: false, requestedAt: null })), paid: zero, payments: [], reports: [], visits: [], jobs: null, jobsHistory: [],
      suspensions: [], termination: null, recoveryRequested: null, recovered: zero, preparedAt: d.preparedAt, signedOn: null, completedAt: null, closedAt: null, ...stamp,
    };
  }
  if (!doc) return doc;
  const payment = (p: AgreementPaymentView, settled: boolean): GrantAgreementDocument => ({
    ...doc,
    status: doc.status === 'SIGNED' ? 'ACTIVE' : doc.status,
    tranches: doc.tranches.map((t) => (t.n === p.trancheN ? { ...t, paid: plus(t.paid, p.amount), settled } : t)),
    paid: plus(doc.paid, p.amount),
    payments: [...doc.payments, p],
    ...stamp,
  });
  switch (e.type) {
    case 'GrantAgreementSigned':
      return { ...doc, status: 'SIGNED', signedOn: e.data.signedOn, ...stamp };
    case 'DisbursementRequested':
      return { ...doc, tranches: doc.tranches.map((t) => (t.n === e.data.trancheN ? { ...t, requestedAt: e.data.requestedAt } : t)), ...stamp };
    case 'DisbursementPaid': {
      const d = e.data;
      return payment({ kind: 'BANK_TRANSFER', id: d.paymentId, trancheN: d.trancheN, amount: d.amount, on: d.paidOn, reference: d.bankRef, items: null }, d.trancheSettled);
    }
    case 'InKindSupportDelivered': {
      const d = e.data;
      return payment({ kind: 'IN_KIND', id: d.deliveryId, trancheN: d.trancheN, amount: d.value, on: d.deliveredOn, reference: d.procurementRef, items: [...d.items] }, d.trancheSettled);
    }
    case 'ProgressReportSubmitted': {
      const d = e.data;
      const earlier = doc.reports.find((r) => r.reportId === d.reportId);
      const report: AgreementReportView = {
        reportId: d.reportId, kind: d.kind, trancheN: d.trancheN, summary: d.summary, status: 'SUBMITTED', submissions: (earlier?.submissions ?? 0) + 1,
        rejectionReason: null, submittedAt: d.submittedAt, decidedAt: null,
      };
      return { ...doc, reports: earlier ? doc.reports.map((r) => (r.reportId === d.reportId ? report : r)) : [...doc.reports, report], ...stamp };
    }
    case 'ProgressReportAccepted':
      return { ...doc, reports: doc.reports.map((r) => (r.reportId === e.data.reportId ? { ...r, status: 'ACCEPTED', decidedAt: e.data.acceptedAt } : r)), ...stamp };
    case 'ProgressReportRejected':
      return {
        ...doc,
        reports: doc.reports.map((r) => (r.reportId === e.data.reportId ? { ...r, status: 'REJECTED', rejectionReason: e.data.reason, decidedAt: e.data.rejectedAt } : r)),
        ...stamp,
      };
    case 'MonitoringVisitRecorded': {
      const { month, visitedOn, operating, notes } = e.data;
      return { ...doc, visits: [...doc.visits, { month, visitedOn, operating, notes }].sort((a, b) => a.month - b.month), ...stamp };
    }
    case 'JobsCreatedReported': {
      const { asOf, headcount, fte, women, youth } = e.data;
      const jobs = { asOf, headcount, fte, women, youth };
      return { ...doc, jobs: !doc.jobs || doc.jobs.asOf <= asOf ? jobs : doc.jobs, jobsHistory: [...doc.jobsHistory, jobs], ...stamp };
    }
    case 'GrantAgreementSuspended':
      return { ...doc, status: 'SUSPENDED', suspensions: [...doc.suspensions, { reason: e.data.reason, suspendedAt: e.data.suspendedAt, resumedAt: null }], ...stamp };
    case 'GrantAgreementResumed':
      return { ...doc, status: 'ACTIVE', suspensions: doc.suspensions.map((s) => (s.resumedAt === null ? { ...s, resumedAt: e.data.resumedAt } : s)), ...stamp };
    case 'GrantAgreementCompleted':
      return { ...doc, status: 'COMPLETED', completedAt: e.data.completedAt, ...stamp };
    case 'GrantAgreementTerminated':
      return { ...doc, status: 'TERMINATED', termination: { reason: e.data.reason, terminatedAt: e.data.terminatedAt }, ...stamp };
    case 'RecoveryRequested':
      return { ...doc, status: 'RECOVERING', recoveryRequested: e.data.amount, ...stamp };
    case 'RecoveryReceived':
      return { ...doc, recovered: plus(doc.recovered, e.data.amount), ...stamp };
    case 'GrantAgreementClosed':
      return { ...doc, status: 'CLOSED', closedAt: e.data.closedAt, ...stamp };
    default:
      return doc;
  }
};

/** Grant agreements by id (the document id is the agreement id). */
export const grantAgreementsProjection: Projection<GrantAgreementDocument> = {
  name: GRANT_AGREEMENTS_PROJECTION,
  version: 1,
  handles: GRANT_AGREEMENT_EVENT_TYPES,
  fields: [
    { path: 'programmeId', type: 'string' },
    { path: 'callId', type: 'string' },
    { path: 'applicationId', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'territoryUnitId', type: 'string' },
    { path: 'regionId', type: 'string' },
    { path: 'preparedAt', type: 'string' },
  ],
  documentId: (event) => (event.data as { agreementId?: string }).agreementId ?? null,
  evolve: evolveGrantAgreement,
};

// ---------------------------------------------------------------------------------------------------------------
// Totals per aul and per region

export type AgreementTotalsLevel = 'UNIT' | 'REGION';
type JobsFigures = { asOf: string; headcount: number; fteHundredths: number; women: number; youth: number };

/**
 * Grant totals of one aul (rural okrug, township or village) or one region: agreements signed, committed (the signed
 * amounts), paid (bank transfers and in-kind deliveries), recovered, and jobs created (the latest figures of each
 * agreement, summed). Money is listed per currency.
 */
export type GrantTotalsDocument = {
  level: AgreementTotalsLevel;
  /** The aul (level UNIT) or the region (level REGION). */
  unitId: string;
  agreements: number;
  committed: Money[];
  paid: Money[];
  recovered: Money[];
  jobs: { headcount: number; fte: string; women: number; youth: number };
  jobsByAgreement: Record<string, JobsFigures>;
  position: string;
};

export const GRANT_TOTALS_BY_UNIT_PROJECTION = 'grants.totals-by-unit';
export const GRANT_TOTALS_BY_REGION_PROJECTION = 'grants.totals-by-region';

const addIn = (list: Money[], m: Money): Money[] =>
  list.some((x) => x.currency === m.currency) ? list.map((x) => (x.currency === m.currency ? plus(x, m) : x)) : [...list, m].sort((a, b) => a.currency.localeCompare(b.currency));

const fteText = (hundredths: number): string => `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
const fteHundredths = (fte: string): number => {
  const [whole, fraction = ''] = fte.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
};

const sumJobs = (byAgreement: Record<string, JobsFigures>): GrantTotalsDocument['jobs'] => {
  const all = Object.values(byAgreement);
  const sum = (f: (j: JobsFigures) => number) => all.reduce((s, j) => s + f(j), 0);
  return { headcount: sum((j) => j.headcount), fte: fteText(sum((j) => j.fteHundredths)), women: sum((j) => j.women), youth: sum((j) => j.youth) };
};

const TOTALS_EVENTS = ['GrantAgreementSigned', 'DisbursementPaid', 'InKindSupportDelivered', 'RecoveryReceived', 'JobsCreatedReported'] as const;

const totalsProjection = (name: string, level: AgreementTotalsLevel): Projection<GrantTotalsDocument> => ({
  name,
  version: 1,
  handles: TOTALS_EVENTS,
  fields: [{ path: 'unitId', type: 'string' }],
  documentId: (event) => {
    const d = event.data as { territoryUnitId?: string; regionId?: string | null };
    return (level === 'UNIT' ? d.territoryUnitId : d.regionId) ?? null;
  },
  evolve: (current, event) => {
    const e = event as unknown as GrantAgreementEvent;
    const d = e.data as { territoryUnitId: string; regionId: string | null; agreementId: string };
    const doc: GrantTotalsDocument = current ?? {
      level, unitId: level === 'UNIT' ? d.territoryUnitId : d.regionId!, agreements: 0, committed: [], paid: [], recovered: [],
      jobs: { headcount: 0, fte: '0.00', women: 0, youth: 0 }, jobsByAgreement: {}, position: '0',
    };
    const position = event.position.toString();
    switch (e.type) {
      case 'GrantAgreementSigned':
        return { ...doc, agreements: doc.agreements + 1, committed: addIn(doc.committed, e.data.amount), position };
      case 'DisbursementPaid':
        return { ...doc, paid: addIn(doc.paid, e.data.amount), position };
      case 'InKindSupportDelivered':
        return { ...doc, paid: addIn(doc.paid, e.data.value), position };
      case 'RecoveryReceived':
        return { ...doc, recovered: addIn(doc.recovered, e.data.amount), position };
      case 'JobsCreatedReported': {
        const { agreementId, asOf, headcount, fte, women, youth } = e.data;
        const earlier = doc.jobsByAgreement[agreementId];
        if (earlier && earlier.asOf > asOf) return { ...doc, position };
        const jobsByAgreement = { ...doc.jobsByAgreement, [agreementId]: { asOf, headcount, fteHundredths: fteHundredths(fte), women, youth } };
        return { ...doc, jobsByAgreement, jobs: sumJobs(jobsByAgreement), position };
      }
      default:
        return current;
    }
  },
});

/** Grant totals per aul: the document id is the agreement's territory unit. */
export const grantTotalsByUnitProjection = totalsProjection(GRANT_TOTALS_BY_UNIT_PROJECTION, 'UNIT');
/** Grant totals per region: the document id is the region of the agreement's unit (agreements whose unit has no region are left out). */
export const grantTotalsByRegionProjection = totalsProjection(GRANT_TOTALS_BY_REGION_PROJECTION, 'REGION');
