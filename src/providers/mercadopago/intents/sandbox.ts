import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import { isoMs } from '../../../core/clock.js';
import { amountToPay } from '../../../domain/instore-intents/intent.js';
import { findIntent, latestIntents } from '../../../domain/instore-intents/records.js';
import { answers, ok } from '../../../http/answers.js';
import { Text } from '../../../http/types.js';
import { requireSeller, sellerOf } from '../auth.js';
import { legacyError, legacyErrors } from '../errors/answers.js';
import { legacyErrorHandler, sendLegacy } from '../errors/legacy.js';
import { IntentResponse } from './routes.js';
import { renderIntent } from './render.js';

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];
const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
});
const Row = Type.Object({ id: Type.String(), kind: Type.String(), status: Type.String(), amount: Type.String(), currency: Type.String(), external_reference: Type.String(), date_created: Type.String() });
const List = Type.Object({ results: Type.Array(Row), paging: Type.Object({ offset: Type.Integer(), limit: Type.Integer() }) });
const Detail = Type.Composite([IntentResponse, Type.Object({ kind: Type.String(), url: Type.String() })]);
const EXAMPLE_ROW = { id: '9f0c6d1e-2b7a-4c55-8d0e-3f1a2b4c5d6e', kind: 'qr', status: 'CLOSED', amount: '14.53', currency: 'ARS', external_reference: 'external_reference', date_created: '2026-12-01T08:00:00.000Z' };

/**
 * The Instore API documents no list of intents: the dashboard reads the
 * seller's newest ones here, and one intent (either kind) by id with its
 * API path, in the sandbox's envelope.
 */
export function intentSandboxRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    instance.setErrorHandler(legacyErrorHandler);
    instance.addHook('onRequest', requireSeller(ctx, (reply, reason) => sendLegacy(reply, 'unauthorized', reason)));
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/instore-intents', { schema: { tags, security, summary: "This seller's Instore intents (QR and Point), newest first", querystring: ListQuery, ...answers(legacyErrors({ 200: ok(List, { results: [EXAMPLE_ROW], paging: { offset: 0, limit: 50 } }) })) } }, async (req) => {
      const seller = sellerOf(req);
      const now = sellerNow(ctx.clock, seller);
      const rows = await latestIntents(ctx.store.db, seller.id, req.query.limit, req.query.offset);
      return {
        results: rows.map((i) => ({
          id: i.id,
          kind: i.kind,
          status: renderIntent(i, now).status,
          amount: formatAmount(amountToPay(i), getCurrency(i.currency)?.exponent ?? 2),
          currency: i.currency,
          external_reference: i.external_reference,
          date_created: isoMs(i.created_at),
        })),
        paging: { offset: req.query.offset, limit: req.query.limit },
      };
    });

    app.get(
      '/instore-intents/:intent_id',
      { schema: { tags, security, summary: 'One Instore intent of either kind, as its API answers it, with its kind and path', params: Type.Object({ intent_id: Text({ minLength: 1, maxLength: 64 }) }), ...answers(legacyErrors({ 200: ok(Detail, { ...EXAMPLE_ROW, description: 'description', operations: [], enabler_configuration: { qr_payment_mode: ['STATIC'] }, url: '/instore-api/integrations/v1/intents/9f0c6d1e-2b7a-4c55-8d0e-3f1a2b4c5d6e/qr' }), 404: legacyError(404, 'No such intent of this seller') })) } },
      async (req, reply) => {
        const seller = sellerOf(req);
        const i = await findIntent(ctx.store.db, req.params.intent_id);
        if (!i || i.seller_id !== seller.id) return sendLegacy(reply, 'not_found', 'intent not found');
        return { ...renderIntent(i, sellerNow(ctx.clock, seller)), kind: i.kind, url: `/instore-api/integrations/v1/intents/${i.id}/${i.kind}` };
      },
    );
  };
}
