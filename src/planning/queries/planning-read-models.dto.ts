import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../../shared/http/money.dto.js';
import { AddPlanActionDto, AmendmentOpDto, PriorityDto, ProposerDto, RecordProblemDto } from '../commands/planning-commands.dto.js';
import { ACTION_STATUSES } from '../domain/plan-content.js';

const PLAN_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'ACTIVE', 'CLOSED', 'SUPERSEDED'];

class RankedPriorityDto extends PriorityDto {
  @ApiProperty({ example: 1 }) rank!: number;
}
class PlanActionViewDto extends AddPlanActionDto {
  @ApiProperty({ enum: ACTION_STATUSES }) status!: string;
}
class ApprovalDto {
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) decisionId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
}
class PlanEndorsementDto {
  @ApiProperty({ format: 'uuid', nullable: true }) akimTenureId!: string | null;
  @ApiProperty() endorsedBy!: string;
  @ApiProperty({ format: 'date-time' }) endorsedAt!: string;
}
class ClosureViewDto {
  @ApiProperty({ nullable: true, example: '66.67', description: 'Share of the actions (not dropped) done, in percent' }) implementationRatePct!: string | null;
  @ApiProperty() actionsDone!: number;
  @ApiProperty() actionsTotal!: number;
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
}
class FieldChangeDto {
  @ApiProperty({ example: 'cost' }) field!: string;
  @ApiProperty({ description: 'Value before' }) from!: unknown;
  @ApiProperty({ description: 'Value after' }) to!: unknown;
}
class ActionRevisionDto {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty({ type: [FieldChangeDto] }) changes!: FieldChangeDto[];
}
class PriorityMoveDto {
  @ApiProperty({ format: 'uuid' }) priorityId!: string;
  @ApiProperty({ nullable: true }) fromRank!: number | null;
  @ApiProperty({ nullable: true }) toRank!: number | null;
}
export class PlanDiffDto {
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty({ type: [AddPlanActionDto] }) actionsAdded!: AddPlanActionDto[];
  @ApiProperty({ type: [ActionRevisionDto] }) actionsRevised!: ActionRevisionDto[];
  @ApiProperty({ type: [AddPlanActionDto] }) actionsDropped!: AddPlanActionDto[];
  @ApiProperty({ type: [PriorityMoveDto] }) prioritiesReordered!: PriorityMoveDto[];
}
class PlanContentDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) programmeId!: string | null;
  @ApiProperty({ example: '2018-2020' }) period!: string;
  @ApiProperty() version!: number;
  @ApiProperty() vision!: string;
  @ApiProperty({ type: [RecordProblemDto] }) problems!: RecordProblemDto[];
  @ApiProperty({ type: [RankedPriorityDto] }) priorities!: RankedPriorityDto[];
  @ApiProperty({ type: [AddPlanActionDto] }) actions!: AddPlanActionDto[];
}
export class PlanVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'SHA-256 of the RFC 8785 canonical JSON of the content' }) contentHash!: string;
  @ApiProperty({ type: PlanContentDto }) content!: PlanContentDto;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ enum: ['SUBMISSION', 'AMENDMENT'] }) madeBy!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) amendmentId!: string | null;
  @ApiPropertyOptional({ type: PlanDiffDto, nullable: true, description: 'For an amendment: what it changed from the version before' }) diff!: PlanDiffDto | null;
}
export class PlanDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) programmeId!: string | null;
  @ApiProperty({ example: '2018-2020' }) period!: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty() vision!: string;
  @ApiProperty({ type: [RecordProblemDto] }) problems!: RecordProblemDto[];
  @ApiProperty({ type: [RankedPriorityDto] }) priorities!: RankedPriorityDto[];
  @ApiProperty({ type: [PlanActionViewDto] }) actions!: PlanActionViewDto[];
  @ApiProperty({ nullable: true }) submittedContentHash!: string | null;
  @ApiProperty({ type: [ApprovalDto] }) approvals!: ApprovalDto[];
  @ApiProperty({ type: PlanEndorsementDto, nullable: true }) endorsement!: PlanEndorsementDto | null;
  @ApiProperty({ format: 'date-time', nullable: true }) activatedAt!: string | null;
  @ApiProperty({ type: ClosureViewDto, nullable: true }) closure!: ClosureViewDto | null;
  @ApiProperty({ format: 'uuid', nullable: true }) supersededBy!: string | null;
  @ApiProperty({ type: [PlanVersionDto] }) versions!: PlanVersionDto[];
  @ApiProperty({ description: 'Stream revision (the ETag)' }) revision!: string;
  @ApiProperty() position!: string;
}
export class PlanPageDto {
  @ApiProperty({ type: [PlanDto] }) items!: PlanDto[];
  @ApiProperty({ nullable: true, type: String }) next!: string | null;
}
class SourceAmountDto {
  @ApiProperty() source!: string;
  @ApiProperty({ type: MoneyDto }) amount!: MoneyDto;
}
class FundedPctDto {
  @ApiProperty() currency!: string;
  @ApiProperty({ nullable: true, example: '45.00' }) pct!: string | null;
}
export class ImplementationDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiProperty() actionsTotal!: number;
  @ApiProperty() actionsDone!: number;
  @ApiProperty() actionsDropped!: number;
  @ApiProperty({ nullable: true, example: '50.00' }) implementationRatePct!: string | null;
  @ApiProperty({ type: [MoneyDto] }) cost!: MoneyDto[];
  @ApiProperty({ type: [SourceAmountDto] }) plannedBySource!: SourceAmountDto[];
  @ApiProperty({ type: [SourceAmountDto] }) receivedBySource!: SourceAmountDto[];
  @ApiProperty({ type: [MoneyDto] }) spent!: MoneyDto[];
  @ApiProperty({ type: [FundedPctDto] }) fundedPct!: FundedPctDto[];
  @ApiProperty() position!: string;
}
class AmendmentDecisionViewDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) outcome!: string;
  @ApiProperty({ nullable: true }) decisionId!: string | null;
  @ApiProperty({ nullable: true }) voteId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
class ConflictDto {
  @ApiProperty() baseVersion!: number;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
class HistoryEntryDto {
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
export class AmendmentDto {
  @ApiProperty({ format: 'uuid' }) amendmentId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) territoryUnitId!: string;
  @ApiProperty({ enum: ['PROPOSED', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'APPLIED', 'CONFLICTED'] }) status!: string;
  @ApiProperty() baseVersion!: number;
  @ApiProperty({ type: [AmendmentOpDto] }) ops!: AmendmentOpDto[];
  @ApiProperty() rationale!: string;
  @ApiProperty({ type: ProposerDto }) proposer!: ProposerDto;
  @ApiProperty({ enum: ['MINOR', 'MAJOR'] }) classification!: string;
  @ApiProperty({ type: [String] }) classificationReasons!: string[];
  @ApiProperty({ example: 'amendment-policy/2019.1' }) policyVersion!: string;
  @ApiProperty({ description: 'The hash a community vote must certify' }) contentHash!: string;
  @ApiProperty({ enum: ['COMMUNITY_VOTE', 'AKIM_AND_WG'], nullable: true }) route!: string | null;
  @ApiProperty({ type: AmendmentDecisionViewDto, nullable: true }) decision!: AmendmentDecisionViewDto | null;
  @ApiProperty({ nullable: true }) appliedVersion!: number | null;
  @ApiProperty({ type: ConflictDto, nullable: true }) conflict!: ConflictDto | null;
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
}
