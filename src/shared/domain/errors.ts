/**
 * Domain refusals. Each is a small named class with a stable `code` (the last segment of its problem type URI) and a
 * `title`; `detail` tells the client what to fix. The HTTP edge maps the kinds to status codes; the domain never
 * throws HTTP exceptions.
 */
export type FieldError = { path: string; message: string };

export abstract class DomainError extends Error {
  abstract readonly kind: 'validation' | 'illegal-state' | 'not-found';
  constructor(
    /** Stable, kebab-case identifier of the refusal, e.g. `kato-prefix-mismatch`. */
    readonly code: string,
    /** Short, stable summary of the refusal. */
    readonly title: string,
    /** What went wrong for this command and how to fix it. */
    readonly detail: string,
    /** Field-level errors with JSON paths into the request body. */
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** The command is well-formed but breaks a rule about its own content (HTTP 422). */
export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
}

/** The command is not allowed in the aggregate's current state (HTTP 409). */
export class IllegalStateError extends DomainError {
  readonly kind = 'illegal-state' as const;
}

/** The aggregate the command addresses does not exist (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}
