import type { DomainCommand } from '../../shared/domain/message.js';
import type { Currency, FxRate, Money } from '../../shared/domain/money.js';
import type { IsoDate } from './grant-call.events.js';
import type { DeliveredItem, DisbursementMode, ReportKind, TrancheCondition } from './grant-agreement.events.js';

/**
 * Facts the handler gathers before a PrepareAgreement: the application (its call, programme, applicant and aul), the
 * amount its call awarded it (from the call's GrantAwardsDecided events; null when it was not awarded), the aul's
 * region and the programme's currency. Null when the application does not exist.
 */
export type AwardFacts = {
  readonly applicationId: string;
  readonly callId: string;
  readonly programmeId: string;
  readonly applicantId: string;
  readonly territoryUnitId: string;
  readonly regionId: string | null;
  readonly ownContribution: Money;
  readonly awardedAmount: Money | null;
  readonly programmeCurrency: Currency;
};

export type TrancheInput = { readonly n: number; readonly amount: Money; readonly condition: TrancheCondition; readonly dueDate: IsoDate };

export type PrepareAgreement = DomainCommand<
  'PrepareAgreement',
  {
    readonly agreementId: string;
    readonly applicationId: string;
    readonly amount: Money;
    readonly mode: DisbursementMode;
    readonly tranches: readonly TrancheInput[];
    readonly keepOperatingMonths?: number;
    /** Handler's facts. */
    readonly award: AwardFacts | null;
  }
>;
export type SignAgreement = DomainCommand<'SignAgreement', { readonly agreementId: string; readonly signedOn: IsoDate; readonly fx?: FxRate }>;
export type RequestDisbursement = DomainCommand<'RequestDisbursement', { readonly agreementId: string; readonly trancheN: number }>;
export type RecordDisbursement = DomainCommand<
  'RecordDisbursement',
  { readonly agreementId: string; readonly paymentId: string; readonly trancheN: number; readonly amount: Money; readonly paidOn: IsoDate; readonly bankRef: string; readonly fx?: FxRate }
>;
export type RecordInKindDelivery = DomainCommand<
  'RecordInKindDelivery',
  {
    readonly agreementId: string;
    readonly deliveryId: string;
    readonly trancheN: number;
    readonly items: readonly DeliveredItem[];
    readonly deliveredOn: IsoDate;
    readonly procurementRef: string;
    readonly fx?: FxRate;
  }
>;
export type SubmitProgressReport = DomainCommand<
  'SubmitProgressReport',
  { readonly agreementId: string; readonly reportId: string; readonly kind: ReportKind; readonly trancheN?: number; readonly summary: string }
>;
export type AcceptReport = DomainCommand<'AcceptReport', { readonly agreementId: string; readonly reportId: string }>;
export type RejectReport = DomainCommand<'RejectReport', { readonly agreementId: string; readonly reportId: string; readonly reason: string }>;
export type RecordMonitoringVisit = DomainCommand<
  'RecordMonitoringVisit',
  { readonly agreementId: string; readonly month: number; readonly visitedOn: IsoDate; readonly operating: boolean; readonly notes?: string }
>;
export type ReportJobsCreated = DomainCommand<
  'ReportJobsCreated',
  { readonly agreementId: string; readonly asOf: IsoDate; readonly headcount: number; readonly fte: string; readonly women: number; readonly youth: number }
>;
export type SuspendAgreement = DomainCommand<'SuspendAgreement', { readonly agreementId: string; readonly reason: string }>;
export type ResumeAgreement = DomainCommand<'ResumeAgreement', { readonly agreementId: string; readonly reason?: string }>;
export type TerminateAgreement = DomainCommand<'TerminateAgreement', { readonly agreementId: string; readonly reason: string }>;
export type RequestRecovery = DomainCommand<'RequestRecovery', { readonly agreementId: string; readonly amount: Money }>;
export type RecordRecovery = DomainCommand<'RecordRecovery', { readonly agreementId: string; readonly receiptId: string; readonly amount: Money; readonly receivedOn: IsoDate }>;
export type CloseAgreement = DomainCommand<'CloseAgreement', { readonly agreementId: string }>;

export type GrantAgreementCommand =
  | PrepareAgreement
  | SignAgreement
  | RequestDisbursement
  | RecordDisbursement
  | RecordInKindDelivery
  | SubmitProgressReport
  | AcceptReport
  | RejectReport
  | RecordMonitoringVisit
  | ReportJobsCreated
  | SuspendAgreement
  | ResumeAgreement
  | TerminateAgreement
  | RequestRecovery
  | RecordRecovery
  | CloseAgreement;
