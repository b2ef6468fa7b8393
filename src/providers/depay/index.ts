import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.js';
import { authRoutes, requireDepayToken } from './auth.js';
import { depayErrorHandler, depayNotFound } from './errors.js';
import { qrRoutes } from './qr/routes.js';
import { rateRoutes } from './rates.js';
import { refundRoutes } from './refunds.js';
import { reportRoutes } from './reports.js';

/** Depay's Latam Payments API under /depay (reference §5.2: /auth/token, the rest under /v2), in its own envelope. */
export function depayApi(ctx: Ctx) {
  return async (app: FastifyInstance) => {
    app.setErrorHandler(depayErrorHandler);
    app.setNotFoundHandler(depayNotFound);
    await app.register(authRoutes(ctx));
    await app.register(async (authed) => {
      authed.addHook('onRequest', requireDepayToken(ctx));
      await authed.register(qrRoutes(ctx));
      await authed.register(refundRoutes(ctx));
      await authed.register(rateRoutes(ctx));
      await authed.register(reportRoutes(ctx));
    });
  };
}
