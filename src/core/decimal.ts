import { type Result, ok, err } from './result.js';

// Exact decimals for currency conversion (Depay FX). value = coef / 10^scale.
// All arithmetic is on bigint: a float anywhere would make a converted
// amount depend on binary rounding instead of on the stated rate.
export interface Decimal {
  readonly coef: bigint;
  readonly scale: number;
}

/**
 * 'half_up' rounds ties away from zero (the commercial rule), 'half_even'
 * rounds ties to the even neighbour (banker's), 'down' truncates toward zero.
 */
export type RoundingMode = 'half_up' | 'half_even' | 'down';

export type DecimalError = {
  readonly reason: 'type' | 'format' | 'negative' | 'too_long' | 'too_large';
  readonly message: string;
};

/**
 * The wire grammar shared with amounts: no sign, no exponent, no leading
 * zeros ("007", "00.5" are ambiguous), and a "." only between digits.
 * Group 1 is the integer part, group 2 the fraction digits.
 */
export const PLAIN_DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

// Rates and amounts are a few dozen characters at most; the cap keeps a
// hostile input from turning into a huge bigint.
const MAX_INPUT_LENGTH = 100;

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

function checkScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new RangeError(`scale must be a non-negative integer, got ${scale}`);
  }
}

export function decimal(coef: bigint, scale: number): Decimal {
  checkScale(scale);
  return Object.freeze({ coef, scale });
}

export const ZERO: Decimal = decimal(0n, 0);

export function parseDecimal(input: unknown): Result<Decimal, DecimalError> {
  let s: string;
  if (typeof input === 'string') s = input;
  else if (typeof input === 'number' && Number.isFinite(input)) s = String(input);
  else return err({ reason: 'type', message: 'expected a decimal string or number' });
  if (s.length > MAX_INPUT_LENGTH) {
    return err({ reason: 'too_long', message: `longer than ${MAX_INPUT_LENGTH} characters` });
  }
  const m = PLAIN_DECIMAL.exec(s);
  if (!m) {
    if (s.startsWith('-') && PLAIN_DECIMAL.test(s.slice(1))) {
      return err({ reason: 'negative', message: 'must not be negative' });
    }
    return err({ reason: 'format', message: `not a plain decimal: ${JSON.stringify(s)}` });
  }
  const frac = m[2] ?? '';
  return ok(decimal(BigInt((m[1] ?? '') + frac), frac.length));
}

export function fromMinor(minor: number, exponent: number): Decimal {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a safe integer: ${minor}`);
  return decimal(BigInt(minor), exponent);
}

/** Rounds num/den (den > 0) to an integer. */
function roundQuotient(num: bigint, den: bigint, mode: RoundingMode): bigint {
  const neg = num < 0n;
  const n = neg ? -num : num;
  let q = n / den;
  const twice = (n % den) * 2n;
  switch (mode) {
    case 'down':
      break;
    case 'half_up':
      if (twice >= den) q += 1n;
      break;
    case 'half_even':
      if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
      break;
    default:
      throw new RangeError(`unknown rounding mode ${String(mode)}`);
  }
  return neg ? -q : q;
}

/** Exact when scale >= d.scale (pads with zeros); otherwise rounds. */
export function round(d: Decimal, scale: number, mode: RoundingMode): Decimal {
  checkScale(scale);
  if (scale >= d.scale) return decimal(d.coef * pow10(scale - d.scale), scale);
  return decimal(roundQuotient(d.coef, pow10(d.scale - scale), mode), scale);
}

export function toMinor(d: Decimal, exponent: number, mode: RoundingMode): Result<number, DecimalError> {
  const c = round(d, exponent, mode).coef;
  if (c > BigInt(Number.MAX_SAFE_INTEGER) || c < BigInt(Number.MIN_SAFE_INTEGER)) {
    return err({ reason: 'too_large', message: 'amount exceeds the safe integer range' });
  }
  return ok(Number(c));
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return decimal(a.coef * b.coef, a.scale + b.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.scale, b.scale);
  return decimal(round(a, s, 'down').coef + round(b, s, 'down').coef, s);
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return add(a, decimal(-b.coef, b.scale));
}

/** a / b to `scale` decimals. Dividing by zero is a bug: check isZero first. */
export function div(a: Decimal, b: Decimal, scale: number, mode: RoundingMode): Decimal {
  checkScale(scale);
  if (b.coef === 0n) throw new RangeError('division by zero');
  // a/b * 10^scale = (a.coef * 10^(scale + b.scale)) / (b.coef * 10^a.scale)
  let num = a.coef * pow10(scale + b.scale);
  let den = b.coef * pow10(a.scale);
  if (den < 0n) [num, den] = [-num, -den];
  return decimal(roundQuotient(num, den, mode), scale);
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const x = round(a, s, 'down').coef;
  const y = round(b, s, 'down').coef;
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (d: Decimal): boolean => d.coef === 0n;
export const isNegative = (d: Decimal): boolean => d.coef < 0n;

/** Drops trailing fractional zeros: 1.500 -> 1.5, 2.00 -> 2. */
export function normalize(d: Decimal): Decimal {
  let { coef, scale } = d;
  while (scale > 0 && coef % TEN === 0n) {
    coef /= TEN;
    scale -= 1;
  }
  return decimal(coef, scale);
}

/** Plain notation, never an exponent; exactly `scale` decimals. */
export function toString(d: Decimal): string {
  const neg = d.coef < 0n;
  const digits = (neg ? -d.coef : d.coef).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const body = d.scale === 0 ? int : `${int}.${digits.slice(digits.length - d.scale)}`;
  return neg ? `-${body}` : body;
}

export const toFixed = (d: Decimal, scale: number, mode: RoundingMode): string =>
  toString(round(d, scale, mode));

/**
 * Only for emitting a JSON number literal (APIs that print rates as numbers).
 * Refuses anything a double cannot carry exactly as text: more than 15
 * significant digits (DBL_DIG) or a value that JS would print with an
 * exponent. Throws because the caller chose the scale; never do math on it.
 */
export function toNumberForJson(d: Decimal): number {
  const n = normalize(d);
  const text = toString(n);
  const significant = (n.coef < 0n ? -n.coef : n.coef).toString().replace(/0+$/, '').length;
  const value = Number(text);
  if (significant > 15 || String(value) !== text) {
    throw new RangeError(`${text} does not survive as a JSON number`);
  }
  return value;
}

/**
 * The double nearest to `d`, for APIs that print a computed float at full
 * precision (Depay prints user_amount 2883.9085042893075). Display only: the
 * value is never read back or computed with.
 */
export function toNearestDouble(d: Decimal): number {
  return Number(toString(d));
}

/**
 * Converts minor units of one currency into another through `rate`
 * (units of target per unit of source), rounding once at the end.
 */
export function convertMinor(
  minor: number,
  fromExponent: number,
  rate: Decimal,
  toExponent: number,
  mode: RoundingMode,
): Result<number, DecimalError> {
  return toMinor(mul(fromMinor(minor, fromExponent), rate), toExponent, mode);
}
