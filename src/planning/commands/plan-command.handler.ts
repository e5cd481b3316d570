import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import { fold } from '../../shared/domain/decider.js';
import type { CommandMetadata, DomainCommand } from '../../shared/domain/message.js';
import { EVENT_STORE, type EventStore, VersionConflictError } from '../../shared/event-store/event-store.port.js';
import { UnitContextLoader } from '../../territory/unit-context.loader.js';
import { type DevelopmentPlan, activePlanStream, developmentPlanDecider, planStream } from '../domain/development-plan.decider.js';
import type { DevelopmentPlanCommand, DevelopmentPlanEvent } from '../domain/development-plan.events.js';
import { AnotherPlanActive, PlanNotFound } from '../domain/planning.errors.js';

type WithoutUnit<C> = C extends DomainCommand<infer T, infer D> ? DomainCommand<T, Omit<D, 'unit'>> : never;

/** A plan command as the edge (or a reactor) builds it: the unit's facts are added by the handler. */
export type PlanCommandRequest = WithoutUnit<DevelopmentPlanCommand>;

/** Transport envelope of every DevelopmentPlan command on the CommandBus. */
export class ExecutePlanCommand extends Command<CommandResult> {
  constructor(
    readonly request: PlanCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Reads the current state of a plan from its stream (for handlers of other aggregates and for scope checks). */
export const loadPlan = async (store: EventStore, planId: string): Promise<DevelopmentPlan> =>
  fold(developmentPlanDecider, (await store.readStream(planStream(planId))) as unknown as DevelopmentPlanEvent[]);

/**
 * Runs a DevelopmentPlan command through the pipeline. DraftPlan reads the territory unit first; ActivatePlan reserves
 * `activePlan-<unitId>.<period>` (one ACTIVE plan per territory and period) before the plan's own append; closure and
 * supersession release it.
 */
@CommandHandler(ExecutePlanCommand)
export class ExecutePlanCommandHandler implements ICommandHandler<ExecutePlanCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitContextLoader,
  ) {}

  async execute({ request, context }: ExecutePlanCommand): Promise<CommandResult> {
    const command = await this.withFacts(request);
    const id = command.data.planId;
    if (command.type === 'ActivatePlan') await this.reserve(command.data.planId, command.metadata, command);
    const result = await this.pipeline.run({ id, streamId: planStream(id), decider: developmentPlanDecider, command, context });
    if ((command.type === 'ClosePlan' || command.type === 'SupersedePlan') && !result.replayed) await this.release(id, command.metadata);
    return result;
  }

  private async withFacts(request: PlanCommandRequest): Promise<DevelopmentPlanCommand> {
    if (request.type !== 'DraftPlan') return request as DevelopmentPlanCommand;
    const unit = await this.units.details(request.data.territoryUnitId);
    return { ...request, data: { ...request.data, unit: unit ? { unitId: unit.unitId, inForce: unit.status === 'Active' } : null } };
  }

  /** Claims the territory's period for this plan; refuses when another plan holds it. Decides first, so a refused activation reserves nothing. */
  private async reserve(planId: string, metadata: CommandMetadata, command: DevelopmentPlanCommand): Promise<void> {
    const state = await loadPlan(this.store, planId);
    if (state.status === 'Empty') throw new PlanNotFound(planId);
    if (developmentPlanDecider.decide(command, state).length === 0) return;
    const { territoryUnitId, period } = state.content;
    const stream = activePlanStream(territoryUnitId, period);
    for (let attempt = 0; attempt < 3; attempt++) {
      const history = await this.store.readStream(stream);
      const last = history.at(-1);
      if (last?.type === 'ActivePlanReserved') {
        const holder = (last.data as { planId: string }).planId;
        if (holder === planId) return;
        throw new AnotherPlanActive(holder, territoryUnitId, period);
      }
      try {
        await this.store.appendToStream(stream, [{ type: 'ActivePlanReserved', data: { planId, territoryUnitId, period, reservedAt: metadata.now }, metadata: this.meta(metadata, 'ActivatePlan') }], last?.revision ?? 'no_stream');
        return;
      } catch (e) {
        if (!(e instanceof VersionConflictError)) throw e;
      }
    }
  }

  private async release(planId: string, metadata: CommandMetadata): Promise<void> {
    const state = await loadPlan(this.store, planId);
    if (state.status === 'Empty') return;
    const stream = activePlanStream(state.content.territoryUnitId, state.content.period);
    const last = (await this.store.readStream(stream)).at(-1);
    if (last?.type !== 'ActivePlanReserved' || (last.data as { planId: string }).planId !== planId) return;
    try {
      await this.store.appendToStream(stream, [{ type: 'ActivePlanReleased', data: { planId, releasedAt: metadata.now }, metadata: this.meta(metadata, 'ReleaseActivePlan') }], last.revision);
    } catch (e) {
      if (!(e instanceof VersionConflictError)) throw e; // released concurrently
    }
  }

  private meta(m: CommandMetadata, commandName: string) {
    return { actor: m.actor, correlationId: m.correlationId, ...(m.causationId ? { causationId: m.causationId } : {}), commandName, occurredAt: m.now };
  }
}
