import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { getCurrency, type CurrencyCode } from '../../../core/currency.js';
import { parseAmount } from '../../../core/money.js';
import { err, type Result } from '../../../core/result.js';
import { createDepayOrder, type CreateError } from '../../../domain/depay/create.js';
import { isUniqueViolation, type Tx } from '../../../store/db.js';
import { cancelOrder, expireOrder, isDue } from '../../../domain/depay/lifecycle.js';
import { depayStatusHistory, findSellerDepayOrder } from '../../../store/repos/depay-orders.js';
import { depaySeller } from '../auth.js';
import { badRequest, sendDepayError, wrongStatus } from '../errors.js';
import { renderCreated, renderOrder } from './render.js';
import { CreateQrBody, createProblems, isOrderId, OrderParams } from './schemas.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { depayBodyErrors, depayConflict, depayErrors, depayOrderNotFound, DepayOrder, CreatedQr, ORDER_EXAMPLE, QR_BODY_EXAMPLE, QR_CREATED_EXAMPLE } from '../answers.js';

const tags = ['Depay'];
const security = [{ depay: [] }];

/** The edge's transaction for a create; a unique external_reference lost to a concurrent create is the same conflict. */
async function createOnce<T>(ctx: Ctx, command: (tx: Tx) => Promise<Result<T, CreateError>>): Promise<Result<T, CreateError>> {
  try {
    return await ctx.store.transaction(command);
  } catch (e) {
    if (isUniqueViolation(e)) return err({ code: 'conflict' });
    throw e;
  }
}

/** Seed 004: create, cancel and read a QR order. */
export function qrRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    // Seed and reference: "items" may come as one object; the schema takes an array.
    app.addHook('preValidation', async (req) => {
      const b = req.body as Record<string, unknown> | undefined;
      if (b && typeof b === 'object' && b.items && typeof b.items === 'object' && !Array.isArray(b.items)) b.items = [b.items];
    });

    app.post('/v2/qr', {
      schema: {
        tags, security, summary: 'Create a QR for a POS (FX locked for its 10 minutes)', body: CreateQrBody, ...bodyExample(QR_BODY_EXAMPLE),
        ...answers({ 201: ok(CreatedQr, QR_CREATED_EXAMPLE, 'QR created (seed 004)'), ...depayBodyErrors(['notification_url is required'], { 409: depayConflict('Conflict error', 'external_reference already used by this seller') }) }),
      },
      config: { depayExtraProblems: createProblems },
    }, async (req, reply) => {
      const b = req.body;
      const problems = createProblems(b);
      if (problems.length) return badRequest(reply, problems);
      const currency = b.local_currency as CurrencyCode;
      const amount = parseAmount(b.amount, { exponent: getCurrency(currency)!.exponent });
      if (!amount.ok) return badRequest(reply, ['amount must not be greater than 9999999999']);
      const seller = depaySeller(req);
      const r = await createOnce(ctx, (tx) => createDepayOrder(ctx, tx, seller, {
        localCurrency: currency,
        localCountry: b.local_country,
        qrFrom: b.qr_from,
        amountMinor: amount.value,
        posExternalReference: b.pos_external_reference,
        externalReference: b.external_reference,
        notificationUrl: b.notification_url,
        taxId: b.tax_id,
        items: b.items,
      }));
      if (r.ok) return reply.code(201).send(renderCreated(r.value));
      return r.error.code === 'conflict' ? sendDepayError(reply, 'conflict') : badRequest(reply, r.error.messages);
    });

    app.get('/v2/payins/orders/:order_id', { schema: { tags, security, summary: 'An order with its status history', params: OrderParams, ...answers({ 200: ok(DepayOrder, ORDER_EXAMPLE, 'The order and its statuses (seed 004)'), ...depayErrors(['order_id must be shorter than or equal to 100 characters'], { 404: depayOrderNotFound }) }) } }, async (req, reply) => {
      const seller = depaySeller(req);
      if (!isOrderId(req.params.order_id)) return sendDepayError(reply, 'order_not_found');
      const id = req.params.order_id.toLowerCase();
      const found = await ctx.store.transaction(async (tx) => {
        let o = await findSellerDepayOrder(tx.ex, seller.id, id);
        // Past its 10 minutes but its timer not run yet: expire it now, so a read never shows a dead QR as CREATED.
        const now = sellerNow(ctx.clock, seller);
        if (o && isDue(o, now)) {
          const moved = await expireOrder(ctx, tx, o, now);
          if (moved.ok) o = moved.value;
        }
        return o ? { o, history: await depayStatusHistory(tx.ex, o.id) } : undefined;
      });
      return found ? renderOrder(found.o, found.history) : sendDepayError(reply, 'order_not_found');
    });

    app.delete('/v2/payins/qr/:order_id', {
      schema: {
        tags, security, summary: 'Cancel a pending QR', params: OrderParams,
        // A body sent with the DELETE is still parsed (Fastify), so its size and type can be refused.
        ...answers({ 200: { description: 'Canceled: no body (seed 004)' }, ...depayBodyErrors(['order_id must be shorter than or equal to 100 characters'], { 404: depayOrderNotFound, 409: depayConflict('The order has already been canceled.', 'Already canceled, or in a status that cannot be canceled') }) }),
      },
    }, async (req, reply) => {
      const seller = depaySeller(req);
      if (!isOrderId(req.params.order_id)) return sendDepayError(reply, 'order_not_found');
      const id = req.params.order_id.toLowerCase();
      const r = await ctx.store.transaction(async (tx) => {
        const o = await findSellerDepayOrder(tx.ex, seller.id, id);
        return o ? cancelOrder(ctx, tx, o, sellerNow(ctx.clock, seller)) : undefined;
      });
      if (!r) return sendDepayError(reply, 'order_not_found');
      // Seed: "200: OK Successful operation" with no body.
      if (r.ok) return reply.code(200).send();
      return r.error.code === 'already_canceled' ? sendDepayError(reply, 'already_canceled') : wrongStatus(reply, 'canceled', r.error.status);
    });
  };
}
