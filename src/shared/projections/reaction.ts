import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { CommandContext } from '../command/command-context.js';
import type { CommandMetadata } from '../domain/message.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';

/**
 * The context of a command a reactor dispatches in reaction to `event`: the reactor as actor, the event as cause,
 * and an idempotency scope derived from the event id and the command's index, so that a redelivered event returns
 * the first result and appends nothing.
 */
export const reactionContext = (reactor: string, event: RecordedEvent, index: number, payload: unknown): CommandContext => ({
  actor: { id: `reactor:${reactor}`, role: 'system' },
  correlationId: event.metadata.correlationId,
  causationId: event.eventId,
  idempotency: {
    key: `${event.eventId}#${index}`,
    scope: `reactor:${reactor}:${event.eventId}#${index}`,
    requestHash: createHash('sha256').update(canonicalize(payload) ?? '').digest('hex'),
  },
});

/** Command metadata for a reaction: business time is the triggering event's, so replays decide identically. */
export const reactionMetadata = (context: CommandContext, event: RecordedEvent): CommandMetadata => ({
  actor: context.actor,
  now: event.metadata.occurredAt,
  correlationId: context.correlationId,
  causationId: context.causationId,
  idempotencyKey: context.idempotency?.key,
});
