import { NotFoundError, ValidationError } from '../shared/domain/errors.js';

/** Refusals of the audit queries. */

export class AuditStreamNotFound extends NotFoundError {
  constructor(readonly streamId: string) {
    super('audit-stream-not-found', 'Stream not found', `The log holds no stream ${streamId}. Stream ids are <category>-<id>, e.g. plan-<planId>.`);
  }
}

export class AuditStreamNotFoldable extends ValidationError {
  constructor(
    readonly streamId: string,
    readonly category: string,
  ) {
    super('audit-stream-not-foldable', 'No decider folds this stream',
      `Streams of category ${category} (${streamId}) are not folded by any decider; read their history instead of their state.`);
  }
}

export class AuditEventNotFound extends NotFoundError {
  constructor(readonly eventId: string) {
    super('audit-event-not-found', 'Event not found', `The audit trail holds no event ${eventId}.`);
  }
}

export class PlanNotFoundAsOf extends NotFoundError {
  constructor(
    readonly planId: string,
    readonly asOf: string,
  ) {
    super('plan-not-found-as-of', 'Plan did not exist then', `Plan ${planId} had not been drafted as of ${asOf}. Ask for a later instant.`);
  }
}

export class UnknownProjection extends ValidationError {
  constructor(names: string[], known: string[]) {
    super('unknown-projection', 'Unknown projection', `No projection is named ${names.join(', ')}. Known: ${known.join(', ')}.`,
      [{ path: 'projections', message: `unknown: ${names.join(', ')}` }]);
  }
}
