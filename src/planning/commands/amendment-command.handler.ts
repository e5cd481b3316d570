import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import type { DomainCommand } from '../../shared/domain/message.js';
import { EVENT_STORE, type EventStore } from '../../shared/event-store/event-store.port.js';
import { type VoteResultCertified, voteStream } from '../../voting/domain/vote-result.events.js';
import { AMENDMENT_POLICY, type AmendmentPolicy, classifyAmendment } from '../amendment-policy.js';
import type { VoteFacts } from '../domain/development-plan.events.js';
import { type PlanAmendmentCommand, type PlanFacts, planAmendmentDecider, planAmendmentStream } from '../domain/plan-amendment.decider.js';
import { DecisionNeedsVote } from '../domain/planning.errors.js';
import { loadPlan } from './plan-command.handler.js';

type FactKeys = 'plan' | 'classified' | 'vote';
type WithoutFacts<C> = C extends DomainCommand<infer T, infer D> ? DomainCommand<T, Omit<D, FactKeys>> : never;
/** An amendment command as the edge builds it; a decision names its vote by `voteId`. */
export type AmendmentCommandRequest = WithoutFacts<PlanAmendmentCommand> & { voteId?: string | null };

/** Transport envelope of every PlanAmendment command on the CommandBus. */
export class ExecuteAmendmentCommand extends Command<CommandResult> {
  constructor(
    readonly request: AmendmentCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Runs a PlanAmendment command. Proposal and rebase read the plan and classify the ops under the policy in force;
 * a decision reads the certified vote it names from `vote-<voteId>`.
 */
@CommandHandler(ExecuteAmendmentCommand)
export class ExecuteAmendmentCommandHandler implements ICommandHandler<ExecuteAmendmentCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AMENDMENT_POLICY) private readonly policy: AmendmentPolicy,
  ) {}

  async execute({ request, context }: ExecuteAmendmentCommand): Promise<CommandResult> {
    const command = await this.withFacts(request);
    const id = command.data.amendmentId;
    return this.pipeline.run({ id, streamId: planAmendmentStream(id), decider: planAmendmentDecider, command, context });
  }

  private async withFacts(request: AmendmentCommandRequest): Promise<PlanAmendmentCommand> {
    const { voteId, ...rest } = request as AmendmentCommandRequest & { data: Record<string, unknown> };
    switch (rest.type) {
      case 'ProposeAmendment': {
        const plan = await this.plan(rest.data.planId);
        return { ...rest, data: { ...rest.data, plan, classified: classifyAmendment(rest.data.ops, plan?.content.actions ?? [], this.policy) } };
      }
      case 'RebaseAmendment': {
        const amendment = await this.store.readStream(planAmendmentStream(rest.data.amendmentId));
        const proposed = amendment[0]?.data as { planId: string } | undefined;
        const current = amendment.reduce((s, e) => planAmendmentDecider.evolve(s, e as never), planAmendmentDecider.initialState());
        const plan = proposed ? await this.plan(proposed.planId) : null;
        const ops = current.status === 'Empty' ? [] : current.ops;
        return { ...rest, data: { ...rest.data, plan, classified: classifyAmendment(ops, plan?.content.actions ?? [], this.policy) } };
      }
      case 'RecordAmendmentDecision':
        return { ...rest, data: { ...rest.data, vote: voteId ? await this.vote(voteId) : null } };
      default:
        return rest as PlanAmendmentCommand;
    }
  }

  private async plan(planId: string): Promise<PlanFacts> {
    const state = await loadPlan(this.store, planId);
    return state.status === 'Empty' ? null : { status: state.status, content: state.content };
  }

  private async vote(voteId: string): Promise<VoteFacts> {
    const certified = (await this.store.readStream(voteStream(voteId))).filter((e) => e.type === 'VoteResultCertified' || e.type === 'VoteAnnulled').at(-1);
    if (!certified || certified.type !== 'VoteResultCertified') throw new DecisionNeedsVote(`Vote ${voteId} has no certified result (or was annulled).`);
    const { meetingId, territoryUnitId, subject, outcome } = (certified as unknown as VoteResultCertified).data;
    return { voteId, meetingId, territoryUnitId, subject, outcome };
  }
}
