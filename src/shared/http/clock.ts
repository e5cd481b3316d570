/** DI token of the Clock. */
export const CLOCK = Symbol('CLOCK');

/** The source of business time for commands. Deciders never read a clock; the edge stamps `metadata.now` from this. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved; for tests and deterministic scenarios. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
