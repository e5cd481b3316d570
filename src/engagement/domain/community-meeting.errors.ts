import { type FieldError, IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';

/** Refusals of the CommunityMeeting decider. Field paths name the request body fields. */

export class MeetingNotFound extends NotFoundError {
  constructor(readonly meetingId: string) {
    super('meeting-not-found', 'Meeting not found', `Meeting ${meetingId} has not been scheduled. Check the id, or schedule the meeting first.`);
  }
}

export class MeetingAlreadyScheduled extends IllegalStateError {
  constructor(readonly meetingId: string) {
    super('meeting-already-scheduled', 'Meeting already scheduled', `Meeting ${meetingId} is already scheduled with other data. Choose a new id for another meeting.`);
  }
}

export class MeetingUnitNotFound extends ValidationError {
  constructor(readonly unitId: string) {
    super('meeting-unit-not-found', 'Territory unit not found', `territoryUnitId ${unitId} names no registered administrative unit. Register the unit first.`,
      [{ path: 'territoryUnitId', message: 'must name a registered unit' }]);
  }
}

export class MeetingUnitRetired extends ValidationError {
  constructor(readonly unitId: string) {
    super('meeting-unit-retired', 'Territory unit no longer in force', `Administrative unit ${unitId} has been retired; schedule the meeting for the unit in force.`,
      [{ path: 'territoryUnitId', message: 'must name a unit in force' }]);
  }
}

/** The command is not allowed in the meeting's current lifecycle status. */
export class MeetingStatusConflict extends IllegalStateError {
  constructor(readonly meetingId: string, readonly status: string, action: string, hint: string) {
    super('meeting-status-conflict', 'Not allowed in the meeting’s status', `Meeting ${meetingId} is ${status}: it cannot ${action}. ${hint}`);
  }
}

export class NoticeTooShort extends ValidationError {
  constructor(readonly leadDays: number, readonly required: number, policyVersion: string) {
    super('notice-too-short', 'Notice period too short',
      `The notice is published ${leadDays} day(s) before the meeting; policy ${policyVersion} requires at least ${required}. Publish earlier or reschedule the meeting.`,
      [{ path: 'publishedOn', message: `must be at least ${required} days before the meeting day` }]);
  }
}

export class NoticeAlreadyPublished extends IllegalStateError {
  constructor(readonly meetingId: string) {
    super('notice-already-published', 'Notice already published', `The notice of meeting ${meetingId} was already published with other data.`);
  }
}

export class AgendaItemConflict extends IllegalStateError {
  constructor(readonly itemId: string) {
    super('agenda-item-conflict', 'Agenda item already exists', `Agenda item ${itemId} already exists with other content. Choose a new itemId.`);
  }
}

export class UnknownAgendaItem extends ValidationError {
  constructor(readonly itemId: string) {
    super('unknown-agenda-item', 'Unknown agenda item', `Agenda item ${itemId} is not on this meeting’s agenda. Add it first.`, [{ path: 'itemId', message: 'must be an item of the agenda' }]);
  }
}

export class EligibleCountRequired extends ValidationError {
  constructor(meetingType: string, percent: number) {
    super('eligible-count-required', 'Eligible count needed for the quorum',
      `A ${meetingType} opens when ${percent}% of the eligible residents (or members) have registered: give eligibleCount.`,
      [{ path: 'eligibleCount', message: 'is required for this meeting type' }]);
  }
}

export class RegisteredExceedsEligible extends ValidationError {
  constructor(registered: number, eligible: number) {
    super('registered-exceeds-eligible', 'More registered than eligible', `registeredCount ${registered} is more than eligibleCount ${eligible}.`,
      [{ path: 'registeredCount', message: 'must not exceed eligibleCount' }]);
  }
}

export class MeetingAlreadyOpened extends IllegalStateError {
  constructor(readonly meetingId: string) {
    super('meeting-already-opened', 'Meeting already opened', `Meeting ${meetingId} was already opened with another registered count; it cannot be opened again.`);
  }
}

export class AttendanceDoesNotAddUp extends ValidationError {
  constructor(errors: FieldError[]) {
    super('attendance-does-not-add-up', 'Attendance counts do not add up', 'The counts by sex and by age band must each add up to the total.', errors);
  }
}

export class ProblemConflict extends IllegalStateError {
  constructor(readonly problemId: string) {
    super('problem-conflict', 'Problem already recorded', `Problem ${problemId} is already recorded with other content. Choose a new problemId.`);
  }
}

export class DecisionOnDiscussionItem extends ValidationError {
  constructor(readonly itemId: string) {
    super('decision-on-discussion-item', 'Not a decision item', `Agenda item ${itemId} is a DISCUSSION item: decisions are recorded only on DECISION items.`,
      [{ path: 'itemId', message: 'must be a DECISION item' }]);
  }
}

export class QuorumNotEstablished extends IllegalStateError {
  constructor(readonly meetingId: string) {
    super('quorum-not-established', 'No quorum', `Meeting ${meetingId} did not reach its quorum: it can take no decision. Close it; it is recorded as NO_QUORUM.`);
  }
}

export class DecisionAlreadyRecorded extends IllegalStateError {
  constructor(readonly itemId: string) {
    super('decision-already-recorded', 'Decision already recorded', `Agenda item ${itemId} already has another decision; decisions are not edited.`);
  }
}

export class MinutesAlreadyAttached extends IllegalStateError {
  constructor(readonly meetingId: string) {
    super('minutes-already-attached', 'Minutes already attached', `Meeting ${meetingId} already has other minutes attached; they are not replaced.`);
  }
}

export class MeetingRollNotUsable extends ValidationError {
  constructor(readonly rollId: string, reason: string) {
    super('meeting-roll-not-usable', 'Eligibility roll not usable', `Eligibility roll ${rollId} cannot size this meeting’s quorum: ${reason}`,
      [{ path: 'rollId', message: reason }]);
  }
}

export class DecisionNeedsCertifiedVote extends ValidationError {
  constructor(readonly voteId: string, reason: string) {
    super('decision-needs-certified-vote', 'The decision needs a certified vote', `Vote ${voteId} ${reason}. Record the decision with the id of the certified vote that took it.`,
      [{ path: 'voteId', message: 'must name a certified vote of this meeting’s unit that is not annulled' }]);
  }
}

export class DecisionOutcomeMismatch extends ValidationError {
  constructor(readonly voteId: string, voteOutcome: string, outcome: string) {
    super('decision-outcome-mismatch', 'The decision does not match its vote', `Vote ${voteId} was certified as ${voteOutcome}; the decision says ${outcome}.`,
      [{ path: 'outcome', message: `must be the vote's certified outcome (${voteOutcome})` }]);
  }
}
