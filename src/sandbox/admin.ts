import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.js';
import { safeEqual } from '../domain/sellers/credentials.js';
import { sendLegacy } from '../providers/mercadopago/errors/legacy.js';

/** onRequest hook: `Authorization: Bearer <admin token>`, else 401. */
export function requireAdmin(ctx: Ctx) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m?.[1] || !safeEqual(m[1], ctx.admin.token)) return sendLegacy(reply, 'unauthorized', 'invalid admin token');
  };
}
