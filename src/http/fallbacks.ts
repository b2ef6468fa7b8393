import type { FastifyInstance } from 'fastify';

/**
 * What no provider claimed: unknown routes and bugs. Provider plugins set
 * their own error handlers for everything they expect; reaching the 500 here
 * means a real bug, so it is logged with its stack.
 */
export function registerFallbacks(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      message: `Route ${req.method}:${req.url.split('?')[0]} not found`,
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
      message: status === 500 ? 'internal error' : (e.message ?? 'bad request'),
      error: status === 500 ? 'internal_error' : 'bad_request',
      status,
      cause: [],
    });
  });
}
