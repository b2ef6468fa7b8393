import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendLegacyCause } from './errors/legacy.js';
import type { Ctx } from '../../context.js';
import { hashSecret } from '../../domain/sellers/credentials.js';
import { sellerByAccessToken, type Seller } from '../../domain/sellers/seller.js';

/**
 * A route's read that authenticates in the same statement (one round trip on PostgreSQL, one read
 * on SQLite, for a route polled often): from the access token's hash and the request (its path
 * parameters not yet validated: only bound as values), the token's seller and what the route
 * reads, or undefined when no seller holds the token.
 */
export type ReadWithSeller<T> = (tokenHash: string, req: FastifyRequest) => Promise<{ seller: Seller; read: T } | undefined>;

declare module 'fastify' {
  interface FastifyRequest {
    seller: Seller | null;
    /** What the route's `readWithSeller` read with the seller (requireSeller). */
    sellerRead: unknown;
  }
  interface FastifyContextConfig {
    /** requireSeller authenticates with this read instead of its own (ReadWithSeller). */
    readWithSeller?: ReadWithSeller<unknown>;
  }
}

/** `Authorization: Bearer <token>`, or the legacy `?access_token=` query parameter older MP APIs accept. */
export function presentedToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1];
  }
  const q = (req.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && q ? q : undefined;
}

/**
 * An onRequest hook (so it runs before any body is read or validated) that resolves the seller behind an access token, or lets the
 * API family answer 401 in its own envelope.
 */
export function requireSeller(ctx: Ctx, unauthorized: (reply: FastifyReply, reason: string) => unknown) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const token = presentedToken(req);
    if (!token) return unauthorized(reply, 'missing access token');
    const readWith = req.routeOptions.config.readWithSeller;
    if (readWith) {
      const r = await readWith(hashSecret(token), req);
      if (!r) return unauthorized(reply, 'invalid access token');
      req.seller = r.seller;
      req.sellerRead = r.read;
      return;
    }
    const seller = await sellerByAccessToken(ctx.store, token);
    if (!seller) return unauthorized(reply, 'invalid access token');
    req.seller = seller;
  };
}

/**
 * A route's `readWithSeller` config and the typed accessor of what it read: the route passes
 * `config` to its options and calls `readOf(req)` in its handler.
 */
export function readWithSeller<T>(read: ReadWithSeller<T>): { config: { readWithSeller: ReadWithSeller<unknown> }; readOf(req: FastifyRequest): T } {
  return { config: { readWithSeller: read }, readOf: (req) => req.sellerRead as T };
}

/** The authenticated seller; only called behind requireSeller, so absence is a bug. */
export function sellerOf(req: FastifyRequest): Seller {
  if (!req.seller) throw new Error('route is missing requireSeller');
  return req.seller;
}

/**
 * /users/{user_id}/... and /sandbox/sellers/{user_id}/... belong to the
 * token's seller; anyone else's user id is "not found", never "forbidden".
 * Answers the 404 itself and returns false when the id is not the seller's.
 */
export function ownsUserId(seller: Seller, userId: string, reply: FastifyReply): boolean {
  if (Number(userId) === seller.id) return true;
  sendLegacyCause(reply, 'not_found', 'INVALID_USER_ID', `User ${userId} not found`, 'user_id');
  return false;
}
