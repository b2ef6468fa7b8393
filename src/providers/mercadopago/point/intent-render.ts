import { isoMs } from '../../../core/clock.js';
import type { PaymentIntent } from '../../../domain/terminals/intents.js';

/** A payment intent as POST and GET print it (reference §4.1; the SDK's PaymentIntentResponse). */
export function renderIntent(i: PaymentIntent) {
  return {
    id: i.id,
    device_id: i.device_id,
    amount: i.amount,
    ...(i.description !== null ? { description: i.description } : {}),
    ...(i.payment ? { payment: { ...i.payment, ...(i.payment_id !== null ? { id: i.payment_id } : {}) } } : i.payment_id !== null ? { payment: { id: i.payment_id } } : {}),
    additional_info: i.additional_info,
    state: i.state,
  };
}

/** One element of the events lists ({events:[{payment_intent_id, status, created_on}]}). */
export function renderIntentEvent(i: Pick<PaymentIntent, 'id'>, state: string, at: number) {
  return { payment_intent_id: i.id, status: state, created_on: isoMs(at) };
}

/** The point_integration_wh webhook body (reference §4.1). */
export function intentWebhookBody(i: PaymentIntent, sellerId: number, applicationId: number) {
  return {
    amount: i.amount,
    caller_id: sellerId,
    client_id: applicationId,
    created_at: isoMs(i.created_at),
    id: i.id,
    payment: i.payment_id !== null ? { id: i.payment_id, state: i.payment_state, type: i.payment?.type ?? 'credit_card' } : null,
    state: i.state,
    additional_info: i.additional_info,
  };
}
