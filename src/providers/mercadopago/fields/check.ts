import { getCurrency, type CurrencyCode } from '../../../core/currency.js';
import { parseAmount } from '../../../core/money.js';
import { clip } from '../../../http/limits.js';
import { NO_CONTROL_CHARS } from '../../../http/types.js';

/**
 * Hand-written body checks for the legacy APIs, whose documented error codes
 * name one field each (`invalid_items.unit_price`, `invalid_url`): the first
 * problem found answers, with the code its API documents.
 */
export interface FieldProblem {
  code: string;
  message: string;
  field: string;
}

/** A field's name can come from the request (an unknown field): both are clipped, so no answer grows with its input. */
export const problem = (code: string, field: string, message: string): FieldProblem => ({ code, field: clip(field, 200), message: clip(message, 500) });

const CLEAN = new RegExp(NO_CONTROL_CHARS);

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of at most `max` characters without control characters. */
export const isText = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= max && CLEAN.test(v);

/** An absolute http(s) URL of printable ASCII. */
export const isHttpUrl = (v: unknown, max = 500): v is string => typeof v === 'string' && v.length <= max && /^https?:\/\/[\x21-\x7e]+$/.test(v);

/** A URL as the attended model takes it: with a scheme, or a bare host and path (the seed's "www.yourserver.com"). */
export const isLooseUrl = (v: unknown, max = 500): v is string => isHttpUrl(v, max) || (typeof v === 'string' && v.length <= max && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?([/?#][\x21-\x7e]*)?$/i.test(v));

/** A positive whole count (quantities). */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= 1_000_000;

/** A user id: a positive integer, as a number or digits. */
export function userIdOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  return undefined;
}

/** A JSON number amount in the currency's precision (the legacy APIs print numbers), as minor units. */
export function minorOf(v: unknown, currency: CurrencyCode, opts: { allowZero?: boolean } = {}): number | undefined {
  if (typeof v !== 'number') return undefined;
  const r = parseAmount(v, { exponent: getCurrency(currency)?.exponent ?? 2, allowZero: opts.allowZero ?? false });
  return r.ok ? r.value : undefined;
}

/** unit_price × quantity, refusing a product past what a JSON number holds exactly. */
export function times(unit: number, quantity: number): number | undefined {
  const t = BigInt(unit) * BigInt(quantity);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : undefined;
}

/** A sum that stays exact. */
export function total(parts: number[]): number | undefined {
  const t = parts.reduce((s, p) => s + BigInt(p), 0n);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : undefined;
}
