import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import type { DomainCommand } from '../../shared/domain/message.js';
import type { AdministrativeUnitCommand } from '../domain/administrative-unit.commands.js';
import { administrativeUnitDecider, unitStream } from '../domain/administrative-unit.decider.js';
import { UnitContextLoader } from '../unit-context.loader.js';

type WithoutParent<C> = C extends DomainCommand<infer T, infer D> ? DomainCommand<T, Omit<D, 'parent'>> : never;

/** A unit command as the HTTP edge builds it: the facts from other units (`parent`) are added by the handler. */
export type UnitCommandRequest = WithoutParent<AdministrativeUnitCommand>;

/** Transport envelope of every AdministrativeUnit command on the CommandBus. */
export class ExecuteUnitCommand extends Command<CommandResult> {
  constructor(
    readonly request: UnitCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Runs an AdministrativeUnit command through the pipeline. Register, reparent and KATO assignment need the parent's
 * level, codes and ancestors, which live in other streams: they are read here, before the pure decide.
 */
@CommandHandler(ExecuteUnitCommand)
export class ExecuteUnitCommandHandler implements ICommandHandler<ExecuteUnitCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly units: UnitContextLoader,
  ) {}

  async execute({ request, context }: ExecuteUnitCommand): Promise<CommandResult> {
    const unitId = request.data.unitId;
    return this.pipeline.run({
      id: unitId,
      streamId: unitStream(unitId),
      decider: administrativeUnitDecider,
      command: await this.withContext(request),
      context,
    });
  }

  private async withContext(request: UnitCommandRequest): Promise<AdministrativeUnitCommand> {
    switch (request.type) {
      case 'RegisterAdministrativeUnit':
      case 'ReparentUnit':
        return { ...request, data: { ...request.data, parent: await this.units.parent(request.data.parentId) } } as AdministrativeUnitCommand;
      case 'AssignKatoCode': {
        const unit = await this.units.details(request.data.unitId);
        return { ...request, data: { ...request.data, parent: await this.units.parent(unit?.parentId ?? null) } };
      }
      default:
        return request;
    }
  }
}
