import type { DomainCommand, DomainEvent } from './message.js';

/**
 * An aggregate as a pure decider: `decide` turns a command and the current state into new events (or throws a
 * DomainError); `evolve` folds one event into the state. Neither does I/O, reads a clock or makes ids: time, ids
 * and anything looked up elsewhere come in with the command.
 */
export interface Decider<S, C extends DomainCommand, E extends DomainEvent> {
  /**
   * Version of `evolve` and of the state's shape (1 when omitted): raise it when either changes, so that states
   * folded by the earlier version (the command pipeline's cache) are folded again from the first event.
   */
  readonly version?: number;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

/** Folds events into state from the decider's initial state. */
export const fold = <S, C extends DomainCommand, E extends DomainEvent>(decider: Decider<S, C, E>, events: readonly E[]): S =>
  events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
