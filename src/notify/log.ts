import { isoMs } from '../core/clock.js';
import type { Ctx } from '../context.js';
import type { Tx } from '../store/db.js';
import type { Seller } from '../domain/sellers/seller.js';
import {
  attemptsOf,
  findDelivery,
  insertDelivery,
  searchDeliveries,
  type AttemptRow,
  type DeliveryRow,
  type DeliverySearch,
} from '../store/repos/deliveries.js';
import { deliveryRow } from './outbox.js';

/** Due times are stored on the wall clock; the log shows them on the seller's clock. */
function renderDelivery(d: DeliveryRow, attempts: AttemptRow[], seller: Seller, detail: boolean) {
  return {
    id: d.id,
    event_id: d.event_id,
    kind: d.kind,
    topic: d.topic,
    action: d.action,
    resource_id: d.resource_id,
    url: d.url,
    status: d.status,
    attempt_count: d.attempt_count,
    next_attempt_at: d.status === 'pending' && d.due_at !== null ? isoMs(d.due_at + seller.clock_offset_ms) : null,
    last_error: d.last_error,
    replay_of: d.replay_of,
    created_at: isoMs(d.created_at),
    ...(detail ? { request_id: d.request_id, body: JSON.parse(d.body) as unknown } : {}),
    attempts: attempts.map((a) => ({
      number: a.number,
      started_at: isoMs(a.started_at),
      duration_ms: a.duration_ms,
      response_status: a.response_status,
      error: a.error,
      ...(detail
        ? {
            request: { url: a.request_url, headers: JSON.parse(a.request_headers) as unknown, body: a.request_body },
            response_body: a.response_body,
          }
        : {}),
    })),
  };
}

export async function listDeliveries(ctx: Ctx, seller: Seller, q: Omit<DeliverySearch, 'sellerId'>) {
  const found = await searchDeliveries(ctx.store.db, { sellerId: seller.id, ...q });
  const attempts = await attemptsOf(ctx.store.db, found.rows.map((d) => d.id));
  return {
    total: found.total,
    results: found.rows.map((d) => renderDelivery(d, attempts.filter((a) => a.delivery_id === d.id), seller, false)),
  };
}

export async function showDelivery(ctx: Ctx, seller: Seller, id: string) {
  const d = await findDelivery(ctx.store.db, seller.id, id);
  if (!d) return undefined;
  return renderDelivery(d, await attemptsOf(ctx.store.db, [d.id]), seller, true);
}

/** Deliveries just created (no attempts yet), as the log shows them. */
export function renderNewDeliveries(rows: DeliveryRow[], seller: Seller) {
  return rows.map((d) => renderDelivery(d, [], seller, true));
}

export type ReplayResult = { ok: true; delivery: ReturnType<typeof renderDelivery> } | { ok: false; code: 'not_found' | 'no_url' };

/**
 * A new delivery of the same event and body, due now, with a new x-request-id.
 * A webhook goes to the seller's current webhook URL (it may have been
 * configured since); an IPN or callback to the URL it was addressed to.
 */
export async function replayDelivery(
  ctx: Ctx,
  tx: Tx,
  seller: Seller,
  id: string,
  currentWebhookUrl: (d: DeliveryRow) => Promise<string | null>,
): Promise<ReplayResult> {
  const original = await findDelivery(tx.ex, seller.id, id);
  if (!original) return { ok: false, code: 'not_found' };
  const url = (await currentWebhookUrl(original)) ?? original.url;
  if (!url) return { ok: false, code: 'no_url' };
  const now = ctx.clock.realNow() + seller.clock_offset_ms;
  const row = {
    ...deliveryRow(
      original.event_id,
      { sellerId: seller.id, resourceId: original.resource_id, at: now },
      { kind: original.kind, topic: original.topic, action: original.action ?? undefined, url, body: JSON.parse(original.body) as unknown },
      ctx.clock.realNow(),
    ),
    replay_of: original.id,
  };
  await insertDelivery(tx.ex, row);
  tx.onCommit(ctx.kick.deliveries);
  return { ok: true, delivery: renderDelivery(row, [], seller, true) };
}
