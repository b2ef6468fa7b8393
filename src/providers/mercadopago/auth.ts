import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendLegacyCause } from './errors/legacy.js';
import type { Ctx } from '../../context.js';
import { hashSecret } from '../../domain/sellers/credentials.js';
import { sellerByAccessToken, sellerByAccessTokenHash, type Seller } from '../../domain/sellers/seller.js';

declare module 'fastify' {
  interface FastifyRequest {
    seller: Seller | null;
    /** A route that reads its seller itself (config `sellerInRead`): the presented access token's hash. */
    tokenHash: string | null;
  }
  interface FastifyContextConfig {
    /**
     * The route reads the token's seller in its own first statement, with what it reads anyway
     * (one round trip on PostgreSQL, one read on SQLite). requireSeller still refuses a token no
     * seller holds before anything else (its body is never read), but looks it up only the first
     * time this process sees it; after that the route's read decides (tokens are never revoked,
     * so it finds the seller; if it did not, the route answers 401, `INVALID_TOKEN`).
     */
    sellerInRead?: boolean;
  }
}

/** The 401's reason for a token no seller holds (requireSeller's, and a `sellerInRead` route's when its read finds none). */
export const INVALID_TOKEN = 'invalid access token';

/** How many token hashes requireSeller remembers as good (then it starts again). */
const KNOWN_TOKENS = 10_000;

/** An API family's 401 in its own envelope. */
export type Unauthorized = (reply: FastifyReply, reason: string) => unknown;

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
 * API family answer 401 in its own envelope. A route with `sellerInRead` reads the seller itself.
 */
export function requireSeller(ctx: Ctx, unauthorized: Unauthorized) {
  // Token hashes a seller was found for: a `sellerInRead` route's body is read only for a token
  // known to be good (a refused token's body is never read), and its read still decides.
  const known = new Set<string>();
  // A callback hook: a known token of a `sellerInRead` route (every poll of an order) passes
  // without a promise; a lookup calls `done` when it has answered. A refusal sends the reply and
  // does not call `done` (Fastify's way to answer from a callback hook).
  return (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    const token = presentedToken(req);
    if (!token) return void unauthorized(reply, 'missing access token');
    if (req.routeOptions.config.sellerInRead) {
      const hash = hashSecret(token);
      req.tokenHash = hash;
      if (known.has(hash)) return done();
      sellerByAccessTokenHash(ctx.store.db, hash).then((seller) => {
        if (!seller) return void unauthorized(reply, INVALID_TOKEN);
        if (known.size >= KNOWN_TOKENS) known.clear();
        known.add(hash);
        done();
      }, done);
      return;
    }
    sellerByAccessToken(ctx.store, token).then((seller) => {
      if (!seller) return void unauthorized(reply, INVALID_TOKEN);
      req.seller = seller;
      done();
    }, done);
  };
}

/** A `sellerInRead` route's read found the token's seller: from here on `sellerOf` answers it. */
export function authenticated(req: FastifyRequest, seller: Seller): Seller {
  req.seller = seller;
  return seller;
}

/** The presented token's hash, for a `sellerInRead` route's read (a command may run its read again). */
export function tokenHashOf(req: FastifyRequest): string {
  if (req.tokenHash === null) throw new Error('route is missing sellerInRead');
  return req.tokenHash;
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
