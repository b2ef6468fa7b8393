import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { requestRefund } from '../../domain/depay/refund.js';
import { HttpUrl, Text } from '../../http/types.js';
import { ERRORS_KEY } from '../../http/validation.js';
import { depaySeller } from './auth.js';
import { badRequest, sendDepayError, wrongStatus } from './errors.js';
import { Amount, isOrderId, NO_CONTROLS, URL_ADDRESS, UUID_PATTERN } from './qr/schemas.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { depayBodyErrors, depayConflict, depayOrderNotFound, DepayRefund, REFUND_BODY_EXAMPLE, REFUND_EXAMPLE } from './answers.js';

/** Seed 004, "QR Refund" request body. */
const RefundBody = Type.Object({
  order_id: Type.String({ maxLength: 100, pattern: UUID_PATTERN, [ERRORS_KEY]: { pattern: 'must be a UUID' } }),
  partial: Type.Boolean({ description: 'true: refund `amount`; false: refund all that remains (amount must equal it)' }),
  amount: Amount("Gross amount in the order's local currency"),
  reason: Text({ minLength: 1, maxLength: 255, ...NO_CONTROLS }),
  notification_url: Type.Optional(HttpUrl({ maxLength: 500, ...URL_ADDRESS, description: "Refund callbacks go here (else to the order's notification_url)" })),
});

export function refundRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/v2/qr/refund', {
      schema: {
        tags: ['Depay'], security: [{ depay: [] }], summary: 'Refund a paid QR, fully or partially (PENDING, then settled on a timer)', body: RefundBody, ...bodyExample(REFUND_BODY_EXAMPLE),
        ...answers({
          200: ok(DepayRefund, REFUND_EXAMPLE, 'The refund, PENDING (seed 004)'),
          ...depayBodyErrors(['amount must be a positive number'], { 404: depayOrderNotFound, 409: depayConflict('The order is totally refunded.', 'Totally refunded already, or in a status that cannot be refunded') }),
        }),
      },
    }, async (req, reply) => {
      const b = req.body;
      if (!isOrderId(b.order_id)) return sendDepayError(reply, 'order_not_found');
      const seller = depaySeller(req);
      const r = await ctx.store.transaction((tx) => requestRefund(ctx, tx, seller, {
        orderId: b.order_id.toLowerCase(),
        partial: b.partial,
        amount: b.amount,
        reason: b.reason,
        notificationUrl: b.notification_url,
      }));
      // Seed: "200: OK Successful Operation" {"id", "status":"PENDING"}.
      if (r.ok) return { id: r.value.id, status: r.value.status };
      switch (r.error.code) {
        case 'not_found':
          return sendDepayError(reply, 'order_not_found');
        case 'totally_refunded':
          return sendDepayError(reply, 'totally_refunded');
        case 'not_refundable':
          return wrongStatus(reply, 'refunded', r.error.status);
        case 'invalid':
          return badRequest(reply, r.error.messages);
      }
    });
  };
}
