import type { TimerHandler } from '../timers.js';
import { findOrderById, saveOrder } from './records.js';
import { getSeller } from '../../store/repos/sellers.js';
import { settleLedgerRefund } from '../counter/ledger.js';
import { bump } from '../lifecycle/move.js';
import { emitOrderEvent } from './events.js';

/** A refund's confirmation: processing → processed, then "the update notification" (order.refunded). */
export const settleRefund: TimerHandler = async (ctx, tx, timer) => {
  const [orderId, refundId] = timer.target_id.split(':');
  const o = orderId && (await findOrderById(tx.ex, orderId));
  const refund = o && o.refunds.find((r) => r.id === refundId);
  if (!o || !refund || refund.status !== 'processing') return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const now = ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0);
  const settled = await bump('mp_order', o, (x) => ({ ...x, updated_at: now, refunds: x.refunds.map((r) => (r.id === refundId ? { ...r, status: 'processed' as const } : r)) }), (next, expected) =>
    saveOrder(tx.ex, next, expected),
  );
  if (refund.reference_id) await settleLedgerRefund(tx, refund.reference_id, refund.id, now);
  await emitOrderEvent(ctx, tx, settled, 'refunded', now);
};
