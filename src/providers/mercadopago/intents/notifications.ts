import type { Config } from '../../../config/config.js';
import { INTENT_EVENT_TYPES, type IntentEventType } from '../../../domain/instore-intents/events.js';
import { plannersFor, type EventPlanner, type PlannerEntry } from '../../../notify/types.js';
import { MP_WEBHOOK } from '../notifications/kinds.js';
import { webhookTarget } from '../notifications/target.js';
import { instoreDate, webhookData } from './render.js';

export const INTENT_TOPIC = 'topic_instore_integration_wh';
export const INTENT_ACTION = 'topic_instore_integration_wh.application.authorized';

/**
 * An intent's final state → the "Instore Integration" webhook (seeds 000 and
 * 001): the seeds' body exactly (no application_id, the intent id at the top
 * and in data, user_id a number), to sellers that enable the topic.
 * live_mode is false: caja's sellers are test users, as on every other topic.
 */
export function intentPlanners(config: Config): PlannerEntry[] {
  const planner: EventPlanner<IntentEventType> = async (tx, e) => {
    const i = e.payload;
    const target = await webhookTarget(tx, e.sellerId, INTENT_TOPIC);
    const body = {
      action: INTENT_ACTION,
      api_version: 'v1',
      data: webhookData(i, config.publicUrl),
      date_created: instoreDate(e.at),
      id: i.id,
      live_mode: false,
      type: INTENT_TOPIC,
      user_id: i.seller_id,
    };
    return [{ kind: MP_WEBHOOK, topic: INTENT_TOPIC, action: INTENT_ACTION, url: target.url, skipReason: target.skipReason, body }];
  };
  return plannersFor(INTENT_EVENT_TYPES, planner);
}
