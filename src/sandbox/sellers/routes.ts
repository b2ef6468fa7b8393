import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { createSeller, type CreatedSeller } from '../../domain/sellers/seller.js';
import { SITE_IDS, type SiteId } from '../../domain/sellers/sites.js';
import { Text } from '../../http/types.js';
import { ERRORS_KEY } from '../../http/validation.js';
import { requireAdmin } from '../admin.js';

const Body = Type.Object(
  {
    site_id: Type.Union(
      SITE_IDS.map((s) => Type.Literal(s)),
      { description: 'Mercado Pago site', [ERRORS_KEY]: { anyOf: 'invalid_site_id', required: 'invalid_site_id' } },
    ),
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export function renderCreatedSeller(c: CreatedSeller) {
  return {
    user_id: c.seller.id,
    nickname: c.seller.nickname,
    name: c.seller.name,
    email: c.seller.email,
    site_id: c.site.id,
    country_id: c.site.countryId,
    currency_id: c.site.currency,
    application_id: c.seller.application_id,
    access_token: c.accessToken,
    public_key: c.seller.public_key,
    webhook_secret: c.seller.webhook_secret,
    depay_api_key: c.depayApiKey,
  };
}

/** POST /sandbox/sellers: a test seller with its credentials, shown once (only hashes are kept). */
export function sellerRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', requireAdmin(ctx));
    app.post(
      '/sellers',
      { schema: { tags: ['Sandbox'], security: [{ admin: [] }], summary: 'Create a test seller (admin token)', body: Body } },
      async (req, reply) => {
        const created = await ctx.store.transaction((tx) => createSeller(tx, ctx.clock, { siteId: req.body.site_id as SiteId, name: req.body.name }));
        return reply.code(201).send(renderCreatedSeller(created));
      },
    );
  };
}
