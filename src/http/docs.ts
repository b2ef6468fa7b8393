import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import type { Ctx } from '../context.js';
import { lazyRequire } from '../core/lazy.js';
import { answersTransform } from './answers.js';
import { validatorCompiler } from './validation.js';

/**
 * The OpenAPI 3 document is generated from the same TypeBox schemas that
 * validate requests, so the docs cannot drift from what is enforced.
 *
 * It is built on the first request under /docs, not at start: registering
 * @fastify/swagger and @fastify/swagger-ui was the largest single cost of a
 * start (about 130 ms of 700, PERFORMANCE.md "Start"), paid by every CI job
 * that starts caja and never reads the docs. caja records every route as it
 * is registered; the first /docs request builds a small Fastify app with the
 * two plugins and the same routes (handlers that are never called), and
 * /docs/* is answered by that app, so the document and the pages are the ones
 * the plugins always served.
 */
export function registerDocs(app: FastifyInstance, ctx: Ctx): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith(DOCS)) routes.push(r);
  });
  let built: Promise<FastifyInstance> | undefined;
  const docs = () => (built ??= buildDocs(routes, ctx).catch((e: unknown) => ((built = undefined), Promise.reject(e))));
  const forward = async (req: FastifyRequest, reply: FastifyReply) => {
    // HEAD is answered as its GET (Fastify drops the body and keeps the length), as the plugins' own routes were.
    const res = await (await docs()).inject({ method: 'GET', url: req.url, headers: req.headers });
    if (res.headers[NOT_FOUND] !== undefined) return reply.callNotFound();
    const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    reply.code(res.statusCode).headers(headers);
    // An empty answer (a redirect) stays without a body, so no content type is made up for it.
    return res.rawPayload.length > 0 ? reply.send(res.rawPayload) : reply.send();
  };
  app.get(DOCS, { schema: { hide: true } }, forward);
  app.get(`${DOCS}/*`, { schema: { hide: true } }, forward);
}

const DOCS = '/docs';
const swaggerPlugin = lazyRequire<typeof import('@fastify/swagger')>('@fastify/swagger');
const swaggerUiPlugin = lazyRequire<typeof import('@fastify/swagger-ui')>('@fastify/swagger-ui');
/** Set by the docs app on a path it does not serve: caja's own not-found answers instead. */
const NOT_FOUND = 'x-caja-docs-not-found';
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

async function buildDocs(routes: readonly RouteOptions[], ctx: Ctx): Promise<FastifyInstance> {
  const swagger = swaggerPlugin().default;
  const swaggerUi = swaggerUiPlugin().default;
  const docs = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  docs.setValidatorCompiler(validatorCompiler);
  docs.setNotFoundHandler(notServedHere);
  await docs.register(swagger, {
    // Routes declare their answers under a custom key (http/answers.ts); the document shows them as responses.
    transform: answersTransform as never,
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'caja',
        version: '0.1.0',
        description:
          'Self-hosted in-person payments platform and sandbox. Speaks Mercado Pago in-person APIs and Depay cross-border QR, and plays the payer and the terminal (see /sandbox).',
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          mercadopago: { type: 'http', scheme: 'bearer', description: 'A seller access token (APP_USR-...)' },
          admin: { type: 'http', scheme: 'bearer', description: 'The caja admin token' },
          depay: { type: 'http', scheme: 'bearer', description: 'A Depay access token from GET /depay/auth/token (also accepted in an Authentication header)' },
        },
      },
      tags: [
        { name: 'Stores', description: 'Mercado Pago stores' },
        { name: 'POS', description: 'Mercado Pago points of sale, each with its static QR' },
        { name: 'Orders', description: 'Mercado Pago Orders API for QR (static, dynamic, hybrid)' },
        { name: 'Users', description: 'Mercado Pago users' },
        { name: 'Terminals', description: 'Mercado Pago Point terminals: list and operating mode (PDV, STANDALONE)' },
        { name: 'Point (legacy)', description: "The Point Integration API's devices, which the official SDK's Point client calls" },
        { name: 'POS v2', description: 'Mercado Pago POS v2: create and delete with X-Idempotency-Key' },
        { name: 'Payments', description: 'Mercado Pago Payments API: the ledger of every payment attempt' },
        { name: 'In-store orders (legacy QR)', description: 'The attended model, in-store orders v2, dynamic and hybrid QR (?access_token= or Bearer)' },
        { name: 'merchant_orders', description: 'Mercado Pago merchant_orders: one per scan of a code with an amount, IPN topic merchant_order' },
        { name: 'Depay', description: 'Depay cross-border QR, under /depay' },
        { name: 'Sandbox', description: "caja's own endpoints: sellers, test clock, the payer's wallet, simulated terminals, notifications" },
      ],
    },
  });
  await docs.register(swaggerUi, { routePrefix: DOCS, uiConfig: { docExpansion: 'list', deepLinking: true } });
  docs.get(`${DOCS}/openapi.json`, { schema: { hide: true } }, async () => docs.swagger());
  // caja's routes as registered, in order. A GET's HEAD twin is made by this app as it was by caja's.
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
  for (const r of routes) {
    if (r.method === 'HEAD' && gets.has(r.url)) continue;
    docs.route({ method: r.method, url: r.url, ...(r.schema ? { schema: r.schema } : {}), handler: notServedHere });
  }
  await docs.ready();
  return docs;
}

/** A path the docs app does not serve (and caja's own routes, copied for the document): caja answers it. */
function notServedHere(_req: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).header(NOT_FOUND, '1').send();
}
