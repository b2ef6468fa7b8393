import type { Ctx } from '../../context.js';
import type { TimerHandler } from '../timers.js';
import type { Tx } from '../../store/db.js';
import { findOrderById } from './records.js';
import { getSeller } from '../../store/repos/sellers.js';
import { emitOrderEvent } from './events.js';
import { moveOrder, withTransactions } from './order.js';
import { leavePos } from './slot.js';
import { leaveTerminal } from './point/terminal-side.js';

/**
 * At expiration_time the order and its transactions become expired (a Point
 * order also while at the terminal, supplement §1.5, which frees it) and
 * order.expired is notified. Already paid or canceled: nothing to do (the
 * allow-list refuses, and a refusal is not an error here).
 */
export const expireOrder: TimerHandler = async (ctx: Ctx, tx: Tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || (o.status !== 'created' && !(o.type === 'point' && o.status === 'at_terminal'))) return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const now = ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0);
  const moved = await moveOrder(tx, o, 'expired', 'expired', now, (x) => withTransactions(x, 'expired', 'expired'));
  if (!moved.ok) return;
  await leavePos(tx, moved.value, now);
  await leaveTerminal(tx, moved.value, now);
  await emitOrderEvent(ctx, tx, moved.value, 'expired', now);
};
