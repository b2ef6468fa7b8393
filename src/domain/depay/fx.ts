import { getCurrency, type CurrencyCode } from '../../core/currency.js';
import { formatAmount } from '../../core/money.js';
import { div, fromMinor, mul, normalize, parseDecimal, toMinor, toString, type Decimal } from '../../core/decimal.js';
import { err, ok, type Result } from '../../core/result.js';
import type { RateTable } from '../../config/depay-rates.js';

/**
 * Currency conversion, all on exact decimals (src/core/decimal.ts). Rates are
 * units per 1 USD; a conversion multiplies by the target's rate and divides by
 * the source's in one exact fraction, rounding once at the end.
 */
export interface LockedRate {
  localCurrency: CurrencyCode;
  userCurrency: CurrencyCode;
  /** Units per 1 USD, as they were when the QR was created (reference §6: locked for the QR's life, reused for refunds). */
  localPerUsd: string;
  userPerUsd: string;
}

const dec = (s: string): Decimal => {
  const d = parseDecimal(s);
  if (!d.ok) throw new Error(`bad stored rate ${s}`);
  return d.value;
};
const exponent = (c: CurrencyCode): number => getCurrency(c)!.exponent;

/** Minor units as the decimal string of their currency ("2883.91", "5000"). */
export const formatIn = (minor: number, currency: string): string => formatAmount(minor, getCurrency(currency)?.exponent ?? 2);

/** The rate an order locked at creation (its stored columns). */
export function lockedOf(o: { local_currency: string; user_currency: string; local_per_usd: string; user_per_usd: string }): LockedRate {
  return { localCurrency: o.local_currency as CurrencyCode, userCurrency: o.user_currency as CurrencyCode, localPerUsd: o.local_per_usd, userPerUsd: o.user_per_usd };
}

export function lockRate(rates: RateTable, localCurrency: CurrencyCode, userCurrency: CurrencyCode): LockedRate {
  return { localCurrency, userCurrency, localPerUsd: rates[localCurrency], userPerUsd: rates[userCurrency] };
}

/** minor units of `from` → minor units of `to`, half-up to `to`'s minor unit. */
function convert(minor: number, fromExp: number, fromPerUsd: Decimal, toPerUsd: Decimal, toExp: number): Result<number, 'too_large'> {
  const exact = div(mul(fromMinor(minor, fromExp), toPerUsd), fromPerUsd, toExp, 'half_up');
  const r = toMinor(exact, toExp, 'half_up');
  return r.ok ? ok(r.value) : err('too_large');
}

/** What the payer pays for `localMinor`: user_amount, rounded half-up to the user currency's minor unit. */
export function toUser(localMinor: number, r: LockedRate): Result<number, 'too_large'> {
  return convert(localMinor, exponent(r.localCurrency), dec(r.localPerUsd), dec(r.userPerUsd), exponent(r.userCurrency));
}

/**
 * user_amount as Depay prints it: the conversion unrounded (the seed's
 * 2883.9085042893075 for 10 BRL), as an exact decimal string to 20 places.
 * What the payer pays is toUser's rounded amount.
 */
export function userAmountExact(localMinor: number, r: LockedRate): string {
  return toString(normalize(div(mul(fromMinor(localMinor, exponent(r.localCurrency)), dec(r.userPerUsd)), dec(r.localPerUsd), 20, 'half_up')));
}

/** The local amount in USD (the reconciliation file's "Amount USD"), half-up to cents. */
export function toUsd(localMinor: number, r: LockedRate): Result<number, 'too_large'> {
  return convert(localMinor, exponent(r.localCurrency), dec(r.localPerUsd), dec('1'), 2);
}

/**
 * The payer's share of a refund, so that refunds add up exactly to what was
 * paid: the user amount of everything refunded after this one, minus that of
 * everything refunded before (each rounded once, as user_amount was).
 */
export function refundUserShare(refundedBeforeLocal: number, refundLocal: number, r: LockedRate): Result<number, 'too_large'> {
  const after = toUser(refundedBeforeLocal + refundLocal, r);
  const before = toUser(refundedBeforeLocal, r);
  if (!after.ok || !before.ok) return err('too_large');
  return ok(after.value - before.value);
}

/**
 * exchange_rate as the seed prints it: local units per one user unit (10 BRL
 * for 2883.91 ARS → 0.0035). Half-up to 4 decimals, the seed's precision, or
 * more when 4 would show fewer than two significant digits (1 ARS in USD is
 * 0.00059, not 0.0006).
 */
export function printedRate(r: LockedRate): Decimal {
  const local = dec(r.localPerUsd);
  const user = dec(r.userPerUsd);
  for (let scale = 4; ; scale++) {
    const q = div(local, user, scale, 'half_up');
    if (q.coef.toString().length >= 2 || scale >= 12) return q;
  }
}

/** `target` per one `base`, half-up to `precision` decimals (the exchange-rates endpoint). */
export function crossRate(rates: RateTable, base: CurrencyCode, target: CurrencyCode, precision: number): Decimal {
  return div(dec(rates[target]), dec(rates[base]), precision, 'half_up');
}
