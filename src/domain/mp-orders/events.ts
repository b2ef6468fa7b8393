import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { MpOrder } from './order.js';

/** The webhook actions of the order topic: QR (reference §7.1) and Point (supplement §1.7 adds failed and action_required). */
export const ORDER_ACTIONS = ['processed', 'canceled', 'expired', 'refunded', 'failed', 'action_required'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const ORDER_EVENT_TYPES = ORDER_ACTIONS.map((a) => `mp.order.${a}` as const);

export async function emitOrderEvent(ctx: Ctx, tx: Tx, o: MpOrder, action: OrderAction, now: number): Promise<void> {
  await ctx.events.emit(tx, { sellerId: o.seller_id, type: `mp.order.${action}`, resourceId: o.id, payload: o, at: now });
}
