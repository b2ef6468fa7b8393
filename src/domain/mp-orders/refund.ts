import { sellerNow } from '../../core/clock.js';
import { idFamily } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findOrder, saveOrder } from '../../store/repos/mp-orders.js';
import type { Seller } from '../sellers/seller.js';
import { scheduleAt } from '../timers.js';
import { moveOrder, moveTxn, transactionsOf, type MpOrder, type Refund, type Txn } from './order.js';

export const SETTLE_TIMER = 'mp_order.refund_settle';

const DAY = 86_400_000;
// Refund windows on the seller's clock: QR payments 180 days (QR guide); cash-outs 72 hours (cash-out seed).
const WINDOW_MS: Record<Txn['kind'], number> = { payment: 180 * DAY, cash_out: 72 * 3_600_000 };

export type RefundError =
  | { code: 'order_not_found' }
  | { code: 'order_already_refunded' }
  | { code: 'cannot_refund_order'; reason: string }
  | { code: 'transaction_not_found'; id: string };

/** undefined: a total refund (no body). Otherwise partial amounts per transaction. */
export type RefundRequest = Array<{ transactionId: string; amount: number }> | undefined;

/** What is left to give back: at most what the payer paid (less than the amount with a discount). */
function refundable(t: Txn): number {
  return t.status === 'processed' ? (t.paid_amount ?? t.amount) - t.refunded_amount : 0;
}

/**
 * Refunds a processed order (reference §1.5): with no body, everything left;
 * with a body, the amounts given, several partials allowed while their sum
 * stays within each transaction. New refunds are `processing` and become
 * `processed` on a timer, when order.refunded is notified.
 */
export async function refundOrder(ctx: Ctx, tx: Tx, seller: Seller, id: string, req: RefundRequest): Promise<Result<MpOrder, RefundError>> {
  const o = await findOrder(tx.ex, seller.id, id);
  if (!o) return err({ code: 'order_not_found' });
  if (o.status === 'refunded') return err({ code: 'order_already_refunded' });
  if (o.status !== 'processed') return err({ code: 'cannot_refund_order', reason: `the order is ${o.status}; only processed orders can be refunded` });
  const now = sellerNow(ctx.clock, seller);
  const asked = new Map<Txn, number>();
  if (req === undefined) {
    for (const t of transactionsOf(o)) if (refundable(t) > 0) asked.set(t, refundable(t));
  } else {
    for (const item of req) {
      const t = transactionsOf(o).find((x) => x.id === item.transactionId);
      if (!t) return err({ code: 'transaction_not_found', id: item.transactionId });
      asked.set(t, (asked.get(t) ?? 0) + item.amount);
    }
  }
  for (const [t, amount] of asked) {
    if (now - (o.paid_at ?? now) > WINDOW_MS[t.kind]) {
      return err({ code: 'cannot_refund_order', reason: `the refund window of ${t.kind === 'payment' ? '180 days' : '72 hours'} for ${t.id} has ended` });
    }
    if (amount > refundable(t)) return err({ code: 'cannot_refund_order', reason: `${t.id} has ${refundable(t)} (minor units) left to refund, ${amount} asked` });
    // "In this case, the refund will always be a total return of the order amount" (cash-out seed).
    if (t.kind === 'cash_out' && amount !== refundable(t)) return err({ code: 'cannot_refund_order', reason: `cash-out ${t.id} can only be refunded in full` });
  }
  const ids = idFamily(now);
  for (const [t, amount] of asked) {
    t.refunded_amount += amount;
    if (refundable(t) === 0) moveTxn(t, 'refunded', 'refunded');
    const refund: Refund = { id: ids.next('REF'), transaction_id: t.id, reference_id: t.reference_id ?? '', amount, status: 'processing', created_at: now };
    o.refunds.push(refund);
    await scheduleAt(tx, ctx.kick, seller, SETTLE_TIMER, `${o.id}:${refund.id}`, now + ctx.config.mercadopago.refundSettleMs, now);
  }
  const everything = transactionsOf(o).every((t) => refundable(t) === 0);
  moveOrder(o, everything ? 'refunded' : 'processed', everything ? 'refunded' : 'partially_refunded', now);
  await saveOrder(tx.ex, o);
  return ok(o);
}
