import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { sellerNow } from '../../core/clock.js';
import { mpOptions, setMpOptions, type MpOptions } from '../../domain/sellers/mp-options.js';
import type { Seller } from '../../domain/sellers/seller.js';
import type { Tx } from '../../store/db.js';
import type { SellerOptionsHook } from '../module.js';
import { ownsUserId, requireSeller, sellerOf } from './auth.js';
import { legacyErrorHandler, sendLegacy } from './errors/legacy.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { legacyError, legacyErrors, legacyReadErrors } from './errors/answers.js';

/** The options as stored, with the seller's id (the answer of PUT and GET). */
export const OptionsAnswer = Type.Object({ user_id: Type.Integer(), managed_wallet: Type.Boolean(), static_qr_expiry_cap: Type.Boolean(), refund_answer: Type.Union([Type.Literal('on_confirmation'), Type.Literal('immediate')]) });
const OPTIONS_EXAMPLE = { user_id: 1000000001, managed_wallet: true, static_qr_expiry_cap: false, refund_answer: 'on_confirmation' };
const otherUser = legacyError(404, 'user_id is not the caller', { code: 'INVALID_USER_ID', description: 'User 1 not found', data: 'user_id' });
const optionErrors = legacyErrors({ 404: otherUser });

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];
const UserParams = Type.Object({ user_id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
export const OptionsBody = Type.Object(
  {
    managed_wallet: Type.Optional(Type.Boolean({ description: 'Cash-out and extra cash allowed (a Managed Wallet seller); default false' })),
    static_qr_expiry_cap: Type.Optional(Type.Boolean({ description: 'Static QR orders expire after at most 10 minutes (the newer reference); default false (seed 003)' })),
    refund_answer: Type.Optional(Type.Union([Type.Literal('on_confirmation'), Type.Literal('immediate')], { description: 'The immediate answer of a total refund; default on_confirmation (seed 003)' })),
  },
  { additionalProperties: false },
);

type OptionsBody = Static<typeof OptionsBody>;

/** Only the options sent change. */
function changeOf(b: OptionsBody): Partial<MpOptions> {
  return { ...(b.managed_wallet !== undefined ? { managed_wallet: b.managed_wallet } : {}), ...(b.static_qr_expiry_cap !== undefined ? { static_qr_expiry_cap: b.static_qr_expiry_cap } : {}), ...(b.refund_answer ? { refund_answer: b.refund_answer } : {}) };
}

function setOptions(ctx: Ctx, tx: Tx, seller: Seller, b: OptionsBody): Promise<MpOptions> {
  return setMpOptions(tx.ex, seller.id, changeOf(b), sellerNow(ctx.clock, seller));
}

/** The same options at seller creation: POST /sandbox/sellers {"mercadopago": {...}}. */
export const mpSellerOptions: SellerOptionsHook = {
  key: 'mercadopago',
  schema: OptionsBody,
  answer: Type.Omit(OptionsAnswer, ['user_id']),
  apply: async (ctx, tx, seller, value) => ({ ...(await setOptions(ctx, tx, seller, value as OptionsBody)) }),
};

/** PUT/GET /sandbox/sellers/{user_id}/mercadopago: the seller's Mercado Pago options (README, fidelity choices). */
export function mpOptionRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    instance.setErrorHandler(legacyErrorHandler);
    instance.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.put('/sellers/:user_id/mercadopago', { schema: { tags, security, summary: "Set the seller's Mercado Pago options", params: UserParams, body: OptionsBody, ...bodyExample({ managed_wallet: true }), ...answers({ 200: ok(OptionsAnswer, OPTIONS_EXAMPLE, 'The options now (those not sent are unchanged)'), ...optionErrors }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!ownsUserId(seller, req.params.user_id, reply)) return reply;
      return { user_id: seller.id, ...(await ctx.store.transaction((tx) => setOptions(ctx, tx, seller, req.body))) };
    });
    app.get('/sellers/:user_id/mercadopago', { schema: { tags, security, summary: "The seller's Mercado Pago options", params: UserParams, ...answers({ 200: ok(OptionsAnswer, { ...OPTIONS_EXAMPLE, managed_wallet: false }, 'The options (defaults until set)'), ...legacyReadErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!ownsUserId(seller, req.params.user_id, reply)) return reply;
      return { user_id: seller.id, ...(await mpOptions(ctx.store.db, seller.id)) };
    });
  };
}
