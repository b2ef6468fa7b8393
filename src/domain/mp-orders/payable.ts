import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { NothingPayable, PayableCharge, PayableFamily } from '../payable.js';
import type { Tx } from '../../store/db.js';
import { findOrderById, findOpenOrderOfPos, saveOrder } from '../../store/repos/mp-orders.js';
import { findPos } from '../../store/repos/pos.js';
import { nextId } from '../../store/repos/sequences.js';
import { findStore } from '../../store/repos/stores.js';
import { methodType, rejectionDetail } from '../payment-methods.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { emitOrderEvent } from './events.js';
import { isLapsed, moveOrder, moveTxn, transactionsOf, type MpOrder } from './order.js';

function nothing(o: MpOrder, now: number): NothingPayable | undefined {
  if (isLapsed(o, now) || o.status === 'expired') return { reason: 'expired', message: `Order ${o.id} expired` };
  if (o.status === 'canceled') return { reason: 'canceled', message: `Order ${o.id} was canceled` };
  if (o.status === 'processed') return { reason: 'paid', message: `Order ${o.id} is already paid` };
  if (o.status === 'refunded') return { reason: 'refunded', message: `Order ${o.id} was paid and refunded` };
  return undefined;
}

async function charge(tx: Tx, o: MpOrder): Promise<PayableCharge> {
  const pos = await findPos(tx.ex, o.seller_id, o.pos_id);
  const store = pos && (await findStore(tx.ex, o.seller_id, pos.store_id));
  return {
    family: 'mercadopago',
    id: o.id,
    sellerId: o.seller_id,
    merchant: { name: store?.name ?? '', city: store ? (JSON.parse(store.location) as Location).city_name : undefined, country: siteOf(o.site_id).countryId },
    amount: o.total_amount,
    currency: o.currency,
    description: o.description,
    externalReference: o.external_reference,
    details: { mode: o.mode, pos: o.external_pos_id, ...(o.discounts ? { discounts: o.discounts } : {}) },
  };
}

/** Mercado Pago Orders (type qr) as the wallet sees them: a dynamic code's order, or a POS's newest open order. */
export const mpOrderPayables: PayableFamily = {
  name: 'mercadopago',

  async find(_ctx, tx, qr, now): Promise<Result<PayableCharge, NothingPayable> | undefined> {
    let o: MpOrder | undefined;
    if (qr.kind === 'mp_order') o = await findOrderById(tx.ex, qr.target_id);
    else if (qr.kind === 'pos') {
      o = await findOpenOrderOfPos(tx.ex, Number(qr.target_id));
      if (!o || isLapsed(o, now)) return err({ reason: 'idle_pos', message: 'Nothing is pending on this POS' });
    } else return undefined;
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const no = nothing(o, now);
    return no ? err(no) : ok(await charge(tx, o));
  },

  async pay(ctx: Ctx, tx, c, _qr, payer, now) {
    // Read again inside this transaction: the saved version guards against a concurrent payer.
    const o = await findOrderById(tx.ex, c.id);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const no = nothing(o, now);
    if (no) return err(no);
    const method = { id: payer.paymentMethod, type: methodType(payer.paymentMethod), installments: 1 };
    if (payer.outcome === 'rejected') {
      const detail = rejectionDetail(payer.paymentMethod);
      o.attempts.push({ at: now, outcome: 'rejected', payment_method: payer.paymentMethod, status_detail: detail });
      o.updated_at = now;
      await saveOrder(tx.ex, o);
      return ok({ id: String(await nextId(tx.ex, 'payment')), status: 'rejected', statusDetail: detail, amount: o.total_amount, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod });
    }
    const discount = o.discounts?.payment_methods.find((d) => d.type === method.type);
    const reference = String(await nextId(tx.ex, 'payment'));
    for (const t of transactionsOf(o)) {
      moveTxn(t, 'processed', 'accredited');
      t.reference_id = reference;
      t.paid_amount = t.kind === 'payment' && discount ? discount.new_total_amount : t.amount;
      if (t.kind === 'payment') t.payment_method = method;
    }
    moveOrder(o, 'processed', 'accredited', now);
    o.paid_at = now;
    await saveOrder(tx.ex, o);
    await emitOrderEvent(ctx, tx, o, 'processed', now);
    const paid = transactionsOf(o).reduce((sum, t) => sum + (t.paid_amount ?? 0), 0);
    return ok({ id: reference, status: 'approved', statusDetail: 'accredited', amount: paid, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod, details: { transaction_id: o.payments[0]?.id ?? o.cash_outs[0]?.id } });
  },
};
