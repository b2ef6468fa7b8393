import { sellerNow } from '../../core/clock.js';
import { getCurrency, type CurrencyCode } from '../../core/currency.js';
import { uuid } from '../../core/ids.js';
import { formatAmount, parseAmount } from '../../core/money.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import { ConcurrencyConflict, type Tx } from '../../store/db.js';
import { findSellerDepayOrder, getDepayOrder } from '../../store/repos/depay-orders.js';
import { casDepayRefund, getDepayRefund, insertDepayRefund, type DepayRefundRow } from '../../store/repos/depay-refunds.js';
import type { Seller } from '../sellers/seller.js';
import { scheduleAt } from '../timers.js';
import { emitRefundEvent } from './events.js';
import { lockedOf, refundUserShare } from './fx.js';
import { REFUNDABLE, type DepayStatus } from './status.js';
import { TIMER_REFUND } from './timer-kinds.js';
import { bumpOrder, moveOrder } from './transition.js';

export interface RefundInput {
  orderId: string;
  partial: boolean;
  /** As sent: a JSON number in the order's local currency. */
  amount: number;
  reason: string;
  notificationUrl?: string | undefined;
}

export type RefundError =
  | { code: 'not_found' }
  | { code: 'totally_refunded' }
  | { code: 'not_refundable'; status: string }
  | { code: 'invalid'; messages: string[] };

/**
 * POST /v2/qr/refund: reserves the amount on the order (so concurrent refunds
 * can never exceed what was paid), answers PENDING, and settles on a timer.
 * The payer's share is computed at the rate locked at creation (reference §6).
 */
export async function requestRefund(ctx: Ctx, tx: Tx, seller: Seller, input: RefundInput): Promise<Result<DepayRefundRow, RefundError>> {
  const order = await findSellerDepayOrder(tx.ex, seller.id, input.orderId);
  if (!order) return err({ code: 'not_found' } as const);
  const remaining = order.local_amount - order.refunded_local;
  if (order.status === 'REFUNDED' || (REFUNDABLE.includes(order.status as DepayStatus) && remaining <= 0)) return err({ code: 'totally_refunded' } as const);
  if (!REFUNDABLE.includes(order.status as DepayStatus)) return err({ code: 'not_refundable', status: order.status } as const);
  const currency = order.local_currency as CurrencyCode;
  const exponent = getCurrency(currency)!.exponent;
  const amount = parseAmount(input.amount, { exponent });
  const left = formatAmount(remaining, exponent);
  if (!amount.ok) {
    const why = amount.error.reason === 'too_many_decimals' ? `must have at most ${exponent} decimal places in ${currency}` : 'must be a positive number';
    return err({ code: 'invalid', messages: [`amount ${why}`] } as const);
  }
  if (input.partial && amount.value > remaining) return err({ code: 'invalid', messages: [`amount must not be greater than the refundable amount (${left} ${currency})`] } as const);
  if (!input.partial && amount.value !== remaining) return err({ code: 'invalid', messages: [`amount must equal the refundable amount (${left} ${currency}) when partial is false`] } as const);
  const share = refundUserShare(order.refunded_local, amount.value, lockedOf(order));
  if (!share.ok) return err({ code: 'invalid', messages: ['amount is too large'] } as const);
  const now = sellerNow(ctx.clock, seller);
  await bumpOrder(tx, order, now, { refunded_local: order.refunded_local + amount.value, refunded_user: order.refunded_user + share.value });
  const refund: DepayRefundRow = {
    id: uuid(),
    order_id: order.id,
    seller_id: seller.id,
    status: 'PENDING',
    partial: input.partial ? 1 : 0,
    amount_local: amount.value,
    amount_user: share.value,
    reason: input.reason,
    notification_url: input.notificationUrl ?? null,
    created_at: now,
    updated_at: now,
  };
  await insertDepayRefund(tx.ex, refund);
  await scheduleAt(tx, ctx.kick, seller, TIMER_REFUND, refund.id, now + ctx.config.depay.refundDelaySeconds * 1000, now);
  return ok(refund);
}

/**
 * The refund timer: the order becomes REFUNDED once everything paid has come
 * back, else PARTIALLY_REFUNDED; the refund takes the same status and its
 * callback goes out. A no-op when the refund is no longer PENDING.
 */
export async function settleRefund(ctx: Ctx, tx: Tx, refundId: string, now: number): Promise<void> {
  const refund = await getDepayRefund(tx.ex, refundId);
  if (!refund || refund.status !== 'PENDING') return;
  const order = await getDepayOrder(tx.ex, refund.order_id);
  if (!order) return;
  const settled = order.settled_local + refund.amount_local;
  const to: DepayStatus = settled >= order.local_amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  const moved = await moveOrder(tx, order, [to], now, { reason: 'refund', set: { settled_local: settled } });
  // Reserved from a refundable order, so the move is always allowed; a refusal would be a bug worth seeing.
  if (!moved.ok) throw new Error(`refund ${refund.id}: order ${order.id} is ${moved.error.status}`);
  if (!(await casDepayRefund(tx.ex, refund.id, 'PENDING', to, now))) throw new ConcurrencyConflict(`depay refund ${refund.id}`);
  await emitRefundEvent(ctx, tx, moved.value, { ...refund, status: to, updated_at: now }, now);
}
