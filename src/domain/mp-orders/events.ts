import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { MpOrder } from './order.js';

/** The webhook actions of the order topic for QR (reference §7.1). */
export type OrderAction = 'processed' | 'canceled' | 'expired' | 'refunded';

export async function emitOrderEvent(ctx: Ctx, tx: Tx, o: MpOrder, action: OrderAction, now: number): Promise<void> {
  await ctx.events.emit(tx, {
    sellerId: o.seller_id,
    type: `mp.order.${action}`,
    resourceId: o.id,
    payload: o as unknown as Record<string, unknown>,
    at: now,
  });
}
