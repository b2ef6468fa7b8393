import type { CurrencyCode } from '../../../core/currency.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { MerchantOrderItem } from '../../../domain/merchant-orders/merchant-order.js';
import type { MerchantOrderPatch } from '../../../domain/merchant-orders/commands.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { isCount, isHttpUrl, isObject, isText, minorOf, problem, times, total, userIdOf, type FieldProblem } from '../fields/check.js';

/** POST /merchant_orders as parsed: the SDK's MerchantOrderCreateRequestBody. */
export interface MerchantOrderBody extends MerchantOrderPatch {
  preference_id?: string | undefined;
}

const FIELDS = new Set(['collector', 'preference_id', 'application_id', 'site_id', 'payer', 'sponsor_id', 'items', 'notification_url', 'additional_info', 'external_reference', 'marketplace', 'version', 'cancelled', 'access_token']);

function items(v: unknown, currency: CurrencyCode): Result<{ items: MerchantOrderItem[]; total: number }, FieldProblem> {
  const bad = (i: number, f: string, why: string) => err(problem('invalid_items', `items[${i}].${f}`, `items[${i}].${f} ${why}`));
  if (!Array.isArray(v) || v.length > 100) return err(problem('invalid_items', 'items', 'items must be an array of at most 100 items'));
  const out: MerchantOrderItem[] = [];
  for (const [i, raw] of v.entries()) {
    if (!isObject(raw)) return bad(i, '', 'must be an object');
    for (const f of ['id', 'title', 'description', 'picture_url', 'category_id'] as const) if (raw[f] !== undefined && !isText(raw[f], 256)) return bad(i, f, 'must be a string of at most 256 characters');
    if (!isCount(raw.quantity)) return bad(i, 'quantity', 'must be a positive integer');
    const unit = minorOf(raw.unit_price, currency, { allowZero: true });
    if (unit === undefined) return bad(i, 'unit_price', `must be a number with at most the decimals of ${currency}`);
    if (raw.currency_id !== undefined && raw.currency_id !== currency) return bad(i, 'currency_id', `must be ${currency}, the seller's currency`);
    const str = (f: string) => (raw[f] as string | undefined) ?? null;
    out.push({ id: str('id'), title: str('title') ?? '', description: str('description'), picture_url: str('picture_url'), category_id: str('category_id'), quantity: raw.quantity, unit_price: unit, currency_id: currency });
  }
  const sum = total(out.map((x) => times(x.unit_price, x.quantity) ?? Number.MAX_SAFE_INTEGER));
  return sum === undefined ? err(problem('invalid_items', 'items', 'the items total is too large')) : ok({ items: out, total: sum });
}

/**
 * The create and update bodies (supplement §6 error list): every field the
 * SDK sends is checked, each problem answers its documented code
 * (unmarshal_error, invalid_items, invalid_url, invalid_payer, ...).
 */
export function parseMerchantOrderBody(body: unknown, seller: Seller, sponsorExists: (id: number) => Promise<boolean>, opts: { update: boolean }): Promise<Result<MerchantOrderBody, FieldProblem>> {
  return parse(body, seller, sponsorExists, opts);
}

async function parse(body: unknown, seller: Seller, sponsorExists: (id: number) => Promise<boolean>, opts: { update: boolean }): Promise<Result<MerchantOrderBody, FieldProblem>> {
  if (body === undefined && opts.update) return ok({});
  if (!isObject(body)) return err(problem('unmarshal_error', 'body', 'the body must be a JSON object'));
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown) return err(problem('unmarshal_error', unknown, `unknown field ${unknown}`));
  const site = siteOf(seller.site_id);
  const out: MerchantOrderBody = {};
  if (body.collector !== undefined && (!isObject(body.collector) || userIdOf(body.collector.id) !== seller.id)) return err(problem('invalid_user_id', 'collector.id', 'collector.id must be the token owner'));
  if (body.application_id !== undefined && String(body.application_id) !== String(seller.application_id)) return err(problem('invalid_application_id', 'application_id', "application_id must be the seller's application"));
  if (body.site_id !== undefined && body.site_id !== site.id) return err(problem('invalid_string', 'site_id', `site_id must be ${site.id}`));
  if (body.payer !== undefined && (!isObject(body.payer) || (body.payer.id !== undefined && userIdOf(body.payer.id) === undefined) || (body.payer.nickname !== undefined && !isText(body.payer.nickname, 128)))) {
    return err(problem('invalid_payer', 'payer', 'payer must be {id, nickname}'));
  }
  if (body.version !== undefined && !(typeof body.version === 'number' && Number.isSafeInteger(body.version))) return err(problem('unmarshal_error', 'version', 'version must be an integer'));
  for (const f of ['preference_id', 'additional_info', 'external_reference'] as const) {
    if (body[f] === undefined) continue;
    if (!isText(body[f], f === 'additional_info' ? 600 : 256)) return err(problem('invalid_string', f, `${f} must be a string of at most ${f === 'additional_info' ? 600 : 256} characters`));
  }
  if (body.preference_id !== undefined) out.preference_id = body.preference_id as string;
  if (body.additional_info !== undefined) out.additional_info = body.additional_info as string;
  if (body.external_reference !== undefined) out.external_reference = body.external_reference as string;
  if (body.notification_url !== undefined) {
    if (!isHttpUrl(body.notification_url)) return err(problem('invalid_url', 'notification_url', 'notification_url must be an http(s) URL of at most 500 characters'));
    out.notification_url = body.notification_url;
  }
  if (body.marketplace !== undefined) {
    if (!(typeof body.marketplace === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.marketplace))) return err(problem('invalid_marketplace', 'marketplace', 'marketplace must be NONE or a marketplace name'));
    out.marketplace = body.marketplace;
  }
  if (body.sponsor_id !== undefined) {
    const id = userIdOf(body.sponsor_id);
    if (id === undefined || id === seller.id || !(await sponsorExists(id))) return err(problem('invalid_sponsor_id', 'sponsor_id', 'sponsor_id is not an active user'));
    out.sponsor_id = id;
  }
  if (body.items !== undefined) {
    const parsed = items(body.items, site.currency);
    if (!parsed.ok) return parsed;
    out.items = parsed.value.items;
    out.total_amount = parsed.value.total;
  }
  if (body.cancelled !== undefined) {
    if (!opts.update || typeof body.cancelled !== 'boolean') return err(problem('unmarshal_error', 'cancelled', 'cancelled is a boolean of an update'));
    out.cancelled = body.cancelled;
  }
  return ok(out);
}
