import { randomBytes } from 'node:crypto';

/** DI token of the RandomSource of the privacy context. */
export const RANDOM_SOURCE = Symbol('RANDOM_SOURCE');

/**
 * Where the privacy context draws its random bytes: subject keys, the IIN pepper, the IVs of sealed values and of
 * master-key wrapping. The service always uses `systemRandom` (the operating system's CSPRNG); only the demo seed
 * installs another one (src/demo/demo-random.ts), for synthetic data.
 */
export interface RandomSource {
  bytes(n: number): Buffer;
  /** Set only by a deterministic generator for synthetic demo data; such a source is refused with real data. */
  readonly syntheticDemoDataOnly?: true;
}

/** `crypto.randomBytes`: the source of every key and IV outside the demo seed. */
export const systemRandom: RandomSource = { bytes: (n) => randomBytes(n) };

/**
 * Refuses a synthetic (deterministic) random source unless the event store it is installed with marks every event
 * as demo data (the demo seed's store wrapper does), so that no real personal value is ever sealed with it.
 */
export function assertRandomSourceAllowed(random: RandomSource, eventStore: unknown): void {
  if (random.syntheticDemoDataOnly && (eventStore as { marksDemoData?: boolean } | undefined)?.marksDemoData !== true) {
    throw new Error('A synthetic demo random source is installed only by the demo seed, with its demo event store');
  }
}
