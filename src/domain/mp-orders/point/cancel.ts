import { sellerNow } from '../../../core/clock.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { Ctx } from '../../../context.js';
import type { Tx } from '../../../store/db.js';
import { getSeller } from '../../../store/repos/sellers.js';
import type { Seller } from '../../sellers/seller.js';
import { scheduleAt, type TimerHandler } from '../../timers.js';
import { moveOrder, type MpOrder } from '../order.js';
import { findOrderById } from '../records.js';
import { endPointOrder } from './terminal-side.js';

export const POINT_CANCEL_TIMER = 'mp_order.point_cancel';
/** How long the simulated terminal takes to confirm a cancellation requested through the API. */
export const CANCEL_CONFIRM_MS = 1000;

export type PointCancelError = { code: 'order_already_canceled' } | { code: 'cannot_cancel_order'; status: string };

/**
 * Cancel (supplement §1.3): while created, at once (200, payment
 * canceled_by_api); while at the terminal, only with
 * `x-allow-cancelable-status: at_terminal` (202: the payment reads
 * at_terminal/cancellation_requested and the terminal confirms shortly after,
 * when the order becomes canceled and order.canceled is notified).
 */
export async function cancelPointOrder(ctx: Ctx, tx: Tx, seller: Seller, o: MpOrder, allowAtTerminal: boolean): Promise<Result<{ order: MpOrder; accepted: boolean }, PointCancelError>> {
  const now = sellerNow(ctx.clock, seller);
  if (o.status === 'canceled') return err({ code: 'order_already_canceled' });
  if (o.status === 'created') {
    const ended = await endPointOrder(ctx, tx, o, 'canceled', 'canceled_by_api', now);
    return ended ? ok({ order: ended, accepted: false }) : err({ code: 'cannot_cancel_order', status: o.status });
  }
  if (o.status !== 'at_terminal' || !allowAtTerminal) return err({ code: 'cannot_cancel_order', status: o.status });
  if (o.payments.some((t) => t.status_detail === 'cancellation_requested')) return ok({ order: o, accepted: true });
  const moved = await moveOrder(tx, o, 'at_terminal', 'at_terminal', now, (x) => ({ ...x, payments: x.payments.map((t) => ({ ...t, status_detail: 'cancellation_requested' })) }));
  if (!moved.ok) return err({ code: 'cannot_cancel_order', status: moved.error.status });
  await scheduleAt(tx, ctx.kick, seller, POINT_CANCEL_TIMER, o.id, now + CANCEL_CONFIRM_MS, now);
  return ok({ order: moved.value, accepted: true });
}

/** The terminal confirms a requested cancellation (unless a card got there first). */
export const confirmPointCancel: TimerHandler = async (ctx, tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || o.status !== 'at_terminal') return;
  const seller = await getSeller(tx.ex, o.seller_id);
  await endPointOrder(ctx, tx, o, 'canceled', 'canceled_by_api', ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0));
};
