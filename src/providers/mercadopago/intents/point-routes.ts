import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { sellerNow } from '../../../core/clock.js';
import { createPointIntent, type CreatePointError, type NewPointIntent } from '../../../domain/instore-intents/point.js';
import { cancelIntent, sellersIntent } from '../../../domain/instore-intents/remove.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { inTransaction, type HttpOutcome } from '../../../http/idempotency.js';
import { Text } from '../../../http/types.js';
import { clip } from '../../../http/limits.js';
import { sellerOf } from '../auth.js';
import { IntegratorHeader, parseCommon, PointIntentBody } from './body.js';
import { intentError, intentErrors, intentNotFound, INTENT_ANSWERS, notOpened, posNotFound, queuedIntent, registerNotFound } from './errors.js';
import { renderIntent } from './render.js';
import { IntentResponse } from './routes.js';

const tags = ['Instore intents'];
const security = [{ mercadopago: [] }];
const BASE = '/instore-api/integrations/v1/intents';
const Id = Text({ minLength: 1, maxLength: 64 });

/** Seed 001's Point intent, as its GET and webhook examples print one. */
export const SEED_POINT_BODY = {
  description: 'description',
  external_reference: 'external_reference',
  operations: [{ type: 'PURCHASE', amount: '10.14' }],
  enabler_configuration: { ticket_number: 'Ticket001', device_payment_mode: 'CARD', print_on_terminal: ['SELLER_TICKET'] },
};
const EXAMPLE = { id: '9f0c6d1e-2b7a-4c55-8d0e-3f1a2b4c5d6e', description: 'description', external_reference: 'external_reference', status: 'OPENED', operations: [{ type: 'PURCHASE', amount: '10.14' }], enabler_configuration: SEED_POINT_BODY.enabler_configuration };

const send = (reply: FastifyReply, o: HttpOutcome) => (o.body === undefined ? reply.code(o.status).send() : reply.code(o.status).send(o.body));

function refusal(e: CreatePointError, where: string): HttpOutcome {
  switch (e.code) {
    case 'unsupported_site':
      return intentError('bad_request', `Point is available in AR, BR, CL and MX only (this seller is ${e.site})`);
    case 'pos_not_found':
      return posNotFound(where);
    case 'no_pdv_terminal':
      return intentError('bad_request', `The point of sale ${clip(where, 64)} has no Point device in PDV mode`);
    case 'device_not_found':
      return intentError('not_found', `Device ${clip(where, 64)} is not found`);
    case 'not_pdv':
      return intentError('bad_request', `Device ${clip(where, 64)} is not in PDV mode`);
    case 'queued_intent':
      return queuedIntent();
  }
}

async function create(ctx: Ctx, seller: Seller, body: PointIntentBody, integrator: string | undefined, target: Pick<NewPointIntent, 'externalPosId' | 'deviceId'>): Promise<HttpOutcome> {
  const parsed = parseCommon(body, siteOf(seller.site_id).id);
  if (!parsed.ok) return intentError('bad_request', parsed.error);
  return inTransaction(ctx.store, async (tx) => {
    const r = await createPointIntent(ctx, tx, seller, { ...parsed.value, ...target, integratorId: integrator ?? null, point: body.enabler_configuration ?? {} });
    return r.ok ? { status: 201, body: renderIntent(r.value, r.value.created_at) } : refusal(r.error, target.externalPosId ?? target.deviceId ?? '');
  });
}

/**
 * The Instore intents API, Point side (seed 001, supplement §4): create on the
 * POS's PDV device or on a device, read, cancel while OPENED. Nothing is stored
 * on a refused request.
 */
export function pointIntentRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const createAnswers = answers(intentErrors({ 201: ok(IntentResponse, EXAMPLE, 'Created: OPENED, queued on the terminal'), 404: INTENT_ANSWERS.posNotFound, 409: INTENT_ANSWERS[409] }));

    app.post(
      `${BASE}/point/pos/:external_id`,
      { schema: { tags, security, summary: "Create a Point intent on the POS's PDV device (201)", params: Type.Object({ external_id: Id }), headers: IntegratorHeader, body: PointIntentBody, ...bodyExample(SEED_POINT_BODY), ...createAnswers } },
      async (req, reply) => send(reply, await create(ctx, sellerOf(req), req.body, req.headers['x-integrator-id'], { externalPosId: req.params.external_id })),
    );
    app.post(
      `${BASE}/point/:device_id`,
      { schema: { tags, security, summary: 'Create a Point intent on a device in PDV mode (201)', params: Type.Object({ device_id: Id }), headers: IntegratorHeader, body: PointIntentBody, ...bodyExample(SEED_POINT_BODY), ...createAnswers } },
      async (req, reply) => send(reply, await create(ctx, sellerOf(req), req.body, req.headers['x-integrator-id'], { deviceId: req.params.device_id })),
    );

    app.get(
      `${BASE}/:intent_id/point`,
      { schema: { tags, security, summary: 'Get a Point intent', params: Type.Object({ intent_id: Id }), ...answers(intentErrors({ 200: ok(IntentResponse, { ...EXAMPLE, status: 'CLOSED', operations: [{ ...EXAMPLE.operations[0], results: [{ id: 1234567890, source: 'PAYMENT' }] }] }), 404: INTENT_ANSWERS.notFound })) } },
      async (req, reply) => {
        const seller = sellerOf(req);
        const found = await ctx.store.transaction((tx) => sellersIntent(tx, seller, req.params.intent_id, 'point'));
        return found.ok ? renderIntent(found.value, sellerNow(ctx.clock, seller)) : send(reply, registerNotFound());
      },
    );

    app.delete(
      `${BASE}/:intent_id/point`,
      {
        schema: {
          tags,
          security,
          summary: 'Cancel a Point intent while OPENED (204); on the terminal it is canceled on the device',
          params: Type.Object({ intent_id: Id }),
          ...answers(intentErrors({ 204: { description: 'Canceled: the intent was OPENED' }, 404: INTENT_ANSWERS.notFound, 409: { ...INTENT_ANSWERS[409], example: { errorKey: 'Conflict', message: 'The intent 9f0c6d1e-2b7a-4c55-8d0e-3f1a2b4c5d6e is ON_TERMINAL: only an OPENED intent can be canceled; cancel it on the Point device', status: 409 } } })),
        },
      },
      async (req, reply) => {
        const seller = sellerOf(req);
        const id = req.params.intent_id;
        const outcome = await inTransaction(ctx.store, async (tx) => {
          const r = await cancelIntent(ctx, tx, seller, id, 'point');
          if (r.ok) return { status: 204, body: undefined };
          return r.error.code === 'not_opened' ? notOpened(id, r.error.status) : intentNotFound(id);
        });
        return send(reply, outcome);
      },
    );
  };
}
