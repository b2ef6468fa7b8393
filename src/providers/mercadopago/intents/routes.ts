import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { createQrIntent } from '../../../domain/instore-intents/create.js';
import { cancelIntent, sellersIntent } from '../../../domain/instore-intents/remove.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { inTransaction, type HttpOutcome } from '../../../http/idempotency.js';
import { Text } from '../../../http/types.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { sellerOf } from '../auth.js';
import { IntegratorHeader, parseCommon, qrModes, QrIntentBody } from './body.js';
import { intentError, intentErrors, intentNotFound, INTENT_ANSWERS, notOpened, posNotFound, registerNotFound } from './errors.js';
import { renderIntent } from './render.js';

const tags = ['Instore intents'];
const security = [{ mercadopago: [] }];
const BASE = '/instore-api/integrations/v1/intents';
const Id = Text({ minLength: 1, maxLength: 64 });
const PosParams = Type.Object({ external_id: Id });
const IntentParams = Type.Object({ intent_id: Id });
const IntentPosParams = Type.Object({ intent_id: Id, external_id: Id });

const Money = Type.String({ description: 'Decimal string' });
export const IntentResponse = Type.Object({
  id: Type.String(),
  description: Type.String(),
  external_reference: Type.String(),
  status: Type.String(),
  sponsor: Type.Optional(Type.Object({ id: Type.Integer() })),
  operations: Type.Array(
    Type.Object({
      type: Type.String(),
      amount: Money,
      items: Type.Optional(Type.Array(Type.Object({ title: Type.String(), unit_price: Money, quantity: Type.Integer(), unit_measure: Type.String(), total_amount: Money }))),
      results: Type.Optional(Type.Array(Type.Object({ id: Type.Integer(), source: Type.String() }))),
    }),
  ),
  enabler_configuration: Type.Object({}),
  qr: Type.Optional(Type.Object({ data: Type.String() })),
});

/** Seed 000's create body (its trailing comma removed). */
export const SEED_QR_BODY = {
  description: 'description',
  external_reference: 'external_reference',
  sponsor: { id: '1234567' },
  operations: [
    {
      type: 'PURCHASE',
      amount: '14.53',
      items: [{ sku_number: 'sku_number', external_categories: [{ id: 'category_id' }], title: 'title', unit_price: '14.53', quantity: 1, unit_measure: 'UNIT', total_amount: '14.53' }],
    },
  ],
  enabler_configuration: { qr_payment_mode: ['STATIC', 'DYNAMIC'] },
};

const EXAMPLE = {
  id: '9f0c6d1e-2b7a-4c55-8d0e-3f1a2b4c5d6e',
  description: 'description',
  external_reference: 'external_reference',
  status: 'OPENED',
  sponsor: { id: 1234567 },
  operations: [{ type: 'PURCHASE', amount: '14.53', items: [{ sku_number: 'sku_number', external_categories: [{ id: 'category_id' }], title: 'title', unit_price: '14.53', quantity: 1, unit_measure: 'UNIT', total_amount: '14.53' }] }],
  enabler_configuration: { qr_payment_mode: ['STATIC', 'DYNAMIC'] },
  qr: { data: '00020101021243650016com.mercadolibre0201...6304ABCD' },
};

const send = (reply: FastifyReply, o: HttpOutcome) => (o.body === undefined ? reply.code(o.status).send() : reply.code(o.status).send(o.body));

/**
 * The Instore intents API, QR side (supplement §4, seed 000): create on a
 * POS, read, cancel (both documented DELETE paths). Nothing is stored on a
 * refused request (one transaction, rolled back on any 4xx).
 */
export function intentRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `${BASE}/qr/pos/:external_id`,
      {
        schema: {
          tags,
          security,
          summary: 'Create a QR intent on a POS (201)',
          params: PosParams,
          headers: IntegratorHeader,
          body: QrIntentBody,
          ...bodyExample(SEED_QR_BODY),
          ...answers(intentErrors({ 201: ok(IntentResponse, EXAMPLE, 'Created: OPENED'), 404: INTENT_ANSWERS.posNotFound })),
        },
      },
      async (req, reply) => {
        const seller = sellerOf(req);
        const parsed = parseCommon(req.body, siteOf(seller.site_id).id);
        if (!parsed.ok) return send(reply, intentError('bad_request', parsed.error));
        const b = parsed.value;
        const outcome = await inTransaction(ctx.store, async (tx) => {
          const r = await createQrIntent(ctx, tx, seller, { ...b, externalPosId: req.params.external_id, integratorId: req.headers['x-integrator-id'] ?? null, qrPaymentMode: qrModes(req.body) });
          return r.ok ? { status: 201, body: renderIntent(r.value, r.value.created_at) } : posNotFound(req.params.external_id);
        });
        return send(reply, outcome);
      },
    );

    app.get(
      `${BASE}/:intent_id/qr`,
      { schema: { tags, security, summary: 'Get a QR intent', params: IntentParams, ...answers(intentErrors({ 200: ok(IntentResponse, { ...EXAMPLE, status: 'CLOSED', operations: [{ ...EXAMPLE.operations[0], results: [{ id: 1234567890, source: 'PAYMENT' }] }] }), 404: INTENT_ANSWERS.notFound })) } },
      async (req, reply) => {
        const seller = sellerOf(req);
        const found = await ctx.store.transaction((tx) => sellersIntent(tx, seller, req.params.intent_id, 'qr'));
        return found.ok ? renderIntent(found.value, sellerNow(ctx.clock, seller)) : send(reply, registerNotFound());
      },
    );

    const cancelAnswers = answers(intentErrors({ 204: { description: 'Canceled: the intent was OPENED' }, 404: INTENT_ANSWERS.notFound, 409: { ...INTENT_ANSWERS[409], example: { errorKey: 'Conflict', message: 'The intent 9f0c6d1e-2b7a-4c55-8d0e-3f1a2b4c5d6e is CLOSED: only an OPENED intent can be canceled', status: 409 } } }));
    const cancel = async (reply: FastifyReply, seller: ReturnType<typeof sellerOf>, id: string, externalId?: string) => {
      const outcome = await inTransaction(ctx.store, async (tx) => {
        const r = await cancelIntent(ctx, tx, seller, id, 'qr', externalId);
        if (r.ok) return { status: 204, body: undefined };
        if (r.error.code === 'pos_not_found') return posNotFound(externalId ?? '');
        if (r.error.code === 'not_found') return intentNotFound(id);
        return notOpened(id, r.error.status);
      });
      return send(reply, outcome);
    };
    app.delete(`${BASE}/:intent_id/qr`, { schema: { tags, security, summary: 'Cancel a QR intent while OPENED (204)', params: IntentParams, ...cancelAnswers } }, async (req, reply) => cancel(reply, sellerOf(req), req.params.intent_id));
    // The other documented path (reference §4.2: ".../intents/{intent_id}/qr/pos/{external_id}"; seed 000 names external.id too).
    app.delete(`${BASE}/:intent_id/qr/pos/:external_id`, { schema: { tags, security, summary: 'Cancel a QR intent while OPENED (204), naming its POS', params: IntentPosParams, ...cancelAnswers } }, async (req, reply) => cancel(reply, sellerOf(req), req.params.intent_id, req.params.external_id));
  };
}
