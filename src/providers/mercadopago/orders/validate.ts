import { getCurrency } from '../../../core/currency.js';
import { parseIsoDuration } from '../../../core/duration.js';
import { formatAmount, parseAmount, sumAmounts } from '../../../core/money.js';
import { err, ok, type Result } from '../../../core/result.js';
import { QR_ORDER_SITES, type NewOrder } from '../../../domain/mp-orders/create.js';
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
  // The site decides the currency, so it is checked before any amount is read in it.
  if (!QR_ORDER_SITES.has(site.id)) return err([{ code: 'unsupported_site', details: [`QR orders are not available for site ${site.id}`] }]);
  const exponent = getCurrency(site.currency)!.exponent;
  const amount = (value: unknown, path: string, allowZero = false): number => {
    const r = parseAmount(value, { exponent, allowZero });
    if (r.ok) return r.value;
    problems.push(`invalid value for '${path}': ${r.error.message}`);
    return 0;
  };

  if (body.type !== 'qr') {
    return err([{ code: 'invalid_order_type', details: [`type "${body.type}" is not supported here; use "qr" or "point"`] }]);
  }
  const qr = body.config.qr;
  if (!qr) return err([{ code: 'required_properties', details: ["missing property '$.config.qr'"] }]);
  if (body.config.point || body.config.payment_method) return err([{ code: 'unsupported_properties', details: [`'$.config.${body.config.point ? 'point' : 'payment_method'}' is for type point`] }]);
  if (body.marketplace_fee !== undefined) {
    // "OAuth integrations only": caja's test sellers are never an OAuth marketplace.
    return err([{ code: 'marketplace_fee_not_allowed', details: ['marketplace_fee requires an OAuth (marketplace) integration'] }]);
  }
  const payments = (body.transactions.payments ?? []).map((p, i) => ({ amount: amount(p.amount, `$.transactions.payments[${i}].amount`) }));
  const cashOuts = (body.transactions.cash_outs ?? []).map((c, i) => ({
    amount: amount(c.amount, `$.transactions.cash_outs[${i}].amount`),
    additionalInfo: c.additional_info as Record<string, unknown> | undefined,
  }));
  const summed = sumAmounts([...payments, ...cashOuts].map((t) => t.amount));
  if (!summed.ok) problems.push(`invalid value for '$.total_amount': the transactions add up to more than caja can hold`);
  const sum = summed.ok ? summed.value : 0;
  let total = sum;
  if (body.total_amount !== undefined) {
    total = amount(body.total_amount, '$.total_amount');
    // "For extra-cash it must equal cash_out + payment": total_amount is the sum of the transactions.
    if (problems.length === 0 && total !== sum) problems.push(`invalid value for '$.total_amount': must equal the sum of the transactions' amounts`);
  }
  const items = body.items?.map((item, i) => ({ ...item, unit_price: amount(item.unit_price, `$.items[${i}].unit_price`) }));
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
  // A dynamic code prints the amount in EMV tag 54, which holds at most 13 characters (EMVCo MPM §3.2).
  if (problems.length === 0 && (qr.mode ?? 'static') !== 'static' && formatAmount(total, exponent).length > 13) {
    const sent = body.total_amount !== undefined ? '$.total_amount' : payments.length ? '$.transactions.payments[0].amount' : '$.transactions.cash_outs[0].amount';
    problems.push(`invalid value for '${sent}': a ${qr.mode} QR code can carry at most 13 characters of amount`);
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
    externalPosId: qr.external_pos_id,
    mode: qr.mode ?? 'static',
    payments,
    cashOuts,
    items,
    discounts,
    integrationData: { ...integration },
    sponsorId: integration.sponsor ? Number(integration.sponsor.id) : undefined,
  });
}
