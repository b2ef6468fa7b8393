import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { isUniqueViolation, type Tx } from '../../../store/db.js';
import { fingerprint, idempotent, ownedBy, type HttpOutcome } from '../../../http/idempotency.js';
import { posV2Body, sendPosV2 } from './errors.js';

/**
 * POS v2 requires X-Idempotency-Key (400 bad_request without it). The same
 * key and request replays the first answer, except that a replayed DELETE
 * answers 200 where the first answered 204 (supplement §3). The same key with
 * another request is 400 idempotency_key_already_used (not Orders' 409). A
 * duplicate in flight waits for the first and replays it, so the documented
 * 409 `conflict` does not occur in caja.
 */
export async function withPosV2Key(
  ctx: Ctx,
  req: FastifyRequest,
  reply: FastifyReply,
  seller: Seller,
  command: (tx: Tx) => Promise<HttpOutcome>,
  onUniqueViolation: HttpOutcome,
): Promise<FastifyReply> {
  const raw = req.headers['x-idempotency-key'];
  const key = typeof raw === 'string' ? raw.trim() : '';
  if (!key) return sendPosV2(reply, 'bad_request', 'the X-Idempotency-Key header is required');
  if (key.length > 256) return sendPosV2(reply, 'bad_request', 'X-Idempotency-Key must be at most 256 characters');
  const path = req.url.split('?')[0]!;
  const call = { key, fingerprint: fingerprint(req.method, path, req.body), owner: ownedBy(seller.id, sellerNow(ctx.clock, seller)) };
  let r;
  try {
    r = await idempotent(ctx.store, call, command);
  } catch (e) {
    // A concurrent create took the external_id: the transaction failed on the unique index.
    if (isUniqueViolation(e)) return reply.code(onUniqueViolation.status).send(onUniqueViolation.body);
    throw e;
  }
  if (r.kind === 'key_reused') {
    return reply.code(400).send(posV2Body('idempotency_key_already_used', `the key ${key} was already used with a different request`));
  }
  const { status, body } = r.outcome;
  if (r.kind === 'replay' && status === 204) return reply.code(200).send();
  return status === 204 ? reply.code(204).send() : reply.code(status).send(body);
}
