import { plannersFor, type DeliveryPlan, type EventPlanner, type PlannerEntry } from '../../../notify/types.js';
import { webhookEnvelope } from '../notifications/body.js';
import { MP_IPN, MP_WEBHOOK } from '../notifications/kinds.js';
import { webhookTarget } from '../notifications/target.js';
import { channelOf, notificationTarget } from '../notifications/channel.js';

/**
 * Payment events → the `payment` topic (reference §7.2): a webhook
 * `{action: payment.created|payment.updated, type: payment, data: {id}}`
 * to sellers that enable the topic, and the legacy IPN
 * `POST <notification_url>?topic=payment&id=<id>` where the charge carried a
 * notification_url (body as integrators parse it: {resource, topic}), or the
 * webhook body there when the URL says source_news=webhooks.
 */
const planner: EventPlanner<'mp.payment.created' | 'mp.payment.updated'> = async (tx, e) => {
  const action = e.type === 'mp.payment.created' ? 'payment.created' : 'payment.updated';
  const target = await webhookTarget(tx, e.sellerId, 'payment');
  const body = webhookEnvelope({ userId: e.sellerId, applicationId: e.payload.application_id }, { action, type: 'payment', data: { id: e.payload.id }, at: e.at, liveMode: false, version: e.payload.version });
  const plans: DeliveryPlan[] = [{ kind: MP_WEBHOOK, topic: 'payment', action, url: target.url, skipReason: target.skipReason, body }];
  const url = e.payload.notification_url;
  // source_news=webhooks on the URL: the webhook body goes there instead of the IPN (notifications/channel.ts).
  if (url && channelOf(url) === 'webhooks') plans.push({ kind: MP_WEBHOOK, topic: 'payment', action, url: notificationTarget(url), body });
  else if (url) plans.push({ kind: MP_IPN, topic: 'payment', action, url: notificationTarget(url), body: { resource: e.payload.id, topic: 'payment' } });
  return plans;
};

export const paymentPlanners: PlannerEntry[] = plannersFor(['mp.payment.created', 'mp.payment.updated'], planner);
