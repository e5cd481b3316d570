import type { DomainEvent } from '../../shared/domain/message.js';
import type { Currency, FxRate, Money } from '../../shared/domain/money.js';
import type { IsoDate } from './grant-call.events.js';

/** Lifecycle of an agreement (DOMAIN.md 5.7): PREPARED → SIGNED → ACTIVE → COMPLETED → CLOSED; ACTIVE ⇄ SUSPENDED; SIGNED|ACTIVE|SUSPENDED → TERMINATED → (RECOVERING →) CLOSED. */
export const AGREEMENT_STATUSES = ['PREPARED', 'SIGNED', 'ACTIVE', 'SUSPENDED', 'COMPLETED', 'TERMINATED', 'RECOVERING', 'CLOSED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** How the grant reaches the grantee: paid to their bank account, or equipment bought and delivered by the project. */
export const DISBURSEMENT_MODES = ['BANK_TRANSFER', 'IN_KIND'] as const;
export type DisbursementMode = (typeof DISBURSEMENT_MODES)[number];

/**
 * What must hold before a tranche is disbursed, besides the previous tranche being paid in full: nothing; an accepted
 * report on the previous tranche (any kind); or an accepted PURCHASE report on it (the purchase is proven).
 */
export const TRANCHE_CONDITIONS = ['NONE', 'REPORT_ACCEPTED', 'PURCHASE_PROVEN'] as const;
export type TrancheCondition = (typeof TRANCHE_CONDITIONS)[number];

export const REPORT_KINDS = ['PURCHASE', 'PROGRESS', 'FINAL'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Monitoring visits happen at months 3, 6 and 12 after signature (DOMAIN.md 3.3). */
export const VISIT_MONTHS = [3, 6, 12] as const;
export type VisitMonth = (typeof VISIT_MONTHS)[number];

/** One tranche of the schedule; tranches are numbered 1..k and add up exactly to the agreement amount. */
export type Tranche = { readonly n: number; readonly amount: Money; readonly condition: TrancheCondition; readonly dueDate: IsoDate };

/** One item of an in-kind delivery. */
export type DeliveredItem = { readonly description: string; readonly quantity: number; readonly value: Money };

/**
 * What every agreement event carries besides its own facts, so that read models and the programme ledger need no
 * joins: the programme, the call, the aul and its region.
 */
export type AgreementRef = {
  readonly agreementId: string;
  readonly programmeId: string;
  readonly callId: string;
  readonly territoryUnitId: string;
  readonly regionId: string | null;
};

export type GrantAgreementPrepared = DomainEvent<
  'GrantAgreementPrepared',
  AgreementRef & {
    readonly applicationId: string;
    /** The application's applicant id: a pseudonymous reference; personal data stays sealed in the application. */
    readonly granteeId: string;
    readonly amount: Money;
    readonly ownContribution: Money;
    readonly mode: DisbursementMode;
    readonly tranches: readonly Tranche[];
    readonly keepOperatingMonths: number;
    /** The programme's currency when prepared: payments in another currency need a rate to be booked. */
    readonly programmeCurrency: Currency;
    readonly preparedAt: string;
  }
>;
/** Signed: the grant is committed (IATI transaction type 2 on the programme's sub-grant line). `fx` values the amount in the programme's currency. */
export type GrantAgreementSigned = DomainEvent<
  'GrantAgreementSigned',
  AgreementRef & { readonly granteeId: string; readonly amount: Money; readonly fx?: FxRate; readonly signedOn: IsoDate; readonly signedAt: string }
>;
export type DisbursementRequested = DomainEvent<'DisbursementRequested', AgreementRef & { readonly trancheN: number; readonly amount: Money; readonly requestedAt: string }>;
/** A bank transfer of (part of) a tranche (IATI transaction type 3). */
export type DisbursementPaid = DomainEvent<
  'DisbursementPaid',
  AgreementRef & {
    readonly paymentId: string;
    readonly trancheN: number;
    readonly amount: Money;
    readonly fx?: FxRate;
    readonly paidOn: IsoDate;
    readonly bankRef: string;
    /** The tranche is now paid in full. */
    readonly trancheSettled: boolean;
    readonly paidAt: string;
  }
>;
/** Equipment bought by the project and handed over, counting towards a tranche (IATI transaction type 4). */
export type InKindSupportDelivered = DomainEvent<
  'InKindSupportDelivered',
  AgreementRef & {
    readonly deliveryId: string;
    readonly trancheN: number;
    readonly items: readonly DeliveredItem[];
    readonly value: Money;
    readonly fx?: FxRate;
    readonly deliveredOn: IsoDate;
    readonly procurementRef: string;
    readonly trancheSettled: boolean;
    readonly deliveredAt: string;
  }
>;
export type ProgressReportSubmitted = DomainEvent<
  'ProgressReportSubmitted',
  AgreementRef & { readonly reportId: string; readonly kind: ReportKind; readonly trancheN: number | null; readonly summary: string; readonly resubmission: boolean; readonly submittedAt: string }
>;
export type ProgressReportAccepted = DomainEvent<'ProgressReportAccepted', AgreementRef & { readonly reportId: string; readonly acceptedAt: string }>;
export type ProgressReportRejected = DomainEvent<'ProgressReportRejected', AgreementRef & { readonly reportId: string; readonly reason: string; readonly rejectedAt: string }>;
export type MonitoringVisitRecorded = DomainEvent<
  'MonitoringVisitRecorded',
  AgreementRef & { readonly month: VisitMonth; readonly visitedOn: IsoDate; readonly operating: boolean; readonly notes: string | null; readonly recordedAt: string }
>;
/** Jobs created by the business as of a date (a snapshot: the latest by `asOf` counts). FTE is a decimal string with up to 2 decimals. */
export type JobsCreatedReported = DomainEvent<
  'JobsCreatedReported',
  AgreementRef & { readonly asOf: IsoDate; readonly headcount: number; readonly fte: string; readonly women: number; readonly youth: number; readonly reportedAt: string }
>;
export type GrantAgreementSuspended = DomainEvent<'GrantAgreementSuspended', AgreementRef & { readonly reason: string; readonly suspendedAt: string }>;
export type GrantAgreementResumed = DomainEvent<'GrantAgreementResumed', AgreementRef & { readonly reason: string | null; readonly resumedAt: string }>;
/** Every tranche is paid and the month-12 visit is recorded: the obligations are fulfilled; closing waits for the reports. */
export type GrantAgreementCompleted = DomainEvent<'GrantAgreementCompleted', AgreementRef & { readonly completedAt: string }>;
export type GrantAgreementTerminated = DomainEvent<'GrantAgreementTerminated', AgreementRef & { readonly reason: string; readonly paid: Money; readonly terminatedAt: string }>;
/** The amount to be recovered from the grantee: never more than was paid. */
export type RecoveryRequested = DomainEvent<'RecoveryRequested', AgreementRef & { readonly amount: Money; readonly requestedAt: string }>;
export type RecoveryReceived = DomainEvent<
  'RecoveryReceived',
  AgreementRef & { readonly receiptId: string; readonly amount: Money; readonly receivedOn: IsoDate; readonly receivedAt: string }
>;
export type GrantAgreementClosed = DomainEvent<'GrantAgreementClosed', AgreementRef & { readonly from: AgreementStatus; readonly closedAt: string }>;

export type GrantAgreementEvent =
  | GrantAgreementPrepared
  | GrantAgreementSigned
  | DisbursementRequested
  | DisbursementPaid
  | InKindSupportDelivered
  | ProgressReportSubmitted
  | ProgressReportAccepted
  | ProgressReportRejected
  | MonitoringVisitRecorded
  | JobsCreatedReported
  | GrantAgreementSuspended
  | GrantAgreementResumed
  | GrantAgreementCompleted
  | GrantAgreementTerminated
  | RecoveryRequested
  | RecoveryReceived
  | GrantAgreementClosed;

export const GRANT_AGREEMENT_EVENT_TYPES: readonly GrantAgreementEvent['type'][] = [
  'GrantAgreementPrepared', 'GrantAgreementSigned', 'DisbursementRequested', 'DisbursementPaid', 'InKindSupportDelivered', 'ProgressReportSubmitted',
  'ProgressReportAccepted', 'ProgressReportRejected', 'MonitoringVisitRecorded', 'JobsCreatedReported', 'GrantAgreementSuspended', 'GrantAgreementResumed',
  'GrantAgreementCompleted', 'GrantAgreementTerminated', 'RecoveryRequested', 'RecoveryReceived', 'GrantAgreementClosed',
];

/** Reservation of an application's one agreement: `grantAgreementFor-<applicationId>`, appended with 'no_stream'. */
export type GrantAgreementReserved = DomainEvent<'GrantAgreementReserved', { readonly applicationId: string; readonly agreementId: string; readonly reservedAt: string }>;
