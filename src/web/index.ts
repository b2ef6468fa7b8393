import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../context.js';
import { legacyErrorHandler, sendLegacy } from '../providers/mercadopago/errors/legacy.js';
import { probeChanges } from '../store/repos/changes.js';
import { QrLinkParams, qrLinkJson } from '../sandbox/wallet/link.js';
import { prefersHtml } from './negotiate.js';
import { loadPublic, sendStatic, type StaticFile } from './static.js';
import { ChangeFeed, type FeedOptions } from './stream/feed.js';
import { streamRoutes } from './stream/routes.js';
import { answers, ok } from '../http/answers.js';
import { legacyError } from '../providers/mercadopago/errors/answers.js';
import { QR_LINK_EXAMPLE, QrLinkResult } from '../sandbox/answers.js';

export const FEED_DEFAULTS: FeedOptions = { intervalMs: 500, maxListeners: 200, maxPerSeller: 8 };
const AssetParams = Type.Object({ '*': Type.String({ maxLength: 200 }) });
const TerminalParams = Type.Object({ id: Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }) });

/**
 * caja in a browser: the dashboard at `/`, the wallet page behind every QR's
 * URL, a Point terminal's screen. Plain files from ./public (no build step);
 * the pages call caja's own JSON API with the signed-in token.
 */
export function webRoutes(ctx: Ctx, feedOptions: FeedOptions = FEED_DEFAULTS) {
  return async (instance: FastifyInstance) => {
    instance.setErrorHandler(legacyErrorHandler);
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const files = loadPublic();
    const page = (name: string): StaticFile => {
      const f = files.get(name);
      if (!f) throw new Error(`web/public/${name} is missing`);
      return f;
    };
    const hide = { hide: true };

    app.get('/', { schema: hide }, async (_req, reply) => sendStatic(reply, page('index.html')));
    app.get('/terminal/:id', { schema: { ...hide, params: TerminalParams } }, async (_req, reply) => sendStatic(reply, page('terminal.html')));
    app.get('/web/*', { schema: { ...hide, params: AssetParams } }, async (req, reply) => {
      const f = files.get(req.params['*']);
      return f ? sendStatic(reply, f) : sendLegacy(reply, 'not_found', 'no such file');
    });

    // The URL inside every QR: browsers get the wallet page, API clients the JSON they asked for.
    const link = async (req: { params: { token: string } } & Parameters<typeof prefersHtml>[0], reply: Parameters<typeof sendStatic>[0]) => {
      reply.header('vary', 'Accept');
      if (prefersHtml(req)) return sendStatic(reply, page('wallet.html'));
      return qrLinkJson(ctx, req.params.token, reply);
    };
    const summary = "What the URL inside a caja QR leads to: the wallet's view of the code (JSON), or the wallet page (a browser's Accept: text/html)";
    const linkAnswers = answers({
      200: { ...ok(QrLinkResult, QR_LINK_EXAMPLE, "The code and the wallet's view of it; a browser (Accept: text/html) gets the wallet page"), alsoAs: ['text/html'] },
      400: legacyError(400, 'A token of the wrong form', { code: 'bad_request', description: 'token must match pattern', data: 'token' }),
      404: legacyError(404, 'A code this caja did not issue', { code: 'unknown_qr', description: 'This code was not issued by this caja (or its POS was deleted)', data: 'token' }),
    });
    app.get('/qr/:token', { schema: { tags: ['Sandbox'], summary, params: QrLinkParams, ...linkAnswers } }, link);
    app.get('/pix/v2/:token', { schema: { tags: ['Sandbox'], summary: 'The location inside a caja dynamic Pix code (JSON, or the wallet page for a browser)', params: QrLinkParams, ...linkAnswers } }, link);

    const feed = new ChangeFeed((targets) => probeChanges(ctx.store.db, targets), ctx.log, feedOptions, () => ctx.clock.realNow());
    await app.register(streamRoutes(ctx, feed));
  };
}
