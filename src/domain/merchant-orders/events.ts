import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import type { MerchantOrder } from './merchant-order.js';

export const MERCHANT_ORDER_EVENT_TYPES = ['mp.merchant_order.created', 'mp.merchant_order.updated'] as const;

/** "On creation and every change" (IPN doc, supplement §6): one event per change. */
export async function emitMerchantOrderEvent(ctx: Ctx, tx: Tx, m: MerchantOrder, kind: 'created' | 'updated', now: number): Promise<void> {
  const seller = await getSeller(tx.ex, m.seller_id);
  await ctx.events.emit(tx, {
    sellerId: m.seller_id,
    type: `mp.merchant_order.${kind}`,
    resourceId: m.id,
    payload: { id: m.id, status: m.status, version: m.version, application_id: seller?.application_id ?? 0, notification_url: m.notification_url },
    at: now,
  });
}
