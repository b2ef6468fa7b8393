import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { rotateWebhookSecret, type Seller } from '../../domain/sellers/seller.js';
import { ownsUserId as mine, sellerOf } from '../../providers/mercadopago/auth.js';
import { HttpUrl } from '../../http/types.js';
import { WEBHOOK_TOPICS } from '../../providers/mercadopago/notifications/topics.js';
import { getWebhookConfig, putWebhookConfig, type WebhookConfigRow } from '../../store/repos/webhook-configs.js';
import { getSeller } from '../../store/repos/sellers.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { otherUser, sellerErrors, sellerReadErrors, WEBHOOK_CONFIG_EXAMPLE, WebhookConfig } from '../answers.js';

const Params = Type.Object({ user_id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const Body = Type.Object(
  {
    url: Type.Union([HttpUrl({ maxLength: 500, description: 'Where webhooks are POSTed' }), Type.Null()]),
    topics: Type.Array(Type.Union(WEBHOOK_TOPICS.map((t) => Type.Literal(t))), { minItems: 1, maxItems: WEBHOOK_TOPICS.length, uniqueItems: true }),
    data_id_casing: Type.Optional(Type.Union([Type.Literal('original'), Type.Literal('lowercase')], { description: 'Casing of data.id in the signed manifest (default original, as the official SDKs validate)' })),
    ts_unit: Type.Optional(Type.Union([Type.Literal('seconds'), Type.Literal('milliseconds')], { description: 'Unit of ts in x-signature (default seconds, as the official SDKs validate)' })),
  },
  { additionalProperties: false },
);

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];

function render(seller: Seller, cfg: WebhookConfigRow | undefined) {
  return {
    user_id: seller.id,
    url: cfg?.url ?? null,
    topics: cfg ? (JSON.parse(cfg.topics) as string[]) : [],
    secret: seller.webhook_secret,
    data_id_casing: cfg?.data_id_casing ?? 'original',
    ts_unit: cfg?.ts_unit ?? 'seconds',
  };
}

/** The seller's webhook configuration, as "Your integrations > Webhooks" holds it. */
export function webhookConfigRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.put('/sellers/:user_id/webhooks', { schema: { tags, security, summary: 'Configure webhooks (URL, topics, signature options)', params: Params, body: Body, ...bodyExample({ url: WEBHOOK_CONFIG_EXAMPLE.url, topics: WEBHOOK_CONFIG_EXAMPLE.topics }), ...answers({ 200: ok(WebhookConfig, WEBHOOK_CONFIG_EXAMPLE, 'The configuration and the signing secret'), ...sellerErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!mine(seller, req.params.user_id, reply)) return reply;
      const row: WebhookConfigRow = {
        seller_id: seller.id,
        url: req.body.url,
        topics: JSON.stringify(req.body.topics),
        data_id_casing: req.body.data_id_casing ?? 'original',
        ts_unit: req.body.ts_unit ?? 'seconds',
        updated_at: ctx.clock.realNow() + seller.clock_offset_ms,
      };
      await putWebhookConfig(ctx.store.db, row);
      return render(seller, row);
    });
    app.get('/sellers/:user_id/webhooks', { schema: { tags, security, summary: 'Read the webhook configuration and its secret', params: Params, ...answers({ 200: ok(WebhookConfig, WEBHOOK_CONFIG_EXAMPLE, 'The configuration (url null and no topics until set)'), ...sellerReadErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!mine(seller, req.params.user_id, reply)) return reply;
      return render(seller, await getWebhookConfig(ctx.store.db, seller.id));
    });
    app.post('/sellers/:user_id/webhooks/rotate-secret', { schema: { tags, security, summary: 'Issue a new webhook secret', params: Params, ...answers({ 200: ok(WebhookConfig, WEBHOOK_CONFIG_EXAMPLE, 'The configuration with the new secret'), ...sellerErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!mine(seller, req.params.user_id, reply)) return reply;
      await rotateWebhookSecret(ctx.store, seller.id);
      const fresh = (await getSeller(ctx.store.db, seller.id))!;
      return render(fresh, await getWebhookConfig(ctx.store.db, seller.id));
    });
  };
}
