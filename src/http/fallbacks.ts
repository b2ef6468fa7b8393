import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clip } from './limits.js';

/**
 * What no provider claimed: unknown routes and bugs. Provider plugins set
 * their own error handlers for everything they expect; reaching the 500 here
 * means a real bug, so it is logged with its stack.
 */
export function registerFallbacks(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      message: `Route ${req.method}:${clip(req.url.split('?')[0]!, 200)} not found`,
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
