import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findPayment } from './records.js';
import type { Seller } from '../sellers/seller.js';
import type { FamilyRefundRefusal } from './family.js';
import { refundInLedger } from './ledger.js';
import { refundable, type PaymentRefund } from './payment.js';

export type PaymentRefundError = { code: 'payment_not_found' } | FamilyRefundRefusal;

/**
 * POST /v1/payments/{id}/refunds: `amount` undefined refunds everything left.
 * A payment that belongs to a charge (an Orders order, ...) is refunded
 * through that charge's family, so the order's status, its refunds, its
 * webhook and the windows agree whichever door was used; a payment whose
 * family has no refund of its own is refunded in the ledger alone.
 */
export async function refundPayment(ctx: Ctx, tx: Tx, seller: Seller, paymentId: number, amount: number | undefined): Promise<Result<PaymentRefund[], PaymentRefundError>> {
  const p = await findPayment(tx.ex, seller.id, paymentId);
  if (!p) return err({ code: 'payment_not_found' });
  if (p.status !== 'approved') return err({ code: 'not_refundable', status: p.status });
  if (amount !== undefined && amount > refundable(p)) return err({ code: 'over_balance', left: refundable(p) });
  const family = ctx.counter.family(p.family);
  if (family?.refund) return family.refund(ctx, tx, seller, p, amount);
  const done = await refundInLedger(ctx, tx, { applicationId: seller.application_id }, p, amount ?? refundable(p), null, sellerNow(ctx.clock, seller), { settled: true });
  return done.ok ? ok([done.value.refund]) : err(done.error);
}
