import { err, ok } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findStore } from '../../store/repos/stores.js';
import type { CounterFamily, NothingPayable, PayableCharge, PayerOutcome } from '../counter/family.js';
import { recordPayment, refundInLedger, type NewPayment } from '../counter/ledger.js';
import { refundable } from '../counter/payment.js';
import type { PaymentSource } from '../counter/source.js';
import { attachPayment, createMerchantOrder, openMerchantOrderFor, touchMerchantOrder, type NewMerchantOrder } from '../merchant-orders/commands.js';
import { methodType, rejectionDetail } from '../payment-methods.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { sellerNow } from '../../core/clock.js';
import { amountToPay, isLapsed, moveInstore, type InstoreOrder } from './order.js';
import { findInstoreOrder } from './records.js';
import { INSTORE_FAMILY, leavePrinted } from './slot.js';

function nothing(o: InstoreOrder, now: number): NothingPayable | undefined {
  if (isLapsed(o, now) || o.status === 'expired') return { reason: 'expired', message: `Order ${o.id} expired` };
  if (o.status === 'deleted') return { reason: 'canceled', message: `Order ${o.id} was deleted` };
  if (o.status === 'closed') return { reason: 'paid', message: `Order ${o.id} is already paid` };
  return undefined;
}

/** "the order title and image ... will be taken from the first item" (seed 002) when the order has no title. */
const titleOf = (o: InstoreOrder) => o.title ?? o.items[0]?.title;

async function charge(tx: Tx, o: InstoreOrder): Promise<PayableCharge> {
  const store = await findStore(tx.ex, o.seller_id, o.store_id);
  return {
    family: INSTORE_FAMILY,
    id: o.id,
    sellerId: o.seller_id,
    merchant: { name: store?.name ?? '', city: store ? (JSON.parse(store.location) as Location).city_name : undefined, country: siteOf(o.site_id).countryId },
    amount: amountToPay(o),
    currency: o.currency,
    description: titleOf(o),
    externalReference: o.external_reference ?? undefined,
    details: { model: o.model, pos: o.external_pos_id, ...(o.cash_out ? { cash_out: o.cash_out } : {}) },
  };
}

/** The merchant_order a scan of this order opens (supplement §6 object; preference_id is the in-store order's id). */
async function merchantOrderInput(tx: Tx, o: InstoreOrder): Promise<NewMerchantOrder> {
  const seller = await getSeller(tx.ex, o.seller_id);
  return {
    seller_id: o.seller_id,
    site_id: o.site_id,
    currency: o.currency,
    charge_id: o.id,
    family: INSTORE_FAMILY,
    preference_id: o.id,
    application_id: seller ? String(seller.application_id) : null,
    sponsor_id: o.sponsor_id,
    external_reference: o.external_reference,
    notification_url: o.notification_url,
    additional_info: '',
    marketplace: 'NONE',
    items: o.items.map((i) => ({ id: i.id ?? i.sku_number ?? null, title: i.title, description: i.description ?? null, picture_url: i.picture_url ?? null, category_id: i.category ?? null, quantity: i.quantity, unit_price: i.unit_price, currency_id: o.currency })),
    total_amount: amountToPay(o),
  };
}

function ledgerEntry(o: InstoreOrder, source: PaymentSource, payer: PayerOutcome, status: 'approved' | 'rejected', detail: string, merchantOrderId: string): NewPayment {
  return {
    seller_id: o.seller_id,
    family: INSTORE_FAMILY,
    charge_id: o.id,
    status,
    status_detail: detail,
    currency: o.currency,
    site_id: o.site_id,
    amount: amountToPay(o),
    external_reference: o.external_reference,
    notification_url: o.notification_url,
    description: titleOf(o) ?? null,
    payment_method_id: payer.paymentMethod,
    payment_type_id: methodType(payer.paymentMethod),
    installments: 1,
    source: source.kind === 'qr' ? { kind: 'qr', id: source.qr.token } : { kind: 'terminal', id: source.terminalId },
    pos_id: o.pos_id,
    store_id: o.store_id,
    business_info: { unit: 'wallet', sub_unit: 'qr', branch: 'QR' },
    // The legacy models have no ORDER_MP reference: the merchant_order is the link (order{id,type}).
    references: [],
    merchant_order_id: Number(merchantOrderId),
    items: o.items.map((i) => ({ title: i.title, quantity: i.quantity, unit_price: i.unit_price, description: i.description })),
    card: null,
    payer_name: payer.payer?.name ?? null,
  };
}

/** The legacy QR models at the counter: what a POS's printed QR holds, or a dynamic order's own code. */
export const instoreFamily: CounterFamily = {
  name: INSTORE_FAMILY,
  codes: ['mp_instore'],

  async find(_ctx, tx, chargeId, now) {
    const o = await findInstoreOrder(tx.ex, chargeId);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const no = nothing(o, now);
    return no ? err(no) : ok(await charge(tx, o));
  },

  // Each scan of a code with an amount creates a new merchant_order (reference §5.3, supplement §6).
  async onScan(ctx: Ctx, tx, c, now) {
    const o = await findInstoreOrder(tx.ex, c.id);
    if (o && !nothing(o, now)) await createMerchantOrder(ctx, tx, await merchantOrderInput(tx, o), now);
  },

  async pay(ctx: Ctx, tx, c, source, payer, now) {
    const o = await findInstoreOrder(tx.ex, c.id);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const no = nothing(o, now);
    if (no) return err(no);
    const seller = await getSeller(tx.ex, o.seller_id);
    const owner = { applicationId: seller?.application_id ?? 0 };
    // The payment joins the last scan's merchant_order (a payer that paid without a scan gets one).
    const mo = await openMerchantOrderFor(ctx, tx, await merchantOrderInput(tx, o), now);
    const approved = payer.outcome === 'approved';
    const detail = approved ? 'accredited' : (payer.statusDetail ?? rejectionDetail(payer.paymentMethod));
    const p = await recordPayment(ctx, tx, owner, ledgerEntry(o, source, payer, approved ? 'approved' : 'rejected', detail, mo.id), now);
    if (approved) {
      const moved = await moveInstore(tx, o, 'closed', 'paid', now, (x) => ({ ...x, payment_id: p.id }));
      if (!moved.ok) return err({ reason: 'not_payable', message: `Order ${o.id} is ${moved.error.status}` });
      await leavePrinted(tx, moved.value, now);
    }
    await attachPayment(ctx, tx, mo.id, p, now);
    return ok({ id: p.id, status: p.status === 'approved' ? 'approved' : 'rejected', statusDetail: detail, amount: p.amount, currency: o.currency, chargeId: o.id, paymentMethod: payer.paymentMethod, details: { merchant_order_id: Number(mo.id) } });
  },

  // The legacy models have no refund of their own: the ledger refund is settled at once and the merchant_order shows it.
  async refund(ctx, tx, seller, payment, amount) {
    const now = sellerNow(ctx.clock, seller);
    const done = await refundInLedger(ctx, tx, { applicationId: seller.application_id }, payment, amount ?? refundable(payment), null, now, { settled: true });
    if (!done.ok) return err(done.error);
    if (payment.merchant_order_id !== null) await touchMerchantOrder(ctx, tx, String(payment.merchant_order_id), now);
    return ok([done.value.refund]);
  },
};
