import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { type Money, formatMoney } from '../../shared/domain/money.js';
import type { ApplicationStatus } from './grant-application.events.js';

/** Refusals of the GrantApplication decider. Field paths name the request body fields. */

export class GrantApplicationNotFound extends NotFoundError {
  constructor(readonly applicationId: string) {
    super('grant-application-not-found', 'Grant application not found', `Grant application ${applicationId} has not been submitted. Check the id.`);
  }
}

export class GrantApplicationAlreadySubmitted extends IllegalStateError {
  constructor(readonly applicationId: string) {
    super('grant-application-already-submitted', 'Application id already used', `Application ${applicationId} was already submitted with other content. Choose a new id for another application.`);
  }
}

export class CallNotOpen extends IllegalStateError {
  constructor(readonly callId: string, readonly status: string) {
    super('call-not-open', 'Call not open for applications', `Grant call ${callId} is ${status}; applications are accepted only while it is PUBLISHED.`);
  }
}

export class CallDeadlinePassed extends IllegalStateError {
  constructor(readonly deadline: string, readonly today: string) {
    super('call-deadline-passed', 'Call deadline passed', `The call's deadline was ${deadline}; today is ${today}.`);
  }
}

export class TerritoryNotEligible extends ValidationError {
  constructor(readonly unitId: string) {
    super('territory-not-eligible', 'Territory not eligible', `Unit ${unitId} is not among the call's eligible territories.`, [{ path: 'territoryUnitId', message: 'is not an eligible unit of the call' }]);
  }
}

export class ApplicantTypeNotEligible extends ValidationError {
  constructor(readonly applicantType: string, readonly allowed: readonly string[]) {
    super('applicant-type-not-eligible', 'Applicant type not eligible', `The call accepts ${allowed.join(', ')}; not ${applicantType}.`, [{ path: 'applicantType', message: `must be one of ${allowed.join(', ')}` }]);
  }
}

export class RequestedAmountOutOfRange extends ValidationError {
  constructor(readonly requested: Money, readonly min: Money, readonly max: Money) {
    super('requested-amount-out-of-range', 'Requested amount outside the call\'s range',
      `The requested ${formatMoney(requested)} is outside the call's range of ${formatMoney(min)} to ${formatMoney(max)}.`,
      [{ path: 'budget.requested', message: `must be from ${formatMoney(min)} to ${formatMoney(max)}` }]);
  }
}

export class BudgetMismatch extends ValidationError {
  constructor(readonly total: Money, readonly requested: Money, readonly ownContribution: Money) {
    super('budget-mismatch', 'Budget does not add up',
      `budget.total (${formatMoney(total)}) must equal budget.requested (${formatMoney(requested)}) plus budget.ownContribution (${formatMoney(ownContribution)}).`,
      [{ path: 'budget.total', message: 'must equal requested + ownContribution' }]);
  }
}

export class OwnContributionOutOfBand extends ValidationError {
  constructor(readonly pct: string, readonly min: number, readonly max: number) {
    super('own-contribution-out-of-band', 'Own contribution outside the call\'s band',
      `The own contribution is ${pct}% of the budget; the call requires ${min}% to ${max}%.`,
      [{ path: 'budget.ownContribution', message: `must be ${min}% to ${max}% of budget.total` }]);
  }
}

export class ApplicantAlreadyApplied extends IllegalStateError {
  constructor(readonly callId: string) {
    super('applicant-already-applied', 'Applicant already applied to this call', `The applicant already has an application to call ${callId}; one application per applicant per call.`,
      [{ path: 'applicantId', message: 'already applied to this call' }]);
  }
}

export class ApplicationStatusConflict extends IllegalStateError {
  constructor(readonly applicationId: string, readonly status: ApplicationStatus, readonly action: string, readonly allowed: readonly ApplicationStatus[]) {
    super('grant-application-status-conflict', 'Not allowed in the application\'s status',
      `Application ${applicationId} is ${status}; it can be ${action} only when ${allowed.join(' or ')}.`);
  }
}

export class ReasonsRequired extends ValidationError {
  constructor(path: string) {
    super('reason-required', 'Reason required', `Say why in ${path}.`, [{ path, message: 'must not be blank' }]);
  }
}

export class ConflictDeclarationFinal extends IllegalStateError {
  constructor(readonly evaluatorId: string) {
    super('conflict-declaration-final', 'Conflict of interest already declared',
      `Evaluator ${evaluatorId} declared a conflict of interest and is recused from this application; the recusal cannot be withdrawn.`,
      [{ path: 'hasConflict', message: 'the evaluator is recused' }]);
  }
}

export class EvaluatorNotDeclared extends IllegalStateError {
  constructor(readonly evaluatorId: string) {
    super('conflict-declaration-required', 'Conflict-of-interest declaration required',
      `Evaluator ${evaluatorId} has not declared on conflicts of interest for this application; every evaluator declares before scoring.`,
      [{ path: 'evaluatorId', message: 'has not declared on conflicts of interest' }]);
  }
}

export class EvaluatorRecusedFromScoring extends IllegalStateError {
  constructor(readonly evaluatorId: string) {
    super('evaluator-recused', 'Evaluator recused', `Evaluator ${evaluatorId} declared a conflict of interest and is recused: they cannot score this application.`,
      [{ path: 'evaluatorId', message: 'is recused from this application' }]);
  }
}

export class ScoresDoNotMatchCriteria extends ValidationError {
  constructor(readonly expected: readonly string[]) {
    super('scores-criteria-mismatch', 'Scores do not match the call\'s criteria',
      `Give exactly one score for each criterion of the call: ${expected.join(', ')}.`, [{ path: 'criterionScores', message: `must score exactly ${expected.join(', ')}` }]);
  }
}

export class InvalidScore extends ValidationError {
  constructor(readonly path: string, readonly score: number) {
    super('invalid-score', 'Invalid score', `${path} must be a whole number from 0 to 100; got ${score}.`, [{ path, message: 'must be a whole number from 0 to 100' }]);
  }
}

export class NotEnoughScores extends IllegalStateError {
  constructor(readonly count: number, readonly min: number) {
    super('not-enough-scores', 'Not enough scores', `The application has ${count} score(s); an assessment needs at least ${min}.`);
  }
}

export class AwardOutcomeIncomplete extends ValidationError {
  constructor(readonly outcome: string, readonly field: string) {
    super('award-outcome-incomplete', 'Award outcome incomplete', `An outcome ${outcome} records its ${field}.`, [{ path: field, message: `is required for ${outcome}` }]);
  }
}

export class NothingToNotify extends IllegalStateError {
  constructor(readonly applicationId: string, readonly status: string) {
    super('nothing-to-notify', 'No outcome to notify', `Application ${applicationId} is ${status}: an applicant is notified of an outcome (AWARDED, REJECTED, RESERVE or INELIGIBLE).`);
  }
}
