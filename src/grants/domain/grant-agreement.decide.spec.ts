import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { fold } from '../../shared/domain/decider.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { FxRateRequired, type Money } from '../../shared/domain/money.js';
import type { AwardFacts, GrantAgreementCommand, PrepareAgreement } from './grant-agreement.commands.js';
import { grantAgreementDecider, grantAgreementForStream, grantAgreementStream } from './grant-agreement.decider.js';
import {
  AgreementAmountDiffersFromAward,
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
  TrancheConditionNotMet,
  TrancheOverpaid,
  TranchesDoNotAddUp,
  VisitAlreadyRecorded,
} from './grant-agreement.errors.js';
import type { GrantAgreementEvent, TrancheCondition } from './grant-agreement.events.js';
import { GrantApplicationNotFound } from './grant-application.errors.js';

const AGREEMENT = 'c0000000-0000-4000-8000-000000000001';
const APP = 'a0000000-0000-4000-8000-000000000001';
const CALL = '5b1c0b5e-0a4e-4c57-9e3f-0c1a2b3c4d5e';
const PROGRAMME = '0b8f3f2e-7c1d-4a8e-9f00-112233445566';
const APPLICANT = 'b0000000-0000-4000-8000-000000000001';
const IZENDY = '9a0c7e11-1111-4a11-8a11-111111111111';
const KARAGANDA = '9a0c7e00-0000-4a00-8a00-000000000000';
const NOW = '2018-12-06T09:00:00.000Z';
const FX = { rate: '400.00', base: 'EUR', quote: 'KZT', source: 'NBK', rateDate: '2018-12-06' } as const;
const kzt = (major: number): Money => ({ amountMinor: String(major * 100), currency: 'KZT' });
const meta: CommandMetadata = { actor: { id: 'apiKey:test', role: 'administrator' }, now: NOW, correlationId: 'c-1' };
const ref = { agreementId: AGREEMENT, programmeId: PROGRAMME, callId: CALL, territoryUnitId: IZENDY, regionId: KARAGANDA };
const cmd = <C extends GrantAgreementCommand>(type: C['type'], data: Omit<C['data'], 'agreementId'>): C => ({ type, data: { agreementId: AGREEMENT, ...data }, metadata: meta }) as unknown as C;

const award = (over: Partial<AwardFacts> = {}): AwardFacts => ({
  applicationId: APP, callId: CALL, programmeId: PROGRAMME, applicantId: APPLICANT, territoryUnitId: IZENDY, regionId: KARAGANDA,
  ownContribution: kzt(150_000), awardedAmount: kzt(1_000_000), programmeCurrency: 'EUR', ...over,
});
const schedule = (second: TrancheCondition = 'PURCHASE_PROVEN') => [
  { n: 1, amount: kzt(700_000), condition: 'NONE' as const, dueDate: '2018-12-10' },
  { n: 2, amount: kzt(300_000), condition: second, dueDate: '2019-03-10' },
];
const prepare = (over: Partial<PrepareAgreement['data']> = {}) =>
  cmd<PrepareAgreement>('PrepareAgreement', { applicationId: APP, amount: kzt(1_000_000), mode: 'BANK_TRANSFER', tranches: schedule(), award: award(), ...over });

const prepared = (mode: 'BANK_TRANSFER' | 'IN_KIND' = 'BANK_TRANSFER', second: TrancheCondition = 'PURCHASE_PROVEN'): GrantAgreementEvent => ({
  type: 'GrantAgreementPrepared',
  data: { ...ref, applicationId: APP, granteeId: APPLICANT, amount: kzt(1_000_000), ownContribution: kzt(150_000), mode, tranches: schedule(second), keepOperatingMonths: 12, programmeCurrency: 'EUR', preparedAt: NOW },
});
const signed: GrantAgreementEvent = { type: 'GrantAgreementSigned', data: { ...ref, granteeId: APPLICANT, amount: kzt(1_000_000), fx: FX, signedOn: '2018-12-06', signedAt: NOW } };
const paid = (paymentId: string, trancheN: number, major: number, trancheSettled = true): GrantAgreementEvent => ({
  type: 'DisbursementPaid', data: { ...ref, paymentId, trancheN, amount: kzt(major), fx: FX, paidOn: '2018-12-10', bankRef: `KZ-${paymentId}`, trancheSettled, paidAt: NOW },
});
const report = (reportId: string, kind: 'PURCHASE' | 'PROGRESS' | 'FINAL', trancheN: number | null): GrantAgreementEvent => ({
  type: 'ProgressReportSubmitted', data: { ...ref, reportId, kind, trancheN, summary: `${kind} report`, resubmission: false, submittedAt: NOW },
});
const accepted = (reportId: string): GrantAgreementEvent => ({ type: 'ProgressReportAccepted', data: { ...ref, reportId, acceptedAt: NOW } });
const visit = (month: 3 | 6 | 12): GrantAgreementEvent => ({ type: 'MonitoringVisitRecorded', data: { ...ref, month, visitedOn: '2019-03-06', operating: true, notes: null, recordedAt: NOW } });
const completed: GrantAgreementEvent = { type: 'GrantAgreementCompleted', data: { ...ref, completedAt: NOW } };
const suspended: GrantAgreementEvent = { type: 'GrantAgreementSuspended', data: { ...ref, reason: 'Late report', suspendedAt: NOW } };
const terminated = (paidMajor: number): GrantAgreementEvent => ({ type: 'GrantAgreementTerminated', data: { ...ref, reason: 'Business closed', paid: kzt(paidMajor), terminatedAt: NOW } });
const recoveryRequested = (major: number): GrantAgreementEvent => ({ type: 'RecoveryRequested', data: { ...ref, amount: kzt(major), requestedAt: NOW } });

const pay = (paymentId: string, trancheN: number, major: number) =>
  cmd('RecordDisbursement', { paymentId, trancheN, amount: kzt(major), paidOn: '2018-12-10', bankRef: `KZ-${paymentId}`, fx: FX });
const submit = (reportId: string, kind: 'PURCHASE' | 'PROGRESS' | 'FINAL', trancheN?: number) =>
  cmd('SubmitProgressReport', { reportId, kind, summary: `${kind} report`, ...(trancheN ? { trancheN } : {}) });
const recordVisit = (month: number, operating = true) => cmd('RecordMonitoringVisit', { month, visitedOn: '2019-03-06', operating });

const given = DeciderSpecification.for(grantAgreementDecider);
const active = [prepared(), signed, paid('p1', 1, 700_000)];
const fullyPaid = [...active, report('r1', 'PURCHASE', 1), accepted('r1'), paid('p2', 2, 300_000)];

describe('GrantAgreement decider', () => {
  it('names its streams', () => {
    expect(grantAgreementStream(AGREEMENT)).toBe(`grantAgreement-${AGREEMENT}`);
    expect(grantAgreementForStream(APP)).toBe(`grantAgreementFor-${APP}`);
  });

  describe('PrepareAgreement', () => {
    it('prepares the agreement of an awarded application, carrying programme, call, aul and region', () => given([]).when(prepare()).then([prepared()]));
    it('is a no-op when resent', () => given([prepared()]).when(prepare()).thenNothingHappened());
    it('refuses the same id with other terms', () => given([prepared()]).when(prepare({ mode: 'IN_KIND' })).thenThrows(GrantAgreementAlreadyPrepared));
    it('refuses an unknown application', () => given([]).when(prepare({ award: null })).thenThrows(GrantApplicationNotFound));
    it('refuses an application its call did not award', () => given([]).when(prepare({ award: award({ awardedAmount: null }) })).thenThrows(ApplicationNotAwarded));
    it('refuses an amount other than the award', () =>
      given([]).when(prepare({ award: award({ awardedAmount: kzt(950_000) }) })).thenThrows(AgreementAmountDiffersFromAward, (e) => e.awarded.amountMinor === '95000000'));
    it('refuses tranches that do not add up exactly, by one tiyn', () =>
      given([]).when(prepare({ tranches: [schedule()[0]!, { ...schedule()[1]!, amount: { amountMinor: '29999999', currency: 'KZT' } }] })).thenThrows(TranchesDoNotAddUp));
    it('refuses tranches out of order and a condition on the first tranche', () => {
      given([]).when(prepare({ tranches: [...schedule()].reverse() })).thenThrows(InvalidTranches, (e) => e.path === 'tranches[0].n');
      given([]).when(prepare({ tranches: [{ ...schedule()[0]!, condition: 'REPORT_ACCEPTED' }, schedule()[1]!] })).thenThrows(InvalidTranches, (e) => e.path === 'tranches[0].condition');
    });
  });

  describe('SignAgreement', () => {
    const sign = (fx?: typeof FX) => cmd('SignAgreement', { signedOn: '2018-12-06', ...(fx ? { fx } : {}) });
    it('signs with the rate that values it in the programme currency', () => given([prepared()]).when(sign(FX)).then([signed]));
    it('is a no-op when resent', () => given([prepared(), signed]).when(sign(FX)).thenNothingHappened());
    it('needs a rate when the programme keeps another currency', () => given([prepared()]).when(sign()).thenThrows(FxRateRequired));
    it('refuses an unknown agreement', () => given([]).when(sign(FX)).thenThrows(GrantAgreementNotFound));
  });

  describe('disbursements', () => {
    it('pays tranche 1 after signature; the agreement becomes active', () => {
      given([prepared(), signed]).when(pay('p1', 1, 700_000)).then([paid('p1', 1, 700_000)]);
      expect(fold(grantAgreementDecider, active).status).toBe('ACTIVE');
    });
    it('is a no-op when a payment is resent; the same id with other content is refused', () => {
      given(active).when(pay('p1', 1, 700_000)).thenNothingHappened();
      given(active).when(pay('p1', 1, 600_000)).thenThrows(PaymentIdReused);
    });
    it('refuses a disbursement before signature and while suspended', () => {
      given([prepared()]).when(pay('p1', 1, 700_000)).thenThrows(DisbursementNotAllowed, (e) => e.status === 'PREPARED');
      given([...active, report('r1', 'PURCHASE', 1), accepted('r1'), suspended]).when(pay('p2', 2, 300_000)).thenThrows(DisbursementNotAllowed, (e) => e.status === 'SUSPENDED');
    });
    it('never pays more than the tranche, so Σ paid never exceeds the amount', () => {
      given([prepared(), signed]).when(pay('p1', 1, 700_001)).thenThrows(TrancheOverpaid);
      given([...fullyPaid]).when(pay('p3', 2, 1)).thenThrows(TrancheOverpaid);
    });
    it('pays tranche 2 only after tranche 1 is paid in full and its condition is met', () => {
      given([prepared(), signed, paid('p1', 1, 500_000, false)]).when(pay('p2', 2, 300_000)).thenThrows(PreviousTrancheNotPaid);
      given(active).when(pay('p2', 2, 300_000)).thenThrows(TrancheConditionNotMet);
      // A progress report does not prove the purchase.
      given([...active, report('r1', 'PROGRESS', 1), accepted('r1')]).when(pay('p2', 2, 300_000)).thenThrows(TrancheConditionNotMet);
      given([...active, report('r1', 'PURCHASE', 1)]).when(pay('p2', 2, 300_000)).thenThrows(TrancheConditionNotMet);
      given([...active, report('r1', 'PURCHASE', 1), accepted('r1')]).when(pay('p2', 2, 300_000)).then([paid('p2', 2, 300_000)]);
    });
    it('accepts any accepted report for a REPORT_ACCEPTED tranche', () =>
      given([prepared('BANK_TRANSFER', 'REPORT_ACCEPTED'), signed, paid('p1', 1, 700_000), report('r1', 'PROGRESS', 1), accepted('r1')]).when(pay('p2', 2, 300_000)).then([paid('p2', 2, 300_000)]));
    it('requests a tranche once, under the same rules', () => {
      given([prepared(), signed]).when(cmd('RequestDisbursement', { trancheN: 1 })).then([{ type: 'DisbursementRequested', data: { ...ref, trancheN: 1, amount: kzt(700_000), requestedAt: NOW } }]);
      given(active).when(cmd('RequestDisbursement', { trancheN: 2 })).thenThrows(TrancheConditionNotMet);
    });
    it('delivers in kind only on an in-kind agreement, valued at the sum of its items', () => {
      const deliver = cmd('RecordInKindDelivery', {
        deliveryId: 'd1', trancheN: 1, items: [{ description: 'Milk separator', quantity: 1, value: kzt(450_000) }, { description: 'Cooling tank', quantity: 1, value: kzt(250_000) }],
        deliveredOn: '2018-12-20', procurementRef: 'PO-2018-17', fx: FX,
      });
      given([prepared('IN_KIND'), signed]).when(deliver).then([{
        type: 'InKindSupportDelivered',
        data: { ...ref, deliveryId: 'd1', trancheN: 1, items: (deliver.data as unknown as { items: never[] }).items, value: kzt(700_000), fx: FX, deliveredOn: '2018-12-20', procurementRef: 'PO-2018-17', trancheSettled: true, deliveredAt: NOW },
      }]);
      given([prepared(), signed]).when(deliver).thenThrows(DisbursementModeMismatch);
      given([prepared('IN_KIND'), signed]).when(pay('p1', 1, 700_000)).thenThrows(DisbursementModeMismatch);
    });
  });

  describe('reports, visits and jobs', () => {
    it('accepts or rejects a report; a rejected report may be resubmitted; an accepted one is final', () => {
      given(active).when(submit('r1', 'PURCHASE', 1)).then([report('r1', 'PURCHASE', 1)]);
      given([...active, report('r1', 'PURCHASE', 1)]).when(submit('r1', 'PURCHASE', 1)).thenNothingHappened();
      given([...active, report('r1', 'PURCHASE', 1)]).when(cmd('RejectReport', { reportId: 'r1', reason: 'No invoices' }))
        .then([{ type: 'ProgressReportRejected', data: { ...ref, reportId: 'r1', reason: 'No invoices', rejectedAt: NOW } }]);
      const rejected: GrantAgreementEvent = { type: 'ProgressReportRejected', data: { ...ref, reportId: 'r1', reason: 'No invoices', rejectedAt: NOW } };
      given([...active, report('r1', 'PURCHASE', 1), rejected]).when(submit('r1', 'PURCHASE', 1))
        .then([{ ...report('r1', 'PURCHASE', 1), data: { ...report('r1', 'PURCHASE', 1).data, resubmission: true } } as GrantAgreementEvent]);
      given([...active, report('r1', 'PURCHASE', 1), rejected]).when(cmd('AcceptReport', { reportId: 'r1' })).thenThrows(ReportAlreadyDecided);
      given([...active, report('r1', 'PURCHASE', 1), accepted('r1')]).when(cmd('AcceptReport', { reportId: 'r1' })).thenNothingHappened();
    });
    it('refuses a report before any money moved', () => given([prepared(), signed]).when(submit('r1', 'PROGRESS')).thenThrows(AgreementStatusConflict));
    it('records visits at months 3, 6 and 12 once each', () => {
      given(active).when(recordVisit(3)).then([visit(3)]);
      given([...active, visit(3)]).when(recordVisit(3)).thenNothingHappened();
      given([...active, visit(3)]).when(recordVisit(3, false)).thenThrows(VisitAlreadyRecorded);
      given(active).when(recordVisit(9)).thenThrows(InvalidAgreementField, (e) => e.path === 'month');
    });
    it('completes when the month-12 visit follows the last payment, or the last payment follows it', () => {
      given(fullyPaid).when(recordVisit(12)).then([visit(12), completed]);
      given([...active, report('r1', 'PURCHASE', 1), accepted('r1'), visit(12)]).when(pay('p2', 2, 300_000)).then([paid('p2', 2, 300_000), completed]);
    });
    it('reports jobs: women and youth among the headcount, FTE at most the headcount', () => {
      const jobs = (headcount: number, fte: string, women: number, youth: number) => cmd('ReportJobsCreated', { asOf: '2019-06-06', headcount, fte, women, youth });
      given(active).when(jobs(3, '2.5', 2, 1)).then([{ type: 'JobsCreatedReported', data: { ...ref, asOf: '2019-06-06', headcount: 3, fte: '2.5', women: 2, youth: 1, reportedAt: NOW } }]);
      given([...active, { type: 'JobsCreatedReported', data: { ...ref, asOf: '2019-06-06', headcount: 3, fte: '2.5', women: 2, youth: 1, reportedAt: NOW } }]).when(jobs(3, '2.5', 2, 1)).thenNothingHappened();
      given(active).when(jobs(3, '3.5', 2, 1)).thenThrows(InvalidAgreementField, (e) => e.path === 'fte');
      given(active).when(jobs(3, '2', 4, 1)).thenThrows(InvalidAgreementField, (e) => e.path === 'women');
    });
  });

  describe('suspension, termination, recovery and closure', () => {
    it('suspends an active agreement and resumes it; resent commands are no-ops', () => {
      given(active).when(cmd('SuspendAgreement', { reason: 'Late report' })).then([suspended]);
      given([...active, suspended]).when(cmd('SuspendAgreement', { reason: 'Late report' })).thenNothingHappened();
      given([...active, suspended]).when(cmd('ResumeAgreement', {})).then([{ type: 'GrantAgreementResumed', data: { ...ref, reason: null, resumedAt: NOW } }]);
      given(active).when(cmd('ResumeAgreement', {})).thenNothingHappened();
      given([prepared()]).when(cmd('SuspendAgreement', { reason: 'x' })).thenThrows(AgreementStatusConflict);
    });
    it('completes on resumption when the month-12 visit was recorded during the suspension', () => {
      given([...fullyPaid, suspended]).when(recordVisit(12)).then([visit(12)]);
      given([...fullyPaid, suspended, visit(12)]).when(cmd('ResumeAgreement', {})).then([{ type: 'GrantAgreementResumed', data: { ...ref, reason: null, resumedAt: NOW } }, completed]);
    });
    it('terminates and recovers no more than was paid, and no more than requested', () => {
      given(active).when(cmd('TerminateAgreement', { reason: 'Business closed' })).then([terminated(700_000)]);
      given([...active, terminated(700_000)]).when(cmd('RequestRecovery', { amount: kzt(700_001) })).thenThrows(RecoveryExceedsPaid);
      given([...active, terminated(700_000)]).when(cmd('RequestRecovery', { amount: kzt(300_000) })).then([recoveryRequested(300_000)]);
      given([...active, terminated(700_000), recoveryRequested(300_000)]).when(cmd('RequestRecovery', { amount: kzt(300_000) })).thenNothingHappened();
      const receive = (id: string, major: number) => cmd('RecordRecovery', { receiptId: id, amount: kzt(major), receivedOn: '2019-09-01' });
      given([...active, terminated(700_000), recoveryRequested(300_000)]).when(receive('k1', 300_001)).thenThrows(RecoveryExceedsRequested);
      given([...active, terminated(700_000), recoveryRequested(300_000)]).when(receive('k1', 200_000))
        .then([{ type: 'RecoveryReceived', data: { ...ref, receiptId: 'k1', amount: kzt(200_000), receivedOn: '2019-09-01', receivedAt: NOW } }]);
      given([prepared()]).when(cmd('TerminateAgreement', { reason: 'x' })).thenThrows(AgreementStatusConflict);
    });
    it('closes a completed agreement only when every report is accepted', () => {
      const close = cmd('CloseAgreement', {});
      given([...fullyPaid, report('f', 'FINAL', null), visit(12), completed]).when(close).thenThrows(ClosingConditionsNotMet, (e) => e.missing.some((m) => m.includes('f')));
      given([...fullyPaid, visit(12), completed]).when(close).then([{ type: 'GrantAgreementClosed', data: { ...ref, from: 'COMPLETED', closedAt: NOW } }]);
      given(active).when(close).thenThrows(ClosingConditionsNotMet, (e) => e.missing.some((m) => m.includes('month-12')));
      const received: GrantAgreementEvent = { type: 'RecoveryReceived', data: { ...ref, receiptId: 'k1', amount: kzt(300_000), receivedOn: '2019-09-01', receivedAt: NOW } };
      given([...active, terminated(700_000), recoveryRequested(300_000)]).when(close).thenThrows(ClosingConditionsNotMet);
      given([...active, terminated(700_000), recoveryRequested(300_000), received]).when(close).then([{ type: 'GrantAgreementClosed', data: { ...ref, from: 'RECOVERING', closedAt: NOW } }]);
    });
  });
});
