import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findOrder, saveOrder } from '../../store/repos/mp-orders.js';
import type { Seller } from '../sellers/seller.js';
import { emitOrderEvent } from './events.js';
import { isLapsed, moveOrder, moveTxn, transactionsOf, type MpOrder } from './order.js';

export type CancelError = { code: 'order_not_found' } | { code: 'cannot_cancel_order'; status: string };

/** QR orders cancel only while created (reference §1.5); payments become canceled/canceled_by_api. */
export async function cancelOrder(ctx: Ctx, tx: Tx, seller: Seller, id: string): Promise<Result<MpOrder, CancelError>> {
  const o = await findOrder(tx.ex, seller.id, id);
  if (!o) return err({ code: 'order_not_found' });
  const now = sellerNow(ctx.clock, seller);
  if (o.status !== 'created' || isLapsed(o, now)) return err({ code: 'cannot_cancel_order', status: isLapsed(o, now) ? 'expired' : o.status });
  moveOrder(o, 'canceled', 'canceled', now);
  for (const t of transactionsOf(o)) moveTxn(t, 'canceled', 'canceled_by_api');
  await saveOrder(tx.ex, o);
  await emitOrderEvent(ctx, tx, o, 'canceled', now);
  return ok(o);
}
