import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clip } from './limits.js';

/**
 * Path prefixes of Mercado Pago APIs caja does not serve (yet). A request that
 * no route matched and that starts with one of these answers 501
 * not_implemented_in_caja instead of a generic route-not-found, so an
 * integrator knows the endpoint is real but missing here. Routes added later
 * under these prefixes simply match first: only unmatched paths reach this.
 */
export const MP_UNSERVED_PREFIXES = [
  '/v1/payments',
  '/v1/advanced_payments',
  '/v1/customers',
  '/v1/card_tokens',
  '/v1/payment_methods',
  '/v1/identification_types',
  '/v1/chargebacks',
  '/v1/disbursements',
  '/v1/account',
  '/v2/pos',
  '/merchant_orders',
  '/point',
  '/terminals',
  '/instore',
  '/mpmobile',
  '/preapproval',
  '/preapproval_plan',
  '/authorized_payments',
  '/checkout',
  '/oauth',
] as const;

export function unservedPrefix(path: string): string | undefined {
  return MP_UNSERVED_PREFIXES.find((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * What no provider claimed: unknown routes and bugs. Provider plugins set
 * their own error handlers for everything they expect; reaching the 500 here
 * means a real bug, so it is logged with its stack.
 */
export function registerFallbacks(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const prefix = unservedPrefix(path);
    if (prefix) {
      const message = `${req.method} ${clip(path, 200)} is a Mercado Pago endpoint caja does not serve yet (see the README's Limits)`;
      return reply.code(501).send({
        message,
        error: 'not_implemented',
        status: 501,
        cause: [{ code: 'not_implemented_in_caja', description: message, data: 'README.md#limits' }],
      });
    }
    return reply.code(404).send({
      message: `Route ${req.method}:${clip(path, 200)} not found`,
      error: 'not_found',
      status: 404,
      cause: [],
    });
  });
  app.setErrorHandler((error, req, reply) => {
    const e = error as { statusCode?: number; message?: string };
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status === 500) req.log.error({ err: error }, 'unhandled error');
    reply.code(status).send({
      message: status === 500 ? 'internal error' : clip(e.message ?? 'bad request', 200),
      error: status === 500 ? 'internal_error' : 'bad_request',
      status,
      cause: [],
    });
  });
}

/**
 * What the router refuses before any route runs (a URL it cannot decode, a
 * path parameter longer than its limit), in the legacy envelope and without
 * echoing the URL whole: Fastify's own answer repeats it, whatever its size.
 */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send({ message: clip(error.message, 200), error: 'bad_request', status, cause: [] });
}
