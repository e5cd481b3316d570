import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '../shared/domain/errors.js';
import type { RecordedEvent } from '../shared/event-store/event-store.port.js';
import type { Reactor } from '../shared/projections/projection.js';
import { reactionContext, reactionMetadata } from '../shared/projections/reaction.js';
import { ExecuteGrantApplicationCommand } from './commands/grant-application-command.handler.js';
import type { RecordAwardOutcome } from './domain/grant-application.commands.js';
import type { GrantAwardsDecided } from './domain/grant-call.events.js';

export const AWARD_OUTCOME_REACTOR = 'grants.award-outcome';

/**
 * AwardToAgreement, first half (DOMAIN.md 5.11): a committee session's decision (`GrantAwardsDecided`, where the call
 * enforced the fund, the quorum and the conflicts of interest) is recorded on each application it names: awarded with
 * its amount, rejected with its reason, or put on the reserve list at its position. Each command has an idempotency
 * key derived from the event and its index, and the application ignores a session it has already recorded, so a
 * redelivered or replayed event changes nothing. Agreements are prepared by programme staff from the awards.
 */
@Injectable()
export class AwardOutcomeReactor implements Reactor {
  readonly name = AWARD_OUTCOME_REACTOR;
  readonly handles = ['GrantAwardsDecided'];
  private readonly logger = new Logger('AwardOutcomeReactor');
  constructor(private readonly commands: CommandBus) {}

  async react(event: RecordedEvent): Promise<void> {
    const d = (event as unknown as GrantAwardsDecided).data;
    const session = { callId: d.callId, sessionId: d.sessionId, sessionDate: d.sessionDate };
    const outcomes: Array<RecordAwardOutcome['data']> = [
      ...d.awards.map((a) => ({ ...session, applicationId: a.applicationId, outcome: 'AWARDED' as const, amount: a.amount })),
      ...(d.rejected ?? []).map((r) => ({ ...session, applicationId: r.applicationId, outcome: 'REJECTED' as const, reason: r.reason })),
      ...(d.reserve ?? []).map((r) => ({ ...session, applicationId: r.applicationId, outcome: 'RESERVE' as const, position: r.position })),
    ];
    for (const [index, data] of outcomes.entries()) {
      const context = reactionContext(this.name, event, index, data);
      try {
        await this.commands.execute(new ExecuteGrantApplicationCommand({ type: 'RecordAwardOutcome', data, metadata: reactionMetadata(context, event) }, context));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        this.logger.warn(`Session ${d.sessionId} outcome ${data.outcome} not recorded on application ${data.applicationId}: ${e.code}`);
      }
    }
  }
}
