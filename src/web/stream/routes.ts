import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { requireSeller, sellerOf } from '../../providers/mercadopago/auth.js';
import { legacyErrorHandler, sendLegacy } from '../../providers/mercadopago/errors/legacy.js';
import { checkTicket, issueTicket } from './ticket.js';
import type { ChangeFeed } from './feed.js';
import { answers, ok } from '../../http/answers.js';
import { legacyError, LegacyError } from '../../providers/mercadopago/errors/answers.js';
import { sellerErrors, StreamTicket } from '../../sandbox/answers.js';

const tags = ['Sandbox'];
const HEARTBEAT_MS = 15_000;
const StreamQuery = Type.Object({ ticket: Type.String({ maxLength: 100 }) });

/**
 * The dashboard's live channel. POST /sandbox/stream/ticket (the seller's
 * token) answers a one-minute ticket; GET /sandbox/stream?ticket= is a
 * server-sent event stream that says `change` when something of that seller
 * changed, and nothing else: the page fetches what it shows through the API.
 */
export function streamRoutes(ctx: Ctx, feed: ChangeFeed) {
  return async (instance: FastifyInstance) => {
    instance.setErrorHandler(legacyErrorHandler);
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const open = new Set<() => void>();
    // A hijacked stream never goes idle: end them all before the server waits for its connections.
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
      feed.stop();
    });

    await app.register(async (authed) => {
      authed.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
      authed.post('/sandbox/stream/ticket', { schema: { tags, security: [{ mercadopago: [] }], summary: 'A one-minute ticket for the change stream (EventSource cannot send headers)', ...answers({ 201: ok(StreamTicket, { ticket: '1000000001.1755804801621.3f9c1a7e5b2d4c6f8a0e1b3d5c7e9f2a', expires_at: '2025-08-21T19:33:21.621Z' }, 'The ticket'), ...sellerErrors() }) } }, async (req, reply) => {
        const t = issueTicket(ctx.admin.token, sellerOf(req).id, ctx.clock.realNow());
        return reply.code(201).header('cache-control', 'no-store').send({ ticket: t.ticket, expires_at: new Date(t.expiresAt).toISOString() });
      });
    });

    app.get('/sandbox/stream', {
      schema: {
        tags, summary: 'Server-sent events: `change` when something of this seller changed', querystring: StreamQuery,
        ...answers({
          200: { description: 'The event stream (ready, then change events and keep-alives)', contentType: 'text/event-stream' },
          400: legacyError(400, 'No ticket'),
          401: legacyError(401, 'Invalid or expired ticket'),
          503: { description: 'Too many open streams (8 per seller, 200 per process); Retry-After', schema: LegacyError, example: { message: 'too many open streams', error: 'service_unavailable', status: 503, cause: [] } },
        }),
      },
    }, async (req, reply) => {
      const sellerId = checkTicket(ctx.admin.token, req.query.ticket, ctx.clock.realNow());
      if (sellerId === undefined) return sendLegacy(reply, 'unauthorized', 'invalid or expired stream ticket');
      let heartbeat: NodeJS.Timeout | undefined;
      const raw = reply.raw;
      const send = (text: string) => {
        if (!raw.writableEnded) raw.write(text);
      };
      const unsubscribe = feed.subscribe(sellerId, () => send('event: change\ndata: {}\n\n'));
      if (!unsubscribe) {
        return reply.code(503).header('retry-after', '5').send({ message: 'too many open streams', error: 'service_unavailable', status: 503, cause: [] });
      }
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      open.add(end);
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      send('retry: 2000\nevent: ready\ndata: {}\n\n');
      heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      raw.on('close', end);
      raw.on('error', end);
    });
  };
}
