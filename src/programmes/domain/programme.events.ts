import type { DomainEvent } from '../../shared/domain/message.js';
import type { Currency, FxRate, Money } from '../../shared/domain/money.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { IatiOrgType } from '../../organisations/domain/organisation.events.js';
import type { UnitLevel } from '../../territory/domain/administrative-unit.events.js';

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** IATI ActivityStatus codelist (DOMAIN.md 4.1): our name → IATI code. */
export const ACTIVITY_STATUS_CODES = {
  PIPELINE: '1',
  IMPLEMENTATION: '2',
  FINALISATION: '3',
  CLOSED: '4',
  CANCELLED: '5',
  SUSPENDED: '6',
} as const;
export type ActivityStatus = keyof typeof ACTIVITY_STATUS_CODES;
export const ACTIVITY_STATUSES = Object.keys(ACTIVITY_STATUS_CODES) as ActivityStatus[];

/** IATI OrganisationRole codelist: our name → IATI code. */
export const PARTNER_ROLE_CODES = { FUNDING: '1', ACCOUNTABLE: '2', EXTENDING: '3', IMPLEMENTING: '4' } as const;
export type PartnerRole = keyof typeof PARTNER_ROLE_CODES;
export const PARTNER_ROLES = Object.keys(PARTNER_ROLE_CODES) as PartnerRole[];

/** Kinds of budget line (DOMAIN.md 5.4, 6.2). FSTP is financial support to third parties (sub-grants, DOMAIN.md 3.2). */
export const BUDGET_LINE_KINDS = ['HR', 'TRAVEL', 'EQUIPMENT', 'LOCAL_OFFICE', 'SERVICES', 'FSTP', 'OTHER', 'INDIRECT'] as const;
export type BudgetLineKind = (typeof BUDGET_LINE_KINDS)[number];

/** Where a co-financing contribution comes from. */
export const CO_FINANCING_SOURCES = ['EU', 'NATIONAL', 'LOCAL_BUDGET', 'COMMUNITY_IN_KIND', 'OWN_RESOURCES', 'OTHER_DONOR'] as const;
export type CoFinancingSource = (typeof CO_FINANCING_SOURCES)[number];

/** The IATI TransactionType code of each transaction event (DOMAIN.md 4.1). */
export const TRANSACTION_TYPE_CODES = {
  IncomingCommitmentRecorded: '11',
  IncomingFundsReceived: '1',
  OutgoingCommitmentRecorded: '2',
  DisbursementRecorded: '3',
  ExpenditureRecorded: '4',
} as const;
export type TransactionEventType = keyof typeof TRANSACTION_TYPE_CODES;
export type IatiTransactionType = (typeof TRANSACTION_TYPE_CODES)[TransactionEventType];

/** One line of a budget version, in the programme's currency. Codes are unique within a version. */
export type BudgetLine = { readonly code: string; readonly title: string; readonly kind: BudgetLineKind; readonly amount: Money };

/** A budget version: the total, the EU contribution within it, and the lines that add up to the total. */
export type BudgetVersion = { readonly total: Money; readonly euContribution: Money; readonly lines: readonly BudgetLine[] };

/**
 * A funding programme (one EU grant contract) was registered, in `currency`. The contract's configurable rules
 * (DOMAIN.md [M] facts) are data: `maxEuSharePct` (a decimal string, e.g. "90") caps the EU contribution's share of
 * the total budget, and `fstpPerRecipientCap` caps what one third party may be committed on FSTP lines.
 */
export type ProgrammeRegistered = DomainEvent<
  'ProgrammeRegistered',
  {
    readonly programmeId: string;
    readonly code: string;
    readonly title: LocalizedText;
    readonly donorOrgId: string;
    readonly leadOrgId: string;
    readonly contractRef: string;
    readonly currency: Currency;
    readonly period: { readonly start: IsoDate; readonly end: IsoDate };
    readonly maxEuSharePct: string;
    readonly fstpPerRecipientCap: Money;
    readonly registeredAt: string;
  }
>;

/** `orgId` (of IATI type `orgType` when added) takes part in the programme in `role`; one organisation may hold several roles. */
export type ProgrammePartnerAdded = DomainEvent<
  'ProgrammePartnerAdded',
  { readonly programmeId: string; readonly orgId: string; readonly role: PartnerRole; readonly orgType: IatiOrgType; readonly addedAt: string }
>;

/** The original budget (version 1, IATI budget type 1). */
export type ProgrammeBudgetApproved = DomainEvent<
  'ProgrammeBudgetApproved',
  BudgetVersion & { readonly programmeId: string; readonly version: 1; readonly approvedAt: string }
>;

/** A revised budget (version n > 1, IATI budget type 2) replacing the previous version, for `reason`. */
export type ProgrammeBudgetRevised = DomainEvent<
  'ProgrammeBudgetRevised',
  BudgetVersion & { readonly programmeId: string; readonly version: number; readonly reason: string; readonly revisedAt: string }
>;

/** A rural okrug, township or village became a pilot unit; `regionId` is its region when enrolled (for reports by region). */
export type PilotUnitEnrolled = DomainEvent<
  'PilotUnitEnrolled',
  { readonly programmeId: string; readonly unitId: string; readonly level: UnitLevel; readonly regionId: string | null; readonly enrolledAt: string }
>;

/**
 * What every transaction records. `amount` is in the transaction's own currency; when that is not the programme's,
 * `fx` is the rate it is accounted with. The value in the programme's currency is derived, never stored.
 */
export type TransactionData = {
  readonly programmeId: string;
  readonly transactionId: string;
  readonly transactionDate: IsoDate;
  readonly amount: Money;
  readonly fx?: FxRate;
  readonly description?: string;
};

/** IATI 11: the funder committed money to the programme (the grant contract was signed). */
export type IncomingCommitmentRecorded = DomainEvent<'IncomingCommitmentRecorded', TransactionData & { readonly providerOrgId: string; readonly recordedAt: string }>;

/** IATI 1: money arrived from a funder (e.g. an EU instalment). */
export type IncomingFundsReceived = DomainEvent<'IncomingFundsReceived', TransactionData & { readonly providerOrgId: string; readonly receivedAt: string }>;

/** IATI 2: money was committed to a third party (`recipientId`, e.g. a sub-grant agreement) on a budget line. */
export type OutgoingCommitmentRecorded = DomainEvent<
  'OutgoingCommitmentRecorded',
  TransactionData & { readonly budgetLineCode: string; readonly recipientId: string; readonly unitId?: string; readonly committedAt: string }
>;

/** IATI 3: money was paid out against an outgoing commitment; line, recipient and unit are the commitment's. */
export type DisbursementRecorded = DomainEvent<
  'DisbursementRecorded',
  TransactionData & {
    readonly commitmentId: string;
    readonly budgetLineCode: string;
    readonly recipientId: string;
    readonly unitId?: string;
    readonly disbursedAt: string;
  }
>;

/** IATI 4: money was spent directly on a budget line (staff, travel, in-kind purchases), optionally in a pilot unit. */
export type ExpenditureRecorded = DomainEvent<
  'ExpenditureRecorded',
  TransactionData & { readonly budgetLineCode: string; readonly unitId?: string; readonly recordedAt: string }
>;

/** A co-financing contribution from `source` (cash or in kind), valued in `amount` (with `fx` when not in the programme's currency). */
export type CoFinancingRecorded = DomainEvent<
  'CoFinancingRecorded',
  {
    readonly programmeId: string;
    readonly contributionId: string;
    readonly source: CoFinancingSource;
    readonly contributionDate: IsoDate;
    readonly amount: Money;
    readonly fx?: FxRate;
    readonly description?: string;
    readonly recordedAt: string;
  }
>;

/** The IATI activity status moved from `from` to `to`, for `reason`. */
export type ProgrammeStatusChanged = DomainEvent<
  'ProgrammeStatusChanged',
  { readonly programmeId: string; readonly from: ActivityStatus; readonly to: ActivityStatus; readonly reason: string; readonly changedAt: string }
>;

/** The programme closed on `closedOn` (IATI status 4). Terminal: nothing is committed, received or spent after it. */
export type ProgrammeClosed = DomainEvent<
  'ProgrammeClosed',
  { readonly programmeId: string; readonly closedOn: IsoDate; readonly reason: string; readonly closedAt: string }
>;

export type ProgrammeTransactionEvent =
  | IncomingCommitmentRecorded
  | IncomingFundsReceived
  | OutgoingCommitmentRecorded
  | DisbursementRecorded
  | ExpenditureRecorded;

export type ProgrammeEvent =
  | ProgrammeRegistered
  | ProgrammePartnerAdded
  | ProgrammeBudgetApproved
  | ProgrammeBudgetRevised
  | PilotUnitEnrolled
  | ProgrammeTransactionEvent
  | CoFinancingRecorded
  | ProgrammeStatusChanged
  | ProgrammeClosed;

/** Every event type of the Programme aggregate (what its projections handle). */
export const PROGRAMME_EVENT_TYPES: readonly ProgrammeEvent['type'][] = [
  'ProgrammeRegistered',
  'ProgrammePartnerAdded',
  'ProgrammeBudgetApproved',
  'ProgrammeBudgetRevised',
  'PilotUnitEnrolled',
  'IncomingCommitmentRecorded',
  'IncomingFundsReceived',
  'OutgoingCommitmentRecorded',
  'DisbursementRecorded',
  'ExpenditureRecorded',
  'CoFinancingRecorded',
  'ProgrammeStatusChanged',
  'ProgrammeClosed',
];
