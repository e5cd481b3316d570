import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { type Money, formatMoney } from '../../shared/domain/money.js';

/** Refusals of the GrantAgreement decider. Field paths name the request body fields. */

export class GrantAgreementNotFound extends NotFoundError {
  constructor(readonly agreementId: string) {
    super('grant-agreement-not-found', 'Grant agreement not found', `Grant agreement ${agreementId} has not been prepared. Check the id.`);
  }
}

export class GrantAgreementAlreadyPrepared extends IllegalStateError {
  constructor(readonly agreementId: string) {
    super('grant-agreement-already-prepared', 'Agreement id already used', `Agreement ${agreementId} was already prepared with other terms. Choose a new id for another agreement.`);
  }
}

export class ApplicationAlreadyHasAgreement extends IllegalStateError {
  constructor(readonly applicationId: string, readonly agreementId: string) {
    super('application-already-has-agreement', 'Application already has an agreement', `Application ${applicationId} already has agreement ${agreementId}; an application gets one agreement.`);
  }
}

export class ApplicationNotAwarded extends IllegalStateError {
  constructor(readonly applicationId: string) {
    super('application-not-awarded', 'Application not awarded', `Application ${applicationId} was not awarded a grant by its call's committee; only awarded applications get an agreement.`);
  }
}

export class AgreementAmountDiffersFromAward extends ValidationError {
  constructor(readonly amount: Money, readonly awarded: Money) {
    super('agreement-amount-differs-from-award', 'Amount differs from the award',
      `The agreement amount ${formatMoney(amount)} must equal the amount awarded by the committee, ${formatMoney(awarded)}.`,
      [{ path: 'amount', message: `must equal the awarded ${formatMoney(awarded)}` }]);
  }
}

export class InvalidTranches extends ValidationError {
  constructor(readonly path: string, message: string) {
    super('invalid-tranches', 'Invalid tranche schedule', `The tranche schedule is not valid: ${path} ${message}.`, [{ path, message }]);
  }
}

export class TranchesDoNotAddUp extends ValidationError {
  constructor(readonly amount: Money, readonly sum: Money) {
    super('tranches-do-not-add-up', 'Tranches do not add up', `The tranches add up to ${formatMoney(sum)}; they must add up exactly to the agreement amount ${formatMoney(amount)}.`,
      [{ path: 'tranches', message: `must add up to ${formatMoney(amount)}` }]);
  }
}

export class AgreementStatusConflict extends IllegalStateError {
  constructor(readonly agreementId: string, readonly status: string, readonly action: string, readonly allowed: readonly string[]) {
    super('agreement-status-conflict', 'Not allowed in the agreement’s status', `Agreement ${agreementId} is ${status}; it can be ${action} only when ${allowed.join(' or ')}.`);
  }
}

export class DisbursementNotAllowed extends IllegalStateError {
  constructor(readonly agreementId: string, readonly status: string) {
    super('disbursement-not-allowed', 'Disbursement not allowed', `Agreement ${agreementId} is ${status}; nothing is disbursed before signature, while suspended or after termination.`);
  }
}

export class DisbursementModeMismatch extends IllegalStateError {
  constructor(readonly mode: string, readonly attempted: string) {
    super('disbursement-mode-mismatch', 'Wrong disbursement mode', `The agreement is disbursed by ${mode}; a ${attempted} cannot be recorded on it.`);
  }
}

export class UnknownTranche extends ValidationError {
  constructor(readonly trancheN: number) {
    super('unknown-tranche', 'Unknown tranche', `The agreement has no tranche ${trancheN}.`, [{ path: 'trancheN', message: 'is not a tranche of the agreement' }]);
  }
}

export class PreviousTrancheNotPaid extends IllegalStateError {
  constructor(readonly trancheN: number) {
    super('previous-tranche-not-paid', 'Previous tranche not paid', `Tranche ${trancheN} is disbursed only after tranche ${trancheN - 1} is paid in full.`);
  }
}

export class TrancheConditionNotMet extends IllegalStateError {
  constructor(readonly trancheN: number, readonly condition: string) {
    super('tranche-condition-not-met', 'Tranche condition not met',
      `Tranche ${trancheN} needs ${condition === 'PURCHASE_PROVEN' ? 'an accepted PURCHASE report' : 'an accepted report'} on tranche ${trancheN - 1}.`);
  }
}

export class TrancheOverpaid extends ValidationError {
  constructor(readonly trancheN: number, readonly tranche: Money, readonly paid: Money, readonly attempted: Money) {
    super('tranche-overpaid', 'More than the tranche',
      `Tranche ${trancheN} is ${formatMoney(tranche)}, of which ${formatMoney(paid)} is paid; ${formatMoney(attempted)} more would exceed it (and the agreement).`,
      [{ path: 'amount', message: 'exceeds what is left of the tranche' }]);
  }
}

export class PaymentIdReused extends IllegalStateError {
  constructor(readonly id: string, readonly path: string) {
    super('payment-id-reused', 'Id already used', `${path} ${id} was already recorded with other content. Choose a new id.`, [{ path, message: 'already used for other content' }]);
  }
}

export class ReportNotFound extends NotFoundError {
  constructor(readonly reportId: string) {
    super('report-not-found', 'Report not found', `No report ${reportId} was submitted on this agreement.`);
  }
}

export class ReportAlreadyDecided extends IllegalStateError {
  constructor(readonly reportId: string, readonly status: string) {
    super('report-already-decided', 'Report already decided', `Report ${reportId} is ${status}; a rejected report may be resubmitted, an accepted one is final.`);
  }
}

export class VisitAlreadyRecorded extends IllegalStateError {
  constructor(readonly month: number) {
    super('visit-already-recorded', 'Visit already recorded', `The month-${month} monitoring visit was already recorded with other findings.`);
  }
}

export class InvalidAgreementField extends ValidationError {
  constructor(readonly path: string, message: string) {
    super('invalid-agreement-field', 'Invalid value', `${path} ${message}.`, [{ path, message }]);
  }
}

export class AgreementReasonRequired extends ValidationError {
  constructor() {
    super('reason-required', 'Reason required', 'Give a reason.', [{ path: 'reason', message: 'must not be blank' }]);
  }
}

export class RecoveryExceedsPaid extends ValidationError {
  constructor(readonly amount: Money, readonly paid: Money) {
    super('recovery-exceeds-paid', 'Recovery exceeds what was paid', `${formatMoney(amount)} cannot be recovered: only ${formatMoney(paid)} was paid.`,
      [{ path: 'amount', message: `must not exceed ${formatMoney(paid)}` }]);
  }
}

export class RecoveryExceedsRequested extends ValidationError {
  constructor(readonly amount: Money, readonly outstanding: Money) {
    super('recovery-exceeds-requested', 'More than is to be recovered', `${formatMoney(amount)} is more than the ${formatMoney(outstanding)} still to be recovered.`,
      [{ path: 'amount', message: `must not exceed ${formatMoney(outstanding)}` }]);
  }
}

export class ClosingConditionsNotMet extends IllegalStateError {
  constructor(readonly agreementId: string, readonly missing: readonly string[]) {
    super('closing-conditions-not-met', 'Agreement cannot be closed yet', `Agreement ${agreementId} cannot be closed: ${missing.join('; ')}.`);
  }
}
