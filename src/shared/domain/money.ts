import { type FieldError, ValidationError } from './errors.js';

/**
 * Exact money. An amount is an integer number of minor units (cents, tiyn) held as a bigint while computing and as a
 * decimal string in messages and documents, always with its ISO 4217 currency. No floating point anywhere: rates
 * and percentages are decimal strings turned into fractions of bigints, and every rounding is explicit (half to even,
 * to the minor unit of the result).
 */

/** The ISO 4217 currencies the ledger accepts, with the number of digits of their minor unit. */
export const CURRENCY_MINOR_DIGITS = {
  EUR: 2,
  KZT: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  BGN: 2,
  RUB: 2,
  KGS: 2,
  UZS: 2,
  CNY: 2,
  TRY: 2,
  SEK: 2,
  PLN: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  BHD: 3,
} as const satisfies Record<string, number>;

export type Currency = keyof typeof CURRENCY_MINOR_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_MINOR_DIGITS) as Currency[];

/** An exact amount: integer minor units as a canonical decimal string (`"-12"`, `"0"`, `"92841200"`), and its currency. */
export type Money = { readonly amountMinor: string; readonly currency: Currency };

/** Where a recorded exchange rate comes from: the National Bank of Kazakhstan, the EC's InforEuro, or the contract. */
export const FX_SOURCES = ['NBK', 'InforEuro', 'contract'] as const;
export type FxSource = (typeof FX_SOURCES)[number];

/**
 * An exchange rate as recorded with a transaction: one unit of `base` is worth `rate` units of `quote` (a decimal
 * string, e.g. base EUR, quote KZT, rate "412.35"), as published by `source` for `rateDate` (YYYY-MM-DD).
 */
export type FxRate = {
  readonly rate: string;
  readonly base: Currency;
  readonly quote: Currency;
  readonly source: FxSource;
  readonly rateDate: string;
};

/** A non-negative fraction of bigints (`den` > 0): a parsed decimal string. */
export type Ratio = { readonly num: bigint; readonly den: bigint };

const INTEGER = /^-?(0|[1-9]\d*)$/;
const DECIMAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest amount or decimal accepted, in digits: far beyond any budget, short enough to keep arithmetic cheap. */
const MAX_DIGITS = 30;

// ---------------------------------------------------------------------------------------------------------------
// Refusals

export class InvalidAmount extends ValidationError {
  constructor(readonly path: string, readonly value: string, requirement: string) {
    super('invalid-amount', 'Invalid amount',
      `${path} must be ${requirement}, written as a whole number of minor units (e.g. "45000000" for 450,000.00 EUR); got ${JSON.stringify(value)}.`,
      [{ path, message: `must be ${requirement} in minor units` }]);
  }
}

export class UnsupportedCurrency extends ValidationError {
  constructor(readonly path: string, readonly value: string) {
    super('unsupported-currency', 'Unsupported currency',
      `${path} must be an ISO 4217 currency code the ledger supports (${CURRENCIES.join(', ')}); got ${JSON.stringify(value)}.`,
      [{ path, message: 'must be a supported ISO 4217 currency code' }]);
  }
}

export class CurrencyMismatch extends ValidationError {
  constructor(readonly path: string, readonly expected: Currency, readonly actual: string) {
    super('currency-mismatch', 'Currency does not match',
      `${path} must be in ${expected}; got ${actual}. Convert the amount, or record it where ${actual} is expected.`,
      [{ path, message: `must be ${expected}` }]);
  }
}

/** A transaction in another currency than the one it is accounted in came without its exchange rate. */
export class FxRateRequired extends ValidationError {
  constructor(readonly path: string, readonly from: Currency, readonly to: Currency) {
    super('fx-rate-required', 'Exchange rate required',
      `The amount is in ${from} but is accounted in ${to}: send ${path} with the rate between ${from} and ${to}, its source and its date.`,
      [{ path, message: `is required for a ${from} amount accounted in ${to}` }]);
  }
}

/** An exchange rate was sent with an amount that needs none. */
export class FxRateNotApplicable extends ValidationError {
  constructor(readonly path: string, readonly currency: Currency) {
    super('fx-rate-not-applicable', 'Exchange rate not applicable',
      `The amount is already in ${currency}, the currency it is accounted in: leave out ${path}.`,
      [{ path, message: `must be absent for an amount in ${currency}` }]);
  }
}

export class InvalidFxRate extends ValidationError {
  constructor(errors: FieldError[]) {
    super('invalid-fx-rate', 'Invalid exchange rate',
      `The exchange rate is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      errors);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

export const isCurrency = (value: unknown): value is Currency => typeof value === 'string' && Object.hasOwn(CURRENCY_MINOR_DIGITS, value);

/** Digits of the currency's minor unit: 2 for EUR and KZT, 0 for JPY, 3 for KWD. */
export const minorDigits = (currency: Currency): number => CURRENCY_MINOR_DIGITS[currency];

/** Money from a bigint amount of minor units. */
export const money = (amountMinor: bigint, currency: Currency): Money => ({ amountMinor: amountMinor.toString(), currency });

export const zero = (currency: Currency): Money => money(0n, currency);

/** The amount in minor units. Throws InvalidAmount when `amountMinor` is not a canonical integer string. */
export const minorOf = (m: Money, path = 'amountMinor'): bigint => parseAmountMinor(m.amountMinor, path);

/** Parses a canonical integer string (no sign for zero, no leading zeros, no exponent, at most 30 digits). */
export const parseAmountMinor = (text: string, path: string): bigint => {
  if (typeof text !== 'string' || !INTEGER.test(text) || text.replace('-', '').length > MAX_DIGITS || text === '-0') {
    throw new InvalidAmount(path, String(text), 'an integer of at most 30 digits');
  }
  return BigInt(text);
};

export type AmountRule = 'positive' | 'non-negative' | 'any';

/**
 * Validates a money value that came in a command: a supported currency, a canonical integer amount and the sign
 * `rule` asks for. Returns it as a clean Money (no other keys). Field paths are `<path>.amountMinor` and
 * `<path>.currency`.
 */
export const parseMoney = (value: { readonly amountMinor: string; readonly currency: string }, path: string, rule: AmountRule = 'positive'): Money => {
  if (!isCurrency(value.currency)) throw new UnsupportedCurrency(`${path}.currency`, String(value.currency));
  const amount = parseAmountMinor(value.amountMinor, `${path}.amountMinor`);
  if (rule === 'positive' && amount <= 0n) throw new InvalidAmount(`${path}.amountMinor`, value.amountMinor, 'greater than zero');
  if (rule === 'non-negative' && amount < 0n) throw new InvalidAmount(`${path}.amountMinor`, value.amountMinor, 'zero or more');
  return money(amount, value.currency);
};

/** Checks that `m` is in `expected`, naming `path` (e.g. `lines[2].amount.currency`) when it is not. */
export const requireCurrency = (m: Money, expected: Currency, path: string): Money => {
  if (m.currency !== expected) throw new CurrencyMismatch(path, expected, m.currency);
  return m;
};

const same = (a: Money, b: Money): Currency => {
  if (a.currency !== b.currency) throw new CurrencyMismatch('currency', a.currency, b.currency);
  return a.currency;
};

export const addMoney = (a: Money, b: Money): Money => money(minorOf(a) + minorOf(b), same(a, b));

export const subtractMoney = (a: Money, b: Money): Money => money(minorOf(a) - minorOf(b), same(a, b));

/** The exact sum of amounts, all in `currency` (zero for none). */
export const sumMoney = (currency: Currency, amounts: readonly Money[]): Money =>
  money(amounts.reduce((s, m) => s + minorOf(requireCurrency(m, currency, 'currency')), 0n), currency);

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (same currency). */
export const compareMoney = (a: Money, b: Money): -1 | 0 | 1 => {
  same(a, b);
  const d = minorOf(a) - minorOf(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/** The amount in major units as an exact decimal string: `92841200` EUR → `"928412.00"`, `-5` KWD → `"-0.005"`. */
export const formatMajor = (m: Money): string => scaled(minorOf(m), minorDigits(m.currency));

/** `"928412.00 EUR"`: for messages. */
export const formatMoney = (m: Money): string => `${formatMajor(m)} ${m.currency}`;

/**
 * Parses an amount in major units (`"928412"`, `"928412.5"`, `"-0.01"`) into exact minor units. More decimals than the
 * currency has are refused, never rounded.
 */
export const parseMajor = (text: string, currency: Currency, path = 'amount'): Money => {
  const m = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/.exec(text);
  const digits = minorDigits(currency);
  if (!m || (m[3]?.length ?? 0) > digits || m[2]!.length + digits > MAX_DIGITS) {
    throw new InvalidAmount(path, text, `a decimal number with at most ${digits} decimal(s) for ${currency}`);
  }
  const minor = BigInt(m[2]! + (m[3] ?? '').padEnd(digits, '0'));
  return money(m[1] === '-' ? -minor : minor, currency);
};

// ---------------------------------------------------------------------------------------------------------------
// Decimals, rounding and conversion

/** Parses a non-negative decimal string (`"412.35"`, `"90"`, `"0.0024"`; no sign, exponent or spaces), or null. */
export const parseDecimal = (text: string): Ratio | null => {
  if (typeof text !== 'string' || text.length > MAX_DIGITS + 1) return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const fraction = m[2] ?? '';
  return { num: BigInt(m[1]! + fraction), den: 10n ** BigInt(fraction.length) };
};

/**
 * `num / den` rounded to an integer, half to even (banker's rounding): the nearest integer, and of two equally near
 * ones the even one. 2.5 → 2, 3.5 → 4, -2.5 → -2. It has no upward bias, so sums of many rounded values drift
 * least. `den` must not be zero.
 */
export const roundHalfEven = (num: bigint, den: bigint): bigint => {
  if (den === 0n) throw new RangeError('roundHalfEven: division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  const q = num / den; // truncated towards zero
  const r = num % den; // same sign as num
  const twice = 2n * (r < 0n ? -r : r);
  const away = num < 0n ? q - 1n : q + 1n;
  if (twice < den) return q;
  if (twice > den) return away;
  return q % 2n === 0n ? q : away;
};

/** The currency an amount is accounted in under its rate: the other side of the pair, or its own without one. */
export const counterCurrency = (amount: Money, fx?: FxRate | null): Currency => {
  if (!fx) return amount.currency;
  if (fx.base === amount.currency) return fx.quote;
  if (fx.quote === amount.currency) return fx.base;
  throw new InvalidFxRate([{ path: 'fx', message: `does not relate ${amount.currency} to another currency` }]);
};

/**
 * Converts `amount` into `target` with the recorded rate. The exact value is the amount in major units times the
 * rate (base → quote) or divided by it (quote → base); it is computed as one fraction of bigints and rounded once, half
 * to even, to the minor unit of `target`. An amount already in `target` is returned as it is.
 *
 * Example: 1,000,000.00 KZT (100000000 tiyn) at 1 EUR = 412.35 KZT is 1000000 / 412.35 = 2425.1242… EUR, which
 * is 242512 cents.
 */
export const convert = (amount: Money, target: Currency, fx?: FxRate | null): Money => {
  if (amount.currency === target) return amount;
  if (!fx) throw new FxRateRequired('fx', amount.currency, target);
  const rate = parseDecimal(fx.rate);
  if (!rate || rate.num === 0n) throw new InvalidFxRate([{ path: 'fx.rate', message: 'must be a positive decimal number' }]);
  const forward = fx.base === amount.currency && fx.quote === target;
  const backward = fx.quote === amount.currency && fx.base === target;
  if (!forward && !backward) throw new InvalidFxRate([{ path: 'fx', message: `must be a rate between ${amount.currency} and ${target}` }]);
  const shift = 10n ** BigInt(minorDigits(target));
  const unshift = 10n ** BigInt(minorDigits(amount.currency));
  const minor = minorOf(amount);
  const [num, den] = forward ? [minor * rate.num * shift, rate.den * unshift] : [minor * rate.den * shift, rate.num * unshift];
  return money(roundHalfEven(num, den), target);
};

/** The amount in the currency it is accounted in: converted with its rate, or itself when it has none. */
export const accountedValue = (amount: Money, fx?: FxRate | null): Money => convert(amount, counterCurrency(amount, fx), fx);

/**
 * Validates the rate that comes with `amount` when it is accounted in `target`: absent when the currencies are the
 * same; otherwise present, relating exactly the two currencies (either way round), with a positive decimal rate, a
 * known source and a calendar date. Returns the rate without any other keys, or undefined.
 */
export const checkFx = (amount: Money, fx: FxRate | null | undefined, target: Currency, path = 'fx'): FxRate | undefined => {
  if (amount.currency === target) {
    if (fx) throw new FxRateNotApplicable(path, target);
    return undefined;
  }
  if (!fx) throw new FxRateRequired(path, amount.currency, target);
  const errors: FieldError[] = [];
  const rate = parseDecimal(fx.rate);
  if (!rate || rate.num === 0n) errors.push({ path: `${path}.rate`, message: 'must be a positive decimal number such as "412.35"' });
  const pair = [fx.base, fx.quote].sort().join('/');
  if (pair !== [amount.currency, target].sort().join('/')) {
    errors.push({ path: `${path}.base`, message: `base and quote must be ${amount.currency} and ${target} (either way round)` });
  }
  if (!(FX_SOURCES as readonly string[]).includes(fx.source)) errors.push({ path: `${path}.source`, message: `must be one of ${FX_SOURCES.join(', ')}` });
  if (!isCalendarDate(fx.rateDate)) errors.push({ path: `${path}.rateDate`, message: 'must be a calendar date YYYY-MM-DD' });
  if (errors.length > 0) throw new InvalidFxRate(errors);
  return { rate: fx.rate, base: fx.base, quote: fx.quote, source: fx.source, rateDate: fx.rateDate };
};

// ---------------------------------------------------------------------------------------------------------------
// Shares

/**
 * `part / whole` as a percentage with `decimals` decimals, rounded half to even, as an exact decimal string:
 * `percentage(83257000n, 92841200n)` is `"89.68"`. Null when `whole` is zero.
 */
export const percentage = (part: bigint, whole: bigint, decimals = 2): string | null => {
  if (whole === 0n) return null;
  return scaled(roundHalfEven(part * 100n * 10n ** BigInt(decimals), whole), decimals);
};

/** Whether `part` is at most `pct` percent of `whole`, exactly (`pct` from parseDecimal, e.g. "90" or "95.5"). */
export const withinPercentage = (part: bigint, whole: bigint, pct: Ratio): boolean => part * 100n * pct.den <= whole * pct.num;

/** The largest whole number of minor units that is at most `pct` percent of `whole` (rounded down). */
export const percentOfFloor = (whole: bigint, pct: Ratio): bigint => {
  const num = whole * pct.num;
  const den = 100n * pct.den;
  const q = num / den;
  return num < 0n && q * den !== num ? q - 1n : q;
};

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** Whether `value` is a calendar date written YYYY-MM-DD (2019-02-29 is not one). Such dates compare as strings. */
export const isCalendarDate = (value: string): boolean => {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days;
};

/** An integer count of 10^-digits units as a decimal string: (92841200, 2) → "928412.00". */
const scaled = (value: bigint, digits: number): string => {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
};
