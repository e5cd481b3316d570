import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { programmeDecider, programmeStream } from '../../programmes/domain/programme.decider.js';
import type { ProgrammeEvent } from '../../programmes/domain/programme.events.js';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import { fold } from '../../shared/domain/decider.js';
import type { DomainCommand } from '../../shared/domain/message.js';
import { EVENT_STORE, type EventStore } from '../../shared/event-store/event-store.port.js';
import { UnitContextLoader } from '../../territory/unit-context.loader.js';
import type { ApplicationFactsForAward, GrantCallCommand, ProgrammeFacts } from '../domain/grant-call.commands.js';
import { grantApplicationDecider, grantApplicationStream } from '../domain/grant-application.decider.js';
import type { GrantApplicationEvent } from '../domain/grant-application.events.js';
import { grantCallDecider, grantCallStream } from '../domain/grant-call.decider.js';

type FactKeys = 'programme' | 'knownUnitIds' | 'applications';
type WithoutFacts<C> = C extends DomainCommand<infer T, infer D> ? DomainCommand<T, Omit<D, FactKeys>> : never;

/** A grant call command as the HTTP edge builds it: facts about the programme and units are added by the handler. */
export type GrantCallCommandRequest = WithoutFacts<GrantCallCommand>;

/** Transport envelope of every GrantCall command on the CommandBus. */
export class ExecuteGrantCallCommand extends Command<CommandResult> {
  constructor(
    readonly request: GrantCallCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Runs a GrantCall command through the pipeline. Drafting needs to know the programme exists and is open (folded from
 * `programme-<id>` with the programmes decider) and that the eligible units exist (Territory); those are read here,
 * before the pure decide. Deciding awards needs each named application's call, status, requested amount and the
 * evaluators who declared a conflict on it (folded from its stream). Racing award decisions are serialised by the
 * call stream's expected revision in the pipeline: the loser is decided again on the new state, so Σ awards never
 * exceeds the fund.
 */
@CommandHandler(ExecuteGrantCallCommand)
export class ExecuteGrantCallCommandHandler implements ICommandHandler<ExecuteGrantCallCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitContextLoader,
  ) {}

  async execute({ request, context }: ExecuteGrantCallCommand): Promise<CommandResult> {
    const id = request.data.callId;
    return this.pipeline.run({ id, streamId: grantCallStream(id), decider: grantCallDecider, command: await this.withFacts(request), context });
  }

  private async withFacts(request: GrantCallCommandRequest): Promise<GrantCallCommand> {
    if (request.type === 'DecideAwards') {
      const d = request.data;
      const ids = new Set([...d.awards, ...(d.rejected ?? []), ...(d.reserve ?? [])].map((a) => a.applicationId));
      const applications: Record<string, ApplicationFactsForAward | null> = {};
      for (const id of ids) applications[id] = await this.application(id);
      return { ...request, data: { ...d, applications } };
    }
    if (request.type !== 'DraftCall') return request as GrantCallCommand;
    const knownUnitIds: string[] = [];
    for (const unitId of new Set(request.data.eligibleUnitIds)) if (await this.units.details(unitId)) knownUnitIds.push(unitId);
    return { ...request, data: { ...request.data, programme: await this.programme(request.data.programmeId), knownUnitIds } };
  }

  private async application(applicationId: string): Promise<ApplicationFactsForAward | null> {
    const events = (await this.store.readStream(grantApplicationStream(applicationId))) as unknown as GrantApplicationEvent[];
    const state = fold(grantApplicationDecider, events);
    if (state.status === 'Empty') return null;
    const conflictedEvaluatorIds = [...state.evaluators].filter(([, e]) => e.hasConflict).map(([id]) => id);
    return { applicationId, callId: state.callId, status: state.status, requested: state.submitted.budget.requested, conflictedEvaluatorIds };
  }

  private async programme(programmeId: string): Promise<ProgrammeFacts | null> {
    const events = (await this.store.readStream(programmeStream(programmeId))) as unknown as ProgrammeEvent[];
    const state = fold(programmeDecider, events);
    return state.status === 'Empty' ? null : { programmeId: state.programmeId, ended: state.status === 'Ended' };
  }
}
