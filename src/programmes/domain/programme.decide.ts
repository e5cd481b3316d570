import { compactText, localizedTextErrors } from '../../shared/domain/localized-text.js';
import {
  type Currency,
  CurrencyMismatch,
  InvalidAmount,
  type Money,
  UnsupportedCurrency,
  checkFx,
  convert,
  isCalendarDate,
  isCurrency,
  minorOf,
  money,
  parseDecimal,
  parseMoney,
  percentOfFloor,
  percentage,
  requireCurrency,
  withinPercentage,
} from '../../shared/domain/money.js';
import type { UnitLevel } from '../../territory/domain/administrative-unit.events.js';
import type {
  AddProgrammePartner,
  ApproveBudget,
  BudgetInput,
  ChangeProgrammeStatus,
  CloseProgramme,
  EnrolPilotUnit,
  ProgrammeCommand,
  RecordCoFinancing,
  RecordDisbursement,
  RecordExpenditure,
  RecordIncomingCommitment,
  RecordIncomingFunds,
  RecordOutgoingCommitment,
  RegisterProgramme,
  ReviseBudget,
  TransactionInput,
} from './programme.commands.js';
import {
  BudgetAlreadyApproved,
  BudgetLineBelowCommitments,
  BudgetLineExceeded,
  BudgetLineInUse,
  BudgetLinesDoNotAddUp,
  BudgetLinesRequired,
  BudgetNotApproved,
  DisbursementExceedsCommitment,
  DuplicateBudgetLine,
  EuShareExceeded,
  FieldBlank,
  InvalidDate,
  InvalidPeriod,
  InvalidProgrammeCode,
  InvalidShareCap,
  PilotUnitLevelNotAllowed,
  PilotUnitRetired,
  ProgrammeAlreadyRegistered,
  ProgrammeEnded,
  ProgrammeNotFound,
  ProgrammeTitleRequired,
  ProviderNotFundingPartner,
  ReasonRequired,
  RecipientCapExceeded,
  ReturnExceedsDisbursed,
  ReturnExceedsSpent,
  StatusTransitionNotAllowed,
  TransactionIdReused,
  UnitNotEnrolled,
  UnknownBudgetLine,
  UnknownCommitment,
  UnknownOrganisation,
  UnknownUnit,
} from './programme.errors.js';
import type {
  ActivityStatus,
  BudgetLine,
  BudgetVersion,
  CoFinancingRecorded,
  DisbursementRecorded,
  ExpenditureRecorded,
  IncomingCommitmentRecorded,
  IncomingFundsReceived,
  OutgoingCommitmentRecorded,
  PilotUnitEnrolled,
  ProgrammeBudgetApproved,
  ProgrammeBudgetRevised,
  ProgrammeClosed,
  ProgrammeEvent,
  ProgrammePartnerAdded,
  ProgrammeRegistered,
  ProgrammeStatusChanged,
  TransactionData,
} from './programme.events.js';
import { type BudgetState, type Programme, type RegisteredProgramme, budgetFingerprint, canonical } from './programme.state.js';

const PROGRAMME_CODE = /^[A-Z][A-Z0-9-]{1,19}$/;

/** Units that can be pilot units: the 4th (local self-government) level (DOMAIN.md 1.1, 1.5). */
export const PILOT_UNIT_LEVELS: readonly UnitLevel[] = ['RURAL_OKRUG', 'TOWNSHIP', 'TOWN_DISTRICT', 'VILLAGE'];

/**
 * The IATI activity lifecycle (DOMAIN.md 5.4): Pipeline → Implementation → Finalisation → Closed, with Suspended ⇄
 * Implementation and Cancelled from any open status before Finalisation. CLOSED is reached only by CloseProgramme.
 */
export const STATUS_TRANSITIONS: Readonly<Record<ActivityStatus, readonly ActivityStatus[]>> = {
  PIPELINE: ['IMPLEMENTATION', 'CANCELLED'],
  IMPLEMENTATION: ['FINALISATION', 'SUSPENDED', 'CANCELLED'],
  SUSPENDED: ['IMPLEMENTATION', 'CANCELLED'],
  FINALISATION: ['IMPLEMENTATION'],
  CLOSED: [],
  CANCELLED: [],
};

export const registerProgramme = ({ data, metadata }: RegisterProgramme, state: Programme): ProgrammeRegistered[] => {
  const registration = registrationOf(data);
  if (state.status !== 'Empty') {
    if (state.registration === canonical(registration)) return []; // resent command
    throw new ProgrammeAlreadyRegistered(data.programmeId);
  }
  if (data.donor?.organisationId !== data.donorOrgId) throw new UnknownOrganisation('donorOrgId', data.donorOrgId);
  if (data.lead?.organisationId !== data.leadOrgId) throw new UnknownOrganisation('leadOrgId', data.leadOrgId);
  return [{ type: 'ProgrammeRegistered', data: { ...registration, registeredAt: metadata.now } }];
};

export const addProgrammePartner = ({ data, metadata }: AddProgrammePartner, state: Programme): ProgrammePartnerAdded[] => {
  const p = registered(state, data.programmeId);
  if (data.organisation?.organisationId !== data.orgId) throw new UnknownOrganisation('orgId', data.orgId);
  if (p.partners.has(`${data.role}:${data.orgId}`)) return [];
  open(p);
  return [
    {
      type: 'ProgrammePartnerAdded',
      data: { programmeId: data.programmeId, orgId: data.orgId, role: data.role, orgType: data.organisation.iatiOrgType, addedAt: metadata.now },
    },
  ];
};

export const approveBudget = ({ data, metadata }: ApproveBudget, state: Programme): ProgrammeBudgetApproved[] => {
  const p = registered(state, data.programmeId);
  const budget = budgetOf(data, p.currency);
  if (p.budget !== null) {
    if (p.originalBudget === budgetFingerprint(budget)) return []; // resent command
    throw new BudgetAlreadyApproved(p.budget.version);
  }
  open(p);
  checkBudget(p, budget);
  return [{ type: 'ProgrammeBudgetApproved', data: { programmeId: data.programmeId, version: 1, ...budget, approvedAt: metadata.now } }];
};

export const reviseBudget = ({ data, metadata }: ReviseBudget, state: Programme): ProgrammeBudgetRevised[] => {
  const p = registered(state, data.programmeId);
  if (data.reason.trim() === '') throw new ReasonRequired();
  const budget = budgetOf(data, p.currency);
  if (p.budget === null) throw new BudgetNotApproved(data.programmeId);
  if (p.budget.fingerprint === budgetFingerprint(budget)) return []; // same as the current version
  open(p);
  checkBudget(p, budget);
  return [
    {
      type: 'ProgrammeBudgetRevised',
      data: { programmeId: data.programmeId, version: p.budget.version + 1, ...budget, reason: data.reason, revisedAt: metadata.now },
    },
  ];
};

export const enrolPilotUnit = ({ data, metadata }: EnrolPilotUnit, state: Programme): PilotUnitEnrolled[] => {
  const p = registered(state, data.programmeId);
  if (p.pilotUnits.has(data.unitId)) return [];
  const unit = data.unit;
  if (unit?.unitId !== data.unitId) throw new UnknownUnit(data.unitId);
  open(p);
  if (!PILOT_UNIT_LEVELS.includes(unit.level)) throw new PilotUnitLevelNotAllowed(data.unitId, unit.level);
  if (unit.retired) throw new PilotUnitRetired(data.unitId);
  return [{ type: 'PilotUnitEnrolled', data: { programmeId: data.programmeId, unitId: data.unitId, level: unit.level, regionId: unit.regionId, enrolledAt: metadata.now } }];
};

/** IATI 11. The provider must be a FUNDING partner. */
export const recordIncomingCommitment = ({ data, metadata }: RecordIncomingCommitment, state: Programme): IncomingCommitmentRecorded[] => {
  const p = registered(state, data.programmeId);
  const candidate = { ...transactionOf(data, p), providerOrgId: data.providerOrgId };
  if (resent(p, data.transactionId, candidate, 'transactionId')) return [];
  open(p);
  requireFunder(p, data.providerOrgId);
  return [{ type: 'IncomingCommitmentRecorded', data: { ...candidate, recordedAt: metadata.now } }];
};

/** IATI 1. The provider must be a FUNDING partner. */
export const recordIncomingFunds = ({ data, metadata }: RecordIncomingFunds, state: Programme): IncomingFundsReceived[] => {
  const p = registered(state, data.programmeId);
  const candidate = { ...transactionOf(data, p), providerOrgId: data.providerOrgId };
  if (resent(p, data.transactionId, candidate, 'transactionId')) return [];
  open(p);
  requireFunder(p, data.providerOrgId);
  return [{ type: 'IncomingFundsReceived', data: { ...candidate, receivedAt: metadata.now } }];
};

/**
 * IATI 2. The commitments on a line, valued in the programme's currency, stay within the line; on an FSTP line, the
 * commitments to one recipient stay within the contract's per-recipient cap.
 */
export const recordOutgoingCommitment = ({ data, metadata }: RecordOutgoingCommitment, state: Programme): OutgoingCommitmentRecorded[] => {
  const p = registered(state, data.programmeId);
  const candidate = {
    ...transactionOf(data, p),
    budgetLineCode: data.budgetLineCode,
    recipientId: data.recipientId,
    ...(data.unitId !== undefined ? { unitId: data.unitId } : {}),
  };
  if (resent(p, data.transactionId, candidate, 'transactionId')) return [];
  open(p);
  const budget = requireBudget(p);
  const line = budget.lines.get(data.budgetLineCode);
  if (!line) throw new UnknownBudgetLine(data.budgetLineCode, budget.version);
  if (data.unitId !== undefined) requireEnrolled(p, data.unitId);
  const value = valueOf(candidate, p.currency);
  const committed = p.committedByLine.get(data.budgetLineCode) ?? 0n;
  if (committed + value > line.amount) {
    throw new BudgetLineExceeded(data.budgetLineCode, money(line.amount, p.currency), money(committed, p.currency), money(value, p.currency));
  }
  if (line.kind === 'FSTP') {
    const toRecipient = p.fstpByRecipient.get(data.recipientId) ?? 0n;
    if (toRecipient + value > p.fstpPerRecipientCap) {
      throw new RecipientCapExceeded(data.recipientId, money(p.fstpPerRecipientCap, p.currency), money(toRecipient, p.currency), money(value, p.currency));
    }
  }
  return [{ type: 'OutgoingCommitmentRecorded', data: { ...candidate, committedAt: metadata.now } }];
};

/**
 * IATI 3. Paid against an outgoing commitment, in its currency, up to what is left of it; booked on its line and unit.
 * A negative amount is money the recipient returned (a grant recovered): never more than is disbursed on the
 * commitment, so what it has disbursed never drops below zero. The HTTP API takes positive amounts only; returns come
 * from the grants ledger reactor.
 */
export const recordDisbursement = ({ data, metadata }: RecordDisbursement, state: Programme): DisbursementRecorded[] => {
  const p = registered(state, data.programmeId);
  const tx = transactionOf(data, p, 'non-zero');
  const commitment = p.commitments.get(data.commitmentId);
  if (!commitment) throw new UnknownCommitment(data.commitmentId);
  const candidate = {
    ...tx,
    commitmentId: data.commitmentId,
    budgetLineCode: commitment.budgetLineCode,
    recipientId: commitment.recipientId,
    ...(commitment.unitId !== undefined ? { unitId: commitment.unitId } : {}),
  };
  if (resent(p, data.transactionId, candidate, 'transactionId')) return [];
  open(p);
  if (tx.amount.currency !== commitment.currency) throw new CurrencyMismatch('amount.currency', commitment.currency, tx.amount.currency);
  if (commitment.disbursed + minorOf(tx.amount) > commitment.amount) {
    throw new DisbursementExceedsCommitment(data.commitmentId, money(commitment.amount, commitment.currency), money(commitment.disbursed, commitment.currency), tx.amount);
  }
  if (commitment.disbursed + minorOf(tx.amount) < 0n) throw new ReturnExceedsDisbursed(data.commitmentId, money(commitment.disbursed, commitment.currency), tx.amount);
  return [{ type: 'DisbursementRecorded', data: { ...candidate, disbursedAt: metadata.now } }];
};

/**
 * IATI 4. Spent on a line of the current budget, optionally in a pilot unit. Spending beyond a line is reported, not
 * refused. A negative amount is money returned (the value of in-kind support recovered from a grantee): never more
 * than is spent on the line. The HTTP API takes positive amounts only; returns come from the grants ledger reactor.
 */
export const recordExpenditure = ({ data, metadata }: RecordExpenditure, state: Programme): ExpenditureRecorded[] => {
  const p = registered(state, data.programmeId);
  const candidate = { ...transactionOf(data, p, 'non-zero'), budgetLineCode: data.budgetLineCode, ...(data.unitId !== undefined ? { unitId: data.unitId } : {}) };
  if (resent(p, data.transactionId, candidate, 'transactionId')) return [];
  open(p);
  const budget = requireBudget(p);
  if (!budget.lines.has(data.budgetLineCode)) throw new UnknownBudgetLine(data.budgetLineCode, budget.version);
  if (data.unitId !== undefined) requireEnrolled(p, data.unitId);
  const value = valueOf(candidate, p.currency);
  const spent = p.spentByLine.get(data.budgetLineCode) ?? 0n;
  if (spent + value < 0n) throw new ReturnExceedsSpent(data.budgetLineCode, money(spent, p.currency), money(value, p.currency));
  return [{ type: 'ExpenditureRecorded', data: { ...candidate, recordedAt: metadata.now } }];
};

export const recordCoFinancing = ({ data, metadata }: RecordCoFinancing, state: Programme): CoFinancingRecorded[] => {
  const p = registered(state, data.programmeId);
  const amount = parseMoney(data.amount, 'amount');
  requireDate(data.contributionDate, 'contributionDate');
  const fx = checkFx(amount, data.fx, p.currency, 'fx');
  if (data.description !== undefined && data.description.trim() === '') throw new FieldBlank('description');
  const candidate = {
    programmeId: data.programmeId,
    contributionId: data.contributionId,
    source: data.source,
    contributionDate: data.contributionDate,
    amount,
    ...(fx ? { fx } : {}),
    ...(data.description !== undefined ? { description: data.description } : {}),
  };
  if (resent(p, data.contributionId, candidate, 'contributionId')) return [];
  open(p);
  return [{ type: 'CoFinancingRecorded', data: { ...candidate, recordedAt: metadata.now } }];
};

export const changeProgrammeStatus = ({ data, metadata }: ChangeProgrammeStatus, state: Programme): ProgrammeStatusChanged[] => {
  const p = registered(state, data.programmeId);
  if (data.reason.trim() === '') throw new ReasonRequired();
  if (p.activityStatus === data.status) return [];
  open(p);
  const allowed = STATUS_TRANSITIONS[p.activityStatus];
  if (!allowed.includes(data.status)) throw new StatusTransitionNotAllowed(p.activityStatus, data.status, allowed);
  return [{ type: 'ProgrammeStatusChanged', data: { programmeId: data.programmeId, from: p.activityStatus, to: data.status, reason: data.reason, changedAt: metadata.now } }];
};

/** Closes the programme from FINALISATION. Terminal; resending the same closure is a no-op. */
export const closeProgramme = ({ data, metadata }: CloseProgramme, state: Programme): ProgrammeClosed[] => {
  const p = registered(state, data.programmeId);
  if (data.reason.trim() === '') throw new ReasonRequired();
  requireDate(data.closedOn, 'closedOn');
  if (p.activityStatus === 'CLOSED' && p.closedOn === data.closedOn) return [];
  open(p);
  if (p.activityStatus !== 'FINALISATION') throw new StatusTransitionNotAllowed(p.activityStatus, 'CLOSED', STATUS_TRANSITIONS[p.activityStatus]);
  return [{ type: 'ProgrammeClosed', data: { programmeId: data.programmeId, closedOn: data.closedOn, reason: data.reason, closedAt: metadata.now } }];
};

/**
 * Decides a Programme command against the folded state. Pure: time comes from `metadata.now`; facts about other
 * aggregates (organisations, units) come in the command. Returns [] for a command that changes nothing (a resent
 * command); throws a DomainError subclass for a refusal. All money arithmetic is exact (bigint minor units), and a
 * transaction in another currency is valued in the programme's currency with its recorded rate, rounded half to even.
 */
export const decide = (command: ProgrammeCommand, state: Programme): ProgrammeEvent[] => {
  switch (command.type) {
    case 'RegisterProgramme':
      return registerProgramme(command, state);
    case 'AddProgrammePartner':
      return addProgrammePartner(command, state);
    case 'ApproveBudget':
      return approveBudget(command, state);
    case 'ReviseBudget':
      return reviseBudget(command, state);
    case 'EnrolPilotUnit':
      return enrolPilotUnit(command, state);
    case 'RecordIncomingCommitment':
      return recordIncomingCommitment(command, state);
    case 'RecordIncomingFunds':
      return recordIncomingFunds(command, state);
    case 'RecordOutgoingCommitment':
      return recordOutgoingCommitment(command, state);
    case 'RecordDisbursement':
      return recordDisbursement(command, state);
    case 'RecordExpenditure':
      return recordExpenditure(command, state);
    case 'RecordCoFinancing':
      return recordCoFinancing(command, state);
    case 'ChangeProgrammeStatus':
      return changeProgrammeStatus(command, state);
    case 'CloseProgramme':
      return closeProgramme(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown Programme command: ${(exhaustive as { type: string }).type}`);
    }
  }
};

// ---------------------------------------------------------------------------------------------------------------

const registered = (state: Programme, programmeId: string): RegisteredProgramme => {
  if (state.status === 'Empty') throw new ProgrammeNotFound(programmeId);
  return state;
};

/** Nothing is added, committed, received or spent once the programme is closed or cancelled. */
const open = (p: RegisteredProgramme): void => {
  if (p.status === 'Ended') throw new ProgrammeEnded(p.programmeId, p.activityStatus);
};

const requireDate = (value: string, path: string): void => {
  if (!isCalendarDate(value)) throw new InvalidDate(path, value);
};

/** Validates a registration and returns the event data it becomes (without its timestamp). */
const registrationOf = (data: RegisterProgramme['data']): Omit<ProgrammeRegistered['data'], 'registeredAt'> => {
  if (!PROGRAMME_CODE.test(data.code)) throw new InvalidProgrammeCode(data.code);
  const titleErrors = localizedTextErrors(data.title, 'title');
  if (titleErrors.length > 0) throw new ProgrammeTitleRequired(titleErrors);
  if (data.contractRef.trim() === '') throw new FieldBlank('contractRef');
  if (!isCurrency(data.currency)) throw new UnsupportedCurrency('currency', data.currency);
  const currency: Currency = data.currency;
  requireDate(data.period.start, 'period.start');
  requireDate(data.period.end, 'period.end');
  if (data.period.end <= data.period.start) throw new InvalidPeriod(data.period.start, data.period.end);
  const share = parseDecimal(data.maxEuSharePct);
  if (!share || share.num === 0n || share.num > 100n * share.den) throw new InvalidShareCap(data.maxEuSharePct);
  const cap = requireCurrency(parseMoney(data.fstpPerRecipientCap, 'fstpPerRecipientCap'), currency, 'fstpPerRecipientCap.currency');
  return {
    programmeId: data.programmeId,
    code: data.code,
    title: compactText(data.title),
    donorOrgId: data.donorOrgId,
    leadOrgId: data.leadOrgId,
    contractRef: data.contractRef,
    currency,
    period: { start: data.period.start, end: data.period.end },
    maxEuSharePct: data.maxEuSharePct,
    fstpPerRecipientCap: cap,
  };
};

/** Validates the shape of a budget version: amounts in the programme's currency, unique non-blank line codes. */
const budgetOf = (input: BudgetInput, currency: Currency): BudgetVersion => {
  const amount = (m: Money, path: string) => requireCurrency(parseMoney(m, path, 'non-negative'), currency, `${path}.currency`);
  const total = amount(input.total, 'total');
  const euContribution = amount(input.euContribution, 'euContribution');
  if (input.lines.length === 0) throw new BudgetLinesRequired();
  const codes = new Set<string>();
  const lines: BudgetLine[] = input.lines.map((line, i) => {
    if (line.code.trim() === '') throw new FieldBlank(`lines[${i}].code`);
    if (codes.has(line.code)) throw new DuplicateBudgetLine(`lines[${i}].code`, line.code);
    codes.add(line.code);
    if (line.title.trim() === '') throw new FieldBlank(`lines[${i}].title`);
    return { code: line.code, title: line.title, kind: line.kind, amount: amount(line.amount, `lines[${i}].amount`) };
  });
  return { total, euContribution, lines };
};

/**
 * The rules of a budget version: the lines add up to the total exactly; the EU contribution is within the contract's
 * maximum share of the total; a line that carries transactions stays, with its kind, and not below its commitments.
 */
const checkBudget = (p: RegisteredProgramme, budget: BudgetVersion): void => {
  const total = minorOf(budget.total);
  const sum = budget.lines.reduce((s, l) => s + minorOf(l.amount), 0n);
  if (sum !== total) throw new BudgetLinesDoNotAddUp(budget.total, money(sum, p.currency), money(sum - total, p.currency));
  const eu = minorOf(budget.euContribution);
  const maxShare = parseDecimal(p.maxEuSharePct)!;
  if (!withinPercentage(eu, total, maxShare)) {
    throw new EuShareExceeded(budget.euContribution, budget.total, percentage(eu, total) ?? 'an unbounded', p.maxEuSharePct, money(percentOfFloor(total, maxShare), p.currency));
  }
  for (const code of p.usedLines) {
    const i = budget.lines.findIndex((l) => l.code === code);
    const line = budget.lines[i];
    const current = p.budget?.lines.get(code);
    if (!line) throw new BudgetLineInUse(code, 'removed');
    if (current && current.kind !== line.kind) throw new BudgetLineInUse(code, 'rekinded');
    const committed = p.committedByLine.get(code) ?? 0n;
    if (minorOf(line.amount) < committed) throw new BudgetLineBelowCommitments(`lines[${i}].amount.amountMinor`, code, money(committed, p.currency));
  }
};

const requireBudget = (p: RegisteredProgramme): BudgetState => {
  if (p.budget === null) throw new BudgetNotApproved(p.programmeId);
  return p.budget;
};

const requireFunder = (p: RegisteredProgramme, orgId: string): void => {
  if (!p.partners.has(`FUNDING:${orgId}`)) throw new ProviderNotFundingPartner(orgId);
};

const requireEnrolled = (p: RegisteredProgramme, unitId: string): void => {
  if (!p.pilotUnits.has(unitId)) throw new UnitNotEnrolled(unitId);
};

/** Validates what every transaction carries and returns it as event data (without the kind's own fields). */
const transactionOf = (data: TransactionInput, p: RegisteredProgramme, rule: 'positive' | 'non-zero' = 'positive'): TransactionData => {
  const amount = parseMoney(data.amount, 'amount', rule === 'positive' ? 'positive' : 'any');
  if (minorOf(amount) === 0n) throw new InvalidAmount('amount.amountMinor', data.amount.amountMinor, 'other than zero');
  requireDate(data.transactionDate, 'transactionDate');
  const fx = checkFx(amount, data.fx, p.currency, 'fx');
  if (data.description !== undefined && data.description.trim() === '') throw new FieldBlank('description');
  return {
    programmeId: data.programmeId,
    transactionId: data.transactionId,
    transactionDate: data.transactionDate,
    amount,
    ...(fx ? { fx } : {}),
    ...(data.description !== undefined ? { description: data.description } : {}),
  };
};

/** True when `id` was recorded with exactly this data (a resent command); refuses an id reused for other data. */
const resent = (p: RegisteredProgramme, id: string, candidate: object, path: string): boolean => {
  const seen = p.transactions.get(id);
  if (seen === undefined) return false;
  if (seen === canonical(candidate)) return true;
  throw new TransactionIdReused(id, path);
};

/** A transaction's value in the programme's currency, in minor units. */
const valueOf = (tx: TransactionData, currency: Currency): bigint => minorOf(convert(tx.amount, currency, tx.fx));
