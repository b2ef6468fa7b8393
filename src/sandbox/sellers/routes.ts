import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { createSeller, issueAccessToken, type CreatedSeller, type Seller } from '../../domain/sellers/seller.js';
import { SITE_IDS, siteOf, type SiteId } from '../../domain/sellers/sites.js';
import { countSellers, listSellers } from '../../store/repos/sellers.js';
import { isoMs } from '../../core/clock.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { sendLegacy } from '../../providers/mercadopago/errors/legacy.js';
import { legacyError } from '../../providers/mercadopago/errors/answers.js';
import { CreatedSellerBody, IssuedToken, SellerPage, SELLER_EXAMPLE } from './schemas.js';
import { Text } from '../../http/types.js';
import { ERRORS_KEY } from '../../http/validation.js';
import { requireAdmin } from '../admin.js';
import type { SellerOptionsHook } from '../../providers/module.js';

/** The create body: a site, a name, and each provider's seller options under its key (e.g. `mercadopago`). */
function bodyOf(options: readonly SellerOptionsHook[]) {
  return Type.Object(
    {
      site_id: Type.Union(
        SITE_IDS.map((s) => Type.Literal(s)),
        { description: 'Mercado Pago site', [ERRORS_KEY]: { anyOf: 'invalid_site_id', required: 'invalid_site_id' } },
      ),
      name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
      ...Object.fromEntries(options.map((o) => [o.key, Type.Optional(o.schema)])),
    },
    { additionalProperties: false },
  );
}

/** The 201 answer: the seller, and the options of each provider given at creation. */
function createdOf(options: readonly SellerOptionsHook[]) {
  return Type.Composite([CreatedSellerBody, Type.Object(Object.fromEntries(options.map((o) => [o.key, Type.Optional({ ...o.answer, description: `The seller's ${o.key} options as stored (only when the request set them)` })])))]);
}

const { access_token: _t, depay_api_key: _k, ...sellerListedBase } = SELLER_EXAMPLE;
const sellerListed = { ...sellerListedBase, date_created: '2025-01-15T13:30:00.000Z' };

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

/** A seller without its secrets (tokens and the Depay key are shown once, at creation). */
export function renderSeller(s: Seller) {
  const site = siteOf(s.site_id);
  return {
    user_id: s.id,
    nickname: s.nickname,
    name: s.name,
    email: s.email,
    site_id: site.id,
    country_id: site.countryId,
    currency_id: site.currency,
    application_id: s.application_id,
    public_key: s.public_key,
    webhook_secret: s.webhook_secret,
    date_created: isoMs(s.created_at),
  };
}

const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
});
const SellerParams = Type.Object({ user_id: Type.String({ pattern: '^[0-9]{1,15}$' }) });

// Every admin route can also be refused at the edge: body too large or not JSON, or the rate limit.
const adminErrors = { 400: legacyError(400), 401: legacyError(401, 'Missing or wrong admin token', { code: 'unauthorized', description: 'invalid admin token', data: null }), 413: legacyError(413), 415: legacyError(415), 429: legacyError(429) };

/**
 * POST /sandbox/sellers: a test seller with its credentials, shown once (only
 * hashes are kept). GET lists them; POST .../tokens issues another access token
 * (how to get one again after a restart).
 */
export function sellerRoutes(ctx: Ctx, options: readonly SellerOptionsHook[] = []) {
  const Body = bodyOf(options);
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', requireAdmin(ctx));
    app.post(
      '/sellers',
      {
        schema: {
          tags: ['Sandbox'], security: [{ admin: [] }], summary: 'Create a test seller (admin token)', body: Body,
          description: 'Optional provider options, stored with the seller: `mercadopago` takes the fields of PUT /sandbox/sellers/{user_id}/mercadopago.',
          ...bodyExample({ site_id: 'MLA', name: 'Panaderia Norte', ...(options.some((o) => o.key === 'mercadopago') ? { mercadopago: { managed_wallet: true } } : {}) }),
          ...answers({ 201: ok(createdOf(options), { ...SELLER_EXAMPLE, ...(options.some((o) => o.key === 'mercadopago') ? { mercadopago: { managed_wallet: true, static_qr_expiry_cap: false, refund_answer: 'on_confirmation' } } : {}) }, 'The seller with its credentials (shown once)'), ...adminErrors }),
        },
      },
      async (req, reply) => {
        const body = req.body as Record<string, unknown>;
        const answer = await ctx.store.transaction(async (tx) => {
          const created = await createSeller(tx, ctx.clock, { siteId: req.body.site_id as SiteId, name: req.body.name });
          const given: Record<string, unknown> = {};
          // Same transaction: a seller never exists without the options it was created with.
          for (const o of options) if (body[o.key] !== undefined) given[o.key] = await o.apply(ctx, tx, created.seller, body[o.key] as Record<string, unknown>);
          return { ...renderCreatedSeller(created), ...given };
        });
        return reply.code(201).send(answer);
      },
    );

    app.get(
      '/sellers',
      {
        schema: {
          tags: ['Sandbox'], security: [{ admin: [] }], summary: 'List the test sellers (admin token)', querystring: ListQuery,
          ...answers({ 200: ok(SellerPage, { paging: { total: 1, offset: 0, limit: 50 }, results: [sellerListed] }, 'Sellers, oldest first, without their tokens'), ...adminErrors }),
        },
      },
      async (req) => {
        const rows = await listSellers(ctx.store.db, req.query.limit, req.query.offset);
        const total = await countSellers(ctx.store.db);
        return { paging: { total, offset: req.query.offset, limit: req.query.limit }, results: rows.map(renderSeller) };
      },
    );

    app.post(
      '/sellers/:user_id/tokens',
      {
        schema: {
          tags: ['Sandbox'], security: [{ admin: [] }], summary: "Issue another access token for a seller (admin token); earlier ones stay valid", params: SellerParams,
          ...answers({
            201: ok(IssuedToken, { user_id: SELLER_EXAMPLE.user_id, access_token: SELLER_EXAMPLE.access_token }, 'The new token (shown once)'),
            ...adminErrors,
            404: legacyError(404, 'No such seller', { code: 'not_found', description: 'seller 1 not found', data: null }),
          }),
        },
      },
      async (req, reply) => {
        const issued = await ctx.store.transaction((tx) => issueAccessToken(tx, ctx.clock, Number(req.params.user_id)));
        if (!issued) return sendLegacy(reply, 'not_found', `seller ${req.params.user_id} not found`);
        return reply.code(201).send({ user_id: issued.seller.id, access_token: issued.accessToken });
      },
    );
  };
}
