import { describe, expect, it } from '@jest/globals';
import { isValidIin, withControlDigit } from './iin.js';

// Known answers computed by hand from the rule (weights 1…11 mod 11; on 10, weights 3…11, 1, 2; on 10 again: never issued).
describe('IIN control digit', () => {
  it('accepts the control digit of the first weights', () => {
    // 9·1 + 0·2 + 0·3 + 1·4 + 0·5 + 1·6 + 3·7 + 0·8 + 0·9 + 1·10 + 2·11 = 72 ≡ 6 (mod 11)
    expect(isValidIin('900101300126')).toBe(true);
    expect(isValidIin('900101300127')).toBe(false);
  });

  it('uses the second weights when the first give 10', () => {
    // first: 1·10 = 10 → second: 1·1 = 1
    expect(isValidIin('000000000101')).toBe(true);
    expect(isValidIin('000000000100')).toBe(false);
  });

  it('refuses numbers for which both weightings give 10', () => {
    // 6·1 + 5·3 = 21 ≡ 10 and 6·3 + 5·5 = 43 ≡ 10
    expect(withControlDigit('60500000000')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidIin(`60500000000${d}`)).toBe(false);
  });

  it('refuses anything but 12 digits', () => {
    for (const bad of ['90010130012', '9001013001266', '90010130012a', ' 900101300126', '']) expect(isValidIin(bad)).toBe(false);
  });

  it('completes 11 digits with their control digit', () => {
    expect(withControlDigit('90010130012')).toBe('900101300126');
  });
});
