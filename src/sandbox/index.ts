import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.js';
import type { SellerOptionsHook } from '../providers/module.js';
import { requireSeller } from '../providers/mercadopago/auth.js';
import { legacyErrorHandler, sendLegacy } from '../providers/mercadopago/errors/legacy.js';
import { clockRoutes } from './clock/routes.js';
import { historyRoutes } from './history/routes.js';
import { sandboxInstoreRoutes } from './instore/routes.js';
import { sandboxPosRoutes } from './pos/routes.js';
import { sellerRoutes } from './sellers/routes.js';
import { sandboxTerminalRoutes } from './terminals/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { webhookConfigRoutes } from './webhooks/routes.js';
import { walletRoutes } from './wallet/routes.js';

/** caja's own endpoints under /sandbox: the other side of the counter and the controls. */
export function sandboxApi(ctx: Ctx, sellerOptions: readonly SellerOptionsHook[] = []) {
  return async (app: FastifyInstance) => {
    app.setErrorHandler(legacyErrorHandler);
    await app.register(sellerRoutes(ctx, sellerOptions));
    await app.register(walletRoutes(ctx));
    await app.register(async (authed) => {
      authed.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
      await authed.register(clockRoutes(ctx));
      await authed.register(sandboxPosRoutes(ctx));
      await authed.register(sandboxTerminalRoutes(ctx));
      await authed.register(webhookConfigRoutes(ctx));
      await authed.register(notificationRoutes(ctx));
      await authed.register(historyRoutes(ctx));
      await authed.register(sandboxInstoreRoutes(ctx));
    });
  };
}
