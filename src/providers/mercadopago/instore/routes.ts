import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { placeOrder, type NewInstoreOrder } from '../../../domain/legacy-qr/place.js';
import { deleteOrderOfPos, openOrderOfPos } from '../../../domain/legacy-qr/remove.js';
import type { InstoreModel } from '../../../domain/legacy-qr/order.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { inTransaction, type HttpOutcome } from '../../../http/idempotency.js';
import { Text } from '../../../http/types.js';
import { sellerOf } from '../auth.js';
import { parseAttended } from './attended-body.js';
import { badSponsor, fieldError, instoreError, noOrder, unknownPos, wrongCollector } from './errors.js';
import { renderAttended, renderV2 } from './render.js';
import { parseV2 } from './v2-body.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { ATTENDED_BODY_EXAMPLE, ATTENDED_EXAMPLE, AttendedOrder, attendedErrors, DYNAMIC_EXAMPLE, DynamicQr, noInstoreOrder, V2_BODY_EXAMPLE, V2_LIST_EXAMPLE, V2OrderList, v2Errors } from './answers.js';

const V2_BAD = 'A field refused with its own code (invalid_external_reference, invalid_items.<field>, invalid_total_amount, ...), the collector is not the token\'s (invalid_collectorId), or no such POS (invalid_externalPosId)';

const tags = ['In-store orders (legacy QR)'];
const security = [{ mercadopago: [] }];
const DEFAULT_TTL_MS = 10 * 60_000;
// X-Ttl-Store-Preference is seconds; caja bounds it at 30 days (its choice: the documents give no maximum).
const MAX_TTL_S = 30 * 86_400;
const Id = Text({ maxLength: 64 });
const Attended = Type.Object({ user_id: Id, external_id: Id });
const Pos = Type.Object({ user_id: Id, external_pos_id: Id });
const StorePos = Type.Object({ user_id: Id, external_store_id: Id, external_pos_id: Id });
const AnyBody = Type.Unknown();

type PosParams = { user_id: string; external_pos_id: string; external_store_id?: string };

const send = (reply: FastifyReply, o: HttpOutcome) => (o.body === undefined ? reply.code(o.status).send() : reply.code(o.status).send(o.body));
const owns = (seller: Seller, userId: string) => /^\d{1,16}$/.test(userId) && Number(userId) === seller.id;

function ttlOf(req: FastifyRequest): number | undefined {
  const h = req.headers['x-ttl-store-preference'];
  if (h === undefined) return DEFAULT_TTL_MS;
  return typeof h === 'string' && /^\d{1,8}$/.test(h.trim()) && Number(h) > 0 && Number(h) <= MAX_TTL_S ? Number(h) * 1000 : undefined;
}

/** Runs a placement in the edge's transaction and maps the domain's refusals. */
async function place(ctx: Ctx, seller: Seller, input: NewInstoreOrder, posField: string, ok: (o: Parameters<typeof renderAttended>[0]) => HttpOutcome): Promise<HttpOutcome> {
  return inTransaction(ctx.store, async (tx) => {
    const r = await placeOrder(ctx, tx, seller, input);
    if (r.ok) return ok(r.value);
    return r.error.code === 'pos_not_found' ? unknownPos(posField, input.externalPosId) : badSponsor(input.model === 'attended' ? 'sponsor_id' : 'sponsor.id');
  });
}

/**
 * The legacy QR order models (reference §5.1, supplement §5, seed 002): the
 * attended model, in-store orders v2 (both path variants) and the dynamic and
 * hybrid models. Nothing is stored on a refused request (one transaction,
 * rolled back on any 4xx).
 */
export function instoreRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/mpmobile/instore/qr/:user_id/:external_id', {
      schema: {
        tags, security, summary: 'Attended model: place an order on a POS', params: Attended, body: AnyBody, ...bodyExample(ATTENDED_BODY_EXAMPLE),
        ...answers({ 201: ok(AttendedOrder, ATTENDED_EXAMPLE, 'The order, on the POS until paid, deleted or expired (X-Ttl-Store-Preference, default 10 minutes)'), ...attendedErrors() }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!owns(seller, req.params.user_id)) return send(reply, wrongCollector('invalid_collector_id', req.params.user_id));
      const ttl = ttlOf(req);
      if (ttl === undefined) return send(reply, instoreError('bad_request', 'invalid_expiration_date', `X-Ttl-Store-Preference must be whole seconds from 1 to ${MAX_TTL_S}`, 'X-Ttl-Store-Preference'));
      const body = parseAttended(req.body, siteOf(seller.site_id).currency);
      if (!body.ok) return send(reply, fieldError(body.error));
      const b = body.value;
      const input: NewInstoreOrder = { model: 'attended', externalPosId: req.params.external_id, externalReference: b.externalReference, notificationUrl: b.notificationUrl, sponsorId: b.sponsorId, items: b.items, totalAmount: b.totalAmount, cashOut: null, ttlMs: ttl };
      return send(reply, await place(ctx, seller, input, 'external_id', (o) => ({ status: 201, body: renderAttended(o) })));
    });

    app.delete('/mpmobile/instore/qr/:user_id/:external_id', { schema: { tags, security, summary: "Attended model: delete the POS's order (204)", params: Attended, ...answers({ 204: { description: 'Deleted (seed 002)' }, ...attendedErrors(), 404: noInstoreOrder }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!owns(seller, req.params.user_id)) return send(reply, wrongCollector('invalid_collector_id', req.params.user_id));
      return send(reply, await remove(ctx, seller, { user_id: req.params.user_id, external_pos_id: req.params.external_id }, 'external_id'));
    });

    for (const [prefix, params] of [
      ['/instore/qr/seller/collectors/:user_id/pos/:external_pos_id', Pos],
      ['/instore/qr/seller/collectors/:user_id/stores/:external_store_id/pos/:external_pos_id', StorePos],
    ] as const) {
      app.put(`${prefix}/orders`, { schema: { tags, security, summary: "In-store orders v2: place (or replace) the POS's order", params, body: AnyBody, ...bodyExample(V2_BODY_EXAMPLE), ...answers({ 201: { description: 'Placed: an empty body (supplement §5.2)' }, ...v2Errors(V2_BAD) }) } }, async (req, reply) =>
        send(reply, await putV2(ctx, req, req.params as PosParams, 'v2')),
      );
      app.get(`${prefix}/orders`, { schema: { tags, security, summary: "In-store orders v2: the POS's order", params, ...answers({ 200: ok(V2OrderList, V2_LIST_EXAMPLE, "An array with the POS's order"), ...v2Errors(V2_BAD), 404: noInstoreOrder }) } }, async (req, reply) => {
        const seller = sellerOf(req);
        const p = req.params as PosParams;
        if (!owns(seller, p.user_id)) return send(reply, wrongCollector('invalid_collectorId', p.user_id));
        const r = await ctx.store.transaction((tx) => openOrderOfPos(ctx, tx, seller, p.external_pos_id, p.external_store_id));
        if (r.ok) return renderV2(r.value);
        return send(reply, r.error.code === 'pos_not_found' ? unknownPos('external_pos_id', p.external_pos_id) : noOrder());
      });
      app.delete(`${prefix}/orders`, { schema: { tags, security, summary: "In-store orders v2: delete the POS's order (204)", params, ...answers({ 204: { description: 'Deleted' }, ...v2Errors(V2_BAD), 404: noInstoreOrder }) } }, async (req, reply) => {
        const seller = sellerOf(req);
        const p = req.params as PosParams;
        if (!owns(seller, p.user_id)) return send(reply, wrongCollector('invalid_collectorId', p.user_id));
        return send(reply, await remove(ctx, seller, p, 'external_pos_id'));
      });
    }

    app.post('/instore/orders/qr/seller/collectors/:user_id/pos/:external_pos_id/qrs', { schema: { tags, security, summary: 'Dynamic model: an order with its own QR (qr_data, in_store_order_id)', params: Pos, body: AnyBody, ...bodyExample(V2_BODY_EXAMPLE), ...answers({ 201: ok(DynamicQr, DYNAMIC_EXAMPLE, 'The order and its own code (supplement §5.3)'), ...v2Errors(V2_BAD) }) } }, async (req, reply) =>
      send(reply, await putV2(ctx, req, req.params, 'dynamic')),
    );
    app.put('/instore/orders/qr/seller/collectors/:user_id/pos/:external_pos_id/qrs', { schema: { tags, security, summary: "Hybrid model: an order on the POS's printed QR (empty 201)", params: Pos, body: AnyBody, ...bodyExample(V2_BODY_EXAMPLE), ...answers({ 201: { description: 'Placed: an empty body (supplement §5.3)' }, ...v2Errors(V2_BAD) }) } }, async (req, reply) =>
      send(reply, await putV2(ctx, req, req.params, 'hybrid')),
    );
  };
}

async function remove(ctx: Ctx, seller: Seller, p: PosParams, posField: string): Promise<HttpOutcome> {
  return inTransaction(ctx.store, async (tx) => {
    const r = await deleteOrderOfPos(ctx, tx, seller, p.external_pos_id, p.external_store_id);
    if (r.ok) return { status: 204, body: undefined };
    return r.error.code === 'pos_not_found' ? unknownPos(posField, p.external_pos_id) : noOrder();
  });
}

/** v2 PUT, dynamic POST and hybrid PUT share the body (supplement §5.2-5.3). */
async function putV2(ctx: Ctx, req: FastifyRequest, p: PosParams, model: InstoreModel): Promise<HttpOutcome> {
  const seller = sellerOf(req);
  if (!owns(seller, p.user_id)) return wrongCollector('invalid_collectorId', p.user_id);
  const now = sellerNow(ctx.clock, seller);
  const body = parseV2(req.body, siteOf(seller.site_id).currency, now);
  if (!body.ok) return fieldError(body.error);
  const b = body.value;
  const input: NewInstoreOrder = {
    model,
    externalPosId: p.external_pos_id,
    externalStoreId: p.external_store_id,
    externalReference: b.externalReference,
    title: b.title,
    description: b.description,
    notificationUrl: b.notificationUrl,
    sponsorId: b.sponsorId,
    items: b.items,
    totalAmount: b.totalAmount,
    cashOut: b.cashOut,
    expirationDate: b.expirationDate,
    ttlMs: b.expiresAtMs !== undefined ? b.expiresAtMs - now : DEFAULT_TTL_MS,
  };
  // v2 and hybrid answer an empty 201; the dynamic model its code (supplement §5.2-5.3).
  return place(ctx, seller, input, 'external_pos_id', (o) => ({ status: 201, body: model === 'dynamic' ? { qr_data: o.qr_data, in_store_order_id: o.id } : undefined }));
}
