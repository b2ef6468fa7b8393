import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { FINAL_STATUSES, type FinalStatus, type InstoreIntent } from './intent.js';

/** One event type per final state: the topic_instore_integration_wh webhook is sent for final states only (seeds 000, 001). */
export const INTENT_EVENT_TYPES = FINAL_STATUSES.map((s) => `mp.instore_intent.${s.toLowerCase() as Lowercase<FinalStatus>}` as const);
export type IntentEventType = (typeof INTENT_EVENT_TYPES)[number];

export async function emitIntentFinal(ctx: Ctx, tx: Tx, i: InstoreIntent & { status: FinalStatus }, now: number): Promise<void> {
  const type = `mp.instore_intent.${i.status.toLowerCase() as Lowercase<FinalStatus>}` as const;
  await ctx.events.emit(tx, { sellerId: i.seller_id, type, resourceId: i.id, payload: i, at: now });
}
