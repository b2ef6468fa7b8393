import type { TimerHandler } from '../timers.js';
import { getSeller } from '../../store/repos/sellers.js';
import { settleLedgerRefund } from '../counter/ledger.js';
import { bump } from '../lifecycle/move.js';
import { emitOrderEvent } from './events.js';
import { moveOrder, transactionsOf, txnMoved, type MpOrder, type Txn } from './order.js';
import { findOrderById, saveOrder } from './records.js';
import { refundableTxn } from './refund.js';

/** A transaction whose whole amount was given back and whose refunds are all confirmed is refunded. */
function confirmTxns(o: MpOrder): MpOrder | undefined {
  const done = (t: Txn) => refundableTxn(t) === 0 && t.status === 'processed' && !o.refunds.some((r) => r.transaction_id === t.id && r.status === 'processing');
  const step = (ts: Txn[]) => ts.map((t) => (done(t) ? txnMoved(t, 'refunded', 'refunded') : t));
  const payments = step(o.payments);
  const cashOuts = step(o.cash_outs);
  if ([...payments, ...cashOuts].some((t) => !t)) return undefined;
  return { ...o, payments: payments as Txn[], cash_outs: cashOuts as Txn[] };
}

/**
 * A refund's confirmation: processing → processed, then "the update
 * notification" (order.refunded). Once everything paid is given back and
 * confirmed, the transactions and the order are refunded (seed 003: the order
 * reads refunded/refunded after the confirmation).
 */
export const settleRefund: TimerHandler = async (ctx, tx, timer) => {
  const [orderId, refundId] = timer.target_id.split(':');
  const o = orderId && (await findOrderById(tx.ex, orderId));
  const refund = o && o.refunds.find((r) => r.id === refundId);
  if (!o || !refund || refund.status !== 'processing') return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const now = ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0);
  const confirmed = (x: MpOrder): MpOrder => ({ ...x, updated_at: now, refunds: x.refunds.map((r) => (r.id === refundId ? { ...r, status: 'processed' as const, updated_at: now } : r)) });
  const next = confirmTxns(confirmed(o));
  const all = next && transactionsOf(next).every((t) => t.status === 'refunded');
  let settled: MpOrder;
  if (all && o.status === 'processed') {
    const moved = await moveOrder(tx, o, 'refunded', 'refunded', now, () => next);
    if (!moved.ok) return;
    settled = moved.value;
  } else settled = await bump('mp_order', o, (x) => (next && x.status === 'processed' ? next : confirmed(x)), (n, expected) => saveOrder(tx.ex, n, expected));
  if (refund.reference_id) await settleLedgerRefund(tx, refund.reference_id, refund.id, now);
  await emitOrderEvent(ctx, tx, settled, 'refunded', now);
};
