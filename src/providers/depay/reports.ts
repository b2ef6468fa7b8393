import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { formatAmount } from '../../core/money.js';
import { formatIn, lockedOf, toUsd } from '../../domain/depay/fx.js';
import { collectorCuit } from '../../domain/depay/identity.js';
import { DEPAY_STATUSES } from '../../domain/depay/status.js';
import type { Seller } from '../../domain/sellers/seller.js';
import { ERRORS_KEY } from '../../http/validation.js';
import { searchDepayOrders, type DepayOrderRow } from '../../store/repos/depay-orders.js';
import { depaySeller } from './auth.js';
import { dayStart } from './dates.js';
import { badRequest } from './errors.js';
import { answers } from '../../http/answers.js';
import { depayErrors } from './answers.js';

const DATE = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', [ERRORS_KEY]: { pattern: 'must be a valid date in the format YYYY-MM-DD' } };
const Query = Type.Object({
  start_date: Type.String({ ...DATE, description: 'First day (UTC, seller clock), YYYY-MM-DD' }),
  end_date: Type.String({ ...DATE, description: 'Last day, inclusive' }),
  status: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...DEPAY_STATUSES] })),
  format: Type.Unsafe<'csv' | 'txt'>({ type: 'string', enum: ['csv', 'txt'], default: 'csv' }),
});

const DAY_MS = 86_400_000;
// The reference's (truncated) list runs to Local Amount; the last three are caja's.
const COLUMNS = ['Status', 'External Reference', 'POS External Reference', 'Order Id', 'Customer', 'Collector Name', 'Collector Identification Number', 'User Amount', 'User Currency', 'User Country', 'User Name', 'User Account Number', 'User Tax ID', 'Amount USD', 'Local Amount', 'Local Currency', 'Exchange Rate', 'Date'];

const money = formatIn;

function row(o: DepayOrderRow, seller: Seller): string[] {
  const usd = toUsd(o.local_amount, lockedOf(o));
  return [
    o.status, o.external_reference, o.pos_external_reference, o.id, seller.nickname, seller.name, o.tax_id ?? collectorCuit(seller.id),
    money(o.user_amount, o.user_currency), o.user_currency, o.qr_from, o.payer_name ?? '', o.payer_account ?? '', o.payer_tax_id ?? '',
    usd.ok ? formatAmount(usd.value, 2) : '', money(o.local_amount, o.local_currency), o.local_currency, o.exchange_rate, new Date(o.created_at).toISOString(),
  ];
}

/** RFC 4180 quoting (the txt variant uses the same rule around its | separator). */
const cell = (v: string, sep: string) => (v.includes(sep) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
const line = (values: string[], sep: string) => values.map((v) => cell(v, sep)).join(sep);

/** Reference §5.4 "Reconciliation file": the seller's orders created in [start_date, end_date], CSV or TXT. */
export function reportRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/v2/reports/conciliation/payins', {
      schema: {
        tags: ['Depay'], security: [{ depay: [] }], summary: 'Reconciliation file of pay-ins (csv or txt)', querystring: Query,
        ...answers({ 200: { description: 'The file: a header row, then one row per order', contentType: ['text/csv', 'text/plain'] }, ...depayErrors(['start_date must be a valid date in the format YYYY-MM-DD']) }),
      },
    }, async (req, reply) => {
      const q = req.query;
      const from = dayStart(q.start_date);
      const to = dayStart(q.end_date);
      const problems = [...(from === undefined ? ['start_date must be a valid date in the format YYYY-MM-DD'] : []), ...(to === undefined ? ['end_date must be a valid date in the format YYYY-MM-DD'] : [])];
      if (!problems.length && to! < from!) problems.push('end_date must not be before start_date');
      if (problems.length) return badRequest(reply, problems);
      const seller = depaySeller(req);
      const orders = await searchDepayOrders(ctx.store.db, { sellerId: seller.id, from: from!, to: to! + DAY_MS, status: q.status });
      const sep = q.format === 'txt' ? '|' : ',';
      const text = [line(COLUMNS, sep), ...orders.map((o) => line(row(o, seller), sep))].join('\r\n') + '\r\n';
      return reply
        .type(q.format === 'txt' ? 'text/plain; charset=utf-8' : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="conciliation_payins_${q.start_date}_${q.end_date}.${q.format}"`)
        .send(text);
    });
  };
}
