import { getCurrency } from '../../../core/currency.js';
import { parseIsoDuration } from '../../../core/duration.js';
import { parseAmount } from '../../../core/money.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { NewPointOrder } from '../../../domain/mp-orders/point/create.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { isPointSite } from '../../../domain/terminals/terminal.js';
import type { OrderError } from './errors.js';
import type { CreateOrderBody } from './schemas.js';

// Point: "PT30S to PT3H; the default is 15 minutes" (supplement §1.1).
const MIN_MS = 30_000;
const MAX_MS = 3 * 3_600_000;
const DEFAULT_EXPIRATION = 'PT15M';

/** POST /v1/orders with type point: config.point, one payment, no QR-only fields. */
export function validatePointCreate(body: CreateOrderBody, seller: Seller): Result<NewPointOrder, OrderError[]> {
  const site = siteOf(seller.site_id);
  if (!isPointSite(site.id)) return err([{ code: 'unsupported_site', details: [`Point orders are not available for site ${site.id}`] }]);
  const point = body.config.point;
  if (!point) return err([{ code: 'required_properties', details: ["missing property '$.config.point'"] }]);
  const qrOnly = (['total_amount', 'items', 'discounts', 'marketplace_fee'] as const).filter((k) => body[k] !== undefined).map((k) => `$.${k}`);
  if (body.config.qr) qrOnly.push('$.config.qr');
  if (body.transactions.cash_outs) qrOnly.push('$.transactions.cash_outs');
  if (qrOnly.length) return err([{ code: 'unsupported_properties', details: qrOnly.map((p) => `property '${p}' is not supported for type point`) }]);
  const payments = body.transactions.payments;
  if (!payments || payments.length !== 1) return err([{ code: 'required_properties', details: ["missing property '$.transactions.payments'"] }]);
  const problems: string[] = [];
  const amount = parseAmount(payments[0]!.amount, { exponent: getCurrency(site.currency)!.exponent, allowZero: false });
  if (!amount.ok) problems.push(`invalid value for '$.transactions.payments[0].amount': ${amount.error.message}`);
  const expirationTime = body.expiration_time ?? DEFAULT_EXPIRATION;
  const duration = parseIsoDuration(expirationTime);
  let expirationMs = 0;
  if (!duration.ok) problems.push(`invalid value for '$.expiration_time': ${duration.error.message}`);
  else if (duration.value.ms < MIN_MS || duration.value.ms > MAX_MS) problems.push(`invalid value for '$.expiration_time': must be from 30 seconds (PT30S) to 3 hours (PT3H)`);
  else expirationMs = duration.value.ms;
  if (problems.length || !amount.ok) return err([{ code: 'property_value', details: problems }]);
  return ok({
    externalReference: body.external_reference,
    description: body.description,
    expirationTime,
    expirationMs,
    amount: amount.value,
    point: {
      terminal_id: point.terminal_id,
      print_on_terminal: point.print_on_terminal ?? 'seller_ticket',
      ticket_number: point.ticket_number,
      payment_method: body.config.payment_method,
    },
    integrationData: { ...(body.integration_data ?? {}) },
  });
}
