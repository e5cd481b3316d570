import { v5 as uuidv5 } from 'uuid';

/** Namespace of every id of the demo scenario (UUIDv5 of a fixed name, so that two runs give the same ids). */
export const DEMO_NAMESPACE = 'a6c3f0d2-5b7e-5e41-9c1a-2f0d7e4b8a61';

/** The UUIDv5 of a name in the demo namespace, e.g. `demoId('unit:glubokoe')`. */
export const demoId = (name: string): string => uuidv5(name, DEMO_NAMESPACE);

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every platform,
 * unlike Math.random. Not for anything secret.
 */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}
