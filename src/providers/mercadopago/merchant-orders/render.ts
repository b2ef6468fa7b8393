import { isoAtOffset } from '../../../core/clock.js';
import type { Payment } from '../../../domain/counter/payment.js';
import type { MerchantOrder } from '../../../domain/merchant-orders/merchant-order.js';
import type { SellerRow } from '../../../store/repos/sellers.js';
import { amountOf, testBuyerId } from '../payments/render.js';

// Like the Payments API, dates print at -04:00 (supplement §7's captured payment).
const date = (ms: number | null) => (ms === null ? null : isoAtOffset(ms, -240));
const paidOrRefunded = (p: Payment) => p.status === 'approved' || p.status === 'refunded';

/**
 * order_status: the documents print only `payment_required` (supplement §6,
 * truncated); the other values are those Mercado Pago's merchant_orders
 * reference lists (paid, partially_paid, payment_in_process, reverted,
 * partially_reverted, expired), derived from the ledger.
 */
export function orderStatus(m: MerchantOrder, payments: readonly Payment[]): string {
  const paid = payments.filter(paidOrRefunded);
  if (!paid.length) return m.status === 'expired' ? 'expired' : payments.some((p) => p.status === 'in_process') ? 'payment_in_process' : 'payment_required';
  const amount = paid.reduce((s, p) => s + p.amount, 0);
  const refunded = paid.reduce((s, p) => s + p.amount_refunded, 0);
  if (refunded > 0) return refunded >= amount ? 'reverted' : 'partially_reverted';
  return amount >= m.total_amount ? 'paid' : 'partially_paid';
}

/** GET /merchant_orders/{id} (supplement §6's object; the SDK spells the payment's `status_details`). */
export function renderMerchantOrder(m: MerchantOrder, payments: readonly Payment[], seller: Pick<SellerRow, 'id' | 'nickname'>) {
  const money = amountOf(m);
  const paid = payments.filter(paidOrRefunded);
  return {
    id: Number(m.id),
    preference_id: m.preference_id,
    application_id: m.application_id,
    status: m.status,
    site_id: m.site_id,
    payer: payments.length ? { id: testBuyerId(m.seller_id), nickname: `TESTUSER${testBuyerId(m.seller_id)}` } : null,
    collector: { id: seller.id, nickname: seller.nickname },
    sponsor_id: m.sponsor_id,
    payments: payments.map((p) => ({
      id: Number(p.id),
      transaction_amount: money(p.amount),
      total_paid_amount: money(p.amount),
      shipping_cost: 0,
      currency_id: p.currency,
      status: p.status,
      status_details: p.status_detail,
      operation_type: 'regular_payment',
      date_approved: date(p.date_approved),
      date_created: date(p.date_created),
      last_modified: date(p.date_last_updated),
      amount_refunded: money(p.amount_refunded),
    })),
    paid_amount: money(paid.reduce((s, p) => s + p.amount, 0)),
    refunded_amount: money(paid.reduce((s, p) => s + p.amount_refunded, 0)),
    shipping_cost: 0,
    date_created: date(m.date_created),
    cancelled: m.cancelled,
    items: m.items.map((i) => ({ ...i, unit_price: money(i.unit_price) })),
    shipments: [],
    notification_url: m.notification_url,
    additional_info: m.additional_info,
    external_reference: m.external_reference,
    marketplace: m.marketplace,
    total_amount: money(m.total_amount),
    order_status: orderStatus(m, payments),
    last_updated: date(m.last_updated),
    // caja's sellers are test users.
    is_test: true,
  };
}
