import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStream } from '../../organisations/domain/organisation.decider.js';
import type { OrganisationEvent } from '../../organisations/domain/organisation.events.js';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import { fold } from '../../shared/domain/decider.js';
import type { DomainCommand } from '../../shared/domain/message.js';
import { EVENT_STORE, type EventStore } from '../../shared/event-store/event-store.port.js';
import { UnitContextLoader } from '../../territory/unit-context.loader.js';
import type { OrganisationFacts, ProgrammeCommand, UnitFacts } from '../domain/programme.commands.js';
import { programmeDecider, programmeStream } from '../domain/programme.decider.js';

type FactKeys = 'donor' | 'lead' | 'organisation' | 'unit';
type WithoutFacts<C> = C extends DomainCommand<infer T, infer D> ? DomainCommand<T, Omit<D, FactKeys>> : never;

/** A programme command as the HTTP edge builds it: facts about organisations and units are added by the handler. */
export type ProgrammeCommandRequest = WithoutFacts<ProgrammeCommand>;

/** Transport envelope of every Programme command on the CommandBus. */
export class ExecuteProgrammeCommand extends Command<CommandResult> {
  constructor(
    readonly request: ProgrammeCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Runs a Programme command through the pipeline. Registration and partners need to know the organisations exist (and
 * their IATI type); enrolment needs the unit's level, retirement and region. Those live in other streams and are
 * read here, before the pure decide.
 */
@CommandHandler(ExecuteProgrammeCommand)
export class ExecuteProgrammeCommandHandler implements ICommandHandler<ExecuteProgrammeCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitContextLoader,
  ) {}

  async execute({ request, context }: ExecuteProgrammeCommand): Promise<CommandResult> {
    const id = request.data.programmeId;
    return this.pipeline.run({ id, streamId: programmeStream(id), decider: programmeDecider, command: await this.withFacts(request), context });
  }

  private async withFacts(request: ProgrammeCommandRequest): Promise<ProgrammeCommand> {
    switch (request.type) {
      case 'RegisterProgramme':
        return { ...request, data: { ...request.data, donor: await this.organisation(request.data.donorOrgId), lead: await this.organisation(request.data.leadOrgId) } };
      case 'AddProgrammePartner':
        return { ...request, data: { ...request.data, organisation: await this.organisation(request.data.orgId) } };
      case 'EnrolPilotUnit':
        return { ...request, data: { ...request.data, unit: await this.unit(request.data.unitId) } };
      default:
        return request as ProgrammeCommand;
    }
  }

  private async organisation(organisationId: string): Promise<OrganisationFacts | null> {
    const events = (await this.store.readStream(organisationStream(organisationId))) as unknown as OrganisationEvent[];
    const state = fold(organisationDecider, events);
    return state.status === 'Registered' ? { organisationId: state.organisationId, iatiOrgType: state.iatiOrgType } : null;
  }

  private async unit(unitId: string): Promise<UnitFacts | null> {
    const unit = await this.units.parent(unitId);
    if (!unit) return null;
    const region = unit.level === 'REGION' ? unit : unit.ancestors.find((a) => a.level === 'REGION');
    return { unitId: unit.unitId, level: unit.level, retired: unit.retired, regionId: region?.unitId ?? null };
  }
}
