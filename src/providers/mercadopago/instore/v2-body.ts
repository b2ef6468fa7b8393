import type { CurrencyCode } from '../../../core/currency.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { InstoreItem } from '../../../domain/legacy-qr/order.js';
import { isCount, isLooseUrl, isObject, isText, minorOf, problem, times, total, userIdOf, type FieldProblem } from '../fields/check.js';

export interface V2Body {
  externalReference: string;
  title: string;
  description?: string | undefined;
  notificationUrl: string | null;
  expirationDate?: string | undefined;
  expiresAtMs?: number | undefined;
  totalAmount: number;
  items: InstoreItem[];
  sponsorId: number | null;
  cashOut: number | null;
}

const FIELDS = new Set(['external_reference', 'title', 'description', 'notification_url', 'expiration_date', 'total_amount', 'items', 'sponsor', 'cash_out']);
const ITEM_FIELDS = new Set(['sku_number', 'category', 'title', 'description', 'unit_price', 'quantity', 'unit_measure', 'total_amount']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function item(raw: unknown, i: number, currency: CurrencyCode): Result<InstoreItem, FieldProblem> {
  // One documented code per item field: invalid_items.<field> (supplement §5.2).
  const bad = (f: string, why: string) => err(problem(`invalid_items.${f}`, `items[${i}].${f}`, `items[${i}].${f} ${why}`));
  if (!isObject(raw)) return err(problem('invalid_items', `items[${i}]`, `items[${i}] must be an object`));
  const unknown = Object.keys(raw).find((k) => !ITEM_FIELDS.has(k));
  if (unknown) return bad(unknown, 'is not an item field');
  for (const f of ['sku_number', 'category', 'description'] as const) if (raw[f] !== undefined && !isText(raw[f], 256)) return bad(f, 'must be a string of at most 256 characters');
  if (!isText(raw.title, 256, 1)) return bad('title', 'is required: a string of 1 to 256 characters');
  const unit = minorOf(raw.unit_price, currency);
  if (unit === undefined) return bad('unit_price', `is required: a positive number with at most the decimals of ${currency}`);
  if (!isCount(raw.quantity)) return bad('quantity', 'is required: a positive integer');
  if (!isText(raw.unit_measure, 32, 1)) return bad('unit_measure', 'is required: e.g. "unit"');
  const line = minorOf(raw.total_amount, currency);
  if (line === undefined || line !== times(unit, raw.quantity)) return bad('total_amount', 'is required and must be unit_price × quantity');
  return ok({ sku_number: raw.sku_number as string | undefined, category: raw.category as string | undefined, title: raw.title, description: raw.description as string | undefined, unit_price: unit, quantity: raw.quantity, unit_measure: raw.unit_measure, total_amount: line });
}

/**
 * The in-store orders v2 and dynamic QR body (supplement §5.2): field limits
 * and one documented code per field. An order without items needs a cash-out
 * (error_creating_seller_qr_order).
 */
export function parseV2(body: unknown, currency: CurrencyCode, now: number): Result<V2Body, FieldProblem> {
  if (!isObject(body)) return err(problem('invalid_external_reference', 'external_reference', 'the body must be a JSON object with external_reference, title, total_amount and items'));
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown) return err(problem('bad_request', unknown, `${unknown} is not a field of an in-store order`));
  if (!isText(body.external_reference, 256, 1)) return err(problem('invalid_external_reference', 'external_reference', 'external_reference is required: a string of at most 256 characters'));
  if (!isText(body.title, 256, 1)) return err(problem('invalid_title', 'title', 'title is required: a string of at most 256 characters'));
  if (body.description !== undefined && !isText(body.description, 256)) return err(problem('invalid_description', 'description', 'description must be a string of at most 256 characters'));
  if (body.notification_url !== undefined && !isLooseUrl(body.notification_url)) return err(problem('invalid_notification_url', 'notification_url', 'notification_url must be a URL of at most 500 characters'));
  let expiresAtMs: number | undefined;
  if (body.expiration_date !== undefined) {
    expiresAtMs = typeof body.expiration_date === 'string' && ISO.test(body.expiration_date) ? Date.parse(body.expiration_date) : NaN;
    if (Number.isNaN(expiresAtMs) || expiresAtMs <= now) return err(problem('invalid_expiration_date', 'expiration_date', 'expiration_date must be a future ISO 8601 date, e.g. 2020-08-22T16:34:56.559-04:00'));
  }
  let sponsorId: number | null = null;
  if (body.sponsor !== undefined) {
    const id = isObject(body.sponsor) ? userIdOf(body.sponsor.id) : undefined;
    if (id === undefined) return err(problem('invalid_sponsor.id', 'sponsor.id', 'sponsor.id must be a user id'));
    sponsorId = id;
  }
  let cashOut: number | null = null;
  if (body.cash_out !== undefined) {
    const amount = isObject(body.cash_out) ? minorOf(body.cash_out.amount, currency) : undefined;
    if (amount === undefined) return err(problem('invalid_cash_out.amount', 'cash_out.amount', `cash_out.amount must be a positive number with at most the decimals of ${currency}`));
    cashOut = amount;
  }
  const rawItems = body.items ?? [];
  if (!Array.isArray(rawItems) || rawItems.length > 100) return err(problem('invalid_items', 'items', 'items must be an array of at most 100 items'));
  const items: InstoreItem[] = [];
  for (const [i, raw] of rawItems.entries()) {
    const it = item(raw, i, currency);
    if (!it.ok) return it;
    items.push(it.value);
  }
  if (!items.length && cashOut === null) return err(problem('error_creating_seller_qr_order', 'cash_out', 'The cash out is required when order has no items.'));
  const sum = total(items.map((x) => x.total_amount));
  const totalAmount = minorOf(body.total_amount, currency, { allowZero: !items.length });
  if (totalAmount === undefined || totalAmount !== sum || total([totalAmount, cashOut ?? 0]) === undefined) {
    return err(problem('invalid_total_amount', 'total_amount', 'total_amount is required and must be the sum of the items total_amount'));
  }
  return ok({
    externalReference: body.external_reference,
    title: body.title,
    description: body.description as string | undefined,
    notificationUrl: (body.notification_url as string | undefined) ?? null,
    expirationDate: body.expiration_date as string | undefined,
    expiresAtMs,
    totalAmount,
    items,
    sponsorId,
    cashOut,
  });
}
