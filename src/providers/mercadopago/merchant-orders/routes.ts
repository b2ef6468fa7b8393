import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { paymentsByIds } from '../../../domain/counter/records.js';
import { createMerchantOrder, updateMerchantOrder } from '../../../domain/merchant-orders/commands.js';
import type { MerchantOrder } from '../../../domain/merchant-orders/merchant-order.js';
import { findMerchantOrder, searchMerchantOrders } from '../../../domain/merchant-orders/records.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { inTransaction, type HttpOutcome } from '../../../http/idempotency.js';
import { Text } from '../../../http/types.js';
import type { Executor } from '../../../store/db.js';
import { getSeller } from '../../../store/repos/sellers.js';
import { sellerOf } from '../auth.js';
import { legacyBody, sendLegacyCause } from '../errors/legacy.js';
import type { FieldProblem } from '../fields/check.js';
import { parseMerchantOrderBody } from './body.js';
import { parseSearch, SEARCH_KEYS } from './query.js';
import { renderMerchantOrder } from './render.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { legacyError } from '../errors/answers.js';
import { MERCHANT_ORDER_BODY_EXAMPLE, MERCHANT_ORDER_EXAMPLE, MerchantOrderObject, MerchantOrderPage, merchantOrderErrors, merchantOrderNotFound } from './answers.js';

const invalidFormat = { code: 'invalid_format', description: 'The merchant_order id must be a number', data: 'id' };
const bodyErrors = (what: string) => ({
  ...merchantOrderErrors({ code: 'invalid_items', description: 'items[0].quantity must be a positive integer', data: 'items' }, `${what} (malformed JSON is unmarshal_error)`),
  413: legacyError(413),
  415: legacyError(415),
});

const tags = ['merchant_orders'];
const security = [{ mercadopago: [] }];
const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });
const SearchQuery = Type.Object(Object.fromEntries(SEARCH_KEYS.map((k) => [k, Type.Optional(Text({ maxLength: 256 }))])));
const AnyBody = Type.Unknown();

const idOf = (s: string): number | undefined => (/^[1-9]\d{0,15}$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined);
const bad = (p: FieldProblem): HttpOutcome => ({ status: 400, body: legacyBody('bad_request', p.message, [{ code: p.code, description: p.message, data: p.field }]) });
const notFound = (id: string): HttpOutcome => ({ status: 404, body: legacyBody('not_found', `Merchant Order ${id.slice(0, 64)} not found`, [{ code: 'not_found', description: 'Merchant Order not found', data: null }]) });

async function render(ex: Executor, m: MerchantOrder, seller: Seller) {
  return renderMerchantOrder(m, await paymentsByIds(ex, m.payment_ids), seller);
}

function send(reply: FastifyReply, o: HttpOutcome) {
  return reply.code(o.status).send(o.body);
}

/**
 * merchant_orders (reference §5.2, supplement §6; the SDK's MerchantOrder
 * client): get, search, create, update, in the legacy envelope with the
 * documented codes. Another seller's id is "not found".
 */
export function merchantOrderRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const sponsorExists = (ex: Executor) => async (id: number) => Boolean(await getSeller(ex, id));

    app.get('/merchant_orders/search', {
      schema: {
        tags, security, summary: 'Search merchant_orders (last 90 days)', querystring: SearchQuery,
        ...answers({
          200: ok(MerchantOrderPage, { elements: [MERCHANT_ORDER_EXAMPLE], next_offset: 1, total: 1 }, 'The matches, {elements, next_offset, total}'),
          ...merchantOrderErrors({ code: 'ds_search_query', description: 'limit must be a number from 1 to 100', data: null }, 'A bad search parameter (ds_search_query)'),
        }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const q = parseSearch(req.query, seller.id, sellerNow(ctx.clock, seller));
      if (!q.ok) return sendLegacyCause(reply, 'bad_request', 'ds_search_query', q.error);
      const found = await searchMerchantOrders(ctx.store.db, q.value);
      const elements = [];
      for (const m of found.orders) elements.push(await render(ctx.store.db, m, seller));
      return { elements, next_offset: q.value.offset + elements.length, total: found.total };
    });

    app.get('/merchant_orders/:id', { schema: { tags, security, summary: 'Get a merchant_order', params: IdParams, ...answers({ 200: ok(MerchantOrderObject, MERCHANT_ORDER_EXAMPLE, 'The merchant_order'), ...merchantOrderErrors(invalidFormat, 'The id is not a number (invalid_format)'), 404: merchantOrderNotFound }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = idOf(req.params.id);
      if (id === undefined) return sendLegacyCause(reply, 'bad_request', 'invalid_format', 'The merchant_order id must be a number', 'id');
      const m = await findMerchantOrder(ctx.store.db, seller.id, id);
      return m ? render(ctx.store.db, m, seller) : send(reply, notFound(req.params.id));
    });

    app.post('/merchant_orders', {
      schema: {
        tags, security, summary: 'Create a merchant_order', body: AnyBody, ...bodyExample(MERCHANT_ORDER_BODY_EXAMPLE),
        ...answers({ 201: ok(MerchantOrderObject, { ...MERCHANT_ORDER_EXAMPLE, status: 'opened', payer: null, payments: [], paid_amount: 0, order_status: 'payment_required' }, 'The merchant_order'), ...bodyErrors('A field refused, with its documented code (invalid_items, invalid_url, invalid_sponsor_id, ...)') }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const out = await inTransaction(ctx.store, async (tx) => {
        const body = await parseMerchantOrderBody(req.body, seller, sponsorExists(tx.ex), { update: false });
        if (!body.ok) return bad(body.error);
        const b = body.value;
        const site = siteOf(seller.site_id);
        const m = await createMerchantOrder(
          ctx,
          tx,
          {
            seller_id: seller.id,
            site_id: site.id,
            currency: site.currency,
            charge_id: null,
            family: null,
            preference_id: b.preference_id ?? null,
            application_id: String(seller.application_id),
            sponsor_id: b.sponsor_id ?? null,
            external_reference: b.external_reference ?? null,
            notification_url: b.notification_url ?? null,
            additional_info: b.additional_info ?? '',
            marketplace: b.marketplace ?? 'NONE',
            items: b.items ?? [],
            total_amount: b.total_amount ?? 0,
          },
          sellerNow(ctx.clock, seller),
        );
        return { status: 201, body: await render(tx.ex, m, seller) };
      });
      return send(reply, out);
    });

    app.put('/merchant_orders/:id', {
      schema: {
        tags, security, summary: 'Update a merchant_order', params: IdParams, body: AnyBody, ...bodyExample({ external_reference: 'ID24' }),
        ...answers({ 200: ok(MerchantOrderObject, { ...MERCHANT_ORDER_EXAMPLE, external_reference: 'ID24' }, 'The merchant_order'), ...bodyErrors('A field refused, a non-numeric id (invalid_format), or a closed merchant_order (invalid_order_state)'), 404: merchantOrderNotFound }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = idOf(req.params.id);
      if (id === undefined) return sendLegacyCause(reply, 'bad_request', 'invalid_format', 'The merchant_order id must be a number', 'id');
      const out = await inTransaction(ctx.store, async (tx) => {
        const m = await findMerchantOrder(tx.ex, seller.id, id);
        if (!m) return notFound(req.params.id);
        const body = await parseMerchantOrderBody(req.body, seller, sponsorExists(tx.ex), { update: true });
        if (!body.ok) return bad(body.error);
        const { preference_id: _ignored, ...patch } = body.value;
        const r = await updateMerchantOrder(ctx, tx, m, patch, sellerNow(ctx.clock, seller));
        if (!r.ok) return bad({ code: 'invalid_order_state', field: 'status', message: `A ${r.error.status} merchant_order cannot be changed` });
        return { status: 200, body: await render(tx.ex, r.value, seller) };
      });
      return send(reply, out);
    });
  };
}
