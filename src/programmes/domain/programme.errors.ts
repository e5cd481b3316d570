import { type FieldError, IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { type Money, formatMoney, minorOf, money } from '../../shared/domain/money.js';
import type { ActivityStatus } from './programme.events.js';

/**
 * Refusals of the Programme decider. Field paths name the request body fields. Money refusals shared with other
 * aggregates (invalid amount, unsupported currency, currency mismatch, missing or invalid exchange rate) live in
 * shared/domain/money.ts.
 */

export class ProgrammeNotFound extends NotFoundError {
  constructor(readonly programmeId: string) {
    super('programme-not-found', 'Programme not found', `Programme ${programmeId} has not been registered. Check the id, or register the programme first.`);
  }
}

export class ProgrammeAlreadyRegistered extends IllegalStateError {
  constructor(readonly programmeId: string) {
    super('programme-already-registered', 'Programme already registered',
      `Programme ${programmeId} is already registered with other data. Choose a new id for another programme.`);
  }
}

/** The programme is closed or cancelled: nothing is committed, received, spent or changed after that. */
export class ProgrammeEnded extends IllegalStateError {
  constructor(readonly programmeId: string, readonly activityStatus: ActivityStatus) {
    super('programme-ended', 'Programme is closed or cancelled',
      `Programme ${programmeId} is ${activityStatus}: it takes no new partners, budgets, pilot units, transactions or status changes.`);
  }
}

export class InvalidProgrammeCode extends ValidationError {
  constructor(readonly value: string) {
    super('invalid-programme-code', 'Invalid programme code',
      `code must be 2 to 20 capital letters, digits or hyphens starting with a letter, such as GSE or ABD; got ${JSON.stringify(value)}.`,
      [{ path: 'code', message: 'must match ^[A-Z][A-Z0-9-]{1,19}$' }]);
  }
}

export class ProgrammeTitleRequired extends ValidationError {
  constructor(errors: FieldError[]) {
    super('programme-title-required', 'Programme title missing or blank',
      'Give the programme title in at least one of kk, ru and en, and leave out any language you have no title for instead of sending it blank.', errors);
  }
}

/** A text field that must say something is blank. */
export class FieldBlank extends ValidationError {
  constructor(readonly path: string) {
    super('field-blank', 'Required text is blank', `${path} must not be blank.`, [{ path, message: 'must not be blank' }]);
  }
}

export class ReasonRequired extends ValidationError {
  constructor() {
    super('reason-required', 'Reason required', 'Say why in reason: budget revisions, status changes and closure are decisions that are published with their reason.',
      [{ path: 'reason', message: 'must not be blank' }]);
  }
}

export class InvalidDate extends ValidationError {
  constructor(readonly path: string, readonly value: string) {
    super('invalid-date', 'Invalid calendar date', `${path} must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`,
      [{ path, message: 'must be a calendar date YYYY-MM-DD' }]);
  }
}

export class InvalidPeriod extends ValidationError {
  constructor(readonly start: string, readonly end: string) {
    super('programme-period-invalid', 'Programme ends before it starts', `period.end (${end}) must be after period.start (${start}).`,
      [{ path: 'period.end', message: `must be after ${start}` }]);
  }
}

export class InvalidShareCap extends ValidationError {
  constructor(readonly value: string) {
    super('invalid-share', 'Invalid maximum share',
      `maxEuSharePct must be a decimal percentage above 0 and at most 100, such as "90" or "95.5"; got ${JSON.stringify(value)}.`,
      [{ path: 'maxEuSharePct', message: 'must be a decimal number above 0 and at most 100' }]);
  }
}

export class UnknownOrganisation extends ValidationError {
  constructor(readonly path: string, readonly organisationId: string) {
    super('unknown-organisation', 'Organisation not found',
      `No organisation ${organisationId} is registered. Register it first, or correct ${path}.`, [{ path, message: 'names no registered organisation' }]);
  }
}

export class ProviderNotFundingPartner extends ValidationError {
  constructor(readonly providerOrgId: string) {
    super('provider-not-funding-partner', 'Provider is not a funding partner',
      `Organisation ${providerOrgId} is not a FUNDING partner of the programme. Add it as a partner with role FUNDING first, or correct providerOrgId.`,
      [{ path: 'providerOrgId', message: 'must be a FUNDING partner of the programme' }]);
  }
}

export class BudgetAlreadyApproved extends IllegalStateError {
  constructor(readonly version: number) {
    super('budget-already-approved', 'Budget already approved',
      `The programme already has an approved budget (now at version ${version}). Change it with a budget revision and a reason.`);
  }
}

export class BudgetNotApproved extends IllegalStateError {
  constructor(readonly programmeId: string) {
    super('budget-not-approved', 'No approved budget',
      `Programme ${programmeId} has no approved budget yet. Approve the original budget first; commitments and expenditure are booked on its lines.`);
  }
}

export class BudgetLinesRequired extends ValidationError {
  constructor() {
    super('budget-lines-required', 'Budget lines required', 'A budget needs at least one line; the lines add up to the total.',
      [{ path: 'lines', message: 'must contain at least one line' }]);
  }
}

export class DuplicateBudgetLine extends ValidationError {
  constructor(readonly path: string, readonly lineCode: string) {
    super('budget-line-duplicate', 'Budget line code used twice', `Budget line code ${lineCode} appears more than once; give every line its own code.`,
      [{ path, message: `repeats ${lineCode}` }]);
  }
}

/** Σ lines ≠ total. `difference` is Σ lines − total (negative when the lines fall short). */
export class BudgetLinesDoNotAddUp extends ValidationError {
  constructor(readonly total: Money, readonly linesSum: Money, readonly difference: Money) {
    const short = difference.amountMinor.startsWith('-');
    const gap = formatMoney({ ...difference, amountMinor: difference.amountMinor.replace('-', '') });
    super('budget-lines-do-not-add-up', 'Budget lines do not add up to the total',
      `The budget lines add up to ${formatMoney(linesSum)} but the total is ${formatMoney(total)}: the lines are ${gap} ${short ? 'short of' : 'over'} the total (difference ${difference.amountMinor} minor units). Correct the lines or the total so that they are equal.`,
      [{ path: 'lines', message: `add up to ${formatMoney(linesSum)}, ${gap} ${short ? 'less' : 'more'} than total ${formatMoney(total)}` }]);
  }
}

export class EuShareExceeded extends ValidationError {
  constructor(readonly euContribution: Money, readonly total: Money, readonly sharePct: string, readonly maxEuSharePct: string, readonly maximum: Money) {
    super('eu-share-exceeded', 'EU contribution above the contract\'s maximum share',
      `The EU contribution ${formatMoney(euContribution)} is ${sharePct}% of the total ${formatMoney(total)}; the contract allows at most ${maxEuSharePct}%, that is at most ${formatMoney(maximum)}.`,
      [{ path: 'euContribution', message: `must be at most ${maxEuSharePct}% of the total (${formatMoney(maximum)})` }]);
  }
}

export class BudgetLineBelowCommitments extends IllegalStateError {
  constructor(readonly path: string, readonly lineCode: string, readonly committed: Money) {
    super('budget-line-below-commitments', 'Budget line below its commitments',
      `Budget line ${lineCode} already carries commitments of ${formatMoney(committed)}; a revision cannot give it less.`,
      [{ path, message: `must be at least ${formatMoney(committed)}` }]);
  }
}

export class BudgetLineInUse extends IllegalStateError {
  constructor(readonly lineCode: string, readonly change: 'removed' | 'rekinded') {
    super('budget-line-in-use', 'Budget line in use',
      change === 'removed'
        ? `Budget line ${lineCode} carries transactions, so every later budget version keeps it (set its amount instead of removing it).`
        : `Budget line ${lineCode} carries transactions, so its kind cannot change.`,
      [{ path: 'lines', message: `must keep line ${lineCode}${change === 'rekinded' ? ' with its kind' : ''}` }]);
  }
}

export class UnknownBudgetLine extends ValidationError {
  constructor(readonly lineCode: string, readonly version: number) {
    super('unknown-budget-line', 'Budget line not found', `Budget version ${version} has no line ${lineCode}. Use a line code of the current budget.`,
      [{ path: 'budgetLineCode', message: `is not a line of budget version ${version}` }]);
  }
}

export class BudgetLineExceeded extends IllegalStateError {
  constructor(readonly lineCode: string, readonly line: Money, readonly committed: Money, readonly requested: Money) {
    super('budget-line-exceeded', 'Commitment above the budget line',
      `Budget line ${lineCode} is ${formatMoney(line)} with ${formatMoney(committed)} already committed; ${formatMoney(requested)} more would exceed it. Commit less, or revise the budget first.`,
      [{ path: 'amount', message: `exceeds what is left on line ${lineCode}` }]);
  }
}

export class RecipientCapExceeded extends IllegalStateError {
  constructor(readonly recipientId: string, readonly cap: Money, readonly committed: Money, readonly requested: Money) {
    super('recipient-cap-exceeded', 'Commitment above the per-recipient cap',
      `Third party ${recipientId} already has ${formatMoney(committed)} committed on FSTP lines; ${formatMoney(requested)} more would exceed the contract's cap of ${formatMoney(cap)} per recipient.`,
      [{ path: 'amount', message: `exceeds the per-recipient cap of ${formatMoney(cap)}` }]);
  }
}

export class UnknownCommitment extends ValidationError {
  constructor(readonly commitmentId: string) {
    super('unknown-commitment', 'Outgoing commitment not found',
      `The programme has no outgoing commitment ${commitmentId}. Record the commitment first, or correct commitmentId.`,
      [{ path: 'commitmentId', message: 'names no outgoing commitment of the programme' }]);
  }
}

export class DisbursementExceedsCommitment extends IllegalStateError {
  constructor(readonly commitmentId: string, readonly committed: Money, readonly disbursed: Money, readonly requested: Money) {
    super('disbursement-exceeds-commitment', 'Disbursement above the commitment',
      `Commitment ${commitmentId} is ${formatMoney(committed)} with ${formatMoney(disbursed)} already disbursed; ${formatMoney(requested)} more would exceed it.`,
      [{ path: 'amount', message: 'exceeds what is left of the commitment' }]);
  }
}

export class ReturnExceedsDisbursed extends IllegalStateError {
  constructor(readonly commitmentId: string, readonly disbursed: Money, readonly returned: Money) {
    super('return-exceeds-disbursed', 'Return above what was disbursed',
      `Commitment ${commitmentId} has ${formatMoney(disbursed)} disbursed; a return of ${formatMoney(money(-minorOf(returned), returned.currency))} would take it below zero.`,
      [{ path: 'amount', message: 'returns more than is disbursed on the commitment' }]);
  }
}

export class ReturnExceedsSpent extends IllegalStateError {
  constructor(readonly budgetLineCode: string, readonly spent: Money, readonly returned: Money) {
    super('return-exceeds-spent', 'Return above what was spent',
      `Line ${budgetLineCode} has ${formatMoney(spent)} spent; a return valued at ${formatMoney(money(-minorOf(returned), returned.currency))} would take it below zero.`,
      [{ path: 'amount', message: 'returns more than is spent on the line' }]);
  }
}

export class UnknownUnit extends ValidationError {
  constructor(readonly unitId: string) {
    super('unknown-unit', 'Administrative unit not found', `No administrative unit ${unitId} is registered. Register it first, or correct unitId.`,
      [{ path: 'unitId', message: 'names no registered unit' }]);
  }
}

export class PilotUnitLevelNotAllowed extends ValidationError {
  constructor(readonly unitId: string, readonly level: string) {
    super('pilot-unit-level-not-allowed', 'Not a local self-government unit',
      `Unit ${unitId} is a ${level}; pilot units are rural okrugs, townships, towns of district significance and villages.`,
      [{ path: 'unitId', message: `names a ${level}` }]);
  }
}

export class PilotUnitRetired extends IllegalStateError {
  constructor(readonly unitId: string) {
    super('pilot-unit-retired', 'Unit is retired', `Unit ${unitId} is retired and cannot become a pilot unit. Enrol its successor.`,
      [{ path: 'unitId', message: 'names a retired unit' }]);
  }
}

export class UnitNotEnrolled extends ValidationError {
  constructor(readonly unitId: string) {
    super('unit-not-enrolled', 'Not a pilot unit of the programme',
      `Unit ${unitId} is not a pilot unit of the programme. Enrol it first, or correct unitId.`, [{ path: 'unitId', message: 'is not an enrolled pilot unit' }]);
  }
}

export class TransactionIdReused extends IllegalStateError {
  constructor(readonly transactionId: string, path: string) {
    super('transaction-id-reused', 'Transaction id already used',
      `The programme already recorded ${transactionId} with other data. A resent command must be identical; use a new id for a new transaction.`,
      [{ path, message: 'is already used by another transaction' }]);
  }
}

export class StatusTransitionNotAllowed extends IllegalStateError {
  constructor(readonly from: ActivityStatus, readonly to: ActivityStatus, readonly allowed: readonly ActivityStatus[]) {
    super('status-transition-not-allowed', 'Status change not allowed',
      `A programme in ${from} cannot move to ${to}; from ${from} it can move to ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}. A programme is closed by its closure (from FINALISATION), not by a status change.`,
      [{ path: 'status', message: `cannot follow ${from}` }]);
  }
}
