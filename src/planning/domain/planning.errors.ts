import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

export class PlanNotFound extends NotFoundError {
  constructor(readonly planId: string) {
    super('plan-not-found', 'No such plan', `No development plan ${planId} exists; draft it first with POST /plans.`);
  }
}
export class PlanAlreadyDrafted extends IllegalStateError {
  constructor(readonly planId: string) {
    super('plan-already-drafted', 'The plan already exists', `Plan ${planId} was already drafted with other content; choose a new planId.`);
  }
}
export class TerritoryUnitNotInForce extends ValidationError {
  constructor(readonly unitId: string) {
    super('territory-unit-not-in-force', 'The territory unit is unknown or retired', `Unit ${unitId} does not exist or is retired; plans are drafted for units in force.`, [
      { path: 'territoryUnitId', message: 'must be an existing unit in force' },
    ]);
  }
}
export class PlanNotInStatus extends IllegalStateError {
  constructor(readonly planId: string, readonly status: string, readonly expected: readonly string[], what: string) {
    super('plan-not-in-required-status', 'Not allowed in the plan’s current status', `Plan ${planId} is ${status}; ${what} needs it to be ${expected.join(' or ')}.`);
  }
}
export class UnknownPriority extends ValidationError {
  constructor(readonly priorityId: string, path: string) {
    super('unknown-priority', 'The priority does not exist', `Priority ${priorityId} is not among the plan’s priorities; set it first.`, [{ path, message: 'must name an existing priority' }]);
  }
}
export class UnknownProblem extends ValidationError {
  constructor(readonly problemId: string, path: string) {
    super('unknown-problem', 'The problem does not exist', `Problem ${problemId} is not recorded on this plan.`, [{ path, message: 'must name a recorded problem' }]);
  }
}
export class UnknownAction extends ValidationError {
  constructor(readonly actionId: string, path = 'actionId') {
    super('unknown-action', 'The action does not exist', `Action ${actionId} is not in the plan.`, [{ path, message: 'must name an action of the plan' }]);
  }
}
export class DuplicateAction extends ValidationError {
  constructor(readonly actionId: string, path = 'actionId') {
    super('duplicate-action', 'The action already exists', `Action ${actionId} is already in the plan with other content.`, [{ path, message: 'must be a new action id' }]);
  }
}
export class FundingDoesNotMatchCost extends ValidationError {
  constructor(readonly actionId: string, path: string) {
    super('funding-does-not-match-cost', 'Funding sources must add up to the cost', `The funding sources of action ${actionId} must be in the cost’s currency and add up exactly to its cost.`, [
      { path, message: 'must add up exactly to the cost' },
    ]);
  }
}
export class InvalidTimeline extends ValidationError {
  constructor(path: string) {
    super('invalid-timeline', 'The action ends before it starts', 'An action’s end date must not be before its start date.', [{ path, message: 'must not be before start' }]);
  }
}
export class InvalidPriorityRanking extends ValidationError {
  constructor(detail: string) {
    super('invalid-priority-ranking', 'The priority ranking is not valid', detail, [{ path: 'priorities', message: detail }]);
  }
}
export class PriorityInUse extends ValidationError {
  constructor(readonly priorityId: string) {
    super('priority-in-use', 'An action still belongs to this priority', `Priority ${priorityId} cannot be left out while actions belong to it; move or remove them first.`, [
      { path: 'priorities', message: `must keep ${priorityId}` },
    ]);
  }
}
export class EmptyPlan extends ValidationError {
  constructor() {
    super('plan-has-no-actions', 'The plan has no actions', 'A plan needs at least one priority and one action before it is submitted.');
  }
}
export class VoteNotForThisPlan extends ValidationError {
  constructor(detail: string) {
    super('vote-not-for-this-plan', 'The vote does not approve this plan', detail, [{ path: 'voteId', message: detail }]);
  }
}
export class StaleContentHash extends ValidationError {
  constructor(readonly voted: string, readonly submitted: string) {
    super('stale-content-hash', 'The vote was on another text', `The vote certified content hash ${voted}, but the submitted plan has ${submitted}; hold a vote on the submitted text.`, [
      { path: 'contentHash', message: 'must equal the submitted content hash' },
    ]);
  }
}
export class AnotherPlanActive extends IllegalStateError {
  constructor(readonly activePlanId: string, unitId: string, period: string) {
    super('another-plan-active', 'Another plan is active for this territory and period', `Plan ${activePlanId} is already ACTIVE for unit ${unitId} and period ${period}; close or supersede it first.`);
  }
}
export class PlanNotEndorsed extends IllegalStateError {
  constructor(readonly planId: string) {
    super('plan-not-endorsed', 'The akim has not endorsed the plan', `Plan ${planId} must be endorsed by the akim before it is activated.`);
  }
}
export class AmendmentBaseVersionStale extends IllegalStateError {
  constructor(readonly planId: string, readonly baseVersion: number, readonly currentVersion: number) {
    super('amendment-base-version-stale', 'The plan moved past the amendment’s base version', `Plan ${planId} is at version ${currentVersion}, the amendment was based on ${baseVersion}; rebase it.`);
  }
}
export class InvalidAmendmentOp extends ValidationError {
  constructor(detail: string, path: string) {
    super('invalid-amendment-op', 'An amendment operation is not valid', detail, [{ path, message: detail }]);
  }
}
export class AmendmentNotFound extends NotFoundError {
  constructor(readonly amendmentId: string) {
    super('amendment-not-found', 'No such amendment', `No plan amendment ${amendmentId} exists.`);
  }
}
export class AmendmentAlreadyProposed extends IllegalStateError {
  constructor(readonly amendmentId: string) {
    super('amendment-already-proposed', 'The amendment already exists', `Amendment ${amendmentId} was already proposed with other content.`);
  }
}
export class AmendmentNotInStatus extends IllegalStateError {
  constructor(readonly amendmentId: string, readonly status: string, readonly expected: readonly string[], what: string) {
    super('amendment-not-in-required-status', 'Not allowed in the amendment’s current status', `Amendment ${amendmentId} is ${status}; ${what} needs it to be ${expected.join(' or ')}.`);
  }
}
export class PlanNotAmendable extends IllegalStateError {
  constructor(readonly planId: string, status: string) {
    super('plan-not-amendable', 'Only an approved or active plan is amended', `Plan ${planId} is ${status}; a draft is edited directly, a closed plan not at all.`);
  }
}
export class DecisionNeedsVote extends ValidationError {
  constructor(detail: string) {
    super('decision-needs-certified-vote', 'A MAJOR amendment needs a certified community vote', detail, [{ path: 'voteId', message: detail }]);
  }
}
export class DecisionNeedsSignOff extends ValidationError {
  constructor() {
    super('decision-needs-sign-off', 'A MINOR amendment needs the akim and the working group', 'Approving a MINOR amendment needs both akimSignOff and workingGroupSignOff.', [
      { path: 'akimSignOff', message: 'akim and working group must both sign off' },
    ]);
  }
}
export class ProblemAlreadyRecorded extends ValidationError {
  constructor(readonly problemId: string) {
    super('problem-already-recorded', 'The problem is already recorded', `Problem ${problemId} is already recorded with other content; choose a new problemId.`, [
      { path: 'problemId', message: 'must be a new problem id' },
    ]);
  }
}

export class UnknownIndicator extends ValidationError {
  constructor(readonly actionId: string, readonly indicator: string) {
    super('unknown-indicator', 'The indicator does not exist', `Action ${actionId} has no indicator named "${indicator}".`, [{ path: 'indicator', message: 'must name an indicator of the action' }]);
  }
}
export class InvalidIndicatorValue extends ValidationError {
  constructor(readonly value: string) {
    super('invalid-indicator-value', 'Invalid indicator value', `An indicator's actual value is a decimal number such as 12 or 0.75; got "${value}".`, [{ path: 'actual', message: 'must be a decimal number' }]);
  }
}
