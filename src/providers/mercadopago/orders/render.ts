import { isoMs } from '../../../core/clock.js';
import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import type { OrderAction } from '../../../domain/mp-orders/events.js';
import { pointWebhookData, renderPointOrder } from './render-point.js';
import { transactionsOf, type MpOrder, type Refund, type Txn } from '../../../domain/mp-orders/order.js';

/**
 * An order as the Orders API prints it (the QR guides' examples): amounts as
 * strings in the currency's precision, dates in ISO 8601 with milliseconds,
 * user_id as a string, type_response.qr_data for dynamic and hybrid orders.
 */
export function money(o: Pick<MpOrder, 'currency'>) {
  const exponent = getCurrency(o.currency)?.exponent ?? 2;
  return (minor: number) => formatAmount(minor, exponent);
}

export function renderTxn(o: MpOrder, t: Txn) {
  const m = money(o);
  return {
    id: t.id,
    amount: m(t.amount),
    ...(t.paid_amount !== undefined ? { paid_amount: m(t.paid_amount) } : {}),
    ...(t.reference_id ? { reference_id: t.reference_id } : {}),
    status: t.status,
    status_detail: t.status_detail,
    ...(t.payment_method ? { payment_method: t.payment_method } : {}),
    ...(t.additional_info ? { additional_info: t.additional_info } : {}),
  };
}

/** What the payer paid (less than the amount with a discount); absent until paid. */
function totalPaid(o: MpOrder): number | undefined {
  const paid = transactionsOf(o).filter((t) => t.paid_amount !== undefined);
  return paid.length ? paid.reduce((s, t) => s + (t.paid_amount ?? 0), 0) : undefined;
}

export function renderRefund(o: MpOrder, r: Refund) {
  return { id: r.id, transaction_id: r.transaction_id, reference_id: r.reference_id, amount: money(o)(r.amount), status: r.status };
}

export function renderTransactions(o: MpOrder) {
  return {
    ...(o.payments.length ? { payments: o.payments.map((t) => renderTxn(o, t)) } : {}),
    ...(o.cash_outs.length ? { cash_outs: o.cash_outs.map((t) => renderTxn(o, t)) } : {}),
    ...(o.refunds.length ? { refunds: o.refunds.map((r) => renderRefund(o, r)) } : {}),
  };
}

export function renderOrder(o: MpOrder) {
  if (o.type === 'point') return renderPointOrder(o);
  const m = money(o);
  return {
    id: o.id,
    type: o.type,
    processing_mode: o.processing_mode,
    external_reference: o.external_reference,
    ...(o.description !== undefined ? { description: o.description } : {}),
    total_amount: m(o.total_amount),
    // A processed order's GET carries it at the top (a captured real order, supplement §8 #6).
    ...(totalPaid(o) !== undefined ? { total_paid_amount: m(totalPaid(o)!) } : {}),
    expiration_time: o.expiration_time,
    country_code: o.country_code,
    user_id: o.user_id,
    status: o.status,
    status_detail: o.status_detail,
    currency: o.currency,
    created_date: isoMs(o.created_at),
    last_updated_date: isoMs(o.updated_at),
    integration_data: o.integration_data,
    transactions: renderTransactions(o),
    config: { qr: { external_pos_id: o.external_pos_id, mode: o.mode } },
    ...(o.items ? { items: o.items.map((i) => ({ ...i, unit_price: m(i.unit_price) })) } : {}),
    ...(o.discounts ? { discounts: { payment_methods: o.discounts.payment_methods.map((d) => ({ type: d.type, new_total_amount: m(d.new_total_amount) })) } } : {}),
    ...(o.qr_data ? { type_response: { qr_data: o.qr_data } } : {}),
  };
}

/** A transaction as the processed webhook prints it: `reference: {id}` where the API prints `reference_id` (supplement §8 #7). */
function webhookTxn(o: MpOrder, t: Txn) {
  const { reference_id: ref, ...rest } = renderTxn(o, t);
  return { ...rest, ...(ref ? { reference: { id: ref } } : {}) };
}

/**
 * The `data` of an order webhook (reference §7.1, supplement §8 #7).
 * order.processed carries the paid transactions (payments with `reference`);
 * order.refunded the summary with total_paid_amount and no transactions;
 * canceled and expired only the summary fields.
 */
export function webhookData(o: MpOrder, action: OrderAction) {
  if (o.type === 'point') return pointWebhookData(o, action);
  const m = money(o);
  const summary = { external_reference: o.external_reference, id: o.id, status: o.status, status_detail: o.status_detail, total_amount: m(o.total_amount) };
  if (action === 'canceled' || action === 'expired') return { ...summary, type: o.type, version: o.version };
  const paid = m(totalPaid(o) ?? 0);
  if (action === 'refunded') return { ...summary, total_paid_amount: paid, type: o.type, version: o.version };
  const transactions = {
    ...(o.payments.length ? { payments: o.payments.map((t) => webhookTxn(o, t)) } : {}),
    ...(o.cash_outs.length ? { cash_outs: o.cash_outs.map((t) => webhookTxn(o, t)) } : {}),
  };
  return { ...summary, total_paid_amount: paid, transactions, type: o.type, version: o.version };
}

/** GET /v1/orders/{id}/refund: the order's refunds, as the SDK's getRefunds types them. */
export function renderRefundList(o: MpOrder) {
  return {
    refunds: o.refunds.map((r) => ({
      id: r.id,
      transaction_id: r.transaction_id,
      reference_id: r.reference_id,
      amount: money(o)(r.amount),
      status: r.status,
      date_created: isoMs(r.created_at),
      date_last_updated: isoMs(r.updated_at ?? r.created_at),
    })),
  };
}
