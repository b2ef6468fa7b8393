import { getCurrency } from '../../../core/currency.js';
import { parseIsoDuration } from '../../../core/duration.js';
import { parseAmount } from '../../../core/money.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { NewOrder } from '../../../domain/mp-orders/create.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import type { OrderError } from './errors.js';
import type { CreateOrderBody } from './schemas.js';

// expiration_time: "Minimum of 30 seconds and maximum of 3600 hours"; default 15 minutes in every mode.
const MIN_EXPIRATION_MS = 30_000;
const MAX_EXPIRATION_MS = 3600 * 3_600_000;
const DEFAULT_EXPIRATION = 'PT15M';

/**
 * The rules a schema cannot say: amounts as decimals in the currency's
 * precision, the duration's grammar and bounds, totals that add up. Every
 * problem is collected, then answered together in the Orders envelope.
 */
export function validateCreate(body: CreateOrderBody, seller: Seller): Result<NewOrder, OrderError[]> {
  const problems: string[] = [];
  const site = siteOf(seller.site_id);
  const exponent = getCurrency(site.currency)!.exponent;
  const amount = (value: unknown, path: string, allowZero = false): number => {
    const r = parseAmount(value, { exponent, allowZero });
    if (r.ok) return r.value;
    problems.push(`invalid value for '${path}': ${r.error.message}`);
    return 0;
  };

  if (body.type !== 'qr') {
    return err([{ code: 'invalid_order_type', details: [`type "${body.type}" is not supported here; use "qr"`] }]);
  }
  if (body.marketplace_fee !== undefined) {
    // "OAuth integrations only": caja's test sellers are never an OAuth marketplace.
    return err([{ code: 'marketplace_fee_not_allowed', details: ['marketplace_fee requires an OAuth (marketplace) integration'] }]);
  }
  const payments = (body.transactions.payments ?? []).map((p, i) => ({ amount: amount(p.amount, `$.transactions.payments[${i}].amount`) }));
  const cashOuts = (body.transactions.cash_outs ?? []).map((c, i) => ({
    amount: amount(c.amount, `$.transactions.cash_outs[${i}].amount`),
    additionalInfo: c.additional_info as Record<string, unknown> | undefined,
  }));
  const sum = [...payments, ...cashOuts].reduce((s, t) => s + t.amount, 0);
  let total = sum;
  if (body.total_amount !== undefined) {
    total = amount(body.total_amount, '$.total_amount');
    // "For extra-cash it must equal cash_out + payment": total_amount is the sum of the transactions.
    if (problems.length === 0 && total !== sum) problems.push(`invalid value for '$.total_amount': must equal the sum of the transactions' amounts`);
  }
  (body.items ?? []).forEach((item, i) => amount(item.unit_price, `$.items[${i}].unit_price`));
  const discounts = body.discounts && {
    payment_methods: body.discounts.payment_methods.map((d, i) => {
      const v = amount(d.new_total_amount, `$.discounts.payment_methods[${i}].new_total_amount`);
      if (v > total) problems.push(`invalid value for '$.discounts.payment_methods[${i}].new_total_amount': must not exceed the total amount`);
      return { type: d.type, new_total_amount: v };
    }),
  };
  if (discounts && (body.items ?? []).some((i) => i.external_categories?.length)) {
    problems.push(`invalid value for '$.discounts': discounts cannot be combined with items.external_categories`);
  }
  const expirationTime = body.expiration_time ?? DEFAULT_EXPIRATION;
  const duration = parseIsoDuration(expirationTime);
  let expirationMs = 0;
  if (!duration.ok) problems.push(`invalid value for '$.expiration_time': ${duration.error.message}`);
  else if (duration.value.ms < MIN_EXPIRATION_MS || duration.value.ms > MAX_EXPIRATION_MS) {
    problems.push(`invalid value for '$.expiration_time': must be from 30 seconds (PT30S) to 3600 hours (PT3600H)`);
  } else expirationMs = duration.value.ms;

  if (problems.length) return err([{ code: 'property_value', details: problems }]);
  const integration = body.integration_data ?? {};
  return ok({
    externalReference: body.external_reference,
    description: body.description,
    totalAmount: total,
    expirationTime,
    expirationMs,
    externalPosId: body.config.qr.external_pos_id,
    mode: body.config.qr.mode ?? 'static',
    payments,
    cashOuts,
    items: body.items,
    discounts,
    integrationData: { ...integration },
    sponsorId: integration.sponsor ? Number(integration.sponsor.id) : undefined,
  });
}
