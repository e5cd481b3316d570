import type { DomainCommand } from '../../shared/domain/message.js';
import type { FxRate, Money } from '../../shared/domain/money.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { IatiOrgType } from '../../organisations/domain/organisation.events.js';
import type { UnitLevel } from '../../territory/domain/administrative-unit.events.js';
import type { ActivityStatus, BudgetLine, CoFinancingSource, IsoDate, PartnerRole } from './programme.events.js';

/**
 * Facts about an organisation, read by the command handler from `organisation-<id>` before `decide` (which must stay
 * pure). Null in a command when no such organisation is registered.
 */
export type OrganisationFacts = { readonly organisationId: string; readonly iatiOrgType: IatiOrgType };

/** Facts about an administrative unit and its region, read by the handler from the Territory context before `decide`. */
export type UnitFacts = {
  readonly unitId: string;
  readonly level: UnitLevel;
  readonly retired: boolean;
  /** The unit's region (itself for a REGION), or null when its chain of parents does not reach one. */
  readonly regionId: string | null;
};

/** Registers a programme. `donor` and `lead` are the handler's facts about `donorOrgId` and `leadOrgId`. */
export type RegisterProgramme = DomainCommand<
  'RegisterProgramme',
  {
    readonly programmeId: string;
    readonly code: string;
    readonly title: LocalizedText;
    readonly donorOrgId: string;
    readonly leadOrgId: string;
    readonly contractRef: string;
    readonly currency: string;
    readonly period: { readonly start: IsoDate; readonly end: IsoDate };
    readonly maxEuSharePct: string;
    readonly fstpPerRecipientCap: Money;
    readonly donor: OrganisationFacts | null;
    readonly lead: OrganisationFacts | null;
  }
>;

/** Adds `orgId` in `role`; `organisation` is the handler's facts about it. */
export type AddProgrammePartner = DomainCommand<
  'AddProgrammePartner',
  { readonly programmeId: string; readonly orgId: string; readonly role: PartnerRole; readonly organisation: OrganisationFacts | null }
>;

export type BudgetInput = { readonly total: Money; readonly euContribution: Money; readonly lines: readonly BudgetLine[] };

/** Approves the original budget (version 1). */
export type ApproveBudget = DomainCommand<'ApproveBudget', BudgetInput & { readonly programmeId: string }>;

/** Replaces the current budget with version n + 1, for `reason`. */
export type ReviseBudget = DomainCommand<'ReviseBudget', BudgetInput & { readonly programmeId: string; readonly reason: string }>;

/** Enrols `unitId` as a pilot unit; `unit` is the handler's facts about it, or null when it is not registered. */
export type EnrolPilotUnit = DomainCommand<'EnrolPilotUnit', { readonly programmeId: string; readonly unitId: string; readonly unit: UnitFacts | null }>;

/** What every transaction command carries. The client chooses `transactionId`, so a resent command is a no-op. */
export type TransactionInput = {
  readonly programmeId: string;
  readonly transactionId: string;
  readonly transactionDate: IsoDate;
  readonly amount: Money;
  readonly fx?: FxRate;
  readonly description?: string;
};

export type RecordIncomingCommitment = DomainCommand<'RecordIncomingCommitment', TransactionInput & { readonly providerOrgId: string }>;

export type RecordIncomingFunds = DomainCommand<'RecordIncomingFunds', TransactionInput & { readonly providerOrgId: string }>;

export type RecordOutgoingCommitment = DomainCommand<
  'RecordOutgoingCommitment',
  TransactionInput & { readonly budgetLineCode: string; readonly recipientId: string; readonly unitId?: string }
>;

export type RecordDisbursement = DomainCommand<'RecordDisbursement', TransactionInput & { readonly commitmentId: string }>;

export type RecordExpenditure = DomainCommand<'RecordExpenditure', TransactionInput & { readonly budgetLineCode: string; readonly unitId?: string }>;

export type RecordCoFinancing = DomainCommand<
  'RecordCoFinancing',
  {
    readonly programmeId: string;
    readonly contributionId: string;
    readonly source: CoFinancingSource;
    readonly contributionDate: IsoDate;
    readonly amount: Money;
    readonly fx?: FxRate;
    readonly description?: string;
  }
>;

export type ChangeProgrammeStatus = DomainCommand<'ChangeProgrammeStatus', { readonly programmeId: string; readonly status: ActivityStatus; readonly reason: string }>;

export type CloseProgramme = DomainCommand<'CloseProgramme', { readonly programmeId: string; readonly closedOn: IsoDate; readonly reason: string }>;

export type ProgrammeCommand =
  | RegisterProgramme
  | AddProgrammePartner
  | ApproveBudget
  | ReviseBudget
  | EnrolPilotUnit
  | RecordIncomingCommitment
  | RecordIncomingFunds
  | RecordOutgoingCommitment
  | RecordDisbursement
  | RecordExpenditure
  | RecordCoFinancing
  | ChangeProgrammeStatus
  | CloseProgramme;
