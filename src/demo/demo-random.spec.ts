import { describe, expect, it } from '@jest/globals';
import { DEMO_RANDOM_SEED, DemoRandomSource } from './demo-random.js';

describe('The demo random source (synthetic demo data only)', () => {
  it('draws the same bytes from the same seed, however they are split, and others from another seed', () => {
    const a = new DemoRandomSource();
    const whole = a.bytes(100);
    const b = new DemoRandomSource(DEMO_RANDOM_SEED);
    expect(Buffer.concat([b.bytes(12), b.bytes(32), b.bytes(1), b.bytes(55)])).toEqual(whole);
    expect(new DemoRandomSource('another seed').bytes(100)).not.toEqual(whole);
    expect(a.bytes(100)).not.toEqual(whole);
    expect(a.syntheticDemoDataOnly).toBe(true);
  });

  it('draws nothing once retired', () => {
    const source = new DemoRandomSource();
    source.bytes(12);
    source.retire();
    expect(() => source.bytes(12)).toThrow(/retired/);
  });
});
