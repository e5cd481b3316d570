import { type FieldError, IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { type Money, formatMoney } from '../../shared/domain/money.js';
import type { CallStatus } from './grant-call.events.js';

/**
 * Refusals of the GrantCall decider. Field paths name the request body fields. Money refusals shared with other
 * aggregates (invalid amount, unsupported currency, currency mismatch) live in shared/domain/money.ts.
 */

export class GrantCallNotFound extends NotFoundError {
  constructor(readonly callId: string) {
    super('grant-call-not-found', 'Grant call not found', `Grant call ${callId} has not been drafted. Check the id, or draft the call first.`);
  }
}

export class GrantCallAlreadyDrafted extends IllegalStateError {
  constructor(readonly callId: string) {
    super('grant-call-already-drafted', 'Grant call already drafted', `Grant call ${callId} is already drafted with other terms. Amend it, or choose a new id for another call.`);
  }
}

export class UnknownProgramme extends ValidationError {
  constructor(readonly programmeId: string) {
    super('unknown-programme', 'Programme not found', `No programme ${programmeId} is registered. Register it first, or correct programmeId.`,
      [{ path: 'programmeId', message: 'names no registered programme' }]);
  }
}

export class ProgrammeNotOpen extends IllegalStateError {
  constructor(readonly programmeId: string) {
    super('programme-ended', 'Programme is closed or cancelled', `Programme ${programmeId} is closed or cancelled: it takes no new grant calls.`,
      [{ path: 'programmeId', message: 'names a closed or cancelled programme' }]);
  }
}

export class InvalidCallReference extends ValidationError {
  constructor(readonly value: string) {
    super('invalid-call-reference', 'Invalid call reference',
      `reference must be capital letters and digits in hyphen-separated groups starting with a letter, such as GSE-2018-1; got ${JSON.stringify(value)}.`,
      [{ path: 'reference', message: 'must match ^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$' }]);
  }
}

export class CallTitleRequired extends ValidationError {
  constructor(errors: FieldError[]) {
    super('call-title-required', 'Call title missing or blank', 'Give the call title in at least one of kk, ru and en, and leave out any language you have no title for.', errors);
  }
}

export class ReasonRequired extends ValidationError {
  constructor(path = 'reason') {
    super('reason-required', 'Reason required', `Say why in ${path}: amendments, deadline extensions, cancellations and rejections are recorded with their reason.`,
      [{ path, message: 'must not be blank' }]);
  }
}

export class AwardRangeInvalid extends ValidationError {
  constructor(readonly minAward: Money, readonly maxAward: Money) {
    super('award-range-invalid', 'Minimum award above the maximum', `minAward (${formatMoney(minAward)}) must not be above maxAward (${formatMoney(maxAward)}).`,
      [{ path: 'minAward', message: `must be at most ${formatMoney(maxAward)}` }]);
  }
}

export class AwardAboveRecipientCap extends ValidationError {
  constructor(readonly path: string, readonly amount: Money, readonly cap: Money) {
    super('award-above-recipient-cap', 'Award limit above the per-recipient cap',
      `${path} (${formatMoney(amount)}) must not be above the per-recipient cap of ${formatMoney(cap)}.`, [{ path, message: `must be at most ${formatMoney(cap)}` }]);
  }
}

export class AwardAboveFund extends ValidationError {
  constructor(readonly maxAward: Money, readonly fund: Money) {
    super('award-above-fund', 'Maximum award above the fund', `maxAward (${formatMoney(maxAward)}) must not be above the call's fund of ${formatMoney(fund)}.`,
      [{ path: 'maxAward', message: `must be at most ${formatMoney(fund)}` }]);
  }
}

export class OwnContributionBandInvalid extends ValidationError {
  constructor(readonly min: number, readonly max: number) {
    super('own-contribution-band-invalid', 'Invalid own-contribution band',
      `ownContributionPct must be whole percentages with 0 ≤ min ≤ max ≤ 100, such as 10 to 20; got ${min} to ${max}.`,
      [{ path: 'ownContributionPct', message: 'must satisfy 0 ≤ min ≤ max ≤ 100' }]);
  }
}

export class CriteriaRequired extends ValidationError {
  constructor() {
    super('criteria-required', 'Award criteria required', 'A call needs at least one award criterion; the weights add up to 100.', [{ path: 'criteria', message: 'must contain at least one criterion' }]);
  }
}

export class DuplicateCriterion extends ValidationError {
  constructor(readonly path: string, readonly criterionId: string) {
    super('criterion-duplicate', 'Criterion id used twice', `Criterion ${criterionId} appears more than once; give every criterion its own id.`, [{ path, message: `repeats ${criterionId}` }]);
  }
}

export class InvalidCriterionWeight extends ValidationError {
  constructor(readonly path: string, readonly weight: number) {
    super('invalid-criterion-weight', 'Invalid criterion weight', `${path} must be a whole number from 1 to 100; got ${weight}.`, [{ path, message: 'must be a whole number from 1 to 100' }]);
  }
}

export class CriteriaWeightsNot100 extends ValidationError {
  constructor(readonly sum: number) {
    super('criteria-weights-not-100', 'Criteria weights do not add up to 100',
      `The criteria weights add up to ${sum}; they must add up to exactly 100. ${sum < 100 ? `Add ${100 - sum}` : `Remove ${sum - 100}`} points.`,
      [{ path: 'criteria', message: `weights add up to ${sum}, not 100` }]);
  }
}

export class EligibleUnitsRequired extends ValidationError {
  constructor() {
    super('eligible-units-required', 'Eligible territories required', 'Name at least one eligible territory unit.', [{ path: 'eligibleUnitIds', message: 'must contain at least one unit' }]);
  }
}

export class UnknownUnit extends ValidationError {
  constructor(readonly path: string, readonly unitId: string) {
    super('unknown-unit', 'Administrative unit not found', `No administrative unit ${unitId} is registered. Register it first, or correct ${path}.`,
      [{ path, message: 'names no registered unit' }]);
  }
}

export class ApplicantTypesRequired extends ValidationError {
  constructor() {
    super('applicant-types-required', 'Eligible applicant types required', 'Name at least one eligible applicant type.',
      [{ path: 'eligibleApplicantTypes', message: 'must contain at least one type' }]);
  }
}

export class CallPeriodInvalid extends ValidationError {
  constructor(readonly openingDate: string, readonly deadline: string) {
    super('call-period-invalid', 'Deadline not after the opening', `deadline (${deadline}) must be after openingDate (${openingDate}).`, [{ path: 'deadline', message: `must be after ${openingDate}` }]);
  }
}

export class InvalidDate extends ValidationError {
  constructor(readonly path: string, readonly value: string) {
    super('invalid-date', 'Invalid calendar date', `${path} must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`, [{ path, message: 'must be a calendar date YYYY-MM-DD' }]);
  }
}

export class InvalidQuorum extends ValidationError {
  constructor(readonly members: number, readonly quorum: number) {
    super('invalid-quorum', 'Invalid committee quorum', `committee.quorum must be a whole number from 1 to committee.members (${members}); got ${quorum}.`,
      [{ path: 'committee.quorum', message: `must be from 1 to ${members}` }]);
  }
}

/** The command is not allowed in the call's current status. */
export class CallStatusConflict extends IllegalStateError {
  constructor(readonly callId: string, readonly status: CallStatus, readonly action: string, readonly allowed: readonly CallStatus[]) {
    super('grant-call-status-conflict', 'Not allowed in the call\'s status',
      `Grant call ${callId} is ${status}; it can be ${action} only when ${allowed.join(' or ')}.`);
  }
}

export class SubmissionsStarted extends IllegalStateError {
  constructor(readonly callId: string) {
    super('call-submissions-started', 'Applications already submitted',
      `Applications to grant call ${callId} have been submitted, so its criteria and caps can no longer change.`);
  }
}

export class NothingToAmend extends ValidationError {
  constructor() {
    super('amendment-empty', 'Nothing to amend', 'Give at least one of perRecipientCap, minAward, maxAward, ownContributionPct and criteria.');
  }
}

export class DeadlineNotLater extends ValidationError {
  constructor(readonly current: string, readonly requested: string) {
    super('deadline-not-later', 'New deadline not later', `An extension moves the deadline later: ${requested} is before the current deadline ${current}.`,
      [{ path: 'deadline', message: `must be after ${current}` }]);
  }
}

export class DeadlinePassed extends IllegalStateError {
  constructor(readonly deadline: string, readonly today: string) {
    super('deadline-passed', 'Deadline already passed', `The deadline ${deadline} passed before today (${today}); a deadline can be extended only before it passes.`);
  }
}

export class DeadlineNotPassed extends IllegalStateError {
  constructor(readonly deadline: string, readonly today: string) {
    super('deadline-not-passed', 'Deadline not yet passed', `The call can be closed only after its deadline ${deadline}; today is ${today}.`);
  }
}

export class CallHasAwards extends IllegalStateError {
  constructor(readonly callId: string) {
    super('call-has-awards', 'Awards already decided', `Grant call ${callId} has decided awards and can no longer be cancelled.`);
  }
}

export class SessionIdReused extends IllegalStateError {
  constructor(readonly sessionId: string) {
    super('session-id-reused', 'Session id already used', `Session ${sessionId} was already recorded with other awards. A resent decision must be identical; use a new id for a new session.`,
      [{ path: 'sessionId', message: 'is already used by another decision' }]);
  }
}

export class QuorumNotMet extends ValidationError {
  constructor(readonly membersPresent: number, readonly quorum: number, readonly members: number) {
    super('quorum-not-met', 'Committee quorum not met',
      `Only ${membersPresent} of ${members} committee members were present; deciding awards needs at least ${quorum}.`,
      [{ path: 'membersPresent', message: `must be at least ${quorum}` }]);
  }
}

export class TooManyMembersPresent extends ValidationError {
  constructor(readonly membersPresent: number, readonly members: number) {
    super('members-present-invalid', 'More members present than the committee has', `The committee has ${members} members; ${membersPresent} cannot be present.`,
      [{ path: 'membersPresent', message: `must be at most ${members}` }]);
  }
}

export class DuplicateAward extends ValidationError {
  constructor(readonly path: string, readonly applicationId: string) {
    super('award-duplicate', 'Application awarded twice', `Application ${applicationId} appears more than once in the decision.`, [{ path, message: `repeats ${applicationId}` }]);
  }
}

export class ApplicationAlreadyAwarded extends IllegalStateError {
  constructor(readonly path: string, readonly applicationId: string) {
    super('application-already-awarded', 'Application already awarded', `Application ${applicationId} was awarded by an earlier session of this call.`,
      [{ path, message: 'was already awarded' }]);
  }
}

export class AwardOutOfRange extends ValidationError {
  constructor(readonly path: string, readonly amount: Money, readonly min: Money, readonly max: Money) {
    super('award-out-of-range', 'Award outside the call\'s range',
      `${path} is ${formatMoney(amount)}; the call awards from ${formatMoney(min)} to ${formatMoney(max)} per recipient.`,
      [{ path, message: `must be from ${formatMoney(min)} to ${formatMoney(max)}` }]);
  }
}

/** Σ awards would exceed the fund (DOMAIN.md 5.7): refused, nothing appended. */
export class FundExceeded extends ValidationError {
  constructor(readonly fund: Money, readonly awarded: Money, readonly requested: Money) {
    super('fund-exceeded', 'Awards above the call\'s fund',
      `The call's fund is ${formatMoney(fund)} with ${formatMoney(awarded)} already awarded; these awards of ${formatMoney(requested)} would exceed it.`,
      [{ path: 'awards', message: 'add up to more than what is left of the fund' }]);
  }
}

export class InvalidMinScores extends ValidationError {
  constructor(readonly value: number, readonly members: number) {
    super('min-scores-invalid', 'Invalid minimum number of scores',
      `minScoresPerApplication must be a whole number from 1 to the committee's ${members} members; got ${JSON.stringify(value)}.`,
      [{ path: 'minScoresPerApplication', message: `must be a whole number from 1 to ${members}` }]);
  }
}

export class MembersPresentMismatch extends ValidationError {
  constructor(readonly membersPresent: number, readonly memberIds: number) {
    super('members-present-mismatch', 'Members present do not match the members named',
      `membersPresent says ${membersPresent} but memberIds names ${memberIds} distinct members. Name every member who took part, once.`,
      [{ path: 'memberIds', message: `names ${memberIds} distinct members, not ${membersPresent}` }]);
  }
}

export class ApplicationNotSubmitted extends ValidationError {
  constructor(readonly path: string, readonly applicationId: string) {
    super('application-not-submitted', 'Application not found', `No application ${applicationId} was submitted to this call.`,
      [{ path, message: 'names no application submitted to this call' }]);
  }
}

export class ApplicationNotAssessed extends IllegalStateError {
  constructor(readonly path: string, readonly applicationId: string, readonly status: string) {
    super('application-not-assessed', 'Application not assessed',
      `Application ${applicationId} is ${status}: a committee decides only on eligible applications whose assessment is final (ASSESSED).`,
      [{ path, message: `is ${status}, not ASSESSED` }]);
  }
}

export class DeciderHasConflict extends IllegalStateError {
  constructor(readonly path: string, readonly applicationId: string, readonly memberIds: readonly string[]) {
    super('decider-has-conflict', 'A deciding member declared a conflict of interest',
      `Member(s) ${memberIds.join(', ')} declared a conflict of interest on application ${applicationId} and may not take part in deciding it. Decide it in a session without them.`,
      [{ path, message: `conflicted members took part: ${memberIds.join(', ')}` }]);
  }
}

export class AwardAboveRequested extends ValidationError {
  constructor(readonly path: string, readonly amount: Money, readonly requested: Money) {
    super('award-above-requested', 'Award above the amount requested',
      `The award of ${formatMoney(amount)} is more than the ${formatMoney(requested)} the application requested; an award may be reduced, never raised.`,
      [{ path, message: `must be at most ${formatMoney(requested)}` }]);
  }
}

export class ApplicationAlreadyDecided extends IllegalStateError {
  constructor(readonly path: string, readonly applicationId: string, readonly outcome: string) {
    super('application-already-decided', 'Application already decided',
      `An earlier session of this call decided application ${applicationId} (${outcome}); only an application on the reserve list may be awarded later.`,
      [{ path, message: `was already decided: ${outcome}` }]);
  }
}

export class DecisionRequired extends ValidationError {
  constructor() {
    super('decision-required', 'Nothing decided', 'A session decides at least one application: give awards, rejected or reserve.', [{ path: 'awards', message: 'awards, rejected and reserve are all empty' }]);
  }
}
