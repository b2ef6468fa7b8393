import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { casPayment, insertPayment, insertPaymentRefund, settlePaymentRefund } from './records.js';
import { nextId } from '../../store/repos/sequences.js';
import { move } from '../lifecycle/move.js';
import type { CardFacts } from './family.js';
import { PAYMENT_MACHINE, refundable, type Payment, type PaymentRefund } from './payment.js';

export type NewPayment = Omit<Payment, 'id' | 'amount_refunded' | 'version' | 'date_created' | 'date_approved' | 'date_last_updated'>;

/** A card a terminal read, as the ledger keeps it (the captured payment's `card`), and the payer's name from it. */
export function cardEntry(card: CardFacts | undefined): Pick<NewPayment, 'card' | 'payer_name'> {
  return {
    card: card
      ? {
          first_six_digits: card.firstSixDigits,
          last_four_digits: card.lastFourDigits,
          expiration_month: card.expirationMonth ?? 11,
          expiration_year: card.expirationYear ?? 2030,
          cardholder: { name: card.cardholderName, identification: { number: '', type: '' } },
        }
      : null,
    payer_name: card?.cardholderName ?? null,
  };
}

/** The seller's application id, for the payment topic's envelope. */
export interface Owner {
  applicationId: number;
}

async function notify(ctx: Ctx, tx: Tx, p: Payment, owner: Owner, type: 'mp.payment.created' | 'mp.payment.updated', at: number) {
  await ctx.events.emit(tx, { sellerId: p.seller_id, type, resourceId: p.id, payload: { id: p.id, version: p.version, application_id: owner.applicationId, notification_url: p.notification_url }, at });
}

/** Records one payment attempt (approved or rejected) with the next Mercado Pago payment id, and notifies payment.created. */
export async function recordPayment(ctx: Ctx, tx: Tx, owner: Owner, input: NewPayment, at: number): Promise<Payment> {
  const p: Payment = {
    ...input,
    id: String(await nextId(tx.ex, 'payment')),
    amount_refunded: 0,
    version: 1,
    date_created: at,
    date_approved: input.status === 'approved' ? at : null,
    date_last_updated: at,
  };
  await insertPayment(tx.ex, p);
  await notify(ctx, tx, p, owner, 'mp.payment.created', at);
  return p;
}

export type LedgerRefundError = { code: 'not_refundable'; status: string } | { code: 'over_balance'; left: number };

/**
 * Gives back `amount` of a payment: approved stays approved
 * (partially_refunded) until nothing is left, then refunded. The balance is
 * checked against the version read, so concurrent refunds through any door
 * never give back more than was paid. The refund is in_process until the
 * charge confirms it (`settleLedgerRefund`), like the order's own refund.
 */
export async function refundInLedger(
  ctx: Ctx,
  tx: Tx,
  owner: Owner,
  p: Payment,
  amount: number,
  chargeRefundId: string | null,
  at: number,
  opts: { settled?: boolean } = {},
): Promise<Result<{ payment: Payment; refund: PaymentRefund }, LedgerRefundError>> {
  if (p.status !== 'approved') return err({ code: 'not_refundable', status: p.status });
  const left = refundable(p);
  if (amount > left) return err({ code: 'over_balance', left });
  const total = amount === left;
  const moved = await move(
    tx,
    PAYMENT_MACHINE,
    p,
    [{ status: total ? 'refunded' : 'approved', detail: total ? 'refunded' : 'partially_refunded' }],
    (x) => ({ ...x, amount_refunded: x.amount_refunded + amount, status_detail: total ? 'refunded' : 'partially_refunded', date_last_updated: at }),
    { at, save: (next, expected) => casPayment(tx.ex, next, expected) },
  );
  if (!moved.ok) return err({ code: 'not_refundable', status: moved.error.status });
  const refund: PaymentRefund = {
    id: await nextId(tx.ex, 'payment_refund'),
    payment_id: Number(p.id),
    seller_id: p.seller_id,
    amount,
    status: opts.settled ? 'approved' : 'in_process',
    charge_refund_id: chargeRefundId,
    created_at: at,
    updated_at: at,
  };
  await insertPaymentRefund(tx.ex, refund);
  await notify(ctx, tx, moved.value, owner, 'mp.payment.updated', at);
  return ok({ payment: moved.value, refund });
}

/** The charge confirmed its refund: the ledger's refund is approved. */
export async function settleLedgerRefund(tx: Tx, paymentId: string, chargeRefundId: string, at: number): Promise<void> {
  await settlePaymentRefund(tx.ex, Number(paymentId), chargeRefundId, at);
}
