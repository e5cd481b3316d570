import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { programmeDecider, programmeStream } from '../../programmes/domain/programme.decider.js';
import type { ProgrammeEvent } from '../../programmes/domain/programme.events.js';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import { fold } from '../../shared/domain/decider.js';
import type { Money } from '../../shared/domain/money.js';
import { EVENT_STORE, type EventStore, VersionConflictError } from '../../shared/event-store/event-store.port.js';
import { UnitContextLoader } from '../../territory/unit-context.loader.js';
import type { AwardFacts, GrantAgreementCommand, PrepareAgreement } from '../domain/grant-agreement.commands.js';
import { decideAgreement } from '../domain/grant-agreement.decide.js';
import { grantAgreementDecider, grantAgreementForStream, grantAgreementStream } from '../domain/grant-agreement.decider.js';
import { ApplicationAlreadyHasAgreement } from '../domain/grant-agreement.errors.js';
import type { GrantAgreementReserved } from '../domain/grant-agreement.events.js';
import { initialAgreementState } from '../domain/grant-agreement.state.js';
import { grantApplicationDecider, grantApplicationStream } from '../domain/grant-application.decider.js';
import type { GrantApplicationEvent } from '../domain/grant-application.events.js';
import { grantCallStream } from '../domain/grant-call.decider.js';
import type { GrantCallEvent } from '../domain/grant-call.events.js';

/** A PrepareAgreement as the HTTP edge builds it: the award facts are added by the handler. */
export type PrepareAgreementRequest = { readonly type: 'PrepareAgreement'; readonly data: Omit<PrepareAgreement['data'], 'award'>; readonly metadata: PrepareAgreement['metadata'] };
export type GrantAgreementCommandRequest = PrepareAgreementRequest | Exclude<GrantAgreementCommand, PrepareAgreement>;

/** Transport envelope of every GrantAgreement command on the CommandBus. */
export class ExecuteGrantAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly request: GrantAgreementCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Runs a GrantAgreement command through the pipeline. Preparing one gathers the facts first: the application (its
 * call, programme, applicant and aul), the amount its call's committee awarded it (the call's GrantAwardsDecided
 * events), the aul's region and the programme's currency; checks the command against them; then reserves the
 * application's one agreement by appending to `grantAgreementFor-<applicationId>` with 'no_stream' (a second
 * agreement for the same application loses: 409).
 */
@CommandHandler(ExecuteGrantAgreementCommand)
export class ExecuteGrantAgreementCommandHandler implements ICommandHandler<ExecuteGrantAgreementCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitContextLoader,
  ) {}

  async execute({ request, context }: ExecuteGrantAgreementCommand): Promise<CommandResult> {
    const id = request.data.agreementId;
    const streamId = grantAgreementStream(id);
    if (request.type !== 'PrepareAgreement') return this.pipeline.run({ id, streamId, decider: grantAgreementDecider, command: request, context });
    const command: PrepareAgreement = { ...request, data: { ...request.data, award: await this.award(request.data.applicationId) } };
    if ((await this.pipeline.streamRevision(streamId)) === null) {
      decideAgreement(command, initialAgreementState()); // refusals before anything is reserved
      await this.reserve(request.data.applicationId, id, context, request.metadata.now);
    }
    return this.pipeline.run({ id, streamId, decider: grantAgreementDecider, command, context });
  }

  /** The facts of an application's award, or null when there is no such application. */
  private async award(applicationId: string): Promise<AwardFacts | null> {
    const app = fold(grantApplicationDecider, (await this.store.readStream(grantApplicationStream(applicationId))) as unknown as GrantApplicationEvent[]);
    if (app.status === 'Empty') return null;
    const { callId, programmeId, applicantId, territoryUnitId, budget } = app.submitted;
    let awardedAmount: Money | null = null;
    for (const e of (await this.store.readStream(grantCallStream(callId))) as unknown as GrantCallEvent[]) {
      if (e.type !== 'GrantAwardsDecided') continue;
      const award = e.data.awards.find((a) => a.applicationId === applicationId);
      if (award) awardedAmount = award.amount;
    }
    const programme = fold(programmeDecider, (await this.store.readStream(programmeStream(programmeId))) as unknown as ProgrammeEvent[]);
    const unit = await this.units.parent(territoryUnitId);
    const region = unit?.level === 'REGION' ? unit : unit?.ancestors.find((a) => a.level === 'REGION');
    return {
      applicationId, callId, programmeId, applicantId, territoryUnitId, regionId: region?.unitId ?? null, ownContribution: budget.ownContribution, awardedAmount,
      programmeCurrency: programme.status === 'Empty' ? budget.requested.currency : programme.currency,
    };
  }

  /** One agreement per application: the first to append the reservation wins. */
  private async reserve(applicationId: string, agreementId: string, context: CommandContext, now: string): Promise<void> {
    const streamId = grantAgreementForStream(applicationId);
    const event: GrantAgreementReserved = { type: 'GrantAgreementReserved', data: { applicationId, agreementId, reservedAt: now } };
    try {
      await this.store.appendToStream(
        streamId,
        [{ type: event.type, data: event.data, metadata: { actor: context.actor, correlationId: context.correlationId, commandName: 'PrepareAgreement', occurredAt: now } }],
        'no_stream',
      );
    } catch (e) {
      if (!(e instanceof VersionConflictError)) throw e;
      const [first] = await this.store.readStream(streamId);
      const holder = (first?.data as { agreementId?: string } | undefined)?.agreementId;
      if (holder !== agreementId) throw new ApplicationAlreadyHasAgreement(applicationId, holder ?? 'unknown');
    }
  }
}
