import { INTENT_EVENT_TYPES, type IntentEventType } from '../../../domain/point-intents/events.js';
import { plannersFor, type EventPlanner, type PlannerEntry } from '../../../notify/types.js';
import { MP_WEBHOOK } from '../notifications/kinds.js';
import { webhookTarget } from '../notifications/target.js';
import { intentWebhookBody } from './intent-render.js';

export const INTENT_TOPIC = 'point_integration_wh';

/**
 * A payment intent's final state → a point_integration_wh webhook to the
 * seller's configured URL when that topic is enabled ("activate the Point
 * Integrations events"; notification_url is not supported by this API,
 * notifications-pdv). The body is the intent itself, not the classic
 * envelope (reference §4.1). The action is `state_<STATE>`, as caja's
 * "Simulate" button names this topic's.
 */
const intentPlanner: EventPlanner<IntentEventType> = async (tx, e) => {
  const i = e.payload.intent;
  const target = await webhookTarget(tx, e.sellerId, INTENT_TOPIC);
  return [{ kind: MP_WEBHOOK, topic: INTENT_TOPIC, action: `state_${i.status}`, url: target.url, skipReason: target.skipReason, body: intentWebhookBody(i, i.seller_id, e.payload.application_id) }];
};

export const intentPlanners: PlannerEntry[] = plannersFor([...INTENT_EVENT_TYPES], intentPlanner);

