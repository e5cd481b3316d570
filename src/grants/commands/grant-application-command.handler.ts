import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataService } from '../../privacy/personal-data.service.js';
import type { CommandContext } from '../../shared/command/command-context.js';
import { CommandPipeline, type CommandResult } from '../../shared/command/command-pipeline.js';
import { fold } from '../../shared/domain/decider.js';
import { EVENT_STORE, type EventStore, VersionConflictError } from '../../shared/event-store/event-store.port.js';
import type { CallFactsForApplication, GrantApplicationCommand, SubmitApplication } from '../domain/grant-application.commands.js';
import { decideApplication } from '../domain/grant-application.decide.js';
import { grantApplicantStream, grantApplicationDecider, grantApplicationStream } from '../domain/grant-application.decider.js';
import { ApplicantAlreadyApplied } from '../domain/grant-application.errors.js';
import type { ApplicantPersonalField, GrantApplicantReserved, GrantApplicationEvent } from '../domain/grant-application.events.js';
import { initialApplicationState } from '../domain/grant-application.state.js';
import { grantCallDecider, grantCallStream } from '../domain/grant-call.decider.js';
import type { GrantCallEvent } from '../domain/grant-call.events.js';
import type { CallFacts } from '../domain/grant-call.state.js';
import { ExecuteGrantCallCommand } from './grant-call-command.handler.js';

/** A submission as the HTTP edge builds it: the applicant's personal values in clear (sealed here), no call facts. */
export type SubmitApplicationRequest = {
  readonly type: 'SubmitApplication';
  readonly data: Omit<SubmitApplication['data'], 'call' | 'personal'> & { readonly personal: Partial<Record<ApplicantPersonalField, string>> };
  readonly metadata: SubmitApplication['metadata'];
};
export type GrantApplicationCommandRequest = SubmitApplicationRequest | Exclude<GrantApplicationCommand, SubmitApplication>;

/** Transport envelope of every GrantApplication command on the CommandBus. */
export class ExecuteGrantApplicationCommand extends Command<CommandResult> {
  constructor(
    readonly request: GrantApplicationCommandRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The facts of a call an application needs, from the call's folded state (null when it was never drafted). */
export const callFactsOf = (state: ReturnType<typeof grantCallDecider.initialState>): (CallFactsForApplication & { submissionsStarted: boolean }) | null => {
  if (state.status === 'Empty') return null;
  const { terms } = state as CallFacts;
  return {
    callId: terms.callId,
    programmeId: terms.programmeId,
    status: state.status,
    deadline: terms.deadline,
    minAward: terms.minAward,
    maxAward: terms.maxAward,
    ownContributionPct: terms.ownContributionPct,
    eligibleUnitIds: terms.eligibleUnitIds,
    eligibleApplicantTypes: terms.eligibleApplicantTypes,
    criteria: terms.criteria,
    minScoresPerApplication: terms.minScoresPerApplication,
    submissionsStarted: (state as CallFacts).submissionsStarted,
  };
};

/**
 * Runs a GrantApplication command through the pipeline. A submission folds the call's stream first (its window, range,
 * band, units, types and criteria are facts for the pure decide), checks the command against them, then reserves the
 * applicant's place in the call by appending to `grantApplicant-<callId>.<applicantId>` with 'no_stream' (a second
 * application by the same applicant loses: 409), seals the personal values under the applicant id, appends, and
 * finally tells the call that submissions started (RecordFirstSubmission, once).
 */
@CommandHandler(ExecuteGrantApplicationCommand)
export class ExecuteGrantApplicationCommandHandler implements ICommandHandler<ExecuteGrantApplicationCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly commands: CommandBus,
    private readonly personal: PersonalDataService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ request, context }: ExecuteGrantApplicationCommand): Promise<CommandResult> {
    const id = request.data.applicationId;
    const streamId = grantApplicationStream(id);
    if (request.type !== 'SubmitApplication') return this.pipeline.run({ id, streamId, decider: grantApplicationDecider, command: request, context });

    const { data, metadata } = request;
    const callEvents = (await this.store.readStream(grantCallStream(data.callId))) as unknown as GrantCallEvent[];
    const facts = callFactsOf(fold(grantCallDecider, callEvents));
    const call: CallFactsForApplication | null = facts && (({ submissionsStarted: _, ...f }) => f)(facts);
    const unsealed: SubmitApplication = { type: 'SubmitApplication', data: { ...data, personal: {}, call }, metadata };
    if ((await this.pipeline.streamRevision(streamId)) === null) {
      decideApplication(unsealed, initialApplicationState()); // refusals before anything is reserved or sealed
      await this.reserve(data.callId, data.applicantId, id, context, metadata.now);
    }
    const personal = await this.personal.seal(data.applicantId, 'applicant', data.personal, context.actor, metadata.now, context.correlationId);
    const result = await this.pipeline.run({ id, streamId, decider: grantApplicationDecider, command: { ...unsealed, data: { ...unsealed.data, personal } }, context });
    if (result.body.eventsAppended > 0 && facts && !facts.submissionsStarted) {
      await this.commands.execute(
        new ExecuteGrantCallCommand(
          { type: 'RecordFirstSubmission', data: { callId: data.callId, applicationId: id }, metadata: { ...metadata, causationId: id } },
          { actor: context.actor, correlationId: context.correlationId },
        ),
      );
    }
    return result;
  }

  /**
   * One active application per applicant per call: the first to append the reservation wins. A withdrawn application
   * frees the place: a new application reserves it again, appended at the reservation stream's revision so that two
   * new applications racing for the freed place cannot both win.
   */
  private async reserve(callId: string, applicantId: string, applicationId: string, context: CommandContext, now: string): Promise<void> {
    const streamId = grantApplicantStream(callId, applicantId);
    const event: GrantApplicantReserved = { type: 'GrantApplicantReserved', data: { callId, applicantId, applicationId, reservedAt: now } };
    const append = (expected: 'no_stream' | bigint) =>
      this.store.appendToStream(
        streamId,
        [{ type: event.type, data: event.data, metadata: { actor: context.actor, correlationId: context.correlationId, commandName: 'SubmitApplication', occurredAt: now } }],
        expected,
      );
    try {
      await append('no_stream');
      return;
    } catch (e) {
      if (!(e instanceof VersionConflictError)) throw e;
    }
    const reservations = await this.store.readStream(streamId);
    const last = reservations.at(-1)!;
    const holder = (last.data as { applicationId?: string }).applicationId;
    if (holder === applicationId) return; // resent submission
    const held = fold(grantApplicationDecider, (await this.store.readStream(grantApplicationStream(holder ?? ''))) as unknown as GrantApplicationEvent[]);
    if (held.status !== 'WITHDRAWN') throw new ApplicantAlreadyApplied(callId);
    try {
      await append(last.revision);
    } catch (e) {
      if (e instanceof VersionConflictError) throw new ApplicantAlreadyApplied(callId);
      throw e;
    }
  }
}
