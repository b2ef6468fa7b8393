import type { Config } from '../../../config/config.js';
import type { EventPlanner } from '../../../notify/types.js';
import { webhookEnvelope } from './body.js';
import { MP_IPN, MP_WEBHOOK } from './kinds.js';
import { webhookTarget } from './target.js';


/** Where a legacy IPN's `resource` points, per topic. */
export function ipnResource(publicUrl: string, topic: string, id: string): string {
  if (topic === 'payment') return `${publicUrl}/v1/payments/${id}`;
  if (topic === 'merchant_order') return `${publicUrl}/merchant_orders/${id}`;
  return `${publicUrl}/${topic}/${id}`;
}

/**
 * The sandbox's "Simulate" button: a webhook to the seller's configured URL
 * (live_mode false, as simulated notifications are), or, given a
 * notification_url, a legacy IPN to it.
 */
export function testNotificationPlanner(config: Config): EventPlanner<'sandbox.test'> {
  return async (tx, e) => {
    const p = e.payload;
    if (p.notification_url) {
      return [{ kind: MP_IPN, topic: p.topic, url: p.notification_url, body: { resource: ipnResource(config.publicUrl, p.topic, e.resourceId), topic: p.topic } }];
    }
    const target = await webhookTarget(tx, e.sellerId, p.topic);
    const body = webhookEnvelope({ userId: e.sellerId, applicationId: p.application_id }, { action: p.action, type: p.topic, data: { id: e.resourceId }, at: e.at, liveMode: false });
    return [{ kind: MP_WEBHOOK, topic: p.topic, action: p.action, url: target.url, skipReason: target.skipReason, body }];
  };
}
