import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import type { OrganisationCommand } from '../domain/organisation.commands.js';
import { organisationDecider, organisationStream } from '../domain/organisation.decider.js';

/** Transport envelope of every Organisation command on the CommandBus. */
export class ExecuteOrganisationCommand extends Command<CommandResult> {
  constructor(
    readonly request: OrganisationCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Runs an Organisation command through the pipeline; an organisation needs no facts from other streams. */
@CommandHandler(ExecuteOrganisationCommand)
export class ExecuteOrganisationCommandHandler implements ICommandHandler<ExecuteOrganisationCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ request, context }: ExecuteOrganisationCommand): Promise<CommandResult> {
    const id = request.data.organisationId;
    return this.pipeline.run({ id, streamId: organisationStream(id), decider: organisationDecider, command: request, context });
  }
}
