import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import type { RecommendationCommand } from '../domain/recommendation.commands.js';
import { recommendationDecider, recommendationStream } from '../domain/recommendation.decider.js';

/** Transport envelope of every Recommendation command on the CommandBus. */
export class ExecuteRecommendationCommand extends Command<CommandResult> {
  constructor(
    readonly request: RecommendationCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Runs a Recommendation command through the pipeline; a recommendation needs no facts from other streams. */
@CommandHandler(ExecuteRecommendationCommand)
export class ExecuteRecommendationCommandHandler implements ICommandHandler<ExecuteRecommendationCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ request, context }: ExecuteRecommendationCommand): Promise<CommandResult> {
    const id = request.data.recommendationId;
    return this.pipeline.run({ id, streamId: recommendationStream(id), decider: recommendationDecider, command: request, context });
  }
}
