import { CURRENCY_CODES, isCurrencyCode, type CurrencyCode } from '../core/currency.js';
import { compare, parseDecimal } from '../core/decimal.js';
import { err, ok, type Result } from '../core/result.js';

/** Units of each currency per 1 USD, as exact decimal strings. USD is the pivot and is always 1. */
export type RateTable = Readonly<Record<CurrencyCode, string>>;

/**
 * Defaults (docs/depay.md, "Rates"). BRL 5.86 is the reference's exchange-rate
 * example ("1 USD = 5.86 BRL", qr-payload-standards §5.4). ARS 1689.97 is
 * derived from the seed's create-QR example (10 BRL → 2883.9085 ARS, so
 * 288.39085 ARS per BRL × 5.86): with it caja answers that request with
 * user_amount 2883.9078498293516 (the payer pays 2883.91) and exchange_rate
 * 0.0035, as the seed prints. The others
 * are plausible round market values (mid-2025), not quotes.
 */
export const DEFAULT_DEPAY_RATES: RateTable = Object.freeze({
  USD: '1',
  ARS: '1689.97',
  BRL: '5.86',
  CLP: '940',
  COP: '4100',
  MXN: '19.5',
  PEN: '3.75',
  UYU: '40',
});

// Bounds keep every cross rate within [1e-6, 1e6]: printable as a plain JSON
// number (JS switches to exponents below 1e-6) and exact in 15 digits.
const bound = (s: string) => {
  const d = parseDecimal(s);
  if (!d.ok) throw new Error(`bad bound ${s}`);
  return d.value;
};
const MIN_RATE = bound('0.1');
const MAX_RATE = bound('100000');
const MAX_RATE_DECIMALS = 8;

/** "ARS=1689.97,BRL=5.86" over the defaults; every problem is named. */
export function parseDepayRates(raw: string | undefined): Result<RateTable, string[]> {
  const table: Record<string, string> = { ...DEFAULT_DEPAY_RATES };
  if (raw === undefined || raw.trim() === '') return ok(Object.freeze(table) as RateTable);
  const problems: string[] = [];
  for (const part of raw.split(',').map((p) => p.trim())) {
    const m = /^([A-Z]{3})=(.+)$/.exec(part);
    if (!m) {
      problems.push(`"${part}" is not CODE=rate (e.g. ARS=1689.97)`);
      continue;
    }
    const [, code, value] = m as unknown as [string, string, string];
    if (!isCurrencyCode(code)) problems.push(`${code} is not one of ${CURRENCY_CODES.join(', ')}`);
    else if (code === 'USD') problems.push('USD is the pivot (always 1): leave it out');
    else {
      const d = parseDecimal(value);
      if (!d.ok) problems.push(`${code}: "${value}" is not a plain decimal`);
      else if (d.value.scale > MAX_RATE_DECIMALS) problems.push(`${code}: at most ${MAX_RATE_DECIMALS} decimals`);
      else if (compare(d.value, MIN_RATE) < 0 || compare(d.value, MAX_RATE) > 0) problems.push(`${code}: must be from 0.1 to 100000 units per USD`);
      else table[code] = value;
    }
  }
  return problems.length ? err(problems) : ok(Object.freeze(table) as RateTable);
}
