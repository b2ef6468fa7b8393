import type { PaymentIntent } from '../../../domain/terminals/intents.js';

/**
 * A payment intent as POST and GET print it (reference §4.1; the SDK's
 * PaymentIntentResponse). Once paid, GET prints payment.id as a string, as
 * the guide's example does (devsite-docs guides/mp-point/integration-api/
 * payment-processing.en.md: "payment": {"id": "11123456789"}).
 */
export function renderIntent(i: PaymentIntent) {
  const payment = { ...(i.payment ?? {}), ...(i.payment_id !== null ? { id: String(i.payment_id) } : {}) };
  return {
    id: i.id,
    device_id: i.device_id,
    amount: i.amount,
    ...(i.description !== null ? { description: i.description } : {}),
    ...(Object.keys(payment).length ? { payment } : {}),
    additional_info: i.additional_info,
    state: i.status,
  };
}

/** Seconds and Z, as the events endpoints' examples print `created_on` ("2021-08-30T22:38:05Z"). */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One element of the events list ({events:[{payment_intent_id, status, created_on}]}):
 * the intent's final state and when it reached it (devsite reference
 * "Get payment intent list", GET /point/integration-api/payment-intents/events).
 */
export function renderIntentEvent(i: Pick<PaymentIntent, 'id' | 'status' | 'updated_at'>) {
  return { payment_intent_id: i.id, status: i.status, created_on: isoSeconds(i.updated_at) };
}

/** GET /point/integration-api/payment-intents/{id}/events: the last state ({status, created_on}, "Get last payment intent state"). */
export function renderLastState(i: Pick<PaymentIntent, 'status' | 'updated_at'>) {
  return { status: i.status, created_on: isoSeconds(i.updated_at) };
}

/** "2021-11-29 17:10:37", as the notification examples print created_at (UTC here; the documents name no zone). */
const plainDateTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The point_integration_wh webhook body (reference §4.1; the examples of
 * devsite-docs guides/mp-point/integration-api/notifications-pdv.en.md):
 * FINISHED carries payment {id, state, type}; CONFIRMATION_REQUIRED its
 * payment with state and type empty; CANCELED, ERROR and ABANDONED none.
 */
export function intentWebhookBody(i: PaymentIntent, sellerId: number, applicationId: number) {
  const payment =
    i.payment_id === null || (i.status !== 'FINISHED' && i.status !== 'CONFIRMATION_REQUIRED')
      ? undefined
      : i.status === 'FINISHED'
        ? { id: i.payment_id, state: i.payment_state ?? '', type: i.payment_type ?? i.payment?.type ?? 'credit_card' }
        : { id: i.payment_id, state: '', type: '' };
  return {
    amount: i.amount,
    caller_id: sellerId,
    client_id: applicationId,
    created_at: plainDateTime(i.created_at),
    id: i.id,
    ...(payment ? { payment } : {}),
    state: i.status,
    additional_info: i.additional_info,
  };
}
