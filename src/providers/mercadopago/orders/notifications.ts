import { ORDER_ACTIONS, type OrderAction } from '../../../domain/mp-orders/events.js';
import type { EventPlanner } from '../../../notify/types.js';
import { webhookEnvelope } from '../notifications/body.js';
import { MP_WEBHOOK } from '../notifications/kinds.js';
import { webhookTarget } from '../notifications/target.js';
import { webhookData } from './render.js';

/**
 * Order events → `order` topic webhooks (order.processed, order.canceled,
 * order.expired, order.refunded). QR orders take no per-order
 * notification_url, so the seller's configured webhook is the only target.
 * caja's sellers are test users: live_mode is false.
 */
export const orderEventPlanner: EventPlanner<`mp.order.${OrderAction}`> = async (tx, e) => {
  const order = e.payload;
  const action = e.type.replace(/^mp\./, '');
  const target = await webhookTarget(tx, e.sellerId, 'order');
  const body = webhookEnvelope({ userId: order.seller_id, applicationId: Number(order.application_id) }, { action, type: 'order', data: webhookData(order, ORDER_ACTIONS.find((a) => e.type === `mp.order.${a}`)!), at: e.at, liveMode: false });
  return [{ kind: MP_WEBHOOK, topic: 'order', action, url: target.url, skipReason: target.skipReason, body }];
};
