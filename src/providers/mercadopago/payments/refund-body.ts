import { getCurrency } from '../../../core/currency.js';
import { parseAmount } from '../../../core/money.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { LegacyCause } from '../errors/legacy.js';

/**
 * POST /v1/payments/{id}/refunds: no body or `{}` refunds everything left;
 * `{"amount": 5}` refunds that much (a JSON number in the payment's currency).
 * Codes from the refunds reference: 4040 positive, 4041 numeric.
 */
export function parseRefundAmount(body: unknown, currency: string): Result<number | undefined, LegacyCause> {
  if (body === undefined || body === null) return ok(undefined);
  if (typeof body !== 'object' || Array.isArray(body)) return err({ code: 4041, description: 'amount attribute must be numeric', data: 'amount' });
  const amount = (body as Record<string, unknown>).amount;
  if (amount === undefined || amount === null) return ok(undefined);
  if (typeof amount !== 'number') return err({ code: 4041, description: 'amount attribute must be numeric', data: 'amount' });
  if (!(amount > 0)) return err({ code: 4040, description: 'amount attribute must be positive', data: 'amount' });
  const exponent = getCurrency(currency)?.exponent ?? 2;
  const parsed = parseAmount(amount, { exponent });
  if (!parsed.ok) return err({ code: 4041, description: `amount must be a number with at most ${exponent} decimals in ${currency}`, data: 'amount' });
  return ok(parsed.value);
}
