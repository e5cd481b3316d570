import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '../shared/domain/errors.js';
import type { RecordedEvent } from '../shared/event-store/event-store.port.js';
import type { Reactor } from '../shared/projections/projection.js';
import { reactionContext, reactionMetadata } from '../shared/projections/reaction.js';
import type { VoteResultCertified } from '../voting/domain/vote-result.events.js';
import { ExecuteAmendmentCommand } from './commands/amendment-command.handler.js';
import { ExecutePlanCommand } from './commands/plan-command.handler.js';
import type { AmendmentApproved } from './domain/plan-amendment.decider.js';
import { AmendmentBaseVersionStale } from './domain/planning.errors.js';

export const PLAN_APPROVAL_REACTOR = 'planning.plan-approval';
export const AMENDMENT_APPLICATION_REACTOR = 'planning.amendment-application';

/**
 * PlanApproval (DOMAIN.md 5.11): a certified ADOPTED vote on a plan records the community's approval. The plan's
 * decider checks the vote's subject, territory and content hash; a refusal (a stale hash, say) is logged and
 * leaves the plan as it was.
 */
@Injectable()
export class PlanApprovalReactor implements Reactor {
  readonly name = PLAN_APPROVAL_REACTOR;
  readonly handles = ['VoteResultCertified'];
  private readonly logger = new Logger('PlanApprovalReactor');
  constructor(private readonly commands: CommandBus) {}

  async react(event: RecordedEvent): Promise<void> {
    const { voteId, meetingId, territoryUnitId, subject, outcome } = (event as unknown as VoteResultCertified).data;
    if (subject.type !== 'PLAN' || outcome !== 'ADOPTED') return;
    const data = { planId: subject.ref, vote: { voteId, meetingId, territoryUnitId, subject, outcome } };
    const context = reactionContext(this.name, event, 0, data);
    try {
      await this.commands.execute(new ExecutePlanCommand({ type: 'RecordPlanApproval', data, metadata: reactionMetadata(context, event) }, context));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      this.logger.warn(`Vote ${voteId} does not approve plan ${subject.ref}: ${e.code}`);
    }
  }
}

/**
 * AmendmentApplication (DOMAIN.md 5.11): an approved amendment is applied to its plan exactly once (the plan ignores
 * an amendment it already applied), then marked applied; when the plan has moved past the base version, the
 * amendment is marked CONFLICTED instead and must be rebased and approved again.
 */
@Injectable()
export class AmendmentApplicationReactor implements Reactor {
  readonly name = AMENDMENT_APPLICATION_REACTOR;
  readonly handles = ['AmendmentApproved'];
  private readonly logger = new Logger('AmendmentApplicationReactor');
  constructor(private readonly commands: CommandBus) {}

  async react(event: RecordedEvent): Promise<void> {
    const { amendmentId, planId, baseVersion, ops } = (event as unknown as AmendmentApproved).data;
    const apply = { planId, amendmentId, baseVersion, ops };
    const applyContext = reactionContext(this.name, event, 0, apply);
    try {
      await this.commands.execute(new ExecutePlanCommand({ type: 'ApplyAmendment', data: apply, metadata: reactionMetadata(applyContext, event) }, applyContext));
    } catch (e) {
      if (e instanceof AmendmentBaseVersionStale) {
        const data = { amendmentId, currentVersion: e.currentVersion };
        const context = reactionContext(this.name, event, 1, data);
        await this.commands.execute(new ExecuteAmendmentCommand({ type: 'RecordAmendmentConflict', data, metadata: reactionMetadata(context, event) }, context));
        return;
      }
      if (!(e instanceof DomainError)) throw e;
      this.logger.warn(`Amendment ${amendmentId} cannot be applied to plan ${planId}: ${e.code}`);
      return;
    }
    const data = { amendmentId, toVersion: baseVersion + 1 };
    const context = reactionContext(this.name, event, 2, data);
    await this.commands.execute(new ExecuteAmendmentCommand({ type: 'MarkAmendmentApplied', data, metadata: reactionMetadata(context, event) }, context));
  }
}
