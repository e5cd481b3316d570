import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  CURRENCIES,
  type Currency,
  CurrencyMismatch,
  type FxRate,
  FxRateNotApplicable,
  FxRateRequired,
  InvalidAmount,
  InvalidFxRate,
  UnsupportedCurrency,
  accountedValue,
  addMoney,
  checkFx,
  compareMoney,
  convert,
  formatMajor,
  formatMoney,
  isCalendarDate,
  minorDigits,
  money,
  parseDecimal,
  parseMajor,
  parseMoney,
  percentOfFloor,
  percentage,
  roundHalfEven,
  subtractMoney,
  sumMoney,
  withinPercentage,
} from './money.js';

const eur = (minor: bigint) => money(minor, 'EUR');
const kzt = (minor: bigint) => money(minor, 'KZT');
const fx = (rate: string, base: Currency = 'EUR', quote: Currency = 'KZT'): FxRate => ({ rate, base, quote, source: 'NBK', rateDate: '2018-12-06' });

/** Floor division, as the reference the rounding rule is checked against. */
const floorDiv = (n: bigint, d: bigint) => {
  const q = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
};

/** Half-to-even rounding written differently from the implementation: from the floor and the remainder. */
const referenceRound = (num: bigint, den: bigint): bigint => {
  if (den < 0n) [num, den] = [-num, -den];
  const f = floorDiv(num, den);
  const rest = num - f * den; // 0 ≤ rest < den
  if (2n * rest < den) return f;
  if (2n * rest > den) return f + 1n;
  return f % 2n === 0n ? f : f + 1n;
};

const amounts = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n });
const currencies = fc.constantFrom(...CURRENCIES);
const rates = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.integer({ min: 0, max: 8 }))
  .map(([digits, decimals]) => {
    const text = digits.toString().padStart(decimals + 1, '0');
    return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  });

describe('Money', () => {
  describe('amounts', () => {
    it('adds, subtracts, sums and compares exactly in minor units', () => {
      expect(addMoney(eur(45000000n), eur(5000000n))).toEqual({ amountMinor: '50000000', currency: 'EUR' });
      expect(subtractMoney(eur(92841200n), eur(83257000n))).toEqual(eur(9584200n));
      expect(sumMoney('EUR', [eur(1n), eur(2n), eur(3n)])).toEqual(eur(6n));
      expect(sumMoney('KZT', [])).toEqual(kzt(0n));
      expect(compareMoney(eur(1n), eur(2n))).toBe(-1);
      expect(compareMoney(eur(2n), eur(2n))).toBe(0);
    });

    it('is exact beyond the range of a double', () => {
      const big = eur(9007199254740993n); // 2^53 + 1
      expect(addMoney(big, eur(1n)).amountMinor).toBe('9007199254740994');
    });

    it('refuses to mix currencies', () => {
      expect(() => addMoney(eur(1n), kzt(1n))).toThrow(CurrencyMismatch);
      expect(() => sumMoney('EUR', [eur(1n), kzt(1n)])).toThrow(CurrencyMismatch);
    });

    it('formats major units with the currency\'s digits', () => {
      expect(formatMajor(eur(92841200n))).toBe('928412.00');
      expect(formatMajor(eur(-5n))).toBe('-0.05');
      expect(formatMajor(money(5n, 'KWD'))).toBe('0.005');
      expect(formatMajor(money(1200n, 'JPY'))).toBe('1200');
      expect(formatMoney(eur(-100000n))).toBe('-1000.00 EUR');
    });

    it('parses major units exactly and refuses more decimals than the currency has', () => {
      expect(parseMajor('928412', 'EUR')).toEqual(eur(92841200n));
      expect(parseMajor('928412.5', 'EUR')).toEqual(eur(92841250n));
      expect(parseMajor('-0.01', 'KZT')).toEqual(kzt(-1n));
      expect(parseMajor('0.001', 'KWD')).toEqual(money(1n, 'KWD'));
      for (const bad of ['1.005', '1e3', '01', '', ' 1', '1,000.00', '0x10', '.5', '5.']) {
        expect(() => parseMajor(bad, 'EUR', 'total')).toThrow(InvalidAmount);
      }
      expect(() => parseMajor('1.5', 'JPY')).toThrow(InvalidAmount);
    });

    it('round-trips every amount through major units', () =>
      fc.assert(fc.property(amounts, currencies, (minor, currency) => {
        const m = money(minor, currency);
        expect(parseMajor(formatMajor(m), currency)).toEqual(m);
      })));

    it('validates money from commands: currency, canonical integer, sign', () => {
      expect(parseMoney({ amountMinor: '100', currency: 'KZT' }, 'amount')).toEqual(kzt(100n));
      expect(parseMoney({ amountMinor: '0', currency: 'EUR' }, 'cap', 'non-negative')).toEqual(eur(0n));
      const refused: Array<[string, string, 'positive' | 'non-negative' | 'any', string]> = [
        ['100', 'XXX', 'positive', 'amount.currency'],
        ['100', 'eur', 'positive', 'amount.currency'],
        ['1.5', 'EUR', 'any', 'amount.amountMinor'],
        ['007', 'EUR', 'any', 'amount.amountMinor'],
        ['-0', 'EUR', 'any', 'amount.amountMinor'],
        ['1e6', 'EUR', 'any', 'amount.amountMinor'],
        [' 1', 'EUR', 'any', 'amount.amountMinor'],
        ['1'.repeat(31), 'EUR', 'any', 'amount.amountMinor'],
        ['0', 'EUR', 'positive', 'amount.amountMinor'],
        ['-1', 'EUR', 'non-negative', 'amount.amountMinor'],
      ];
      for (const [amountMinor, currency, rule, path] of refused) {
        let error: unknown;
        try {
          parseMoney({ amountMinor, currency }, 'amount', rule);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(path.endsWith('currency') ? UnsupportedCurrency : InvalidAmount);
        expect((error as InvalidAmount).errors[0]?.path).toBe(path);
      }
    });

    it('strips unknown keys from validated money', () => {
      expect(parseMoney({ amountMinor: '5', currency: 'EUR', extra: 1 } as never, 'amount')).toStrictEqual({ amountMinor: '5', currency: 'EUR' });
    });
  });

  describe('decimals and rounding', () => {
    it('parses decimal strings into exact fractions', () => {
      expect(parseDecimal('412.35')).toEqual({ num: 41235n, den: 100n });
      expect(parseDecimal('90')).toEqual({ num: 90n, den: 1n });
      expect(parseDecimal('0.0024')).toEqual({ num: 24n, den: 10000n });
      for (const bad of ['-1', '1e3', '1.', '.1', '01.5', '', 'NaN', '4 12', '1'.repeat(40)]) expect(parseDecimal(bad)).toBeNull();
    });

    it('rounds half to even', () => {
      expect([5n, 15n, 25n, 35n, -5n, -15n, -25n].map((n) => roundHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 4n, 0n, -2n, -2n]);
      expect(roundHalfEven(14999n, 10000n)).toBe(1n);
      expect(roundHalfEven(15001n, 10000n)).toBe(2n);
      expect(roundHalfEven(-15001n, 10000n)).toBe(-2n);
      expect(roundHalfEven(7n, -2n)).toBe(-4n);
      expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
    });

    it('rounds to the nearest integer, ties to the even one, for any fraction', () =>
      fc.assert(fc.property(amounts, fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.boolean(), (num, d, negativeDen) => {
        const den = negativeDen ? -d : d;
        const r = roundHalfEven(num, den);
        expect(r).toBe(referenceRound(num, den));
        const error = (r * den - num) * (den < 0n ? -1n : 1n); // r − num/den, scaled by |den|
        const abs = d;
        expect(2n * (error < 0n ? -error : error) <= abs).toBe(true);
        if (2n * (error < 0n ? -error : error) === abs) expect(r % 2n).toBe(0n);
      })));
  });

  describe('conversion with a recorded rate', () => {
    it('converts KZT to EUR and back at an NBK rate, rounding once, half to even', () => {
      // 1,000,000.00 KZT / 412.35 = 2425.1242… EUR
      expect(convert(kzt(100000000n), 'EUR', fx('412.35'))).toEqual(eur(242512n));
      expect(convert(eur(242512n), 'KZT', fx('412.35'))).toEqual(kzt(99999823n));
      // 0.01 EUR × 412.35 = 4.1235 KZT → 4.12
      expect(convert(eur(1n), 'KZT', fx('412.35'))).toEqual(kzt(412n));
      // exact ties: 0.05 EUR × 0.5 = 0.025 → 0.02; 0.15 × 0.5 = 0.075 → 0.08
      expect(convert(eur(5n), 'USD', fx('0.5', 'EUR', 'USD'))).toEqual(money(2n, 'USD'));
      expect(convert(eur(15n), 'USD', fx('0.5', 'EUR', 'USD'))).toEqual(money(8n, 'USD'));
    });

    it('respects the minor units of both currencies', () => {
      expect(convert(money(1000n, 'JPY'), 'EUR', fx('160', 'EUR', 'JPY'))).toEqual(eur(625n)); // 1000 / 160 = 6.25
      expect(convert(eur(100n), 'KWD', fx('0.333', 'EUR', 'KWD'))).toEqual(money(333n, 'KWD'));
      expect(convert(money(1n, 'KWD'), 'JPY', fx('490.5', 'KWD', 'JPY'))).toEqual(money(0n, 'JPY')); // 0.4905 → 0
    });

    it('returns an amount already in the target currency unchanged and accounts an amount without a rate in its own currency', () => {
      expect(convert(eur(7n), 'EUR')).toEqual(eur(7n));
      expect(accountedValue(kzt(7n))).toEqual(kzt(7n));
      expect(accountedValue(kzt(100000000n), fx('412.35'))).toEqual(eur(242512n));
    });

    it('refuses a conversion without a rate or with a rate of other currencies', () => {
      expect(() => convert(kzt(1n), 'EUR')).toThrow(FxRateRequired);
      expect(() => convert(kzt(1n), 'EUR', fx('1.1', 'USD', 'EUR'))).toThrow(InvalidFxRate);
      expect(() => convert(kzt(1n), 'EUR', fx('0'))).toThrow(InvalidFxRate);
    });

    it('is within half a minor unit of the exact value for any amount, currencies and rate', () =>
      fc.assert(fc.property(amounts, currencies, currencies, rates, fc.boolean(), (minor, from, to, rate, forward) => {
        fc.pre(from !== to);
        const record = forward ? fx(rate, from, to) : fx(rate, to, from);
        const r = parseDecimal(rate)!;
        const result = BigInt(convert(money(minor, from), to, record).amountMinor);
        // exact value in target minor units = minor × 10^dt / 10^df × rate^(±1)
        const [num, den] = forward
          ? [minor * r.num * 10n ** BigInt(minorDigits(to)), r.den * 10n ** BigInt(minorDigits(from))]
          : [minor * r.den * 10n ** BigInt(minorDigits(to)), r.num * 10n ** BigInt(minorDigits(from))];
        expect(result).toBe(referenceRound(num, den));
        const error = result * den - num;
        expect(2n * (error < 0n ? -error : error) <= den).toBe(true);
      })));

    it('checks the rate a command sends with an amount', () => {
      expect(checkFx(eur(1n), undefined, 'EUR')).toBeUndefined();
      expect(checkFx(kzt(1n), { ...fx('412.35'), extra: true } as FxRate, 'EUR')).toStrictEqual(fx('412.35'));
      expect(checkFx(kzt(1n), fx('0.0024', 'KZT', 'EUR'), 'EUR')).toEqual(fx('0.0024', 'KZT', 'EUR'));
      expect(() => checkFx(eur(1n), fx('412.35'), 'EUR')).toThrow(FxRateNotApplicable);
      expect(() => checkFx(kzt(1n), undefined, 'EUR')).toThrow(FxRateRequired);
      const bad = { rate: '-412', base: 'USD', quote: 'KZT', source: 'bank', rateDate: '2018-02-30' } as unknown as FxRate;
      let error: InvalidFxRate | undefined;
      try {
        checkFx(kzt(1n), bad, 'EUR', 'fx');
      } catch (e) {
        error = e as InvalidFxRate;
      }
      expect(error).toBeInstanceOf(InvalidFxRate);
      expect(error!.code).toBe('invalid-fx-rate');
      expect(error!.errors.map((e) => e.path)).toEqual(['fx.rate', 'fx.base', 'fx.source', 'fx.rateDate']);
    });
  });

  describe('shares', () => {
    it('computes the seed\'s shares from the amounts (DOMAIN.md 1.7, 6.2)', () => {
      expect(percentage(83257000n, 92841200n)).toBe('89.68');
      expect(percentage(9584200n, 92841200n)).toBe('10.32');
      expect(percentage(45000000n, 50000000n)).toBe('90.00');
      expect(percentage(38257000n, 42841200n)).toBe('89.30');
      expect(percentage(1n, 3n, 4)).toBe('33.3333');
      expect(percentage(1n, 0n)).toBeNull();
      expect(percentage(1n, 8n, 1)).toBe('12.5');
      expect(percentage(1n, 16n, 1)).toBe('6.2'); // 6.25 → 6.2 (half to even)
    });

    it('is within half of its last digit of the exact share', () =>
      fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), (part, whole) => {
        const text = percentage(part, whole)!;
        const hundredths = BigInt(text.replace('.', ''));
        const error = hundredths * whole - part * 10000n;
        expect(2n * (error < 0n ? -error : error) <= whole).toBe(true);
      })));

    it('checks a maximum share exactly and names the largest amount within it', () => {
      const ninety = parseDecimal('90')!;
      expect(withinPercentage(45000000n, 50000000n, ninety)).toBe(true);
      expect(withinPercentage(45000001n, 50000000n, ninety)).toBe(false);
      expect(percentOfFloor(50000001n, ninety)).toBe(45000000n);
      fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), rates, (whole, pct) => {
        const p = parseDecimal(pct)!;
        const max = percentOfFloor(whole, p);
        expect(withinPercentage(max, whole, p)).toBe(true);
        expect(withinPercentage(max + 1n, whole, p)).toBe(false);
      }));
    });
  });

  it('recognises calendar dates', () => {
    expect(['2019-01-31', '2020-02-29', '2000-02-29'].every(isCalendarDate)).toBe(true);
    expect(['2019-02-29', '1900-02-29', '2019-13-01', '2019-1-1', '01.01.2019', '2019-04-31', ''].some(isCalendarDate)).toBe(false);
  });
});
