import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import type { Tx } from '../../../store/db.js';
import { fingerprint, idempotent, type HttpOutcome } from '../../../http/idempotency.js';
import { sendOrders } from './errors.js';

/**
 * X-Idempotency-Key is required on create, cancel and refund (400
 * empty_required_header). The same key with the same request replays the
 * original answer (the official SDK retries with the same key); with a
 * different request within 24 h it is 409 idempotency_key_already_used. A
 * duplicate arriving while the first is in flight waits for it, then replays.
 * The key belongs to the request's seller: the one requireSeller found, or
 * the one the command reads (a `sellerInRead` route).
 */
export async function withIdempotencyKey(
  ctx: Ctx,
  req: FastifyRequest,
  reply: FastifyReply,
  command: (tx: Tx) => Promise<HttpOutcome>,
): Promise<FastifyReply> {
  const raw = req.headers['x-idempotency-key'];
  const key = typeof raw === 'string' ? raw.trim() : '';
  if (!key) return sendOrders(reply, { code: 'empty_required_header', details: ['X-Idempotency-Key'] });
  if (key.length > 256) return sendOrders(reply, { code: 'property_value', details: ['X-Idempotency-Key must be at most 256 characters'] });
  const path = req.url.split('?')[0]!;
  const owner = () => (req.seller ? { sellerId: req.seller.id, now: sellerNow(ctx.clock, req.seller) } : undefined);
  const r = await idempotent(ctx.store, { key, fingerprint: fingerprint(req.method, path, req.body), owner }, command);
  if (r.kind === 'key_reused') {
    return sendOrders(reply, { code: 'idempotency_key_already_used', details: [`the key ${key} was already used with a different request within the last 24 hours`] });
  }
  // The stored text is what serializing the body gives: sent as it is, serialized once per create.
  if (r.json !== undefined) return reply.code(r.outcome.status).type('application/json; charset=utf-8').send(r.json);
  return reply.code(r.outcome.status).send(r.outcome.body);
}
