import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { issueTokens, refreshTokens, sellerByDepayToken, type IssuedTokens } from '../../domain/depay/tokens.js';
import { sellerByDepayApiKey, type Seller } from '../../domain/sellers/seller.js';
import { sendDepayError } from './errors.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { depayBodyErrors, depayForbidden, depayTooMany, depayUnauthorized, TOKEN_EXAMPLE, TokenPair } from './answers.js';

const tags = ['Depay'];

/** Reference §5.1 prints expiresIn as a string: {"expiresIn":"3600","accessToken":...,"refreshToken":...}. */
const render = (t: IssuedTokens) => ({ expiresIn: String(t.expiresIn), accessToken: t.accessToken, refreshToken: t.refreshToken });

/**
 * The bearer token, from `Authorization` (reference §5.1: all calls) or
 * `Authentication` (the seed's cancel and refund tables say so).
 */
function presented(req: FastifyRequest): string | undefined {
  for (const header of [req.headers.authorization, req.headers.authentication]) {
    if (typeof header !== 'string') continue;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m) return m[1];
  }
  return undefined;
}

/** onRequest: before any body is read, so a caller without a live token learns only that (401). */
export function requireDepayToken(ctx: Ctx) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const token = presented(req);
    const seller = token ? await sellerByDepayToken(ctx.store, ctx.clock, token) : undefined;
    if (!seller) return sendDepayError(reply, 'unauthorized');
    req.seller = seller;
  };
}

export function depaySeller(req: FastifyRequest): Seller {
  if (!req.seller) throw new Error('route is missing requireDepayToken');
  return req.seller;
}

const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 2048, pattern: '^[\\x21-\\x7e]+$' }) });

export function authRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/auth/token', { schema: { tags, summary: 'Exchange the x-api-key for a bearer token (3600 s)', ...answers({ 200: ok(TokenPair, TOKEN_EXAMPLE, 'The token pair (reference §5.1)'), 403: depayForbidden, 429: depayTooMany }) } }, async (req, reply) => {
      const key = req.headers['x-api-key'];
      const seller = typeof key === 'string' && key ? await sellerByDepayApiKey(ctx.store, key) : undefined;
      // A guard's refusal, as NestJS words it (reference §5.1).
      if (!seller) return sendDepayError(reply, 'forbidden');
      return render(await ctx.store.transaction((tx) => issueTokens(tx, ctx.clock, seller)));
    });
    // Not documented by Depay: caja's design (docs/depay.md). The refresh token is spent once.
    app.post('/auth/refresh', {
      schema: {
        tags, summary: 'A new token pair for an unspent refresh token', body: RefreshBody, ...bodyExample({ refreshToken: TOKEN_EXAMPLE.refreshToken }),
        ...answers({ 200: ok(TokenPair, TOKEN_EXAMPLE, 'A new pair; the refresh token is spent'), ...depayBodyErrors(['refreshToken should not be empty'], { 401: depayUnauthorized }) }),
      },
    }, async (req, reply) => {
      const r = await ctx.store.transaction((tx) => refreshTokens(tx, ctx.clock, req.body.refreshToken));
      return r.ok ? render(r.value) : sendDepayError(reply, 'unauthorized');
    });
  };
}
