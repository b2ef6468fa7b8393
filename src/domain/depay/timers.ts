import { sellerNow } from '../../core/clock.js';
import type { TimerHandler } from '../timers.js';
import { getDepayOrder } from '../../store/repos/depay-orders.js';
import { depayAutoOutcome } from '../../store/repos/depay-settings.js';
import { getSeller } from '../../store/repos/sellers.js';
import { scheduleAt } from '../timers.js';
import { expireOrder } from './lifecycle.js';
import { settleRefund } from './refund.js';
import { applyStageOutcome } from './stage.js';
import { TIMER_EXPIRE, TIMER_OUTCOME, TIMER_REFUND } from './timer-kinds.js';

/**
 * Timer handlers, each run in the timer's transaction with the timer locked.
 * Each reads the state again and does nothing when there is nothing left to
 * do (paid, canceled, settled), so a late or repeated timer is harmless.
 */
const expire: TimerHandler = async (ctx, tx, timer) => {
  const seller = await getSeller(tx.ex, timer.seller_id);
  const order = await getDepayOrder(tx.ex, timer.target_id);
  if (!seller || !order || order.status !== 'CREATED') return;
  const now = sellerNow(ctx.clock, seller);
  // Not yet (a clock read a millisecond early): come back when it is due.
  if (now < order.expires_at) return scheduleAt(tx, ctx.kick, seller, TIMER_EXPIRE, order.id, order.expires_at, now);
  await expireOrder(ctx, tx, order, now);
};

const outcome: TimerHandler = async (ctx, tx, timer) => {
  const seller = await getSeller(tx.ex, timer.seller_id);
  const order = await getDepayOrder(tx.ex, timer.target_id);
  if (!seller || !order || order.status !== 'CREATED') return;
  // Switching automatic outcomes off also stops the ones already scheduled.
  if (!(await depayAutoOutcome(tx.ex, seller.id))) return;
  await applyStageOutcome(ctx, tx, order, sellerNow(ctx.clock, seller));
};

const refund: TimerHandler = async (ctx, tx, timer) => {
  const seller = await getSeller(tx.ex, timer.seller_id);
  if (seller) await settleRefund(ctx, tx, timer.target_id, sellerNow(ctx.clock, seller));
};

export const depayTimerHandlers: Array<[string, TimerHandler]> = [
  [TIMER_EXPIRE, expire],
  [TIMER_OUTCOME, outcome],
  [TIMER_REFUND, refund],
];
