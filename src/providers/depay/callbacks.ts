import type { WebhookConfig } from '../../config/config.js';
import { ORDER_CREATED, type DepayOrderEvent, type DepayRefundEvent } from '../../domain/depay/events.js';
import type { MoveReason } from '../../domain/depay/transition.js';
import { plannersFor, type DeliveryKind, type DeliveryPlan, type EventPlanner, type PlannerEntry } from '../../notify/types.js';
import { DEPAY_REFUND_STATUSES, DEPAY_STATUSES, type DepayRefundStatus, type DepayStatus } from '../../domain/depay/status.js';
import { decimalNumber, exactNumber } from './qr/render.js';

export const DEPAY_CALLBACK = 'depay_callback';

/**
 * Depay's callbacks: a JSON POST to the notification_url. Depay's signing
 * scheme is not public (reference §5.4), so caja sends them unsigned; its
 * retry schedule is caja's choice (config: CAJA_DEPAY_RETRY_SCHEDULE).
 */
export function depayCallbackKind(cfg: WebhookConfig): DeliveryKind {
  return {
    name: DEPAY_CALLBACK,
    retrySchedule: cfg.depayRetrySchedule,
    prepare: (d) => ({ url: d.url!, headers: { 'content-type': 'application/json' }, body: d.body }),
  };
}

/** Seed: "QR creation Callback Response". */
function creationBody(e: DepayOrderEvent) {
  return {
    order_id: e.order_id,
    external_reference: e.external_reference,
    order_status: 'CREATED',
    local_amount: decimalNumber(e.local_amount),
    local_currency: e.local_currency,
    user_amount: exactNumber(e.user_amount),
    user_currency: e.user_currency,
    exchange_rate: decimalNumber(e.exchange_rate),
    qr_code: e.qr_data,
  };
}

/** The seed's two messages ("Payment acreditado", "... Order Expired"); the rest follow their pattern (caja's, docs/depay.md). */
function paymentMessage(status: string, reason: MoveReason | null): string {
  if (status === 'COMPLETED') return 'Payment acreditado';
  const base = `New payment status: ${status.toLowerCase()}.`;
  if (reason === 'expired') return `${base} Order Expired`;
  if (reason === 'canceled') return `${base} Order Canceled`;
  if (reason === 'preview_rejected') return `${base} Preview not accepted`;
  return base.slice(0, -1);
}

/** Seed: "QR Expiration Notification" and "QR Payment Notification". */
function paymentBody(e: DepayOrderEvent) {
  return {
    order_id: e.order_id,
    type: 'PAYMENT',
    status: e.status,
    message: paymentMessage(e.status, e.reason),
    external_reference: e.external_reference,
    ...(e.status === 'COMPLETED' ? { user_tax_id: e.user_tax_id, user_account: e.user_account } : {}),
  };
}

/** Seed: "Refund Callback Response" (total and partial). */
function refundBody(e: DepayRefundEvent) {
  return { order_id: e.order_id, type: 'REFUND', status: e.status, message: 'Refund DEVUELTA', external_reference: e.external_reference };
}

type DepayOrderEventType = `depay.order.${Lowercase<DepayStatus>}`;
type DepayRefundEventType = `depay.refund.${Lowercase<DepayRefundStatus>}`;

const orderPlanner: EventPlanner<DepayOrderEventType> = async (_tx, event): Promise<DeliveryPlan[]> => {
  const e = event.payload;
  if (event.type === ORDER_CREATED) return [{ kind: DEPAY_CALLBACK, topic: 'QR', action: 'CREATED', url: e.notification_url, body: creationBody(e) }];
  return [{ kind: DEPAY_CALLBACK, topic: 'PAYMENT', action: e.status, url: e.notification_url, body: paymentBody(e) }];
};

const refundPlanner: EventPlanner<DepayRefundEventType> = async (_tx, event): Promise<DeliveryPlan[]> => {
  const e = event.payload;
  return [{ kind: DEPAY_CALLBACK, topic: 'REFUND', action: e.status, url: e.notification_url, body: refundBody(e) }];
};

/** Every Depay event type, each with its planner. */
export const depayPlanners: PlannerEntry[] = [
  ...plannersFor(DEPAY_STATUSES.map((s) => `depay.order.${s.toLowerCase()}` as DepayOrderEventType), orderPlanner),
  ...plannersFor(DEPAY_REFUND_STATUSES.map((s) => `depay.refund.${s.toLowerCase()}` as DepayRefundEventType), refundPlanner),
];
