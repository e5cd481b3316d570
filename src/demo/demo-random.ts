import { createHash, createHmac } from 'node:crypto';
import type { RandomSource } from '../privacy/random-source.js';

/** The seed of the demo's random bytes: public, like everything else of the synthetic demo data set. */
export const DEMO_RANDOM_SEED = 'aul-ledger demo scenario 2017-2020';

/**
 * A deterministic random-bytes generator for SYNTHETIC DEMO DATA ONLY: HMAC-SHA-256 in counter mode under a key
 * derived from a public seed, so two seeds of the demo draw the same subject keys, IIN pepper and IVs, and write a
 * byte-identical log. Anyone who knows the seed knows every key it made: it must never seal real personal data.
 * Hence `syntheticDemoDataOnly`: the application accepts such a source only together with the demo seed's event store
 * (assertRandomSourceAllowed), and `retire()` (called when the seed's application closes) makes it refuse to draw.
 */
export class DemoRandomSource implements RandomSource {
  readonly syntheticDemoDataOnly = true as const;
  private readonly key: Buffer;
  private counter = 0n;
  private pool = Buffer.alloc(0);
  private retired = false;

  constructor(seed: string = DEMO_RANDOM_SEED) {
    this.key = createHash('sha256').update(`aul-ledger synthetic demo random|${seed}`, 'utf8').digest();
  }

  bytes(n: number): Buffer {
    if (this.retired) throw new Error('The demo random source is retired: it served one demo seed and draws nothing more');
    while (this.pool.length < n) {
      const block = Buffer.alloc(8);
      block.writeBigUInt64BE(this.counter++);
      this.pool = Buffer.concat([this.pool, createHmac('sha256', this.key).update(block).digest()]);
    }
    const out = Buffer.from(this.pool.subarray(0, n));
    this.pool = this.pool.subarray(n);
    return out;
  }

  /** Stops the source for good (the demo seed calls it once its application has closed). */
  retire(): void {
    this.retired = true;
  }
}
