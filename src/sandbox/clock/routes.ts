import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { isoMs, sellerNow } from '../../core/clock.js';
import { advanceClock, MAX_ADVANCE_SECONDS } from '../../domain/sellers/clock.js';
import { sellerOf } from '../../providers/mercadopago/auth.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { ClockAdvanced, ClockNow, sellerErrors, sellerReadErrors } from '../answers.js';

const AdvanceBody = Type.Object(
  { seconds: Type.Integer({ minimum: 1, maximum: MAX_ADVANCE_SECONDS, description: 'How far to move this seller\'s clock forward' }) },
  { additionalProperties: false },
);

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];

/** The seller's test clock: real time plus an offset that only grows. */
export function clockRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/clock', { schema: { tags, security, summary: "This seller's clock", ...answers({ 200: ok(ClockNow, { now: '2025-08-21T19:32:21.621Z', offset_seconds: 0 }, 'Now on this seller\'s clock'), ...sellerReadErrors({}, false) }) } }, async (req) => {
      const seller = sellerOf(req);
      return { now: isoMs(sellerNow(ctx.clock, seller)), offset_seconds: Math.floor(seller.clock_offset_ms / 1000) };
    });
    app.post('/clock/advance', { schema: { tags, security, summary: "Move this seller's clock forward", body: AdvanceBody, ...bodyExample({ seconds: 900 }), ...answers({ 200: ok(ClockAdvanced, { now: '2025-08-21T19:47:21.621Z' }, 'The new now; due timers run'), ...sellerErrors() }) } }, async (req) => {
      const seller = sellerOf(req);
      const now = await ctx.store.transaction((tx) => advanceClock(ctx, tx, seller, req.body.seconds));
      return { now: isoMs(now) };
    });
  };
}
