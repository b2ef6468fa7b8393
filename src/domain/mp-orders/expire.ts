import type { Ctx } from '../../context.js';
import type { BulkTimerHandler, TimerHandler } from '../timers.js';
import type { Tx } from '../../store/db.js';
import type { TimerRow } from '../../store/repos/timers.js';
import { findOrderById, findOrdersByIds } from './records.js';
import { getSeller } from '../../store/repos/sellers.js';
import { emitOrderEvent } from './events.js';
import { moveOrder, moveOrders, withTransactions, type MpOrder } from './order.js';
import { holdsPos, leavePos } from './slot.js';
import { leaveTerminal } from './point/terminal-side.js';

const expirable = (o: MpOrder) => o.status === 'created' || (o.type === 'point' && o.status === 'at_terminal');

/**
 * At expiration_time the order and its transactions become expired (a Point
 * order also while at the terminal, supplement §1.5, which frees it) and
 * order.expired is notified. Already paid or canceled: nothing to do (the
 * allow-list refuses, and a refusal is not an error here).
 */
export const expireOrder: TimerHandler = async (ctx: Ctx, tx: Tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || !expirable(o)) return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const now = ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0);
  const moved = await moveOrder(tx, o, 'expired', 'expired', now, (x) => withTransactions(x, 'expired', 'expired'));
  if (!moved.ok) return;
  await leavePos(tx, moved.value, now);
  await leaveTerminal(tx, moved.value, now);
  await emitOrderEvent(ctx, tx, moved.value, 'expired', now);
};

/**
 * `expireOrder` for a batch of due timers (100,000 orders expiring at one
 * instant): the orders read in one statement, moved in one compare-and-set
 * statement, their order.expired events in one or two. It batches the QR
 * orders that hold nothing (dynamic mode); an order holding its POS's printed
 * QR or a terminal's slot is left to `expireOrder`, as is a second timer for
 * an order already in the batch. An order that is gone or already final is done.
 */
export const expireOrders: BulkTimerHandler = async (ctx: Ctx, tx: Tx, timers) => {
  const orders = await findOrdersByIds(tx.ex, tx.dialect, [...new Set(timers.map((t) => t.target_id))]);
  const left: TimerRow[] = [];
  const batch: MpOrder[] = [];
  const taken = new Set<string>();
  for (const t of timers) {
    const o = orders.get(t.target_id);
    if (!o || !expirable(o)) continue;
    if (o.type !== 'qr' || holdsPos(o) || taken.has(o.id)) left.push(t);
    else {
      taken.add(o.id);
      batch.push(o);
    }
  }
  if (batch.length === 0) return left;
  const offsets = new Map<number, number>();
  for (const id of new Set(batch.map((o) => o.seller_id))) offsets.set(id, (await getSeller(tx.ex, id))?.clock_offset_ms ?? 0);
  const realNow = ctx.clock.realNow();
  const items = batch.map((order) => ({ order, now: realNow + offsets.get(order.seller_id)! }));
  const moved = await moveOrders(tx, items, 'expired', 'expired', (x) => withTransactions(x, 'expired', 'expired'));
  const events = moved.flatMap((m, k) => (m.ok ? [{ sellerId: m.value.seller_id, type: 'mp.order.expired' as const, resourceId: m.value.id, payload: m.value, at: items[k]!.now }] : []));
  await ctx.events.emitMany(tx, events);
  return left;
};
