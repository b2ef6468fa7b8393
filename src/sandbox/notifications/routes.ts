import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { authenticated, INVALID_TOKEN, sellerOf, tokenHashOf } from '../../providers/mercadopago/auth.js';
import { sellerByAccessTokenHashIn } from '../../domain/sellers/seller.js';
import { sendLegacy } from '../../providers/mercadopago/errors/legacy.js';
import { MP_WEBHOOK } from '../../providers/mercadopago/notifications/kinds.js';
import { webhookTarget } from '../../providers/mercadopago/notifications/target.js';
import { DEFAULT_ACTIONS, WEBHOOK_TOPICS, type WebhookTopic } from '../../providers/mercadopago/notifications/topics.js';
import { HttpUrl, MAX_SAFE_ID, Text } from '../../http/types.js';
import { listDeliveries, renderNewDeliveries, replayDelivery, showDelivery } from '../../notify/log.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { legacyError } from '../../providers/mercadopago/errors/answers.js';
import { Delivery, DELIVERY_DETAIL_EXAMPLE, DELIVERY_EXAMPLE, DeliveryPage, notFound, sellerErrors, sellerReadErrors, TestSent } from '../answers.js';

const deliveryNotFound = notFound('No such delivery of this seller');

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];

const ListQuery = Type.Object({
  resource_id: Type.Optional(Text({ maxLength: 100 })),
  topic: Type.Optional(Text({ maxLength: 60 })),
  status: Type.Optional(Type.Union(['pending', 'delivered', 'failed', 'skipped'].map((s) => Type.Literal(s)))),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  offset: Type.Integer({ minimum: 0, maximum: MAX_SAFE_ID, default: 0 }),
});
const IdParams = Type.Object({ id: Type.String({ pattern: '^DLV[0-9A-Z]{26}$' }) });
const TestBody = Type.Object(
  {
    topic: Type.Union(WEBHOOK_TOPICS.map((t) => Type.Literal(t))),
    data_id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
    action: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    notification_url: Type.Optional(HttpUrl({ maxLength: 500, description: 'Send a legacy IPN here instead of a webhook' })),
  },
  { additionalProperties: false },
);

/** The delivery log: what caja sent where, every attempt, and a replay button. */
export function notificationRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/notifications', { schema: { tags, security, summary: 'List deliveries (newest first)', querystring: ListQuery, ...answers({ 200: ok(DeliveryPage, { results: [DELIVERY_EXAMPLE], paging: { total: 1, offset: 0, limit: 30 } }, 'Deliveries with their attempts'), ...sellerReadErrors() }) } }, async (req) => {
      const { limit, offset, resource_id, topic, status } = req.query;
      const found = await listDeliveries(ctx, sellerOf(req), { resourceId: resource_id, topic, status: status as never, limit, offset });
      return { results: found.results, paging: { total: found.total, offset, limit } };
    });

    app.get('/notifications/:id', { schema: { tags, security, summary: 'One delivery with every attempt (request and response)', params: IdParams, ...answers({ 200: ok(Delivery, DELIVERY_DETAIL_EXAMPLE, 'The delivery, its body and every attempt'), ...sellerReadErrors({ 404: deliveryNotFound }) }) } }, async (req, reply) => {
      const d = await showDelivery(ctx, sellerOf(req), req.params.id);
      return d ?? sendLegacy(reply, 'not_found', 'notification not found');
    });

    app.post('/notifications/:id/replay', {
      schema: {
        tags, security, summary: 'Queue a new delivery of the same event, now', params: IdParams,
        ...answers({ 201: ok(Delivery, { ...DELIVERY_DETAIL_EXAMPLE, id: 'DLV01K371XQ3Z8N2V5R7T9W1Y3A5C', status: 'pending', attempt_count: 0, next_attempt_at: '2025-08-21T19:40:00.000Z', replay_of: DELIVERY_EXAMPLE.id, attempts: [] }, 'The new delivery'), ...sellerErrors({ 404: deliveryNotFound, 409: legacyError(409, 'No URL to send it to') }) }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const r = await ctx.store.transaction((tx) => replayDelivery(ctx, tx, seller, req.params.id, async (d) => (d.kind === MP_WEBHOOK ? (await webhookTarget(tx, seller.id, d.topic)).url : null)));
      if (r.ok) return reply.code(201).send(r.delivery);
      return r.code === 'not_found' ? sendLegacy(reply, 'not_found', 'notification not found') : sendLegacy(reply, 'conflict', 'no URL to send this notification to: configure webhooks first');
    });

    app.post('/notifications/test', {
      config: { sellerInRead: true },
      schema: {
        tags, security, summary: 'Send a test notification, like the dashboard\'s "Simulate"', body: TestBody, ...bodyExample({ topic: 'order', data_id: 'ORD01K371WBFDS4MD9JG0K8ZMECBE' }),
        ...answers({ 201: ok(TestSent, { event_id: DELIVERY_EXAMPLE.event_id, deliveries: [{ ...DELIVERY_DETAIL_EXAMPLE, status: 'pending', attempt_count: 0, attempts: [] }] }, 'The event and its deliveries (none without a configured URL)'), ...sellerErrors() }),
      },
    }, async (req, reply) => {
      const { topic, data_id, action, notification_url } = req.body;
      // The token's seller is the transaction's first read (sellerInRead): on PostgreSQL, once
      // this process has seen the token, the whole command is one statement.
      const sent = await ctx.store.transaction(async (tx) => {
        const found = await sellerByAccessTokenHashIn(tx, tokenHashOf(req));
        if (!found) return undefined;
        const seller = authenticated(req, found);
        const emitted = await ctx.events.emit(tx, {
          sellerId: seller.id,
          type: 'sandbox.test',
          resourceId: data_id,
          payload: { topic, action: action ?? DEFAULT_ACTIONS[topic as WebhookTopic], application_id: seller.application_id, notification_url },
          at: ctx.clock.realNow() + seller.clock_offset_ms,
        });
        return { seller, emitted };
      });
      if (!sent) return sendLegacy(reply, 'unauthorized', INVALID_TOKEN);
      return reply.code(201).send({ event_id: sent.emitted.eventId, deliveries: renderNewDeliveries(sent.emitted.deliveries, sent.seller) });
    });
  };
}
