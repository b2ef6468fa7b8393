import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { cancelOrder } from '../../../domain/mp-orders/cancel.js';
import { createOrder, readForCreate } from '../../../domain/mp-orders/create.js';
import { refundOrder } from '../../../domain/mp-orders/refund.js';
import { findOrder, readOrder, readOrderWithSeller } from '../../../domain/mp-orders/records.js';
import { VersionedAnswers } from '../../../http/versioned-answers.js';
import { toIssues } from '../../../http/validation.js';
import { authenticated, INVALID_TOKEN, sellerOf, tokenHashOf } from '../auth.js';
import { issuesToOrderErrors, ORDER_ID_RULE, ordersError, sendOrders, type OrderError } from './errors.js';
import { withIdempotencyKey } from './idempotency.js';
import { parseRefundBody } from './refund-body.js';
import { refundError } from './refund-errors.js';
import { renderOrder, renderRefundList } from './render.js';
import { CreateOrderBody, OrderParams, RefundBody } from './schemas.js';
import { searchRoute } from './search.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { OrderObject, ordersBodyErrors, ordersErrors, POINT_CANCEL_REQUESTED_EXAMPLE, QR_CANCELED_EXAMPLE, QR_DYNAMIC_EXAMPLE, QR_ORDER_BODY_EXAMPLE, QR_ORDER_EXAMPLE, QR_REFUNDED_EXAMPLE, RefundList } from './answers.js';
import { validateCreate } from './validate.js';
import { cancelPoint, createPoint, simulateRoute } from './point-routes.js';

const tags = ['Orders'];
const security = [{ mercadopago: [] }];
const idemHeader = { type: 'object', properties: { 'x-idempotency-key': { type: 'string', description: 'Required on create, cancel and refund' } } } as const;
// Orders are readable for 3 months (get-order reference).
const READABLE_MS = 90 * 86_400_000;
// What GET /v1/orders/{id} holds of its rendered answers, in characters (an answer is 1-3 KB).
const HELD_ANSWERS_CHARS = 4_000_000;

const fail = (errors: OrderError[]) => ordersError(errors);

export function orderRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const held = new VersionedAnswers(HELD_ANSWERS_CHARS);

    app.post('/v1/orders', {
      config: { sellerInRead: true },
      schema: {
        tags, security, summary: 'Create an order (type qr or point)', headers: idemHeader, body: CreateOrderBody, ...bodyExample(QR_ORDER_BODY_EXAMPLE),
        ...answers({
          // The create references: 201 with the order (QR static and Point examples; dynamic and hybrid add type_response.qr_data).
          201: ok(OrderObject, QR_ORDER_EXAMPLE, 'The order; dynamic and hybrid add type_response.qr_data; a Point order has config.point and no total_amount (a replayed X-Idempotency-Key answers the original again)'),
          ...ordersBodyErrors('empty_required_header', 'property_value', 'required_properties', 'unsupported_properties', 'property_type', 'minimum_items', 'maximum_items', 'unsupported_site', 'invalid_order_type', 'sponsor_id_not_valid', 'seller_configuration', 'forbidden_checking_terminal_owner', 'pos_not_found', 'marketplace_fee_not_allowed', 'idempotency_key_already_used', 'already_queued_order_for_terminal'),
        }),
      },
    }, async (req, reply) => {
      return withIdempotencyKey(ctx, req, reply, async (tx) => {
        // The transaction's first statement authenticates: the token's seller, with the POS a QR
        // order names, its store and the seller's options.
        const body = req.body;
        const read = await readForCreate(tx, tokenHashOf(req), (body.type === 'qr' && body.config?.qr?.external_pos_id) || '');
        if (!read) return fail([{ code: 'unauthorized', details: [INVALID_TOKEN] }]);
        const seller = authenticated(req, read.seller);
        if (body.type === 'point') return createPoint(ctx, tx, seller, body);
        const input = validateCreate(body, seller);
        if (!input.ok) return fail(input.error);
        const r = await createOrder(ctx, tx, input.value, read);
        if (r.ok) return { status: 201, body: renderOrder(r.value) };
        if (r.error.code === 'pos_not_found') return fail([{ code: 'pos_not_found', details: [`no POS with external_id ${r.error.externalPosId}`] }]);
        if (r.error.code === 'unsupported_site') return fail([{ code: 'unsupported_site', details: [`QR orders are not available for site ${r.error.site}`] }]);
        if (r.error.code === 'seller_configuration') return fail([{ code: 'seller_configuration', details: ['cash-out and extra cash are for Managed Wallet sellers: enable managed_wallet (PUT /sandbox/sellers/{user_id}/mercadopago)'] }]);
        return fail([{ code: 'sponsor_id_not_valid', details: ['integration_data.sponsor.id must be another existing user'] }]);
      });
    });

    // An order polled until paid is read unchanged many times: the read authenticates in the same
    // statement, and the answer is rendered once per version.
    app.get('/v1/orders/:order_id', { config: { sellerInRead: true }, schema: { tags, security, summary: 'Get an order', params: OrderParams, ...answers({ 200: ok(OrderObject, QR_DYNAMIC_EXAMPLE, 'The order (readable for 3 months)'), ...ordersErrors('invalid_path_param', 'order_not_found') }) } }, async (req, reply) => {
      const id = req.params.order_id;
      const found = await readOrderWithSeller(ctx.store.db, tokenHashOf(req), id, held.version(id));
      if (!found) return sendOrders(reply, { code: 'unauthorized', details: [INVALID_TOKEN] });
      const seller = found.seller;
      let r = found.read;
      if (!r || sellerNow(ctx.clock, seller) - r.created_at > READABLE_MS) return sendOrders(reply, { code: 'order_not_found' });
      let body = r.order ? undefined : held.get(id, r.version);
      if (body === undefined) {
        // Dropped from the held answers while this read ran: read the document after all.
        if (!r.order) r = await readOrder(ctx.store.db, seller.id, id, -1);
        if (!r?.order) return sendOrders(reply, { code: 'order_not_found' });
        body = JSON.stringify(renderOrder(r.order));
        held.set(id, r.version, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    });

    app.get('/v1/orders/:order_id/refund', {
      schema: {
        tags, security, summary: "List an order's refunds", params: OrderParams,
        ...answers({
          200: ok(RefundList, { refunds: QR_REFUNDED_EXAMPLE.transactions.refunds.map((r) => ({ ...r, date_created: '2025-06-24T20:04:27.622Z', date_last_updated: '2025-06-24T20:04:27.622Z' })) }, "The order's refunds (the shape of the SDK's getRefunds types)"),
          ...ordersErrors('invalid_path_param', 'order_not_found'),
        }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const o = await findOrder(ctx.store.db, seller.id, req.params.order_id);
      if (!o || sellerNow(ctx.clock, seller) - o.created_at > READABLE_MS) return sendOrders(reply, { code: 'order_not_found' });
      return renderRefundList(o);
    });

    app.post('/v1/orders/:order_id/cancel', {
      schema: {
        tags, security, summary: 'Cancel an order (QR: only while created; Point: also at the terminal with x-allow-cancelable-status)', headers: idemHeader, params: OrderParams,
        ...answers({
          200: ok(OrderObject, QR_CANCELED_EXAMPLE, 'Canceled (seed 003)'),
          202: ok(OrderObject, POINT_CANCEL_REQUESTED_EXAMPLE, 'Point, at the terminal with x-allow-cancelable-status: at_terminal: the cancel is requested (supplement §1.3)'),
          // Takes no body, but one sent is still parsed (malformed JSON 400, not JSON 415).
          ...ordersBodyErrors('empty_required_header', 'invalid_path_param', 'order_not_found', 'order_already_canceled', 'cannot_cancel_order', 'idempotency_key_already_used'),
        }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      return withIdempotencyKey(ctx, req, reply, async (tx) => {
        const point = await findOrder(tx.ex, seller.id, req.params.order_id);
        if (point?.type === 'point') return cancelPoint(ctx, tx, seller, point, req.headers['x-allow-cancelable-status'] === 'at_terminal');
        const r = await cancelOrder(ctx, tx, seller, req.params.order_id);
        if (r.ok) return { status: 200, body: renderOrder(r.value) };
        if (r.error.code === 'order_not_found') return fail([{ code: 'order_not_found' }]);
        // QR cancel reference: 409 order_already_canceled for any status other than created.
        return fail([{ code: 'order_already_canceled', details: [`the order is ${r.error.status}; orders can only be canceled via API when status=created`] }]);
      });
    });

    app.post(
      '/v1/orders/:order_id/refund',
      {
        schema: {
          tags, security, summary: 'Refund an order: no body for a total refund, or transactions with amounts', headers: idemHeader, params: OrderParams, body: RefundBody,
          ...answers({
            201: ok(OrderObject, QR_REFUNDED_EXAMPLE, 'The order with transactions.refunds (seed 003: a total refund stays processed/accredited until the refund is confirmed)'),
            ...ordersBodyErrors('empty_required_header', 'property_value', 'invalid_path_param', 'required_properties', 'unsupported_properties', 'property_type', 'invalid_transaction_id', 'invalid_order_owner', 'in_store_payment_refund_order', 'refund_amount_exceeds', 'partial_refund_not_allowed_with_cashout', 'partial_refund_forbidden_with_tips', 'order_not_found', 'transaction_not_found', 'cannot_refund_order', 'order_already_refunded', 'idempotency_key_already_used'),
          }),
        },
        attachValidation: true,
      },
      async (req, reply) => {
        const seller = sellerOf(req);
        // attachValidation lets a missing body through (a total refund); a bad path or a bad body is still refused.
        const invalid = req.validationError;
        if (invalid?.validationContext === 'params') return sendOrders(reply, { code: 'invalid_path_param', details: [ORDER_ID_RULE] });
        if (invalid && req.body !== undefined && req.body !== null) {
          return sendOrders(reply, ...issuesToOrderErrors(toIssues(invalid.validation as never, 'body')));
        }
        return withIdempotencyKey(ctx, req, reply, async (tx) => {
          const parsed = parseRefundBody(invalid ? undefined : req.body, seller);
          if (!parsed.ok) return fail(parsed.error);
          const r = await refundOrder(ctx, tx, seller, req.params.order_id, parsed.value);
          // The QR refund reference: "In case of success, the request will return a response with status 201".
          if (r.ok) return { status: 201, body: renderOrder(r.value.order) };
          return fail([refundError(r.error, seller)]);
        });
      },
    );

    await app.register(searchRoute(ctx));
    await app.register(simulateRoute(ctx));
  };
}
