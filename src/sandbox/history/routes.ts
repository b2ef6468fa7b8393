import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { isoMs } from '../../core/clock.js';
import { sellerOf } from '../../providers/mercadopago/auth.js';
import { sendLegacy } from '../../providers/mercadopago/errors/legacy.js';
import type { Executor } from '../../store/db.js';
import { findIntentRow } from '../../store/repos/instore-intents.js';
import { findInstoreOrderRow } from '../../store/repos/instore-orders.js';
import { findMerchantOrderRow } from '../../store/repos/merchant-orders.js';
import { findOrderRow } from '../../store/repos/mp-orders.js';
import { findPaymentRow } from '../../store/repos/payments.js';
import { findPointIntentRow } from '../../store/repos/point-intents.js';
import { statusHistory } from '../../store/repos/status-history.js';
import { answers, ok } from '../../http/answers.js';
import { History, HISTORY_EXAMPLE, notFound, sellerReadErrors } from '../answers.js';

/**
 * status_history rows carry no seller: each aggregate says how to check that
 * the id is the seller's. A new family adds one line (its machine's name).
 */
const OWNED: Record<string, (ex: Executor, sellerId: number, id: string) => Promise<boolean>> = {
  mp_order: async (ex, s, id) => (await findOrderRow(ex, s, id)) !== undefined,
  point_intent: async (ex, s, id) => (await findPointIntentRow(ex, id))?.seller_id === s,
  instore_intent: async (ex, s, id) => (await findIntentRow(ex, id))?.seller_id === s,
  payment: async (ex, s, id) => /^[0-9]{1,15}$/.test(id) && (await findPaymentRow(ex, s, Number(id))) !== undefined,
  merchant_order: async (ex, s, id) => /^[0-9]{1,15}$/.test(id) && Number((await findMerchantOrderRow(ex, Number(id)))?.seller_id) === s,
  instore_order: async (ex, s, id) => Number((await findInstoreOrderRow(ex, id))?.seller_id) === s,
};

/** The aggregates whose history is served (the dashboard's families.js names them). */
export const HISTORY_AGGREGATES: readonly string[] = Object.keys(OWNED);

const Params = Type.Object({
  aggregate: Type.String({ pattern: '^[a-z_]{1,40}$' }),
  id: Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$' }),
});

/** GET /sandbox/history/{aggregate}/{id}: every status an aggregate went through (the dashboard's timeline). */
export function historyRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/history/:aggregate/:id', { schema: { tags: ['Sandbox'], security: [{ mercadopago: [] }], summary: 'Status history of an order or payment', params: Params, ...answers({ 200: ok(History, HISTORY_EXAMPLE, 'Every status, oldest first'), ...sellerReadErrors({ 404: notFound('Not an aggregate of this seller (mp_order, payment)') }) }) } }, async (req, reply) => {
      const { aggregate, id } = req.params;
      const owned = Object.hasOwn(OWNED, aggregate) ? OWNED[aggregate]! : undefined;
      if (!owned || !(await owned(ctx.store.db, sellerOf(req).id, id))) return sendLegacy(reply, 'not_found', `${aggregate} ${id} not found`);
      const rows = await statusHistory(ctx.store.db, aggregate, id);
      return { aggregate, id, statuses: rows.map((r) => ({ status: r.status, detail: r.detail, created_at: isoMs(r.created_at) })) };
    });
  };
}
