import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findPosByExternalId } from '../../store/repos/pos.js';
import { getSeller } from '../../store/repos/sellers.js';
import { cancelMerchantOrdersOf } from '../merchant-orders/commands.js';
import type { Seller } from '../sellers/seller.js';
import type { TimerHandler } from '../timers.js';
import { isLapsed, moveInstore, type InstoreOrder } from './order.js';
import { findInstoreOrder, openInstoreOrderOfPos } from './records.js';
import { leavePrinted } from './slot.js';

/** The order leaves `open` unpaid: the printed QR is freed and its opened merchant_orders are cancelled (and notified). */
async function close(ctx: Ctx, tx: Tx, o: InstoreOrder, to: 'expired' | 'deleted', now: number): Promise<InstoreOrder | undefined> {
  const moved = await moveInstore(tx, o, to, to, now);
  if (!moved.ok) return undefined;
  await leavePrinted(tx, moved.value, now);
  await cancelMerchantOrdersOf(ctx, tx, o.id, now);
  return moved.value;
}

/** Retires the POS's open legacy order, if any (a new order replaces it). */
export async function retire(ctx: Ctx, tx: Tx, posId: number, to: 'expired' | 'deleted', now: number): Promise<InstoreOrder | undefined> {
  const o = await openInstoreOrderOfPos(tx.ex, posId);
  return o ? close(ctx, tx, o, isLapsed(o, now) ? 'expired' : to, now) : undefined;
}

export type OpenOrderError = { code: 'pos_not_found' } | { code: 'order_not_found' };

/** The POS's open legacy order (GET .../orders); one whose time is up is not open any more. */
export async function openOrderOfPos(ctx: Ctx, tx: Tx, seller: Seller, externalPosId: string, externalStoreId?: string): Promise<Result<InstoreOrder, OpenOrderError>> {
  const pos = await findPosByExternalId(tx.ex, seller.id, externalPosId);
  if (!pos || (externalStoreId !== undefined && pos.external_store_id !== externalStoreId)) return err({ code: 'pos_not_found' });
  const o = await openInstoreOrderOfPos(tx.ex, pos.id);
  if (!o || isLapsed(o, sellerNow(ctx.clock, seller))) return err({ code: 'order_not_found' });
  return ok(o);
}

/** DELETE (attended and v2): the POS's open order is deleted; 204. */
export async function deleteOrderOfPos(ctx: Ctx, tx: Tx, seller: Seller, externalPosId: string, externalStoreId?: string): Promise<Result<InstoreOrder, OpenOrderError>> {
  const found = await openOrderOfPos(ctx, tx, seller, externalPosId, externalStoreId);
  if (!found.ok) return found;
  const done = await close(ctx, tx, found.value, 'deleted', sellerNow(ctx.clock, seller));
  return done ? ok(done) : err({ code: 'order_not_found' });
}

/** At its expiry (X-Ttl-Store-Preference, default 10 minutes) an unpaid order expires. */
export const expireInstoreOrder: TimerHandler = async (ctx, tx, timer) => {
  const o = await findInstoreOrder(tx.ex, timer.target_id);
  if (!o || o.status !== 'open') return;
  const seller = await getSeller(tx.ex, o.seller_id);
  await close(ctx, tx, o, 'expired', ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0));
};
