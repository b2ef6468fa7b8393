import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { sellerNow } from '../../core/clock.js';
import { formatIn } from '../../domain/depay/fx.js';
import { depayStatusHistory, findSellerDepayOrder, latestDepayOrders } from '../../store/repos/depay-orders.js';
import { depayRefundsOf } from '../../store/repos/depay-refunds.js';
import { depayAutoOutcome, putDepaySettings } from '../../store/repos/depay-settings.js';
import { ownsUserId as mine, requireSeller, sellerOf } from '../mercadopago/auth.js';
import { legacyErrorHandler, sendLegacy } from '../mercadopago/errors/legacy.js';
import { isOrderId } from './qr/schemas.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { legacyError, legacyErrors, legacyReadErrors } from '../mercadopago/errors/answers.js';
import { SANDBOX_ORDER_EXAMPLE, SANDBOX_ORDERS_EXAMPLE, SandboxDepayOrder, SandboxDepayOrders, Settings } from './answers.js';

const otherUser = legacyError(404, 'user_id is not the caller', { code: 'INVALID_USER_ID', description: 'User 1 not found', data: 'user_id' });

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];
const UserParams = Type.Object({ user_id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const SettingsBody = Type.Object(
  { auto_outcome: Type.Boolean({ description: 'Stage outcomes (the amount\'s last digit) run by themselves a few seconds after creation; off: the wallet pays' }) },
  { additionalProperties: false },
);
const OrderParams = Type.Object({ order_id: Type.String({ maxLength: 100 }) });
const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
});

const money = formatIn;

/**
 * caja's own Depay controls under /sandbox, with the seller's access token
 * and the sandbox's envelope: the automatic stage outcome switch, and an
 * inside view of an order (locked rates, refunds and what the payer got back).
 */
export function depaySandboxRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    instance.setErrorHandler(legacyErrorHandler);
    instance.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.put('/sellers/:user_id/depay', { schema: { tags, security, summary: 'Depay sandbox settings (automatic stage outcomes)', params: UserParams, body: SettingsBody, ...bodyExample({ auto_outcome: false }), ...answers({ 200: ok(Settings, { user_id: 1000000001, auto_outcome: false }, 'The settings'), ...legacyErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!mine(seller, req.params.user_id, reply)) return reply;
      await putDepaySettings(ctx.store.db, seller.id, req.body.auto_outcome, sellerNow(ctx.clock, seller));
      return { user_id: seller.id, auto_outcome: req.body.auto_outcome };
    });
    app.get('/sellers/:user_id/depay', { schema: { tags, security, summary: 'Read the Depay sandbox settings', params: UserParams, ...answers({ 200: ok(Settings, { user_id: 1000000001, auto_outcome: true }, 'The settings (automatic outcomes on by default)'), ...legacyReadErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!mine(seller, req.params.user_id, reply)) return reply;
      return { user_id: seller.id, auto_outcome: await depayAutoOutcome(ctx.store.db, seller.id) };
    });
    app.get('/depay/orders', { schema: { tags, security, summary: "This seller's Depay orders, newest first", querystring: ListQuery, ...answers({ 200: ok(SandboxDepayOrders, SANDBOX_ORDERS_EXAMPLE, 'The orders'), ...legacyReadErrors() }) } }, async (req) => {
      const rows = await latestDepayOrders(ctx.store.db, sellerOf(req).id, req.query.limit, req.query.offset);
      return {
        results: rows.map((o) => ({
          id: o.id,
          external_reference: o.external_reference,
          status: o.status,
          local: { amount: money(o.local_amount, o.local_currency), currency: o.local_currency },
          user: { amount: money(o.user_amount, o.user_currency), currency: o.user_currency },
          created_at: new Date(o.created_at).toISOString(),
        })),
        paging: { offset: req.query.offset, limit: req.query.limit },
      };
    });
    app.get('/depay/orders/:order_id', { schema: { tags, security, summary: 'Inside a Depay order: locked rate, payer, refunds', params: OrderParams, ...answers({ 200: ok(SandboxDepayOrder, SANDBOX_ORDER_EXAMPLE, 'The order with its locked rate, payer, refunds and statuses'), ...legacyReadErrors({ 404: legacyError(404, 'No such order of this seller') }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const o = isOrderId(req.params.order_id) ? await findSellerDepayOrder(ctx.store.db, seller.id, req.params.order_id.toLowerCase()) : undefined;
      if (!o) return sendLegacy(reply, 'not_found', 'order not found');
      const [history, refunds] = await Promise.all([depayStatusHistory(ctx.store.db, o.id), depayRefundsOf(ctx.store.db, o.id)]);
      return {
        id: o.id,
        status: o.status,
        local: { amount: money(o.local_amount, o.local_currency), currency: o.local_currency, country: o.local_country },
        user: { amount: money(o.user_amount, o.user_currency), currency: o.user_currency, country: o.qr_from },
        locked_rate: { [`${o.local_currency}_per_usd`]: o.local_per_usd, [`${o.user_currency}_per_usd`]: o.user_per_usd, exchange_rate: o.exchange_rate },
        payer: o.payment_id ? { payment_id: o.payment_id, name: o.payer_name, tax_id: o.payer_tax_id, account: o.payer_account } : null,
        refunded: { local: money(o.refunded_local, o.local_currency), user: money(o.refunded_user, o.user_currency), settled_local: money(o.settled_local, o.local_currency) },
        refunds: refunds.map((r) => ({
          id: r.id,
          status: r.status,
          partial: r.partial === 1,
          amount: money(r.amount_local, o.local_currency),
          user_amount: money(r.amount_user, o.user_currency),
          reason: r.reason,
          notification_url: r.notification_url,
          created_at: new Date(r.created_at).toISOString(),
        })),
        expires_at: new Date(o.expires_at).toISOString(),
        statuses: history.map((h) => ({ status: h.status, reason: h.reason, created_at: new Date(h.created_at).toISOString() })),
      };
    });
  };
}
