import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findOrder } from './records.js';
import type { Seller } from '../sellers/seller.js';
import { emitOrderEvent } from './events.js';
import { isLapsed, moveOrder, withTransactions, type MpOrder } from './order.js';
import { leavePos } from './slot.js';

export type CancelError = { code: 'order_not_found' } | { code: 'cannot_cancel_order'; status: string };

/** QR orders cancel only while created (reference §1.5); payments become canceled/canceled_by_api. */
export async function cancelOrder(ctx: Ctx, tx: Tx, seller: Seller, id: string): Promise<Result<MpOrder, CancelError>> {
  const o = await findOrder(tx.ex, seller.id, id);
  if (!o) return err({ code: 'order_not_found' });
  const now = sellerNow(ctx.clock, seller);
  if (isLapsed(o, now)) return err({ code: 'cannot_cancel_order', status: 'expired' });
  const moved = await moveOrder(tx, o, 'canceled', 'canceled', now, (x) => withTransactions(x, 'canceled', 'canceled_by_api'));
  if (!moved.ok) return err({ code: 'cannot_cancel_order', status: moved.error.status });
  await leavePos(tx, moved.value, now);
  await emitOrderEvent(ctx, tx, moved.value, 'canceled', now);
  return ok(moved.value);
}
