import { type Result, ok, err } from './result.js';
import { PLAIN_DECIMAL } from './decimal.js';
import { type CurrencyCode, getCurrency } from './currency.js';

// Money is an integer count of minor units (cents, centavos) plus a
// currency; a float never holds an amount.
export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

export type AmountError = {
  readonly reason: 'type' | 'format' | 'negative' | 'too_many_decimals' | 'zero' | 'too_large';
  readonly message: string;
};

export interface ParseAmountOptions {
  /** Decimals allowed on the wire: the currency's exponent. */
  readonly exponent: number;
  readonly allowZero?: boolean;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function checkExponent(exponent: number): void {
  if (!Number.isSafeInteger(exponent) || exponent < 0 || exponent > 20) {
    throw new RangeError(`bad exponent ${exponent}`);
  }
}

/**
 * Parses an amount as sent by a client ("10.50" or 10.5) into minor units.
 * Strict on purpose: a number is read through String(n), its shortest
 * round-trip text, so 0.1 + 0.2 (0.30000000000000004) is refused instead of
 * silently rounded, and 1e21 ("1e+21") is refused as a format error.
 */
export function parseAmount(input: unknown, opts: ParseAmountOptions): Result<number, AmountError> {
  const { exponent, allowZero = false } = opts;
  checkExponent(exponent);
  let s: string;
  if (typeof input === 'string') {
    s = input;
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return err({ reason: 'format', message: 'amount must be finite' });
    s = String(input);
  } else {
    return err({ reason: 'type', message: 'amount must be a number or a string' });
  }
  const m = PLAIN_DECIMAL.exec(s);
  if (!m) {
    if (s.startsWith('-') && PLAIN_DECIMAL.test(s.slice(1))) {
      return err({ reason: 'negative', message: 'amount must not be negative' });
    }
    return err({ reason: 'format', message: `amount is not a plain decimal: ${JSON.stringify(s).slice(0, 40)}` });
  }
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  if (frac.length > exponent) {
    return err({
      reason: 'too_many_decimals',
      message: `amount allows ${exponent} decimal${exponent === 1 ? '' : 's'}, got ${frac.length}`,
    });
  }
  // 2^53 - 1 has 16 digits: a longer integer part cannot fit, and checking
  // first keeps a megabyte of digits from becoming a bigint.
  const minor = int.length > 16 ? MAX_SAFE + 1n : BigInt(int + frac.padEnd(exponent, '0'));
  if (minor > MAX_SAFE) return err({ reason: 'too_large', message: 'amount is too large' });
  if (minor === 0n && !allowZero) return err({ reason: 'zero', message: 'amount must be greater than zero' });
  return ok(Number(minor));
}

/** parseAmount with the exponent of a known currency. */
export function parseAmountIn(
  input: unknown,
  currency: CurrencyCode,
  opts: { allowZero?: boolean } = {},
): Result<number, AmountError> {
  const c = getCurrency(currency);
  if (!c) throw new RangeError(`unknown currency ${currency}`);
  return parseAmount(input, { exponent: c.exponent, ...opts });
}

/** 5000, 2 -> "50.00"; 5000, 0 -> "5000"; -5, 2 -> "-0.05". */
export function formatAmount(minor: number, exponent: number): string {
  checkExponent(exponent);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a safe integer: ${minor}`);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const int = digits.slice(0, digits.length - exponent);
  const body = exponent === 0 ? int : `${int}.${digits.slice(digits.length - exponent)}`;
  return minor < 0 ? `-${body}` : body;
}

export const isMinorAmount = (n: unknown): n is number => Number.isSafeInteger(n);

/**
 * Sums minor amounts. Each one fitting does not make the total fit, and the
 * inputs come from clients, so overflow is a refusal rather than a throw.
 */
export function sumAmounts(amounts: readonly number[]): Result<number, AmountError> {
  let total = 0n;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not a safe integer: ${a}`);
    total += BigInt(a);
  }
  if (total > MAX_SAFE || total < -MAX_SAFE) return err({ reason: 'too_large', message: 'sum is too large' });
  return ok(Number(total));
}
