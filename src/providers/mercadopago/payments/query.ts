import { err, ok, type Result } from '../../../core/result.js';
import type { PaymentSearch, PaymentSortKey } from '../../../store/repos/payments.js';

const SORT_KEYS: Record<string, PaymentSortKey> = {
  date_created: 'date_created',
  date_approved: 'date_approved',
  date_last_updated: 'date_last_updated',
  // caja releases in-person money at approval (money_release_date = date_approved).
  money_release_date: 'date_approved',
};
const STATUSES = ['pending', 'approved', 'authorized', 'in_process', 'in_mediation', 'rejected', 'cancelled', 'refunded', 'charged_back'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const RELATIVE = /^NOW(?:-(\d{1,5})(MINUTES|HOURS|DAYS|MONTHS))?$/;
const UNIT_MS: Record<string, number> = { MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000, MONTHS: 30 * 86_400_000 };
// Paging bounds keep every answer bounded: Mercado Pago refuses offset + limit past 10,000.
const MAX_LIMIT = 100;
const MAX_WINDOW = 10_000;

export type SearchQuery = Partial<Record<'sort' | 'criteria' | 'external_reference' | 'status' | 'range' | 'begin_date' | 'end_date' | 'limit' | 'offset', string>>;

/** A date as the search takes it: ISO 8601, or Mercado Pago's relative NOW-30DAYS form, on the seller's clock. */
function dateOf(name: string, v: string, now: number): Result<number, string> {
  const rel = RELATIVE.exec(v);
  if (rel) return ok(now - (rel[1] ? Number(rel[1]) * UNIT_MS[rel[2]!]! : 0));
  const ms = ISO.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(ms) ? err(`${name} must be an ISO 8601 date-time or NOW-<n>DAYS`) : ok(ms);
}

function intOf(name: string, v: string | undefined, def: number, min: number, max: number): Result<number, string> {
  if (v === undefined) return ok(def);
  if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) return err(`${name} must be an integer from ${min} to ${max}`);
  return ok(Number(v));
}

/** GET /v1/payments/search's query (reference §6; the SDK's PaymentSearchOptions). Every problem names its parameter. */
export function parseSearch(q: SearchQuery, sellerId: number, now: number): Result<PaymentSearch, string[]> {
  const problems: string[] = [];
  const take = <T>(r: Result<T, string>, fallback: T): T => (r.ok ? r.value : (problems.push(r.error), fallback));
  const sort = q.sort === undefined ? 'date_created' : SORT_KEYS[q.sort];
  if (!sort) problems.push(`sort must be one of ${Object.keys(SORT_KEYS).join(', ')}`);
  if (q.criteria !== undefined && q.criteria !== 'asc' && q.criteria !== 'desc') problems.push('criteria must be asc or desc');
  if (q.status !== undefined && !STATUSES.includes(q.status)) problems.push(`status must be one of ${STATUSES.join(', ')}`);
  const rangeKey = q.range === undefined ? 'date_created' : SORT_KEYS[q.range];
  if (!rangeKey) problems.push(`range must be one of ${Object.keys(SORT_KEYS).join(', ')}`);
  const from = q.begin_date === undefined ? undefined : take(dateOf('begin_date', q.begin_date, now), undefined);
  const to = q.end_date === undefined ? undefined : take(dateOf('end_date', q.end_date, now), undefined);
  const limit = take(intOf('limit', q.limit, 30, 1, MAX_LIMIT), 30);
  const offset = take(intOf('offset', q.offset, 0, 0, MAX_WINDOW), 0);
  if (!problems.length && offset + limit > MAX_WINDOW) problems.push(`offset + limit must not exceed ${MAX_WINDOW}`);
  if (q.external_reference !== undefined && q.external_reference.length > 256) problems.push('external_reference must be at most 256 characters');
  if (problems.length) return err(problems);
  return ok({
    sellerId,
    externalReference: q.external_reference,
    status: q.status,
    range: from === undefined && to === undefined ? undefined : { key: rangeKey!, from, to },
    sort: sort!,
    criteria: q.criteria === 'asc' ? 'asc' : 'desc',
    limit,
    offset,
  });
}
