import { type FxRate, type Money, checkFx, isCalendarDate, minorOf, money, parseDecimal, parseMoney, requireCurrency } from '../../shared/domain/money.js';
import type {
  AcceptReport,
  CloseAgreement,
  GrantAgreementCommand,
  PrepareAgreement,
  RecordDisbursement,
  RecordInKindDelivery,
  RecordMonitoringVisit,
  RecordRecovery,
  RejectReport,
  ReportJobsCreated,
  RequestDisbursement,
  RequestRecovery,
  ResumeAgreement,
  SignAgreement,
  SubmitProgressReport,
  SuspendAgreement,
  TerminateAgreement,
} from './grant-agreement.commands.js';
import {
  AgreementAmountDiffersFromAward,
  AgreementReasonRequired,
  AgreementStatusConflict,
  ApplicationNotAwarded,
  ClosingConditionsNotMet,
  DisbursementModeMismatch,
  DisbursementNotAllowed,
  GrantAgreementAlreadyPrepared,
  GrantAgreementNotFound,
  InvalidAgreementField,
  InvalidTranches,
  PaymentIdReused,
  PreviousTrancheNotPaid,
  RecoveryExceedsPaid,
  RecoveryExceedsRequested,
  ReportAlreadyDecided,
  ReportNotFound,
  TrancheConditionNotMet,
  TrancheOverpaid,
  TranchesDoNotAddUp,
  UnknownTranche,
  VisitAlreadyRecorded,
} from './grant-agreement.errors.js';
import {
  type AgreementStatus,
  type DeliveredItem,
  type GrantAgreementCompleted,
  type GrantAgreementEvent,
  REPORT_KINDS,
  TRANCHE_CONDITIONS,
  type Tranche,
  VISIT_MONTHS,
  type VisitMonth,
} from './grant-agreement.events.js';
import { type AgreementFacts, type GrantAgreement, type TrancheState, preparedFingerprint } from './grant-agreement.state.js';
import { GrantApplicationNotFound } from './grant-application.errors.js';
import { canonical } from './grant-call.state.js';

/** The obligation to keep the business going, in months after signature, unless the agreement states otherwise (DOMAIN.md 3.3). */
export const DEFAULT_KEEP_OPERATING_MONTHS = 12;
const FTE = /^\d{1,4}(\.\d{1,2})?$/;

const agreement = (state: GrantAgreement, agreementId: string): AgreementFacts => {
  if (state.status === 'Empty') throw new GrantAgreementNotFound(agreementId);
  return state;
};

const requireStatus = (a: AgreementFacts, action: string, allowed: readonly AgreementStatus[]): void => {
  if (!allowed.includes(a.status)) throw new AgreementStatusConflict(a.ref.agreementId, a.status, action, allowed);
};

const requireDate = (value: string, path: string): void => {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new InvalidAgreementField(path, 'must be a calendar date YYYY-MM-DD');
};

const requireText = (value: unknown, path: string): string => {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') {
    if (path === 'reason') throw new AgreementReasonRequired();
    throw new InvalidAgreementField(path, 'must not be blank');
  }
  return text;
};

const amountIn = (a: AgreementFacts, m: Money, path: string): Money => requireCurrency(parseMoney(m, path), a.currency, `${path}.currency`);

/** The tranches as the agreement states them: numbered 1..k in order, positive amounts in one currency, valid dates and conditions. */
const tranchesOf = (input: PrepareAgreement['data']['tranches'], amount: Money): Tranche[] => {
  if (!Array.isArray(input) || input.length === 0) throw new InvalidTranches('tranches', 'must list at least one tranche');
  return input.map((t, i) => {
    const path = `tranches[${i}]`;
    if (t.n !== i + 1) throw new InvalidTranches(`${path}.n`, `must be ${i + 1}: tranches are numbered 1, 2, … in order`);
    if (!(TRANCHE_CONDITIONS as readonly string[]).includes(t.condition)) throw new InvalidTranches(`${path}.condition`, `must be one of ${TRANCHE_CONDITIONS.join(', ')}`);
    if (i === 0 && t.condition !== 'NONE') throw new InvalidTranches(`${path}.condition`, 'must be NONE: there is no earlier tranche to report on');
    requireDate(t.dueDate, `${path}.dueDate`);
    return { n: t.n, amount: requireCurrency(parseMoney(t.amount, `${path}.amount`), amount.currency, `${path}.amount.currency`), condition: t.condition, dueDate: t.dueDate };
  });
};

/**
 * Prepares the agreement of an awarded application: the amount equals the award exactly, the tranches add up exactly
 * to it. The grantee is the application's (pseudonymous) applicant id. A resent PrepareAgreement is a no-op.
 */
export const prepareAgreement = ({ data, metadata }: PrepareAgreement, state: GrantAgreement): GrantAgreementEvent[] => {
  const award = data.award;
  if (!award) throw new GrantApplicationNotFound(data.applicationId);
  const amount = parseMoney(data.amount, 'amount');
  const tranches = tranchesOf(data.tranches, amount);
  const keepOperatingMonths = data.keepOperatingMonths ?? DEFAULT_KEEP_OPERATING_MONTHS;
  if (!Number.isInteger(keepOperatingMonths) || keepOperatingMonths < 1 || keepOperatingMonths > 120) throw new InvalidAgreementField('keepOperatingMonths', 'must be a whole number of months from 1 to 120');
  const terms = { applicationId: data.applicationId, amount, mode: data.mode, tranches, keepOperatingMonths };
  if (state.status !== 'Empty') {
    if (state.prepared === preparedFingerprint(terms)) return []; // resent command
    throw new GrantAgreementAlreadyPrepared(data.agreementId);
  }
  if (!award.awardedAmount) throw new ApplicationNotAwarded(data.applicationId);
  requireCurrency(amount, award.awardedAmount.currency, 'amount.currency');
  if (minorOf(amount) !== minorOf(award.awardedAmount)) throw new AgreementAmountDiffersFromAward(amount, award.awardedAmount);
  const sum = tranches.reduce((s, t) => s + minorOf(t.amount), 0n);
  if (sum !== minorOf(amount)) throw new TranchesDoNotAddUp(amount, money(sum, amount.currency));
  return [
    {
      type: 'GrantAgreementPrepared',
      data: {
        agreementId: data.agreementId, programmeId: award.programmeId, callId: award.callId, territoryUnitId: award.territoryUnitId, regionId: award.regionId,
        applicationId: award.applicationId, granteeId: award.applicantId, amount, ownContribution: award.ownContribution, mode: data.mode, tranches,
        keepOperatingMonths, programmeCurrency: award.programmeCurrency, preparedAt: metadata.now,
      },
    },
  ];
};

/** Signs a prepared agreement on `signedOn`; `fx` values the amount in the programme's currency when they differ. Signing again on the same date is a no-op. */
export const signAgreement = ({ data, metadata }: SignAgreement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  requireDate(data.signedOn, 'signedOn');
  if (a.signedOn !== null && a.signedOn === data.signedOn) return [];
  requireStatus(a, 'signed', ['PREPARED']);
  const amount = money(a.amount, a.currency);
  const fx = checkFx(amount, data.fx, a.programmeCurrency, 'fx');
  return [{ type: 'GrantAgreementSigned', data: { ...a.ref, granteeId: a.granteeId, amount, ...(fx ? { fx } : {}), signedOn: data.signedOn, signedAt: metadata.now } }];
};

/** The rules of disbursing tranche n: signed and not suspended; tranche n−1 paid in full and tranche n's condition met. */
const disbursable = (a: AgreementFacts, trancheN: number): TrancheState => {
  if (a.status !== 'SIGNED' && a.status !== 'ACTIVE') throw new DisbursementNotAllowed(a.ref.agreementId, a.status);
  const tranche = a.tranches.find((t) => t.n === trancheN);
  if (!tranche) throw new UnknownTranche(trancheN);
  if (trancheN > 1) {
    const previous = a.tranches.find((t) => t.n === trancheN - 1)!;
    if (previous.paid < previous.amount) throw new PreviousTrancheNotPaid(trancheN);
    const reports = [...a.reports.values()].filter((r) => r.status === 'ACCEPTED' && r.trancheN === trancheN - 1);
    if (tranche.condition === 'REPORT_ACCEPTED' && reports.length === 0) throw new TrancheConditionNotMet(trancheN, tranche.condition);
    if (tranche.condition === 'PURCHASE_PROVEN' && !reports.some((r) => r.kind === 'PURCHASE')) throw new TrancheConditionNotMet(trancheN, tranche.condition);
  }
  return tranche;
};

/** Completion: every tranche paid in full (counting `paidNow`) and the month-12 visit recorded (or being recorded). */
const completion = (a: AgreementFacts, now: string, paidNow: { trancheN: number; amount: bigint } | null, visitingMonth12: boolean): GrantAgreementCompleted[] => {
  const allPaid = a.tranches.every((t) => t.paid + (paidNow?.trancheN === t.n ? paidNow.amount : 0n) === t.amount);
  return allPaid && (visitingMonth12 || a.visits.has(12)) ? [{ type: 'GrantAgreementCompleted', data: { ...a.ref, completedAt: now } }] : [];
};

/** Requests tranche n, under the same rules as its payment. A tranche is requested once. */
export const requestDisbursement = ({ data, metadata }: RequestDisbursement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  if (a.requested.has(data.trancheN)) return [];
  const t = disbursable(a, data.trancheN);
  return [{ type: 'DisbursementRequested', data: { ...a.ref, trancheN: t.n, amount: money(t.amount - t.paid, a.currency), requestedAt: metadata.now } }];
};

const fxOf = (a: AgreementFacts, amount: Money, fx: FxRate | undefined) => {
  const checked = checkFx(amount, fx, a.programmeCurrency, 'fx');
  return checked ? { fx: checked } : {};
};

/** A bank transfer of (part of) tranche n, never more than is left of it. The same payment again is a no-op. */
export const recordDisbursement = ({ data, metadata }: RecordDisbursement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const amount = amountIn(a, data.amount, 'amount');
  requireDate(data.paidOn, 'paidOn');
  const bankRef = requireText(data.bankRef, 'bankRef');
  const fx = fxOf(a, amount, data.fx);
  const seen = a.payments.get(data.paymentId);
  if (seen !== undefined) {
    if (seen === canonical({ trancheN: data.trancheN, amount, paidOn: data.paidOn, bankRef, fx: fx.fx ?? null })) return [];
    throw new PaymentIdReused(data.paymentId, 'paymentId');
  }
  if (a.mode !== 'BANK_TRANSFER') throw new DisbursementModeMismatch(a.mode, 'bank transfer');
  const t = disbursable(a, data.trancheN);
  const value = minorOf(amount);
  if (t.paid + value > t.amount) throw new TrancheOverpaid(t.n, money(t.amount, a.currency), money(t.paid, a.currency), amount);
  return [
    {
      type: 'DisbursementPaid',
      data: { ...a.ref, paymentId: data.paymentId, trancheN: t.n, amount, ...fx, paidOn: data.paidOn, bankRef, trancheSettled: t.paid + value === t.amount, paidAt: metadata.now },
    },
    ...completion(a, metadata.now, { trancheN: t.n, amount: value }, false),
  ];
};

/** Equipment bought by the project and handed over, valued at the sum of its items, counting towards tranche n. The same delivery again is a no-op. */
export const recordInKindDelivery = ({ data, metadata }: RecordInKindDelivery, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  if (!Array.isArray(data.items) || data.items.length === 0) throw new InvalidAgreementField('items', 'must list at least one item');
  const items: DeliveredItem[] = data.items.map((item, i) => {
    if (!Number.isInteger(item.quantity) || item.quantity < 1) throw new InvalidAgreementField(`items[${i}].quantity`, 'must be a whole number from 1');
    return { description: requireText(item.description, `items[${i}].description`), quantity: item.quantity, value: amountIn(a, item.value, `items[${i}].value`) };
  });
  const value = money(items.reduce((s, item) => s + minorOf(item.value), 0n), a.currency);
  requireDate(data.deliveredOn, 'deliveredOn');
  const procurementRef = requireText(data.procurementRef, 'procurementRef');
  const fx = fxOf(a, value, data.fx);
  const seen = a.payments.get(data.deliveryId);
  if (seen !== undefined) {
    if (seen === canonical({ trancheN: data.trancheN, items, deliveredOn: data.deliveredOn, procurementRef, fx: fx.fx ?? null })) return [];
    throw new PaymentIdReused(data.deliveryId, 'deliveryId');
  }
  if (a.mode !== 'IN_KIND') throw new DisbursementModeMismatch(a.mode, 'in-kind delivery');
  const t = disbursable(a, data.trancheN);
  const minor = minorOf(value);
  if (t.paid + minor > t.amount) throw new TrancheOverpaid(t.n, money(t.amount, a.currency), money(t.paid, a.currency), value);
  return [
    {
      type: 'InKindSupportDelivered',
      data: {
        ...a.ref, deliveryId: data.deliveryId, trancheN: t.n, items, value, ...fx, deliveredOn: data.deliveredOn, procurementRef,
        trancheSettled: t.paid + minor === t.amount, deliveredAt: metadata.now,
      },
    },
    ...completion(a, metadata.now, { trancheN: t.n, amount: minor }, false),
  ];
};

const REPORTING: readonly AgreementStatus[] = ['ACTIVE', 'SUSPENDED', 'COMPLETED'];

/** A purchase, progress or final report, optionally on a tranche. A rejected report may be resubmitted under its id; the same report again is a no-op. */
export const submitProgressReport = ({ data, metadata }: SubmitProgressReport, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  if (!(REPORT_KINDS as readonly string[]).includes(data.kind)) throw new InvalidAgreementField('kind', `must be one of ${REPORT_KINDS.join(', ')}`);
  const summary = requireText(data.summary, 'summary');
  const trancheN = data.trancheN ?? null;
  if (trancheN !== null && !a.tranches.some((t) => t.n === trancheN)) throw new UnknownTranche(trancheN);
  const earlier = a.reports.get(data.reportId);
  if (earlier && earlier.status !== 'REJECTED') {
    if (earlier.kind === data.kind && earlier.trancheN === trancheN && earlier.summary === summary) return [];
    throw new ReportAlreadyDecided(data.reportId, earlier.status);
  }
  requireStatus(a, 'reported on', REPORTING);
  return [{ type: 'ProgressReportSubmitted', data: { ...a.ref, reportId: data.reportId, kind: data.kind, trancheN, summary, resubmission: earlier !== undefined, submittedAt: metadata.now } }];
};

export const acceptReport = ({ data, metadata }: AcceptReport, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const report = a.reports.get(data.reportId);
  if (!report) throw new ReportNotFound(data.reportId);
  if (report.status === 'ACCEPTED') return [];
  if (report.status === 'REJECTED') throw new ReportAlreadyDecided(data.reportId, report.status);
  requireStatus(a, 'reported on', REPORTING);
  return [{ type: 'ProgressReportAccepted', data: { ...a.ref, reportId: data.reportId, acceptedAt: metadata.now } }];
};

export const rejectReport = ({ data, metadata }: RejectReport, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const reason = requireText(data.reason, 'reason');
  const report = a.reports.get(data.reportId);
  if (!report) throw new ReportNotFound(data.reportId);
  if (report.status === 'REJECTED') return [];
  if (report.status === 'ACCEPTED') throw new ReportAlreadyDecided(data.reportId, report.status);
  requireStatus(a, 'reported on', REPORTING);
  return [{ type: 'ProgressReportRejected', data: { ...a.ref, reportId: data.reportId, reason, rejectedAt: metadata.now } }];
};

/** A monitoring visit at month 3, 6 or 12, once each. The month-12 visit completes an agreement whose tranches are all paid. */
export const recordMonitoringVisit = ({ data, metadata }: RecordMonitoringVisit, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  if (!(VISIT_MONTHS as readonly number[]).includes(data.month)) throw new InvalidAgreementField('month', `must be one of ${VISIT_MONTHS.join(', ')}`);
  const month = data.month as VisitMonth;
  requireDate(data.visitedOn, 'visitedOn');
  const notes = typeof data.notes === 'string' && data.notes.trim() !== '' ? data.notes.trim() : null;
  const seen = a.visits.get(month);
  if (seen !== undefined) {
    if (seen === canonical({ visitedOn: data.visitedOn, operating: data.operating, notes })) return [];
    throw new VisitAlreadyRecorded(month);
  }
  requireStatus(a, 'visited', REPORTING);
  return [
    { type: 'MonitoringVisitRecorded', data: { ...a.ref, month, visitedOn: data.visitedOn, operating: data.operating, notes, recordedAt: metadata.now } },
    ...(month === 12 && a.status === 'ACTIVE' ? completion(a, metadata.now, null, true) : []),
  ];
};

/** Jobs created as of a date: headcount, FTE (up to 2 decimals, at most the headcount), women and youth among the headcount. */
export const reportJobsCreated = ({ data, metadata }: ReportJobsCreated, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  requireDate(data.asOf, 'asOf');
  for (const field of ['headcount', 'women', 'youth'] as const) {
    if (!Number.isInteger(data[field]) || data[field] < 0 || data[field] > 10_000) throw new InvalidAgreementField(field, 'must be a whole number from 0');
  }
  if (data.women > data.headcount) throw new InvalidAgreementField('women', 'must not exceed the headcount');
  if (data.youth > data.headcount) throw new InvalidAgreementField('youth', 'must not exceed the headcount');
  const fte = typeof data.fte === 'string' && FTE.test(data.fte) ? parseDecimal(data.fte) : null;
  if (!fte || fte.num > BigInt(data.headcount) * fte.den) throw new InvalidAgreementField('fte', 'must be a decimal with up to 2 decimals, at most the headcount');
  const { headcount, women, youth } = data;
  if (a.jobs.get(data.asOf) === canonical({ headcount, fte: data.fte, women, youth })) return [];
  requireStatus(a, 'reported on', REPORTING);
  return [{ type: 'JobsCreatedReported', data: { ...a.ref, asOf: data.asOf, headcount, fte: data.fte, women, youth, reportedAt: metadata.now } }];
};

export const suspendAgreement = ({ data, metadata }: SuspendAgreement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const reason = requireText(data.reason, 'reason');
  if (a.status === 'SUSPENDED') return [];
  requireStatus(a, 'suspended', ['ACTIVE']);
  return [{ type: 'GrantAgreementSuspended', data: { ...a.ref, reason, suspendedAt: metadata.now } }];
};

/** Resumes a suspended agreement; one whose obligations were fulfilled meanwhile completes. */
export const resumeAgreement = ({ data, metadata }: ResumeAgreement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  if (a.status === 'ACTIVE') return [];
  requireStatus(a, 'resumed', ['SUSPENDED']);
  const reason = typeof data.reason === 'string' && data.reason.trim() !== '' ? data.reason.trim() : null;
  return [{ type: 'GrantAgreementResumed', data: { ...a.ref, reason, resumedAt: metadata.now } }, ...completion(a, metadata.now, null, false)];
};

export const terminateAgreement = ({ data, metadata }: TerminateAgreement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const reason = requireText(data.reason, 'reason');
  if (a.status === 'TERMINATED' || a.status === 'RECOVERING') return [];
  requireStatus(a, 'terminated', ['SIGNED', 'ACTIVE', 'SUSPENDED']);
  return [{ type: 'GrantAgreementTerminated', data: { ...a.ref, reason, paid: money(a.paid, a.currency), terminatedAt: metadata.now } }];
};

/** After termination: the amount to recover, never more than was paid. The same request again is a no-op. */
export const requestRecovery = ({ data, metadata }: RequestRecovery, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const amount = amountIn(a, data.amount, 'amount');
  if (a.recoveryRequested !== null && a.recoveryRequested === minorOf(amount)) return [];
  requireStatus(a, 'put into recovery', ['TERMINATED']);
  if (minorOf(amount) > a.paid) throw new RecoveryExceedsPaid(amount, money(a.paid, a.currency));
  return [{ type: 'RecoveryRequested', data: { ...a.ref, amount, requestedAt: metadata.now } }];
};

/** Money received back, never more than is still to be recovered. The same receipt again is a no-op. */
export const recordRecovery = ({ data, metadata }: RecordRecovery, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  const amount = amountIn(a, data.amount, 'amount');
  requireDate(data.receivedOn, 'receivedOn');
  const seen = a.receipts.get(data.receiptId);
  if (seen !== undefined) {
    if (seen === canonical({ amount, receivedOn: data.receivedOn })) return [];
    throw new PaymentIdReused(data.receiptId, 'receiptId');
  }
  requireStatus(a, 'credited with a recovery', ['RECOVERING']);
  const outstanding = (a.recoveryRequested ?? 0n) - a.recovered;
  if (minorOf(amount) > outstanding) throw new RecoveryExceedsRequested(amount, money(outstanding, a.currency));
  return [{ type: 'RecoveryReceived', data: { ...a.ref, receiptId: data.receiptId, amount, receivedOn: data.receivedOn, receivedAt: metadata.now } }];
};

/**
 * Closes a completed agreement once every report is accepted (and the month-12 visit recorded); a terminated one
 * directly, or once the requested recovery is received in full.
 */
export const closeAgreement = ({ data, metadata }: CloseAgreement, state: GrantAgreement): GrantAgreementEvent[] => {
  const a = agreement(state, data.agreementId);
  if (a.status === 'CLOSED') return [];
  requireStatus(a, 'closed', ['ACTIVE', 'SUSPENDED', 'COMPLETED', 'TERMINATED', 'RECOVERING']);
  const missing: string[] = [];
  if (a.status === 'RECOVERING') {
    const outstanding = (a.recoveryRequested ?? 0n) - a.recovered;
    if (outstanding > 0n) missing.push(`${money(outstanding, a.currency).amountMinor} minor units still to be recovered`);
  } else if (a.status !== 'TERMINATED') {
    if (a.status === 'SUSPENDED') missing.push('the agreement is suspended');
    const unpaid = a.tranches.filter((t) => t.paid < t.amount).map((t) => t.n);
    if (unpaid.length > 0) missing.push(`tranche(s) ${unpaid.join(', ')} not paid in full`);
    if (!a.visits.has(12)) missing.push('no month-12 monitoring visit');
    const open = [...a.reports.entries()].filter(([, r]) => r.status !== 'ACCEPTED').map(([id]) => id);
    if (open.length > 0) missing.push(`report(s) ${open.join(', ')} not accepted`);
  }
  if (missing.length > 0) throw new ClosingConditionsNotMet(a.ref.agreementId, missing);
  return [{ type: 'GrantAgreementClosed', data: { ...a.ref, from: a.status, closedAt: metadata.now } }];
};

/** Decides a GrantAgreement command against the folded state. Pure; exact bigint money; [] for a resent command. */
export const decideAgreement = (command: GrantAgreementCommand, state: GrantAgreement): GrantAgreementEvent[] => {
  switch (command.type) {
    case 'PrepareAgreement':
      return prepareAgreement(command, state);
    case 'SignAgreement':
      return signAgreement(command, state);
    case 'RequestDisbursement':
      return requestDisbursement(command, state);
    case 'RecordDisbursement':
      return recordDisbursement(command, state);
    case 'RecordInKindDelivery':
      return recordInKindDelivery(command, state);
    case 'SubmitProgressReport':
      return submitProgressReport(command, state);
    case 'AcceptReport':
      return acceptReport(command, state);
    case 'RejectReport':
      return rejectReport(command, state);
    case 'RecordMonitoringVisit':
      return recordMonitoringVisit(command, state);
    case 'ReportJobsCreated':
      return reportJobsCreated(command, state);
    case 'SuspendAgreement':
      return suspendAgreement(command, state);
    case 'ResumeAgreement':
      return resumeAgreement(command, state);
    case 'TerminateAgreement':
      return terminateAgreement(command, state);
    case 'RequestRecovery':
      return requestRecovery(command, state);
    case 'RecordRecovery':
      return recordRecovery(command, state);
    case 'CloseAgreement':
      return closeAgreement(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown GrantAgreement command: ${(exhaustive as { type: string }).type}`);
    }
  }
};
