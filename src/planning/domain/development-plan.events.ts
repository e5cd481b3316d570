import type { DomainCommand, DomainEvent } from '../../shared/domain/message.js';
import type { VoteResultCertified } from '../../voting/domain/vote-result.events.js';
import type { AmendmentOp } from './amendment-ops.js';
import type { ActionSpec, ActionStatus, FundingSource, Priority, Problem } from './plan-content.js';

/** A plan's status (DOMAIN.md 5.5): DRAFT → SUBMITTED → APPROVED → ACTIVE → CLOSED; SUBMITTED → DRAFT; ACTIVE → SUPERSEDED. */
export type PlanStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'ACTIVE' | 'CLOSED' | 'SUPERSEDED';

export type PlanDrafted = DomainEvent<'PlanDrafted', { planId: string; territoryUnitId: string; programmeId: string | null; period: string; vision: string; version: number; draftedAt: string }>;
export type ProblemRecorded = DomainEvent<'ProblemRecorded', { planId: string; problem: Problem; recordedAt: string }>;
export type PrioritiesSet = DomainEvent<'PrioritiesSet', { planId: string; priorities: Priority[]; voteId: string | null; setAt: string }>;
export type PlanActionAdded = DomainEvent<'PlanActionAdded', { planId: string; action: ActionSpec; addedAt: string }>;
export type PlanActionRevised = DomainEvent<'PlanActionRevised', { planId: string; action: ActionSpec; revisedAt: string }>;
export type PlanActionRemoved = DomainEvent<'PlanActionRemoved', { planId: string; actionId: string; removedAt: string }>;
export type PlanSubmittedForApproval = DomainEvent<'PlanSubmittedForApproval', { planId: string; version: number; contentHash: string; submittedAt: string }>;
export type PlanReturnedToDraft = DomainEvent<'PlanReturnedToDraft', { planId: string; reason: string; version: number; returnedAt: string }>;
export type PlanApprovedByCommunity = DomainEvent<
  'PlanApprovedByCommunity',
  { planId: string; voteId: string; decisionId: string | null; version: number; contentHash: string; approvedAt: string }
>;
export type PlanEndorsedByAkim = DomainEvent<'PlanEndorsedByAkim', { planId: string; akimTenureId: string | null; endorsedBy: string; endorsedAt: string }>;
export type PlanActivated = DomainEvent<'PlanActivated', { planId: string; territoryUnitId: string; period: string; version: number; activatedAt: string }>;
export type PlanActionProgressRecorded = DomainEvent<
  'PlanActionProgressRecorded',
  { planId: string; actionId: string; status: ActionStatus; spent: FundingSource['amount'] | null; fundingReceived: Array<Pick<FundingSource, 'source' | 'amount'>>; recordedAt: string }
>;
/** A measured value of one of an action's indicators, as of a date (monitoring; not part of the plan's text). */
export type IndicatorActualRecorded = DomainEvent<
  'IndicatorActualRecorded',
  { planId: string; actionId: string; indicator: string; asOf: string; actual: string; recordedAt: string }
>;
export type PlanAmendmentApplied = DomainEvent<
  'PlanAmendmentApplied',
  { planId: string; amendmentId: string; fromVersion: number; toVersion: number; ops: AmendmentOp[]; contentHash: string; appliedAt: string }
>;
export type PlanClosed = DomainEvent<'PlanClosed', { planId: string; territoryUnitId: string; period: string; actionsDone: number; actionsTotal: number; implementationRatePct: string | null; closedAt: string }>;
export type PlanSuperseded = DomainEvent<'PlanSuperseded', { planId: string; territoryUnitId: string; period: string; byPlanId: string; supersededAt: string }>;

export type DevelopmentPlanEvent =
  | PlanDrafted
  | ProblemRecorded
  | PrioritiesSet
  | PlanActionAdded
  | PlanActionRevised
  | PlanActionRemoved
  | PlanSubmittedForApproval
  | PlanReturnedToDraft
  | PlanApprovedByCommunity
  | PlanEndorsedByAkim
  | PlanActivated
  | PlanActionProgressRecorded
  | IndicatorActualRecorded
  | PlanAmendmentApplied
  | PlanClosed
  | PlanSuperseded;

/** What the handler knows about the territory unit before DraftPlan: null when it does not exist. */
export type UnitFacts = { unitId: string; inForce: boolean } | null;
/** The facts of a certified vote, read by the handler or carried by the reactor's event. */
export type VoteFacts = Pick<VoteResultCertified['data'], 'voteId' | 'meetingId' | 'territoryUnitId' | 'subject' | 'outcome'>;

export type DraftPlan = DomainCommand<'DraftPlan', { planId: string; territoryUnitId: string; programmeId: string | null; period: string; vision: string; unit: UnitFacts }>;
export type RecordProblem = DomainCommand<'RecordProblem', { planId: string; problem: Problem }>;
export type SetPriorities = DomainCommand<'SetPriorities', { planId: string; priorities: Array<Omit<Priority, 'rank'>>; voteId: string | null }>;
export type AddPlanAction = DomainCommand<'AddPlanAction', { planId: string; action: ActionSpec }>;
export type ReviseDraftAction = DomainCommand<'ReviseDraftAction', { planId: string; action: ActionSpec }>;
export type RemoveDraftAction = DomainCommand<'RemoveDraftAction', { planId: string; actionId: string }>;
export type SubmitPlanForApproval = DomainCommand<'SubmitPlanForApproval', { planId: string }>;
export type ReturnPlanToDraft = DomainCommand<'ReturnPlanToDraft', { planId: string; reason: string }>;
export type RecordPlanApproval = DomainCommand<'RecordPlanApproval', { planId: string; vote: VoteFacts }>;
export type EndorsePlan = DomainCommand<'EndorsePlan', { planId: string; akimTenureId: string | null }>;
export type ActivatePlan = DomainCommand<'ActivatePlan', { planId: string }>;
export type RecordActionProgress = DomainCommand<
  'RecordActionProgress',
  { planId: string; actionId: string; status: ActionStatus; spent: FundingSource['amount'] | null; fundingReceived: Array<Pick<FundingSource, 'source' | 'amount'>> }
>;
export type RecordIndicatorActual = DomainCommand<'RecordIndicatorActual', { planId: string; actionId: string; indicator: string; asOf: string; actual: string }>;
export type ApplyAmendment = DomainCommand<'ApplyAmendment', { planId: string; amendmentId: string; baseVersion: number; ops: AmendmentOp[] }>;
export type ClosePlan = DomainCommand<'ClosePlan', { planId: string }>;
export type SupersedePlan = DomainCommand<'SupersedePlan', { planId: string; byPlanId: string }>;

export type DevelopmentPlanCommand =
  | DraftPlan
  | RecordProblem
  | SetPriorities
  | AddPlanAction
  | ReviseDraftAction
  | RemoveDraftAction
  | SubmitPlanForApproval
  | ReturnPlanToDraft
  | RecordPlanApproval
  | EndorsePlan
  | ActivatePlan
  | RecordActionProgress
  | RecordIndicatorActual
  | ApplyAmendment
  | ClosePlan
  | SupersedePlan;
