import type { CurrencyCode } from '../../../core/currency.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { InstoreItem } from '../../../domain/legacy-qr/order.js';
import { isCount, isLooseUrl, isObject, isText, minorOf, problem, times, total, userIdOf, type FieldProblem } from '../fields/check.js';

export interface AttendedBody {
  externalReference: string | null;
  notificationUrl: string | null;
  sponsorId: number | null;
  items: InstoreItem[];
  totalAmount: number;
}

const FIELDS = new Set(['external_reference', 'notification_url', 'sponsor_id', 'items']);
const ITEM_FIELDS = new Set(['id', 'title', 'currency_id', 'unit_price', 'quantity', 'description', 'picture_url']);

function item(raw: unknown, i: number, currency: CurrencyCode): Result<InstoreItem, FieldProblem> {
  // The attended model documents one code for every item problem: invalid_items ("unit_price invalid").
  const bad = (f: string, why: string) => err(problem('invalid_items', `items[${i}]${f ? `.${f}` : ''}`, `${f || 'item'} invalid: ${why}`));
  if (!isObject(raw)) return bad('', 'must be an object');
  const unknown = Object.keys(raw).find((k) => !ITEM_FIELDS.has(k));
  if (unknown) return bad(unknown, 'unknown field');
  if (!isText(raw.title, 256, 1)) return bad('title', 'a string of 1 to 256 characters');
  if (raw.currency_id !== currency) return bad('currency_id', `must be ${currency}, the currency of the seller's site`);
  const unit = minorOf(raw.unit_price, currency);
  if (unit === undefined) return bad('unit_price', `a positive number with at most the decimals of ${currency}`);
  if (!isCount(raw.quantity)) return bad('quantity', 'a positive integer');
  for (const f of ['id', 'description'] as const) if (raw[f] !== undefined && !isText(raw[f], 256)) return bad(f, 'a string of at most 256 characters');
  if (raw.picture_url !== undefined && !isLooseUrl(raw.picture_url)) return bad('picture_url', 'a URL');
  const line = times(unit, raw.quantity);
  if (line === undefined) return bad('quantity', 'the item total is too large');
  return ok({ id: raw.id as string | undefined, title: raw.title, currency_id: currency, unit_price: unit, quantity: raw.quantity, description: raw.description as string | undefined, picture_url: raw.picture_url as string | undefined, total_amount: line });
}

/**
 * POST /mpmobile/instore/qr/{user_id}/{external_id} (reference §5.1,
 * supplement §5.1, seed 002): items with currency_id and unit_price numbers;
 * errors invalid_items and invalid_sponsor_id. The seed's notification_url
 * has no scheme ("www.yourserver.com"), so one without is taken.
 */
export function parseAttended(body: unknown, currency: CurrencyCode): Result<AttendedBody, FieldProblem> {
  if (!isObject(body)) return err(problem('invalid_items', 'items', 'items invalid: the body must be a JSON object with items'));
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown) return err(problem('bad_request', unknown, `${unknown} is not a field of an attended order`));
  if (body.external_reference !== undefined && !isText(body.external_reference, 256)) return err(problem('invalid_external_reference', 'external_reference', 'external_reference must be a string of at most 256 characters'));
  if (body.notification_url !== undefined && !isLooseUrl(body.notification_url)) return err(problem('invalid_notification_url', 'notification_url', 'notification_url must be a URL of at most 500 characters'));
  const sponsor = body.sponsor_id === undefined ? null : userIdOf(body.sponsor_id);
  if (sponsor === undefined) return err(problem('invalid_sponsor_id', 'sponsor_id', 'sponsor_id is not an active user'));
  if (!Array.isArray(body.items) || body.items.length < 1 || body.items.length > 100) return err(problem('invalid_items', 'items', 'items invalid: from 1 to 100 items'));
  const items: InstoreItem[] = [];
  for (const [i, raw] of body.items.entries()) {
    const it = item(raw, i, currency);
    if (!it.ok) return it;
    items.push(it.value);
  }
  const sum = total(items.map((x) => x.total_amount));
  if (sum === undefined) return err(problem('invalid_items', 'items', 'items invalid: the total is too large'));
  return ok({ externalReference: (body.external_reference as string | undefined) ?? null, notificationUrl: (body.notification_url as string | undefined) ?? null, sponsorId: sponsor, items, totalAmount: sum });
}
