import { isoMs } from '../../../core/clock.js';
import type { OrderAction } from '../../../domain/mp-orders/events.js';
import type { MpOrder, Txn } from '../../../domain/mp-orders/order.js';
import { money, renderRefund } from './render.js';

/** Point dates carry nanoseconds (Go RFC 3339 nano, supplement §1.1); caja's clock has milliseconds. */
export const isoNano = (ms: number) => isoMs(ms).replace(/Z$/, '000000Z');

/** A Point payment (supplement §1.1, §1.2): no status_detail while created; refunded_amount, tip_amount, paid_amount once paid. */
export function renderPointTxn(o: MpOrder, t: Txn) {
  const m = money(o);
  const paid = t.paid_amount !== undefined;
  return {
    id: t.id,
    amount: m(t.amount),
    ...(paid ? { refunded_amount: m(t.refunded_amount), tip_amount: m(t.tip_amount ?? 0), paid_amount: m(t.paid_amount!) } : {}),
    ...(t.reference_id ? { reference_id: t.reference_id } : {}),
    status: t.status,
    ...(t.status !== 'created' ? { status_detail: t.status_detail } : {}),
    ...(t.payment_method ? { payment_method: { type: t.payment_method.type, installments: t.payment_method.installments, id: t.payment_method.id } } : {}),
  };
}

/** A Point order as the create-order reference prints it: no total_amount, config.point and config.payment_method. */
export function renderPointOrder(o: MpOrder) {
  const pm = o.point?.payment_method;
  return {
    id: o.id,
    type: o.type,
    user_id: o.user_id,
    external_reference: o.external_reference,
    ...(o.description !== undefined ? { description: o.description } : {}),
    expiration_time: o.expiration_time,
    processing_mode: o.processing_mode,
    country_code: o.country_code,
    currency: o.currency,
    integration_data: o.integration_data,
    status: o.status,
    status_detail: o.status_detail,
    created_date: isoNano(o.created_at),
    last_updated_date: isoNano(o.updated_at),
    config: {
      point: { terminal_id: o.point?.terminal_id, print_on_terminal: o.point?.print_on_terminal },
      ...(pm?.default_type ? { payment_method: { default_type: pm.default_type } } : {}),
    },
    transactions: {
      payments: o.payments.map((t) => renderPointTxn(o, t)),
      ...(o.refunds.length ? { refunds: o.refunds.map((r) => renderRefund(o, r)) } : {}),
    },
  };
}

/** The `data` of a Point order webhook (supplement §1.7): payments with `reference: {id}` once a card was read. */
export function pointWebhookData(o: MpOrder, action: OrderAction) {
  const m = money(o);
  const summary = { external_reference: o.external_reference, id: o.id, status: o.status, status_detail: o.status_detail };
  if (action === 'canceled' || action === 'expired') return { ...summary, type: o.type, version: o.version };
  const paid = o.payments.reduce((s, t) => s + (t.paid_amount ?? 0), 0);
  const payments = o.payments.map((t) => {
    const { reference_id: ref, refunded_amount: _r, tip_amount: _t, ...rest } = renderPointTxn(o, t);
    return { ...rest, ...(ref ? { reference: { id: ref } } : {}) };
  });
  if (action === 'refunded') return { ...summary, total_paid_amount: m(paid), type: o.type, version: o.version };
  return { ...summary, ...(action === 'processed' ? { total_paid_amount: m(paid) } : {}), transactions: { payments }, type: o.type, version: o.version };
}
