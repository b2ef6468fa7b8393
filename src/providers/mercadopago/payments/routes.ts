import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { refundPayment, type PaymentRefundError } from '../../../domain/counter/refund.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { fingerprint, idempotent, ownedBy, inTransaction, type HttpOutcome } from '../../../http/idempotency.js';
import { Text } from '../../../http/types.js';
import type { Tx } from '../../../store/db.js';
import { findPayment, refundsOfPayment, refundsOfPayments, searchPayments } from '../../../domain/counter/records.js';
import { sellerOf } from '../auth.js';
import { legacyBody, sendLegacy, type LegacyBody } from '../errors/legacy.js';
import { amountOf, renderPayment, renderRefund } from './render.js';
import { parseSearch } from './query.js';
import { parseRefundAmount } from './refund-body.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { legacyError, legacyErrors, legacyReadErrors } from '../errors/answers.js';
import { PAYMENT_EXAMPLE, PAYMENT_REFUND_EXAMPLE, PaymentObject, PaymentRefundObject, PaymentSearchPage, paymentNotFound } from './answers.js';

const tags = ['Payments'];
const security = [{ mercadopago: [] }];
// Any text: an id that is not one of the seller's payments is "Payment not found" (cause 2000), as Mercado Pago answers.
const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });
const RefundParams = Type.Object({ id: Text({ maxLength: 64 }), refund_id: Text({ maxLength: 64 }) });
const SearchQuery = Type.Object(
  Object.fromEntries(['sort', 'criteria', 'external_reference', 'status', 'range', 'begin_date', 'end_date', 'limit', 'offset', 'access_token'].map((k) => [k, Type.Optional(Text({ maxLength: 256 }))])),
);

/** A payment id as Mercado Pago's are: digits, within what a JSON number holds exactly. */
const paymentIdOf = (s: string): number | undefined => (/^[1-9]\d{0,15}$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined);

const notFound = (): HttpOutcome => ({ status: 404, body: legacyBody('not_found', 'Payment not found', [{ code: 2000, description: 'Payment not found', data: null }]) });

function refundRefusal(e: PaymentRefundError, money: (minor: number) => number): HttpOutcome {
  const bad = (code: number, description: string): HttpOutcome => ({ status: 400, body: legacyBody('bad_request', description, [{ code, description, data: null }]) });
  switch (e.code) {
    case 'payment_not_found':
      return notFound();
    case 'not_refundable':
      return bad(2063, `The action requested is not valid for the current payment state (${e.status})`);
    case 'over_balance':
      return bad(2063, `The refund amount exceeds what is left to refund (${money(e.left)})`);
    case 'window_closed':
      return bad(2024, `Payment too old to be refunded (the window is ${e.window})`);
    case 'partial_not_allowed':
      return bad(3024, `Not valid action - partial refund unsupported for this transaction: ${e.reason}`);
  }
}

/**
 * The Payments API (reference §6, supplement §7): the ledger of every payment
 * attempt, read by id and searched, and refunded through whichever charge owns
 * the payment. The legacy {message,error,status,cause} envelope with the
 * documented numeric cause codes.
 */
export function paymentRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/v1/payments/search', {
      schema: {
        tags, security, summary: 'Search payments', querystring: SearchQuery,
        ...answers({
          200: ok(PaymentSearchPage, { paging: { total: 1, limit: 30, offset: 0 }, results: [PAYMENT_EXAMPLE] }, 'A page of payments'),
          ...legacyReadErrors({ 400: legacyError(400, 'A bad sort, criteria, status, range, date or paging value (each problem a cause)', { code: 'bad_request', description: 'criteria must be asc or desc', data: null }) }),
        }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const q = parseSearch(req.query, seller.id, sellerNow(ctx.clock, seller));
      if (!q.ok) return sendLegacy(reply, 'bad_request', q.error[0]!, q.error.map((description) => ({ code: 'bad_request', description, data: null })));
      const found = await searchPayments(ctx.store.db, q.value);
      const refunds = await refundsOfPayments(ctx.store.db, found.payments.map((p) => Number(p.id)));
      return {
        paging: { total: found.total, limit: q.value.limit, offset: q.value.offset },
        results: found.payments.map((p) => renderPayment(p, refunds.filter((r) => r.payment_id === Number(p.id)), seller)),
      };
    });

    app.get('/v1/payments/:id', { schema: { tags, security, summary: 'Get a payment', params: IdParams, ...answers({ 200: ok(PaymentObject, PAYMENT_EXAMPLE, 'The payment'), ...legacyReadErrors({ 404: paymentNotFound }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = paymentIdOf(req.params.id);
      const p = id === undefined ? undefined : await findPayment(ctx.store.db, seller.id, id);
      if (!p) return send(reply, notFound());
      return renderPayment(p, await refundsOfPayment(ctx.store.db, id!), seller);
    });

    app.get('/v1/payments/:id/refunds', { schema: { tags, security, summary: "List a payment's refunds", params: IdParams, ...answers({ 200: ok(Type.Array(PaymentRefundObject), [PAYMENT_REFUND_EXAMPLE], 'The refunds, oldest first'), ...legacyReadErrors({ 404: paymentNotFound }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = paymentIdOf(req.params.id);
      const p = id === undefined ? undefined : await findPayment(ctx.store.db, seller.id, id);
      if (!p) return send(reply, notFound());
      return (await refundsOfPayment(ctx.store.db, id!)).map((r) => renderRefund(p, r, seller));
    });

    app.get('/v1/payments/:id/refunds/:refund_id', {
      schema: {
        tags, security, summary: 'Get one refund of a payment', params: RefundParams,
        ...answers({ 200: ok(PaymentRefundObject, PAYMENT_REFUND_EXAMPLE, 'The refund'), ...legacyReadErrors({ 404: legacyError(404, 'No such payment (2000) or refund of it (2032)', { code: 2032, description: 'Refund not found', data: null }) }) }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = paymentIdOf(req.params.id);
      const p = id === undefined ? undefined : await findPayment(ctx.store.db, seller.id, id);
      if (!p) return send(reply, notFound());
      const r = (await refundsOfPayment(ctx.store.db, id!)).find((x) => String(x.id) === req.params.refund_id);
      if (!r) return sendLegacy(reply, 'not_found', 'Refund not found', [{ code: 2032, description: 'Refund not found', data: null }]);
      return renderRefund(p, r, seller);
    });

    app.post(
      '/v1/payments/:id/refunds',
      {
        schema: {
          tags, security, summary: 'Refund a payment: no body or {} for everything left, {"amount": n} for part', params: IdParams, ...bodyExample({ amount: 5 }),
          ...answers({
            201: ok(PaymentRefundObject, PAYMENT_REFUND_EXAMPLE, 'The refund (of a total refund over several transactions, the last one)'),
            ...legacyErrors({
              400: legacyError(400, 'A bad amount (4040 positive, 4041 numeric), over what is left or not refundable (2063), past the window (2024), partial not allowed (3024)', { code: 2063, description: 'The refund amount exceeds what is left to refund (24.00)', data: null }),
              404: paymentNotFound,
              409: legacyError(409, 'X-Idempotency-Key already used for another request', { code: 'idempotency_key_already_used', description: 'X-Idempotency-Key already used', data: null }),
            }),
          }),
        },
      },
      async (req, reply) => send(reply, await refundCommand(ctx, req, sellerOf(req), req.params.id)),
    );
  };
}

function send(reply: FastifyReply, o: HttpOutcome | { status: number; body: LegacyBody }) {
  return reply.code(o.status).send(o.body);
}

/**
 * The refund runs in the edge's transaction; with X-Idempotency-Key (the SDK
 * sends one) a retry replays the first answer, and the key reused for another
 * request is refused like the Orders API does.
 */
async function refundCommand(ctx: Ctx, req: FastifyRequest, seller: Seller, rawId: string): Promise<HttpOutcome> {
  const command = async (tx: Tx): Promise<HttpOutcome> => {
    const id = paymentIdOf(rawId);
    const p = id === undefined ? undefined : await findPayment(tx.ex, seller.id, id);
    if (!p) return notFound();
    const amount = parseRefundAmount(req.body, p.currency);
    if (!amount.ok) return { status: 400, body: legacyBody('bad_request', amount.error.description, [amount.error]) };
    const r = await refundPayment(ctx, tx, seller, id!, amount.value);
    if (!r.ok) return refundRefusal(r.error, amountOf(p));
    // A total refund of an order with several transactions is one refund per transaction; the last one answers.
    return { status: 201, body: renderRefund(p, r.value[r.value.length - 1]!, seller) };
  };
  const rawKey = req.headers['x-idempotency-key'];
  const key = typeof rawKey === 'string' ? rawKey.trim() : '';
  if (!key) return inTransaction(ctx.store, command);
  if (key.length > 256) return { status: 400, body: legacyBody('bad_request', 'X-Idempotency-Key must be at most 256 characters', [{ code: 'bad_request', description: 'X-Idempotency-Key must be at most 256 characters', data: 'X-Idempotency-Key' }]) };
  const r = await idempotent(ctx.store, { key, fingerprint: fingerprint(req.method, req.url.split('?')[0]!, req.body), owner: ownedBy(seller.id, sellerNow(ctx.clock, seller)) }, command);
  if (r.kind === 'key_reused') return { status: 409, body: legacyBody('conflict', `the key ${key.slice(0, 64)} was already used with a different request`, [{ code: 'idempotency_key_already_used', description: 'X-Idempotency-Key already used', data: null }]) };
  return r.outcome;
}
