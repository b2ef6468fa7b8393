import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.js';
import { requireSeller, type Unauthorized } from './auth.js';
import { legacyErrorHandler, sendLegacy, sendLegacyCause } from './errors/legacy.js';
import { instoreRoutes } from './instore/routes.js';
import { intentRoutes } from './intents/routes.js';
import { pointIntentRoutes as instorePointIntentRoutes } from './intents/point-routes.js';
import { intentsErrorHandler, sendIntentError } from './intents/errors.js';
import { merchantOrderRoutes } from './merchant-orders/routes.js';
import { ordersErrorHandler, sendOrders } from './orders/errors.js';
import { orderRoutes } from './orders/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { pointDeviceRoutes } from './point/devices.js';
import { pointIntentRoutes } from './point/intents.js';
import { posRoutes } from './pos/routes.js';
import { posV2ErrorHandler, sendPosV2 } from './pos-v2/errors.js';
import { posV2Routes } from './pos-v2/routes.js';
import { sendTerminals, terminalsErrorHandler } from './terminals/errors.js';
import { terminalRoutes } from './terminals/routes.js';
import { qrImageRoutes } from './qr-images/routes.js';
import { storeRoutes } from './stores/routes.js';
import { userRoutes } from './users/me.js';

/** Mercado Pago's API families (Stores, POS v1 and v2, Users, Orders, Point terminals and devices, Instore intents), each in its own scope with its own error envelope. */
export function mercadopagoApi(ctx: Ctx) {
  return async (app: FastifyInstance) => {
    // Older APIs (Stores, POS, Users, Payments, legacy QR, merchant_orders): the {message,error,status,cause} envelope.
    await app.register(async (legacy) => {
      legacy.setErrorHandler(legacyErrorHandler);
      await legacy.register(qrImageRoutes(ctx));
      await legacy.register(async (authed) => {
        authed.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
        await authed.register(userRoutes(ctx));
        await authed.register(storeRoutes(ctx));
        await authed.register(posRoutes(ctx));
        await authed.register(paymentRoutes(ctx));
        // The Point Integration API's devices (the SDK's Point client).
        await authed.register(pointDeviceRoutes(ctx));
        await authed.register(pointIntentRoutes(ctx));
      });
      // The legacy QR models and merchant_orders: the token in the header or ?access_token= (seed 002), each API's own code when absent or wrong.
      await legacy.register(async (authed) => {
        authed.addHook(
          'onRequest',
          requireSeller(ctx, (reply, reason) => {
            const url = reply.request.url;
            // The attended model lists invalid_access_token among its 400s (supplement §5.1); merchant_orders document 401 invalid_token.
            if (url.startsWith('/mpmobile/')) return sendLegacyCause(reply, 'bad_request', 'invalid_access_token', `invalid access token: ${reason}`);
            return sendLegacyCause(reply, 'unauthorized', url.startsWith('/merchant_orders') ? 'invalid_token' : 'invalid_access_token', `invalid access token: ${reason}`);
          }),
        );
        await authed.register(instoreRoutes(ctx));
        await authed.register(merchantOrderRoutes(ctx));
      });
    });

    // The Orders API: the {errors:[{code,message,details}]} envelope.
    await app.register(async (orders) => {
      const unauthorized: Unauthorized = (reply, reason) => sendOrders(reply, { code: 'unauthorized', details: [reason] });
      orders.setErrorHandler(ordersErrorHandler);
      orders.addHook('onRequest', requireSeller(ctx, unauthorized));
      await orders.register(orderRoutes(ctx));
    });

    // Point terminals: the Orders-era {errors:[...]} envelope with its own codes.
    await app.register(async (terminals) => {
      terminals.setErrorHandler(terminalsErrorHandler);
      terminals.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendTerminals(reply, { code: 'unauthorized', details: [reason] })));
      await terminals.register(terminalRoutes(ctx));
    });

    // The Instore intents API: its {errorKey} objects (supplement §4).
    await app.register(async (intents) => {
      intents.setErrorHandler(intentsErrorHandler);
      intents.addHook('onRequest', requireSeller(ctx, (reply) => sendIntentError(reply, 'Unauthorized', 'Access Token is invalid')));
      await intents.register(intentRoutes(ctx));
      await intents.register(instorePointIntentRoutes(ctx));
    });

    // POS v2: its own codes in the {message,error,status,cause} envelope.
    await app.register(async (v2) => {
      v2.setErrorHandler(posV2ErrorHandler);
      v2.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendPosV2(reply, 'unauthorized', reason)));
      await v2.register(posV2Routes(ctx));
    });
  };
}
