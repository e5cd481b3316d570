import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

export class VoteNotFound extends NotFoundError {
  constructor(readonly voteId: string) {
    super('vote-not-found', 'Vote not found', `No vote ${voteId} has been opened.`);
  }
}
export class VoteAlreadyOpened extends IllegalStateError {
  constructor(voteId: string) {
    super('vote-already-exists', 'Vote already exists', `Vote ${voteId} was already opened with different content; choose a new vote id.`);
  }
}
export class RollNotFound extends ValidationError {
  constructor(rollId: string) {
    super('roll-not-found', 'Eligibility roll not found', `No eligibility roll ${rollId} has been compiled.`, [{ path: 'rollId', message: 'unknown roll' }]);
  }
}
export class RollNotFrozen extends IllegalStateError {
  constructor(rollId: string) {
    super('roll-not-frozen', 'Eligibility roll not frozen', `Roll ${rollId} must be frozen before a vote uses it.`);
  }
}
export class RollEmpty extends ValidationError {
  constructor(rollId: string) {
    super('roll-empty', 'Eligibility roll is empty', `Roll ${rollId} lists nobody; a vote needs voters.`, [{ path: 'rollId', message: 'empty roll' }]);
  }
}
export class RollScopeMismatch extends ValidationError {
  constructor(rollId: string, unitId: string) {
    super('roll-scope-mismatch', 'Roll of another unit', `Roll ${rollId} does not list the residents of unit ${unitId}.`, [{ path: 'rollId', message: 'roll of another unit' }]);
  }
}
export class InvalidVoteOptions extends ValidationError {
  constructor() {
    super('invalid-vote-options', 'Invalid options', 'Options must include FOR and AGAINST, may include ABSTAIN, each once.', [{ path: 'options', message: 'FOR and AGAINST, optionally ABSTAIN, no repeats' }]);
  }
}
export class RerunOfNotAnnulled extends IllegalStateError {
  constructor(voteId: string) {
    super('rerun-of-not-annulled', 'Re-run of a vote that stands', `Vote ${voteId} has not been annulled; only an annulled vote can be re-run.`);
  }
}
export class UnknownVotePolicy extends ValidationError {
  constructor(name: string) {
    super('unknown-vote-policy', 'Unknown vote policy', `No vote policy named ${name} is configured.`, [{ path: 'policy', message: 'unknown policy' }]);
  }
}
export class VoteNotOpen extends IllegalStateError {
  constructor(voteId: string, status: string) {
    super('vote-not-open', 'Vote not open', `Vote ${voteId} is ${status}; this is possible only while it is open.`);
  }
}
export class WrongVoteMethod extends IllegalStateError {
  constructor(voteId: string, method: string) {
    super('wrong-vote-method', 'Not possible with this voting method', `Vote ${voteId} is held by ${method}.`);
  }
}
export class HandCountInconsistent extends ValidationError {
  constructor(detail: string, path: string) {
    super('hand-count-inconsistent', 'Inconsistent hand count', detail, [{ path, message: detail }]);
  }
}
export class HandCountMissing extends IllegalStateError {
  constructor(voteId: string) {
    super('hand-count-missing', 'Hand count missing', `Record the hand count of vote ${voteId} before closing it.`);
  }
}
export class VoteNotClosed extends IllegalStateError {
  constructor(voteId: string, status: string) {
    super('vote-not-closed', 'Vote not closed', `Vote ${voteId} is ${status}; close it before the tally.`);
  }
}
export class VoteNotTallied extends IllegalStateError {
  constructor(voteId: string, status: string) {
    super('vote-not-tallied', 'Vote not tallied', `Vote ${voteId} is ${status}; only a tallied vote can be certified.`);
  }
}
export class VoteAnnulledError extends IllegalStateError {
  constructor(voteId: string) {
    super('vote-annulled', 'Vote annulled', `Vote ${voteId} was annulled; open a new vote instead.`);
  }
}
export class VoteCertified extends IllegalStateError {
  constructor(voteId: string) {
    super('vote-certified', 'Result certified', `The result of vote ${voteId} is certified and immutable; it can only be annulled.`);
  }
}
export class AlreadyVoted extends IllegalStateError {
  constructor(readonly voteId: string, readonly residentId: string) {
    super('already-voted', 'Already voted', `Resident ${residentId} has already cast a ballot in vote ${voteId}; one ballot per resident.`);
  }
}
export class NotOnRoll extends ValidationError {
  constructor(residentId: string, rollId: string) {
    super('not-on-roll', 'Not on the eligibility roll', `Resident ${residentId} is not on the frozen roll ${rollId} of this vote.`, [{ path: 'residentId', message: 'not on the roll' }]);
  }
}
export class UnknownOption extends ValidationError {
  constructor(option: string) {
    super('unknown-option', 'Not an option of this vote', `${option} is not one of this vote’s options.`, [{ path: 'option', message: 'not an option of this vote' }]);
  }
}
export class BallotAfterClose extends IllegalStateError {
  constructor(voteId: string) {
    super('ballot-after-close', 'Ballot arrived after the close', `Vote ${voteId} was closed before this ballot was recorded; it is kept but not counted.`);
  }
}
