import { sellerNow } from '../../core/clock.js';
import { idFamily } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { mpOptions } from '../sellers/mp-options.js';
import { emitOrderEvent } from './events.js';
import { findOrderById } from './records.js';
import { findPayment } from '../counter/records.js';
import { refundInLedger } from '../counter/ledger.js';
import { refundable as paymentLeft, type PaymentRefund } from '../counter/payment.js';
import type { Seller } from '../sellers/seller.js';
import { scheduleAt } from '../timers.js';
import { moveOrder, transactionsOf, txnMoved, type MpOrder, type Refund, type Txn } from './order.js';

export const SETTLE_TIMER = 'mp_order.refund_settle';

const DAY = 86_400_000;
// Refund windows on the seller's clock: QR payments 180 days (QR guide); cash-outs 72 hours (cash-out seed).
const WINDOW_MS: Record<Txn['kind'], number> = { payment: 180 * DAY, cash_out: 72 * 3_600_000 };
// Point payments: 90 days (supplement §1.4).
const POINT_WINDOW_MS = 90 * DAY;
export const WINDOW_TEXT: Record<Txn['kind'], string> = { payment: '180 days', cash_out: '72 hours' };

export type RefundError =
  | { code: 'order_not_found' }
  | { code: 'invalid_order_owner' }
  | { code: 'order_already_refunded' }
  | { code: 'cannot_refund_order'; status: string }
  | { code: 'transaction_not_found'; id: string }
  | { code: 'window_closed'; transactionId: string; window: string }
  | { code: 'amount_exceeds'; transactionId: string; left: number; asked: number }
  | { code: 'partial_refund_with_cashout'; transactionId: string }
  | { code: 'partial_refund_with_tips'; transactionId: string };

/** undefined: a total refund (no body). Otherwise partial amounts per transaction. */
export type RefundRequest = Array<{ transactionId: string; amount: number }> | undefined;

export interface Refunded {
  order: MpOrder;
  /** The payments ledger's refunds this made (the Payments API's view of the same refund). */
  ledger: PaymentRefund[];
}

/** What is left to give back: at most what the payer paid (less than the amount with a discount). */
export function refundableTxn(t: Txn): number {
  return t.status === 'processed' ? (t.paid_amount ?? t.amount) - t.refunded_amount : 0;
}

function asked(o: MpOrder, req: RefundRequest): Result<Map<string, number>, RefundError> {
  const out = new Map<string, number>();
  if (req === undefined) {
    for (const t of transactionsOf(o)) if (refundableTxn(t) > 0) out.set(t.id, refundableTxn(t));
    return ok(out);
  }
  for (const item of req) {
    if (!transactionsOf(o).some((x) => x.id === item.transactionId)) return err({ code: 'transaction_not_found', id: item.transactionId });
    out.set(item.transactionId, (out.get(item.transactionId) ?? 0) + item.amount);
  }
  return ok(out);
}

/**
 * Refunds a processed order (reference §1.5): with no body, everything left;
 * with a body, the amounts given, several partials allowed while their sum
 * stays within each transaction. New refunds are `processing` and become
 * `processed` on a timer, when order.refunded is notified. The payment in the
 * ledger is refunded in the same transaction, so the Payments API and the
 * order agree whichever door the refund came in by.
 */
export async function refundOrder(ctx: Ctx, tx: Tx, seller: Seller, id: string, req: RefundRequest): Promise<Result<Refunded, RefundError>> {
  const o = await findOrderById(tx.ex, id);
  if (!o) return err({ code: 'order_not_found' });
  // The QR refund errors: "invalid_order_owner" for another user's order (README: the one place it is not a 404).
  if (o.seller_id !== seller.id) return err({ code: 'invalid_order_owner' });
  if (o.status === 'refunded' || (o.status === 'processed' && transactionsOf(o).every((t) => refundableTxn(t) === 0))) return err({ code: 'order_already_refunded' });
  if (o.status !== 'processed') return err({ code: 'cannot_refund_order', status: o.status });
  // Point refunds answer at once (supplement §1.4: "refunded/refunded with the refund processed"); for QR, seed
  // 003's form (the refund processing until confirmed) is the default and the reference's form a seller option.
  const immediate = o.type === 'point' || (await mpOptions(tx.ex, seller.id)).refund_answer === 'immediate';
  const now = sellerNow(ctx.clock, seller);
  const amounts = asked(o, req);
  if (!amounts.ok) return amounts;
  for (const t of transactionsOf(o)) {
    const amount = amounts.value.get(t.id);
    if (amount === undefined) continue;
    const [windowMs, windowText] = o.type === 'point' ? [POINT_WINDOW_MS, '90 days'] : [WINDOW_MS[t.kind], WINDOW_TEXT[t.kind]];
    if (now - (o.paid_at ?? now) > windowMs) return err({ code: 'window_closed', transactionId: t.id, window: windowText });
    if (amount > refundableTxn(t)) return err({ code: 'amount_exceeds', transactionId: t.id, left: refundableTxn(t), asked: amount });
    // "In this case, the refund will always be a total return of the order amount" (cash-out seed).
    if (t.kind === 'cash_out' && amount !== refundableTxn(t)) return err({ code: 'partial_refund_with_cashout', transactionId: t.id });
    // Point refund errors: 403 partial_refund_forbidden_with_tips (supplement §1.4).
    if ((t.tip_amount ?? 0) > 0 && amount !== refundableTxn(t)) return err({ code: 'partial_refund_with_tips', transactionId: t.id });
  }
  const ids = idFamily(now);
  const refunds: Refund[] = [];
  const edit = (x: MpOrder): MpOrder | undefined => {
    const step = (t: Txn): Txn | undefined => {
      const amount = amounts.value.get(t.id);
      if (amount === undefined) return t;
      const next = { ...t, refunded_amount: t.refunded_amount + amount };
      refunds.push({ id: ids.next('REF'), transaction_id: t.id, reference_id: t.reference_id ?? '', amount, status: immediate ? 'processed' : 'processing', created_at: now, updated_at: now });
      // Confirmed at once, the transaction is refunded now; otherwise when its refund is confirmed (settle.ts).
      return immediate && refundableTxn(next) === 0 ? txnMoved(next, 'refunded', 'refunded') : next;
    };
    const payments = x.payments.map(step);
    const cashOuts = x.cash_outs.map(step);
    if ([...payments, ...cashOuts].some((t) => !t)) return undefined;
    return { ...x, payments: payments as Txn[], cash_outs: cashOuts as Txn[], refunds: [...x.refunds, ...refunds] };
  };
  const everything = transactionsOf(o).every((t) => refundableTxn(t) === (amounts.value.get(t.id) ?? 0));
  // Seed 003: a total refund answers processed/accredited with the refund processing until confirmed; the
  // reference's form (a seller option) answers refunded/refunded at once. A partial refund is partially_refunded either way.
  const [to, detail] = everything ? (immediate ? (['refunded', 'refunded'] as const) : (['processed', o.status_detail] as const)) : (['processed', 'partially_refunded'] as const);
  const moved = await moveOrder(tx, o, to, detail, now, edit);
  if (!moved.ok) return err({ code: 'cannot_refund_order', status: moved.error.status });
  if (immediate) await emitOrderEvent(ctx, tx, moved.value, 'refunded', now);
  else for (const r of refunds) await scheduleAt(tx, ctx.kick, seller, SETTLE_TIMER, `${o.id}:${r.id}`, now + ctx.config.mercadopago.refundSettleMs, now);
  return ok({ order: moved.value, ledger: await refundLedger(ctx, tx, seller, refunds, now, immediate) });
}

/** One ledger refund per payment this order refund touched (its transactions share the payment's id). */
async function refundLedger(ctx: Ctx, tx: Tx, seller: Seller, refunds: Refund[], now: number, settled: boolean): Promise<PaymentRefund[]> {
  const byPayment = new Map<string, Refund[]>();
  for (const r of refunds) if (r.reference_id) byPayment.set(r.reference_id, [...(byPayment.get(r.reference_id) ?? []), r]);
  const out: PaymentRefund[] = [];
  for (const [paymentId, rs] of byPayment) {
    const p = await findPayment(tx.ex, seller.id, Number(paymentId));
    // Orders paid before the ledger existed have no payment row.
    if (!p) continue;
    const amount = Math.min(rs.reduce((s, r) => s + r.amount, 0), paymentLeft(p));
    const done = await refundInLedger(ctx, tx, { applicationId: seller.application_id }, p, amount, rs[0]!.id, now, { settled });
    if (done.ok) out.push(done.value.refund);
  }
  return out;
}
