import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import type { PaymentIntent } from '../terminals/intents.js';

/** The final states, each notified (point_integration_wh, reference §4.1). */
export const INTENT_EVENT_STATES = ['FINISHED', 'CONFIRMATION_REQUIRED', 'CANCELED', 'ERROR', 'ABANDONED'] as const;
export type IntentFinalState = (typeof INTENT_EVENT_STATES)[number];
export type IntentEventType = `mp.point_intent.${Lowercase<IntentFinalState>}`;
export const INTENT_EVENT_TYPES: readonly IntentEventType[] = INTENT_EVENT_STATES.map((s) => `mp.point_intent.${s.toLowerCase()}` as IntentEventType);

/** What the webhook body needs: the intent as it ended and the seller's application. */
export interface PointIntentEvent {
  intent: PaymentIntent;
  application_id: number;
}

export async function emitIntentEvent(ctx: Ctx, tx: Tx, i: PaymentIntent & { status: IntentFinalState }, now: number): Promise<void> {
  const seller = await getSeller(tx.ex, i.seller_id);
  const type = `mp.point_intent.${i.status.toLowerCase()}` as IntentEventType;
  await ctx.events.emit(tx, { sellerId: i.seller_id, type, resourceId: i.id, payload: { intent: i, application_id: seller?.application_id ?? 0 }, at: now });
}
