import type { Ctx } from '../../context.js';
import type { TimerHandler } from '../../jobs/timers.js';
import type { Tx } from '../../store/db.js';
import { findOrderById, saveOrder } from '../../store/repos/mp-orders.js';
import { getSeller } from '../../store/repos/sellers.js';
import { emitOrderEvent } from './events.js';
import { moveOrder, moveTxn, transactionsOf } from './order.js';

/**
 * At expiration_time the order and its transactions become expired and
 * order.expired is notified. Already paid or canceled: nothing to do.
 */
export const expireOrder: TimerHandler = async (ctx: Ctx, tx: Tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || o.status !== 'created') return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const now = ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0);
  moveOrder(o, 'expired', 'expired', now);
  for (const t of transactionsOf(o)) moveTxn(t, 'expired', 'expired');
  await saveOrder(tx.ex, o);
  await emitOrderEvent(ctx, tx, o, 'expired', now);
};
