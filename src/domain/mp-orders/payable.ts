import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findOrder, findOrderById } from './records.js';
import { findPos } from '../../store/repos/pos.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findStore } from '../../store/repos/stores.js';
import type { CounterFamily, FamilyRefundRefusal, NothingPayable, PayableCharge, PayerOutcome } from '../counter/family.js';
import { recordPayment, type NewPayment } from '../counter/ledger.js';
import type { PaymentSource } from '../counter/source.js';
import { methodType, rejectionDetail } from '../payment-methods.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { emitOrderEvent } from './events.js';
import { isLapsed, moveOrder, transactionsOf, withTransactions, type MpOrder } from './order.js';
import { refundableTxn, refundOrder, type RefundError, type RefundRequest } from './refund.js';
import { orderLedgerEntry } from './ledger-entry.js';
import { leavePos, MP_ORDER_FAMILY } from './slot.js';
import { attachPayment, openMerchantOrderFor } from '../merchant-orders/commands.js';
import { merchantOrderOf } from './merchant-order.js';
import { payPoint } from './point/pay.js';
import { pointOrderTerminal } from './point/terminal-hooks.js';

function nothing(o: MpOrder, now: number): NothingPayable | undefined {
  if (isLapsed(o, now) || o.status === 'expired') return { reason: 'expired', message: `Order ${o.id} expired` };
  if (o.status === 'canceled') return { reason: 'canceled', message: `Order ${o.id} was canceled` };
  if (o.status === 'processed') return { reason: 'paid', message: `Order ${o.id} is already paid` };
  if (o.status === 'refunded') return { reason: 'refunded', message: `Order ${o.id} was paid and refunded` };
  if (o.status === 'failed' || o.status === 'action_required') return { reason: 'failed', message: `Order ${o.id} is ${o.status}` };
  if (o.type === 'point' && o.status === 'created') return { reason: 'not_payable', message: `Order ${o.id} is not at the terminal yet` };
  return undefined;
}

async function charge(tx: Tx, o: MpOrder): Promise<PayableCharge> {
  const pos = await findPos(tx.ex, o.seller_id, o.pos_id);
  const store = pos && (await findStore(tx.ex, o.seller_id, pos.store_id));
  return {
    family: MP_ORDER_FAMILY,
    id: o.id,
    sellerId: o.seller_id,
    merchant: { name: store?.name ?? '', city: store ? (JSON.parse(store.location) as Location).city_name : undefined, country: siteOf(o.site_id).countryId },
    amount: o.total_amount,
    currency: o.currency,
    description: o.description,
    externalReference: o.external_reference,
    items: o.items?.map((i) => ({ title: i.title, quantity: i.quantity, unitPrice: i.unit_price })),
    details: { mode: o.mode, pos: o.external_pos_id, ...(o.discounts ? { discounts: o.discounts } : {}) },
  };
}

/** The ledger's view of a payment of this order (the captured real QR payment, supplement §7). */
async function ledgerEntry(tx: Tx, o: MpOrder, source: PaymentSource, payer: PayerOutcome, status: 'approved' | 'rejected', detail: string, amount: number, merchantOrderId: string): Promise<NewPayment> {
  return {
    ...(await orderLedgerEntry(tx, o, payer, status, detail, amount)),
    source: source.kind === 'qr' ? { kind: 'qr', id: source.qr.token } : { kind: 'terminal', id: source.terminalId },
    business_info: { unit: 'wallet', sub_unit: 'qr', branch: 'QR' },
    merchant_order_id: Number(merchantOrderId),
    items: o.items?.map((i) => ({ title: i.title, quantity: i.quantity, unit_price: i.unit_price, description: i.description })) ?? null,
    card: null,
  };
}

const REFUSALS: Record<RefundError['code'], (e: never) => FamilyRefundRefusal> = {
  order_not_found: () => ({ code: 'not_refundable', status: 'unknown' }),
  invalid_order_owner: () => ({ code: 'not_refundable', status: 'unknown' }),
  order_already_refunded: () => ({ code: 'not_refundable', status: 'refunded' }),
  cannot_refund_order: (e: { status: string }) => ({ code: 'not_refundable', status: e.status }),
  transaction_not_found: () => ({ code: 'not_refundable', status: 'unknown' }),
  window_closed: (e: { window: string }) => ({ code: 'window_closed', window: e.window }),
  amount_exceeds: (e: { left: number }) => ({ code: 'over_balance', left: e.left }),
  partial_refund_with_cashout: () => ({ code: 'partial_not_allowed', reason: 'an order with a cash-out can only be refunded in full' }),
  partial_refund_with_tips: () => ({ code: 'partial_not_allowed', reason: 'a payment with a tip can only be refunded in full' }),
};

/** A Payments API refund amount spread over the order's payment transactions, first to last. */
function spread(o: MpOrder, amount: number): Result<RefundRequest, FamilyRefundRefusal> {
  if (o.cash_outs.length) return err({ code: 'partial_not_allowed', reason: 'an order with a cash-out can only be refunded in full' });
  const left = o.payments.reduce((s, t) => s + refundableTxn(t), 0);
  if (amount > left) return err({ code: 'over_balance', left });
  const req: Array<{ transactionId: string; amount: number }> = [];
  let rest = amount;
  for (const t of o.payments) {
    const take = Math.min(rest, refundableTxn(t));
    if (take > 0) req.push({ transactionId: t.id, amount: take });
    rest -= take;
  }
  return ok(req);
}

/** Mercado Pago Orders (types qr and point) at the counter: a dynamic code's order, or what a POS's printed QR holds. */
export const mpOrderFamily: CounterFamily = {
  name: MP_ORDER_FAMILY,
  codes: ['mp_order'],

  async find(_ctx, tx, chargeId, now) {
    const o = await findOrderById(tx.ex, chargeId);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    // The printed QR still held by an order whose time is up: the POS is idle, as before its expiry ran.
    const no = nothing(o, now);
    return no ? err(no) : ok(await charge(tx, o));
  },

  async pay(ctx: Ctx, tx, c, source, payer, now) {
    // Read again inside this transaction: the version guards against a concurrent payer.
    const o = await findOrderById(tx.ex, c.id);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const no = nothing(o, now);
    if (no) return err(no);
    if (o.type === 'point') return payPoint(ctx, tx, o, source, payer, now);
    const seller = await getSeller(tx.ex, o.seller_id);
    const owner = { applicationId: seller?.application_id ?? 0 };
    const mo = await openMerchantOrderFor(ctx, tx, merchantOrderOf(o, owner.applicationId), now);
    if (payer.outcome === 'rejected') {
      // A declined attempt leaves the order payable; the ledger keeps it.
      const detail = payer.statusDetail ?? rejectionDetail(payer.paymentMethod);
      const p = await recordPayment(ctx, tx, owner, await ledgerEntry(tx, o, source, payer, 'rejected', detail, o.total_amount, mo.id), now);
      await attachPayment(ctx, tx, mo.id, p, now);
      return ok({ id: p.id, status: 'rejected', statusDetail: detail, amount: p.amount, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod });
    }
    const method = { id: payer.paymentMethod, type: methodType(payer.paymentMethod), installments: 1 };
    const discount = o.discounts?.payment_methods.find((d) => d.type === method.type);
    const paidOf = (kind: 'payment' | 'cash_out', amount: number) => (kind === 'payment' && discount ? discount.new_total_amount : amount);
    const paid = transactionsOf(o).reduce((sum, t) => sum + paidOf(t.kind, t.amount), 0);
    const p = await recordPayment(ctx, tx, owner, await ledgerEntry(tx, o, source, payer, 'approved', 'accredited', paid, mo.id), now);
    const moved = await moveOrder(tx, o, 'processed', 'accredited', now, (x) => {
      const next = withTransactions(x, 'processed', 'accredited', (t) => ({ reference_id: p.id, paid_amount: paidOf(t.kind, t.amount), ...(t.kind === 'payment' ? { payment_method: method } : {}) }));
      return next && { ...next, paid_at: now };
    });
    if (!moved.ok) return err({ reason: 'not_payable', message: `Order ${o.id} is ${moved.error.status}` });
    await leavePos(tx, moved.value, now);
    await attachPayment(ctx, tx, mo.id, p, now);
    await emitOrderEvent(ctx, tx, moved.value, 'processed', now);
    return ok({ id: p.id, status: 'approved', statusDetail: 'accredited', amount: paid, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod, details: { transaction_id: o.payments[0]?.id ?? o.cash_outs[0]?.id } });
  },

  async refund(ctx, tx, seller, payment, amount) {
    const o = await findOrder(tx.ex, seller.id, payment.charge_id);
    if (!o) return err({ code: 'not_refundable', status: 'unknown' });
    let req: RefundRequest;
    if (amount !== undefined) {
      const spreadOut = spread(o, amount);
      if (!spreadOut.ok) return spreadOut;
      req = spreadOut.value;
    }
    const r = await refundOrder(ctx, tx, seller, o.id, req);
    if (!r.ok) return err((REFUSALS[r.error.code] as (e: RefundError) => FamilyRefundRefusal)(r.error));
    return ok(r.value.ledger);
  },

  // Orders for Point queue on a terminal's slot; the simulated device drives them (src/domain/terminals).
  terminal: pointOrderTerminal,
};
