/**
 * Messages of the write side. Plain, JSON-serialisable objects: no classes, no bigint, no Date.
 * Money travels as `{ amountMinor: string, currency }`, times as RFC 3339 UTC strings.
 */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who issued a command: the API key's actor. */
export type Actor = { id: string; role: string };

/** What the edge adds to every domain command: who, when, why, and the causal links. */
export type CommandMetadata = {
  actor: Actor;
  /** Business time of the command (RFC 3339 UTC), from the injected clock. Deciders use it instead of a clock. */
  now: string;
  correlationId: string;
  causationId?: string;
  /** Required by deciders for amendments and decisions. */
  reason?: string;
  idempotencyKey?: string;
};

/** A command as the domain sees it. `type` is the command name (`RegisterAdministrativeUnit`). */
export type DomainCommand<T extends string = string, D = unknown> = {
  readonly type: T;
  readonly data: D;
  readonly metadata: CommandMetadata;
};

/** A fact as a decider emits it. The pipeline wraps it in the envelope (see RecordedEvent). */
export type DomainEvent<T extends string = string, D = unknown> = {
  readonly type: T;
  readonly data: D;
};
