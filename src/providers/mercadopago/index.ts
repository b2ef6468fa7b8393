import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.js';
import { requireSeller } from './auth.js';
import { legacyErrorHandler, sendLegacy } from './errors/legacy.js';
import { ordersErrorHandler, sendOrders } from './orders/errors.js';
import { orderRoutes } from './orders/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { posRoutes } from './pos/routes.js';
import { qrImageRoutes } from './qr-images/routes.js';
import { storeRoutes } from './stores/routes.js';
import { userRoutes } from './users/me.js';

/** Mercado Pago's API families, each in its own scope with its own error envelope. */
export function mercadopagoApi(ctx: Ctx) {
  return async (app: FastifyInstance) => {
    // Older APIs (Stores, POS, Users, Payments): the {message,error,status,cause} envelope.
    await app.register(async (legacy) => {
      legacy.setErrorHandler(legacyErrorHandler);
      await legacy.register(qrImageRoutes(ctx));
      await legacy.register(async (authed) => {
        authed.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
        await authed.register(userRoutes(ctx));
        await authed.register(storeRoutes(ctx));
        await authed.register(posRoutes(ctx));
        await authed.register(paymentRoutes(ctx));
      });
    });

    // The Orders API: the {errors:[{code,message,details}]} envelope.
    await app.register(async (orders) => {
      orders.setErrorHandler(ordersErrorHandler);
      orders.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendOrders(reply, { code: 'unauthorized', details: [reason] })));
      await orders.register(orderRoutes(ctx));
    });
  };
}
