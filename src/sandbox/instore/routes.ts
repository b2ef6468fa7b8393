import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { isoMs } from '../../core/clock.js';
import { getCurrency } from '../../core/currency.js';
import { formatAmount } from '../../core/money.js';
import type { InstoreOrder } from '../../domain/legacy-qr/order.js';
import { findInstoreOrder, latestInstoreOrders } from '../../domain/legacy-qr/records.js';
import { answers, ok } from '../../http/answers.js';
import { sellerOf } from '../../providers/mercadopago/auth.js';
import { legacyError, legacyErrors } from '../../providers/mercadopago/errors/answers.js';
import { sendLegacy } from '../../providers/mercadopago/errors/legacy.js';

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];
const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
});
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}-[0-9a-fA-F-]{36}$', description: 'The `<collector_id>-<uuid>` id the order was answered with' }) });

const Item = Type.Object({ title: Type.String(), quantity: Type.Number(), unit_price: Type.String() });
const Listed = Type.Object({
  id: Type.String(),
  model: Type.Union([Type.Literal('attended'), Type.Literal('v2'), Type.Literal('dynamic'), Type.Literal('hybrid')]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('expired'), Type.Literal('deleted')]),
  pos_id: Type.Integer(),
  external_pos_id: Type.String(),
  external_reference: Type.Union([Type.String(), Type.Null()]),
  total_amount: Type.String({ description: 'What the payer pays (items plus any cash-out), in the currency\'s decimals' }),
  currency: Type.String(),
  payment_id: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  expires_at: Type.String(),
});
const Detailed = Type.Composite([
  Listed,
  Type.Object({
    title: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    items: Type.Array(Item),
    notification_url: Type.Union([Type.String(), Type.Null()]),
    qr_data: Type.Union([Type.String(), Type.Null()], { description: "The dynamic model's own code; the other models are paid on the POS's printed QR" }),
  }),
]);
const Page = Type.Object({ results: Type.Array(Listed), paging: Type.Object({ offset: Type.Integer(), limit: Type.Integer() }) });

const EXAMPLE = {
  id: '1234567-0b6e4c0e-2d6f-4a8e-9d7e-3f1b2a4c5d6e',
  model: 'dynamic',
  status: 'open',
  pos_id: 2001,
  external_pos_id: 'CAJA001',
  external_reference: 'ref-1',
  total_amount: '50.00',
  currency: 'ARS',
  payment_id: null,
  created_at: '2026-01-02T12:00:00.000Z',
  expires_at: '2026-01-02T12:10:00.000Z',
} as const;

function listed(o: InstoreOrder) {
  const exp = getCurrency(o.currency)?.exponent ?? 2;
  return {
    id: o.id,
    model: o.model,
    status: o.status,
    pos_id: o.pos_id,
    external_pos_id: o.external_pos_id,
    external_reference: o.external_reference,
    total_amount: formatAmount(o.total_amount + (o.cash_out ?? 0), exp),
    currency: o.currency,
    payment_id: o.payment_id ?? null,
    created_at: isoMs(o.created_at),
    expires_at: isoMs(o.expires_at),
  };
}

function detailed(o: InstoreOrder) {
  const exp = getCurrency(o.currency)?.exponent ?? 2;
  return {
    ...listed(o),
    title: o.title ?? null,
    description: o.description ?? null,
    items: o.items.map((i) => ({ title: i.title, quantity: i.quantity, unit_price: formatAmount(i.unit_price, exp) })),
    notification_url: o.notification_url,
    qr_data: o.qr_data ?? null,
  };
}

/**
 * The legacy QR models' orders (attended, in-store v2, dynamic, hybrid) have no
 * list in Mercado Pago's API (reference §5.1: only the POS's current order is
 * read, supplement §5.2): caja lists them here for the dashboard, newest first,
 * with the status caja keeps for each (open, closed, expired, deleted).
 */
export function sandboxInstoreRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/instore/orders',
      { schema: { tags, security, summary: "This seller's legacy QR orders (attended, v2, dynamic, hybrid), newest first", querystring: ListQuery, ...answers({ 200: ok(Page, { results: [EXAMPLE], paging: { offset: 0, limit: 30 } }), ...legacyErrors() }) } },
      async (req) => {
        const rows = await latestInstoreOrders(ctx.store.db, sellerOf(req).id, req.query.limit, req.query.offset);
        return { results: rows.map(listed), paging: { offset: req.query.offset, limit: req.query.limit } };
      },
    );
    app.get(
      '/instore/orders/:id',
      {
        schema: {
          tags, security, summary: 'One legacy QR order of this seller', params: IdParams,
          ...answers({
            200: ok(Detailed, { ...EXAMPLE, title: 'Two coffees', description: null, items: [{ title: 'Coffee', quantity: 2, unit_price: '25.00' }], notification_url: null, qr_data: '00020101021243650016COM.MERCADOLIBRE...' }),
            ...legacyErrors({ 404: legacyError(404, 'No such order of this seller', { code: 'not_found', description: 'order not found', data: null }) }),
          }),
        },
      },
      async (req, reply) => {
        const o = await findInstoreOrder(ctx.store.db, req.params.id);
        if (!o || o.seller_id !== sellerOf(req).id) return sendLegacy(reply, 'not_found', 'order not found');
        return detailed(o);
      },
    );
  };
}
