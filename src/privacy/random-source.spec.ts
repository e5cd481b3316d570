import { describe, expect, it } from '@jest/globals';
import { openValue, sealValue } from './encrypted-value.js';
import { unwrap, wrap } from './master-key.js';
import { type RandomSource, assertRandomSourceAllowed, systemRandom } from './random-source.js';

/** A source that repeats one byte: enough to see where the privacy context takes its randomness from. */
const constant = (byte: number): RandomSource => ({ bytes: (n) => Buffer.alloc(n, byte) });
const key = Buffer.alloc(32, 7);

describe('The random source of the privacy context', () => {
  it('draws the IVs of sealed values from the given source, and random ones by default', () => {
    const a = sealValue(key, 's#1', 'fullName', 'Айгерим Серикова', constant(1));
    expect(a).toEqual(sealValue(key, 's#1', 'fullName', 'Айгерим Серикова', constant(1)));
    expect(Buffer.from(a.iv, 'base64url')).toEqual(Buffer.alloc(12, 1));
    expect(sealValue(key, 's#1', 'fullName', 'Айгерим Серикова', constant(2)).ct).not.toBe(a.ct);
    expect(openValue(key, 'fullName', a)).toBe('Айгерим Серикова');
    expect(sealValue(key, 's#1', 'fullName', 'x').iv).not.toBe(sealValue(key, 's#1', 'fullName', 'x').iv);
  });

  it('draws the IVs of master-key wrapping from the given source', () => {
    const master = { id: 'mk1', key };
    const wrapped = wrap(master, Buffer.alloc(32, 9), 'subject-key|s#1', constant(3));
    expect(Buffer.from(wrapped, 'base64url').subarray(0, 12)).toEqual(Buffer.alloc(12, 3));
    expect(unwrap(master, wrapped, 'subject-key|s#1')).toEqual(Buffer.alloc(32, 9));
    expect(systemRandom.bytes(32)).not.toEqual(systemRandom.bytes(32));
  });

  it('accepts a synthetic demo source only with an event store that marks its events as demo data', () => {
    const synthetic: RandomSource = { ...constant(0), syntheticDemoDataOnly: true };
    expect(() => assertRandomSourceAllowed(synthetic, undefined)).toThrow(/only by the demo seed/);
    expect(() => assertRandomSourceAllowed(synthetic, {})).toThrow(/only by the demo seed/);
    expect(() => assertRandomSourceAllowed(synthetic, { marksDemoData: true })).not.toThrow();
    expect(() => assertRandomSourceAllowed(systemRandom, undefined)).not.toThrow();
  });
});
