import { err, ok, type Result } from '../../../core/result.js';
import type { MerchantOrderSearch } from '../../../store/repos/merchant-orders.js';
import { userIdOf } from '../fields/check.js';

const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const STATUSES = new Set(['opened', 'closed', 'expired']);
// Bounded pages: Mercado Pago's searches cap limit; caja's default is its own choice.
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;

export const SEARCH_KEYS = [
  'status', 'preference_id', 'application_id', 'payer_id', 'sponsor_id', 'external_reference', 'site_id', 'marketplace',
  'date_created_from', 'date_created_to', 'last_updated_from', 'last_updated_to', 'last_udpated_from', 'last_udpated_to', 'items', 'limit', 'offset', 'access_token',
] as const;

/**
 * GET /merchant_orders/search (supplement §6): the documented filters, only
 * the last 90 days, any problem a 400 ds_search_query. The official SDK spells
 * `last_udpated_from/to`; both spellings are read.
 */
export function parseSearch(q: Partial<Record<(typeof SEARCH_KEYS)[number], string>>, sellerId: number, now: number): Result<MerchantOrderSearch & { payerId?: number }, string> {
  const date = (k: keyof typeof q): Result<number | undefined, string> => {
    const v = q[k];
    if (v === undefined) return ok(undefined);
    const ms = ISO.test(v) ? Date.parse(v) : NaN;
    return Number.isNaN(ms) ? err(`${k} must be an ISO 8601 date`) : ok(ms);
  };
  const int = (k: 'limit' | 'offset', dflt: number, max: number, min: number): Result<number, string> => {
    const v = q[k];
    if (v === undefined) return ok(dflt);
    return /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max ? ok(Number(v)) : err(`${k} must be an integer from ${min} to ${max}`);
  };
  if (q.status !== undefined && !STATUSES.has(q.status)) return err('status must be opened, closed or expired');
  const sponsor = q.sponsor_id === undefined ? undefined : userIdOf(q.sponsor_id);
  if (q.sponsor_id !== undefined && sponsor === undefined) return err('sponsor_id must be a user id');
  const payer = q.payer_id === undefined ? undefined : userIdOf(q.payer_id);
  if (q.payer_id !== undefined && payer === undefined) return err('payer_id must be a user id');
  const dates = [date('date_created_from'), date('date_created_to'), date(q.last_updated_from !== undefined ? 'last_updated_from' : 'last_udpated_from'), date(q.last_updated_to !== undefined ? 'last_updated_to' : 'last_udpated_to')];
  const bad = dates.find((d) => !d.ok);
  if (bad && !bad.ok) return err(bad.error);
  const [from, to, updatedFrom, updatedTo] = dates.map((d) => (d.ok ? d.value : undefined));
  const limit = int('limit', DEFAULT_LIMIT, MAX_LIMIT, 1);
  if (!limit.ok) return limit;
  const offset = int('offset', 0, MAX_OFFSET, 0);
  if (!offset.ok) return offset;
  return ok({
    sellerId,
    status: q.status,
    preferenceId: q.preference_id,
    applicationId: q.application_id,
    sponsorId: sponsor,
    externalReference: q.external_reference,
    siteId: q.site_id,
    marketplace: q.marketplace,
    // "Only the last 90 days are searched."
    createdFrom: Math.max(from ?? 0, now - 90 * DAY),
    createdTo: to,
    updatedFrom,
    updatedTo,
    limit: limit.value,
    offset: offset.value,
    ...(payer !== undefined ? { payerId: payer } : {}),
  });
}
