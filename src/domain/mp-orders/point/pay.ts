import { err, ok, type Result } from '../../../core/result.js';
import type { Ctx } from '../../../context.js';
import type { Tx } from '../../../store/db.js';
import { getSeller } from '../../../store/repos/sellers.js';
import type { NothingPayable, PayerOutcome, PaymentReceipt } from '../../counter/family.js';
import { recordPayment, type NewPayment, cardEntry } from '../../counter/ledger.js';
import type { PaymentSource } from '../../counter/source.js';
import { methodType } from '../../payment-methods.js';
import { CARDHOLDER_OUTCOMES } from '../../terminals/test-cards.js';
import type { MpOrder } from '../order.js';
import { orderLedgerEntry } from '../ledger-entry.js';
import { endPointOrder } from './terminal-side.js';

/** A Point payment's failed status_detail from the card's cc_rejected_* (the test cardholders' pairs). */
export function pointDetail(paymentDetail: string): string {
  return Object.values(CARDHOLDER_OUTCOMES).find((o) => o.payment === paymentDetail)?.point ?? 'rejected_other_reason';
}

async function entry(tx: Tx, o: MpOrder, source: PaymentSource, payer: PayerOutcome, status: 'approved' | 'rejected', detail: string, amount: number): Promise<NewPayment> {
  return {
    ...(await orderLedgerEntry(tx, o, payer, status, detail, amount)),
    source: { kind: 'terminal', id: source.kind === 'terminal' ? source.terminalId : (o.point?.terminal_id ?? '') },
    // caja's reading of a Point payment's point_of_interaction (not verified against a captured Point payment).
    business_info: { unit: 'point', sub_unit: 'point_orders' },
    merchant_order_id: null,
    items: null,
    ...cardEntry(payer.card),
  };
}

/**
 * A card's outcome on a Point order at the terminal: approved → processed
 * (payment accredited, with the tip in paid_amount), declined → failed with
 * the documented detail. Either way the ledger keeps the attempt and the
 * terminal is freed (its screen keeps the outcome until the next order).
 */
export async function payPoint(ctx: Ctx, tx: Tx, o: MpOrder, source: PaymentSource, payer: PayerOutcome, now: number, failedDetail?: string): Promise<Result<PaymentReceipt, NothingPayable>> {
  if (o.status !== 'at_terminal') return err({ reason: 'not_payable', message: `Order ${o.id} is ${o.status}` });
  if (o.payments.some((t) => t.status_detail === 'cancellation_requested')) return err({ reason: 'canceled', message: `Order ${o.id} is being canceled` });
  const seller = await getSeller(tx.ex, o.seller_id);
  const owner = { applicationId: seller?.application_id ?? 0 };
  const tip = payer.tip ?? 0;
  const method = { id: payer.paymentMethod, type: methodType(payer.paymentMethod), installments: payer.installments ?? 1 };
  if (payer.outcome === 'rejected') {
    const detail = payer.statusDetail ?? 'cc_rejected_other_reason';
    const p = await recordPayment(ctx, tx, owner, await entry(tx, o, source, payer, 'rejected', detail, o.total_amount), now);
    const ended = await endPointOrder(ctx, tx, o, 'failed', failedDetail ?? pointDetail(detail), now, (x) => ({ payments: x.payments.map((t) => ({ ...t, reference_id: p.id, payment_method: method })) }), true);
    if (!ended) return err({ reason: 'not_payable', message: `Order ${o.id} moved on` });
    return ok({ id: p.id, status: 'rejected', statusDetail: detail, amount: p.amount, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod });
  }
  const paid = o.total_amount + tip;
  const p = await recordPayment(ctx, tx, owner, await entry(tx, o, source, payer, 'approved', 'accredited', paid), now);
  const ended = await endPointOrder(
    ctx,
    tx,
    o,
    'processed',
    'accredited',
    now,
    (x) => ({ paid_at: now, payments: x.payments.map((t) => ({ ...t, reference_id: p.id, paid_amount: t.amount + tip, tip_amount: tip, payment_method: method })) }),
    true,
  );
  if (!ended) return err({ reason: 'not_payable', message: `Order ${o.id} moved on` });
  return ok({ id: p.id, status: 'approved', statusDetail: 'accredited', amount: paid, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod, details: { transaction_id: o.payments[0]?.id } });
}
