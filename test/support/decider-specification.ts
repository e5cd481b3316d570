import { expect } from '@jest/globals';
import { fold, type Decider } from '../../src/shared/domain/decider.js';
import type { DomainCommand, DomainEvent } from '../../src/shared/domain/message.js';
import { decodeState, encodeState } from '../../src/shared/snapshots/state-codec.js';

/** Any error class, abstract ones included (`ValidationError`, `DomainError`). */
type ErrorClass<Err extends Error> = abstract new (...args: never[]) => Err;

/**
 * Given/when/then over a pure decider:
 *
 * ```ts
 * const given = DeciderSpecification.for(administrativeUnitDecider);
 * given([registered()]).when(renameUnit()).then([renamed()]);
 * given([]).when(renameUnit()).thenThrows(UnitNotFound, (e) => e.unitId === UNIT_ID);
 * given([registered()]).when(registerUnit()).thenNothingHappened();
 * ```
 * `given` events are folded with the decider's `evolve` from `initialState()`; `when` runs `decide` once per assertion.
 * Every folded state is also checked to come back unchanged through the snapshot codec (src/shared/snapshots), so a
 * persisted snapshot of any state a spec reaches is that state.
 */
export const DeciderSpecification = {
  for<S, C extends DomainCommand, E extends DomainEvent>(decider: Decider<S, C, E>) {
    return (givenEvents: readonly E[] = []) => ({
      when: (command: C) => {
        const run = (): E[] => {
          const state = fold(decider, givenEvents);
          expect(decodeState(encodeState(state))).toStrictEqual(state);
          return decider.decide(command, state);
        };
        return {
          /**
           * Asserts the exact events (strictly: an `undefined` key is a difference, since stores drop it), and that they
           * survive a JSON round trip as both event stores do.
           */
          then(expected: readonly E[]): void {
            const events = run();
            expect(events).toStrictEqual(expected);
            expect(JSON.parse(JSON.stringify(events))).toEqual(events);
          },
          /** Asserts that decide refuses with an instance of `errorClass`; `check` may inspect it (returning false fails). */
          thenThrows<Err extends Error>(errorClass: ErrorClass<Err>, check?: (error: Err) => boolean | void): void {
            let events: E[] | undefined;
            let thrown: unknown;
            try {
              events = run();
            } catch (error) {
              thrown = error;
            }
            if (events !== undefined) {
              throw new Error(`Expected decide to throw ${errorClass.name}, but it returned ${JSON.stringify(events)}`);
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (check) expect(check(thrown as Err)).not.toBe(false);
          },
          /** Asserts that decide accepts the command and emits nothing (an idempotent no-op). */
          thenNothingHappened(): void {
            expect(run()).toEqual([]);
          },
        };
      },
    });
  },
};
