/** The webhook topics of "Your integrations" (reference §7), by the name the query's `type` carries. */
export const WEBHOOK_TOPICS = [
  'order',
  'payment',
  'merchant_order',
  'topic_merchant_order_wh',
  'topic_instore_integration_wh',
  'point_integration_wh',
  'topic_claims_integration_wh',
  'topic_chargebacks_wh',
  'stop_delivery_op_wh',
  'mp-connect',
  'topic_card_id_wh',
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** The default action a "Simulate" notification carries per topic. */
export const DEFAULT_ACTIONS: Record<WebhookTopic, string> = {
  order: 'order.processed',
  payment: 'payment.created',
  merchant_order: 'merchant_order.updated',
  topic_merchant_order_wh: 'merchant_order.updated',
  topic_instore_integration_wh: 'topic_instore_integration_wh.application.authorized',
  point_integration_wh: 'state_FINISHED',
  topic_claims_integration_wh: 'opened',
  topic_chargebacks_wh: 'created',
  stop_delivery_op_wh: 'created',
  'mp-connect': 'application.authorized',
  topic_card_id_wh: 'card.updated',
};
