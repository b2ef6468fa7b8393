import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../../context.js';
import { searchOrders } from '../../../domain/mp-orders/records.js';
import { sellerOf } from '../auth.js';
import { sendOrders } from './errors.js';
import { renderOrder } from './render.js';
import { SearchQuery } from './schemas.js';
import { answers, ok } from '../../../http/answers.js';
import { OrderSearchPage, ordersErrors, POINT_ORDER_EXAMPLE, QR_ORDER_EXAMPLE } from './answers.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
// "begin_date and end_date are required, with at most 30 days (720 h) between them."
const MAX_RANGE_MS = 30 * 86_400_000;

/**
 * GET /v1/orders: the search the official SDK calls (documented under online
 * payments; caja serves it for QR orders too). Paging accepts the SDK's
 * page/page_size and its auto-pagination's offset/limit; the paging numbers
 * are strings, as the SDK's types declare them.
 */
export function searchRoute(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/v1/orders', {
      schema: {
        tags: ['Orders'], security: [{ mercadopago: [] }], summary: 'Search orders', querystring: SearchQuery,
        ...answers({
          200: ok(OrderSearchPage, { data: [QR_ORDER_EXAMPLE, POINT_ORDER_EXAMPLE], paging: { total: '2', total_pages: '1', offset: '0', limit: '50' } }, 'A page of orders, newest first by default'),
          ...ordersErrors('missing_required_params', 'invalid_parameter'),
        }),
      },
    }, async (req, reply) => {
      const q = req.query;
      const problems: string[] = [];
      const date = (name: 'begin_date' | 'end_date') => {
        const ms = RFC3339.test(q[name]) ? Date.parse(q[name]) : NaN;
        if (Number.isNaN(ms)) problems.push(`invalid value for '${name}': must be an RFC 3339 date-time, e.g. 2025-08-21T00:00:00Z`);
        return ms;
      };
      const from = date('begin_date');
      const to = date('end_date');
      if (!problems.length && to < from) problems.push(`invalid value for 'end_date': must not be before begin_date`);
      if (!problems.length && to - from > MAX_RANGE_MS) problems.push(`invalid value for 'end_date': at most 30 days after begin_date`);
      if (problems.length) return sendOrders(reply, { code: 'invalid_parameter', details: problems });
      const limit = q.page_size ?? q.limit ?? 50;
      const offset = q.page !== undefined ? (q.page - 1) * limit : (q.offset ?? 0);
      const found = await searchOrders(ctx.store.db, {
        sellerId: sellerOf(req).id,
        from,
        to,
        externalReference: q.external_reference,
        type: q.type,
        status: q.status,
        statusDetail: q.status_detail,
        sortOrder: q.sort_order ?? 'desc',
        limit,
        offset,
      });
      return {
        data: found.orders.map(renderOrder),
        paging: { total: String(found.total), total_pages: String(Math.ceil(found.total / limit)), offset: String(offset), limit: String(limit) },
      };
    });
  };
}
