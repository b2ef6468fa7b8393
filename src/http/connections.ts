import type { ServerOptions } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { HttpLimits } from '../config/http-limits.js';

/** Node's HTTP server deadlines, from configuration: no client holds a connection longer than they allow. */
export function serverOptions(limits: HttpLimits): Pick<FastifyServerOptions, 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'maxRequestsPerSocket'> & { http: ServerOptions } {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    // Node checks request and header deadlines on this interval (30 s by default): once a second keeps them tight.
    http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1_000 },
  };
}

/**
 * Caps the connections one process holds, and makes a refusal that comes
 * before the body (401 for credentials, 429 for the rate) close the
 * connection once answered, instead of reading the rest of the body.
 */
export function limitConnections(app: FastifyInstance, limits: HttpLimits): void {
  app.server.maxConnections = limits.maxConnections;
  // Runs on every answer: a callback hook, which Fastify calls without a promise of its own.
  app.addHook('onSend', (req, reply, payload, done) => {
    if ((reply.statusCode === 401 || reply.statusCode === 429 || reply.statusCode === 403) && !req.raw.complete) reply.header('connection', 'close');
    done(null, payload);
  });
}
