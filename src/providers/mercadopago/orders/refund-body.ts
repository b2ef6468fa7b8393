import { getCurrency } from '../../../core/currency.js';
import { parseAmount } from '../../../core/money.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { RefundRequest } from '../../../domain/mp-orders/refund.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import type { OrderError } from './errors.js';
import type { RefundBody } from './schemas.js';

/**
 * A refund body: none means a total refund; otherwise transactions with
 * amounts ({"transactions":[{"id":"PAY…","amount":"24.90"}]}). Ids must be
 * PAY/CAS + ULID (400 invalid_transaction_id); amounts are decimals in the
 * order's currency, which is always the seller's site currency.
 */
export function parseRefundBody(body: RefundBody | null | undefined, seller: Seller): Result<RefundRequest, OrderError[]> {
  if (!body) return ok(undefined);
  const badIds = body.transactions.flatMap((t, i) => (/^(PAY|CAS)[0-9A-Z]{26}$/.test(t.id) ? [] : [`'$.transactions[${i}].id' must be a PAY… or CAS… transaction id`]));
  if (badIds.length) return err([{ code: 'invalid_transaction_id', details: badIds }]);
  const exponent = getCurrency(siteOf(seller.site_id).currency)!.exponent;
  const problems: string[] = [];
  const request = body.transactions.map((t, i) => {
    const amount = parseAmount(t.amount, { exponent });
    if (!amount.ok) problems.push(`invalid value for '$.transactions[${i}].amount': ${amount.error.message}`);
    return { transactionId: t.id, amount: amount.ok ? amount.value : 0 };
  });
  return problems.length ? err([{ code: 'property_value', details: problems }]) : ok(request);
}
