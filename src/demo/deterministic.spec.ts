import { describe, expect, it } from '@jest/globals';
import { isValidIin } from '../privacy/iin.js';
import { Prng, demoId } from './deterministic.js';
import { demoIin } from './scenario.js';

describe('Demo determinism helpers', () => {
  it('derives the same UUIDv5 from the same name, and different ones from different names', () => {
    expect(demoId('unit:izendy')).toBe(demoId('unit:izendy'));
    expect(demoId('unit:izendy')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoId('unit:izendy')).not.toBe(demoId('unit:batyr'));
  });

  it('draws the same sequence from the same seed, and another from another seed', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 5 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(20_170_201)).toEqual(draw(20_170_201));
    expect(draw(20_170_201)).not.toEqual(draw(20_170_202));
    const rng = new Prng(1);
    for (let i = 0; i < 1000; i++) expect(rng.int(3, 5)).toBeGreaterThanOrEqual(3);
  });

  it('makes demo IINs with a valid control digit but an impossible birth month, distinct per serial', () => {
    const iins = Array.from({ length: 7500 }, (_, i) => demoIin(i + 1, 1940 + (i % 70), i % 2 === 0));
    for (const iin of iins) {
      expect(isValidIin(iin)).toBe(true);
      expect(Number(iin.slice(2, 4))).toBeGreaterThanOrEqual(13);
    }
    expect(new Set(iins).size).toBe(iins.length);
  });
});
