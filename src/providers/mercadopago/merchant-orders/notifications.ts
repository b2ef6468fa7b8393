import type { Config } from '../../../config/config.js';
import { MERCHANT_ORDER_EVENT_TYPES } from '../../../domain/merchant-orders/events.js';
import { plannersFor, type DeliveryPlan, type EventPlanner, type PlannerEntry } from '../../../notify/types.js';
import { webhookEnvelope } from '../notifications/body.js';
import { channelOf, notificationTarget } from '../notifications/channel.js';
import { MP_IPN, MP_WEBHOOK } from '../notifications/kinds.js';
import { webhookTarget } from '../notifications/target.js';
import { ipnResource } from '../notifications/test-planner.js';

// The webhooks topic tables list both names (reference §7.2); a seller may enable either or both.
const TOPICS = ['merchant_order', 'topic_merchant_order_wh'] as const;

/**
 * merchant_order events → the legacy IPN `POST <notification_url>?topic=merchant_order&id=<id>`
 * with the body seen in real traffic `{"resource":"<api>/merchant_orders/<id>","topic":"merchant_order"}`
 * (supplement §6), unsigned, on creation and every change; or the webhook body
 * there when the URL says source_news=webhooks; and a signed webhook to sellers
 * that enable the merchant_order topics.
 */
export function merchantOrderPlanners(config: Config): PlannerEntry[] {
  const planner: EventPlanner<(typeof MERCHANT_ORDER_EVENT_TYPES)[number]> = async (tx, e) => {
    const action = e.type === 'mp.merchant_order.created' ? 'merchant_order.created' : 'merchant_order.updated';
    const envelope = (type: string) =>
      webhookEnvelope({ userId: e.sellerId, applicationId: e.payload.application_id }, { action, type, data: { id: e.payload.id }, at: e.at, liveMode: false, version: e.payload.version });
    const plans: DeliveryPlan[] = [];
    const skipped: DeliveryPlan[] = [];
    for (const topic of TOPICS) {
      const target = await webhookTarget(tx, e.sellerId, topic);
      (target.url ? plans : skipped).push({ kind: MP_WEBHOOK, topic, action, url: target.url, skipReason: target.skipReason, body: envelope(topic) });
    }
    // Nothing enabled: one skipped row says why (the delivery log), not two.
    if (!plans.length) plans.push(skipped[0]!);
    const url = e.payload.notification_url;
    if (url && channelOf(url) === 'webhooks') plans.push({ kind: MP_WEBHOOK, topic: 'merchant_order', action, url: notificationTarget(url), body: envelope('merchant_order') });
    else if (url) plans.push({ kind: MP_IPN, topic: 'merchant_order', action, url: notificationTarget(url), body: { resource: ipnResource(config.publicUrl, 'merchant_order', e.payload.id), topic: 'merchant_order' } });
    return plans;
  };
  return plannersFor(MERCHANT_ORDER_EVENT_TYPES, planner);
}
