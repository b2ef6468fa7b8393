import type { TimerHandler } from '../../jobs/timers.js';
import { findOrderById, saveOrder } from '../../store/repos/mp-orders.js';
import { getSeller } from '../../store/repos/sellers.js';
import { emitOrderEvent } from './events.js';

/** A refund's confirmation: processing → processed, then "the update notification" (order.refunded). */
export const settleRefund: TimerHandler = async (ctx, tx, timer) => {
  const [orderId, refundId] = timer.target_id.split(':');
  const o = orderId && (await findOrderById(tx.ex, orderId));
  const refund = o && o.refunds.find((r) => r.id === refundId);
  if (!o || !refund || refund.status !== 'processing') return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const now = ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0);
  refund.status = 'processed';
  o.updated_at = now;
  await saveOrder(tx.ex, o);
  await emitOrderEvent(ctx, tx, o, 'refunded', now);
};
