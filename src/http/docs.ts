import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.js';
import { answersTransform } from './answers.js';

/**
 * The OpenAPI 3 document is generated from the same TypeBox schemas that
 * validate requests, so the docs cannot drift from what is enforced.
 */
export async function registerDocs(app: FastifyInstance, ctx: Ctx): Promise<void> {
  await app.register(swagger, {
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
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
