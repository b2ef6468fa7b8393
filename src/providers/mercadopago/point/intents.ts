import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { answers, bodyExample, ok as okAnswer } from '../../../http/answers.js';
import { cancelIntent, createIntent, type CancelIntentError, type CreateIntentError } from '../../../domain/point-intents/commands.js';
import { findIntent, intentsEndedBetween } from '../../../domain/point-intents/records.js';
import { INTENT_FINAL } from '../../../domain/terminals/intents.js';
import { sellerOf } from '../auth.js';
import { legacyError, legacyErrors } from '../errors/answers.js';
import { sendLegacy, sendLegacyCause } from '../errors/legacy.js';
import { TerminalId } from '../terminals/schemas.js';
import { CanceledIntent, IntentEvents, IntentEventsQuery, IntentId, IntentParams, IntentResponse, LastState, PaymentIntentBody } from './intent-schemas.js';
import { renderIntent, renderIntentEvent, renderLastState } from './intent-render.js';

const tags = ['Point (legacy)'];
const security = [{ mercadopago: [] }];

const DEVICE = 'NEWLAND_N950__SBX0000001';
const ID = '7d8c70b6-2ac8-4c57-a441-c319088ca3ca';
const INTENT_EXAMPLE = { id: ID, device_id: DEVICE, amount: 1500, additional_info: { external_reference: 'some-reference-from-your-application', print_on_terminal: true, ticket_number: 'S0392JED' }, state: 'OPEN' };

/** One day, and the events list's documented window ("the number of days between dates must not exceed 30"). */
const DAY_MS = 86_400_000;
const MAX_EVENT_DAYS = 30;
/** caja's bound on one events answer (the document names none). */
const MAX_EVENTS = 1000;

const NOT_FOUND = "Payment Intent doesn't exist";
const QUEUED = 'Device has a queued payment intent';

function createError(reply: FastifyReply, e: CreateIntentError, deviceId: string) {
  switch (e.code) {
    case 'unsupported_site':
      return sendLegacyCause(reply, 'bad_request', 'unsupported_site', `payment intents are available in MLA, MLB and MLM only (this seller is ${e.site})`);
    case 'amount_out_of_range':
      return sendLegacyCause(reply, 'bad_request', 'invalid_amount', `amount must be between ${e.min} and ${e.max} (integer cents) in ${e.site}`, 'amount');
    case 'device_not_found':
      return sendLegacy(reply, 'not_found', `device ${deviceId} not found`);
    case 'device_not_pdv':
      return sendLegacyCause(reply, 'bad_request', 'device_not_in_pdv_mode', `device ${deviceId} is not in PDV mode (PATCH /point/integration-api/devices/${deviceId})`);
    case 'device_busy':
      // "409 Conflict-error - Device has a queued payment intent" (the create reference), whichever API queued it.
      return sendLegacy(reply, 'conflict', QUEUED);
  }
}

function cancelError(reply: FastifyReply, e: CancelIntentError) {
  if (e.code === 'intent_not_found') return sendLegacy(reply, 'not_found', NOT_FOUND);
  // "Only while OPEN" (reference §4.1); on the terminal it is canceled on the device (the guide's "Cancel a payment intent").
  return sendLegacyCause(reply, 'conflict', 'payment_intent_not_cancelable', `the payment intent is ${e.state}: only an OPEN intent can be canceled through the API; one ON_TERMINAL is canceled on the device`);
}

/** Rules the schema cannot say (MLB reference: installments and installments_cost only for credit_card; voucher_type only for voucher_card). */
function paymentProblem(p: PaymentIntentBody['payment']): { field: string; message: string } | undefined {
  if (!p) return undefined;
  if (p.type === 'debit_card' && p.installments !== undefined && p.installments !== 1) return { field: 'payment.installments', message: 'payment.installments can be set only if payment.type is credit_card' };
  if (p.type === 'debit_card' && p.installments_cost !== undefined) return { field: 'payment.installments_cost', message: 'payment.installments_cost can be set only if payment.type is credit_card' };
  if (p.voucher_type !== undefined) return { field: 'payment.voucher_type', message: "payment.voucher_type can be set only if payment.type is voucher_card, which caja's simulated terminals do not take" };
  return undefined;
}

/** A yyyy-mm-dd that is a real date, as UTC midnight (ms); undefined otherwise. */
function dayOf(s: string): number | undefined {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === s ? ms : undefined;
}

/**
 * The Point Integration API's payment intents (reference §4.1; the SDK's
 * `Point` client): create on a device, read, cancel while OPEN, the last
 * state and the list of final states. Refusals use the legacy envelope
 * {message, error, status, cause}, as this API's devices routes do.
 */
export function pointIntentRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/point/integration-api/devices/:device_id/payment-intents',
      {
        schema: {
          tags,
          security,
          summary: 'Create a payment intent on a device (legacy)',
          params: Type.Object({ device_id: TerminalId }),
          body: PaymentIntentBody,
          ...bodyExample({ amount: 1500, additional_info: { external_reference: 'some-reference-from-your-application', print_on_terminal: true, ticket_number: 'S0392JED' } }),
          ...answers({
            201: okAnswer(IntentResponse, INTENT_EXAMPLE, 'The intent, OPEN: the device takes it after its take delay'),
            ...legacyErrors({ 404: legacyError(404, 'No such device of the seller'), 409: legacyError(409, QUEUED) }),
          }),
        },
      },
      async (req, reply) => {
        const seller = sellerOf(req);
        const problem = paymentProblem(req.body.payment);
        if (problem) return sendLegacyCause(reply, 'bad_request', 'invalid_payment', problem.message, problem.field);
        const b = req.body;
        const r = await ctx.store.transaction((tx) => createIntent(ctx, tx, seller, req.params.device_id, { amount: b.amount, description: b.description, payment: b.payment, additional_info: b.additional_info ?? {} }));
        if (!r.ok) return createError(reply, r.error, req.params.device_id);
        return reply.code(201).send(renderIntent(r.value));
      },
    );

    app.get(
      '/point/integration-api/payment-intents/events',
      {
        schema: {
          tags,
          security,
          summary: 'Payment intents that reached a final state between two dates (legacy)',
          querystring: IntentEventsQuery,
          ...answers({ 200: okAnswer(IntentEvents, { events: [{ payment_intent_id: ID, status: 'FINISHED', created_on: '2021-08-30T22:38:05Z' }] }), 400: legacyErrors()[400]!, 401: legacyErrors()[401]!, 429: legacyErrors()[429]! }),
        },
      },
      async (req, reply) => {
        const from = dayOf(req.query.startDate);
        const to = dayOf(req.query.endDate);
        // "400 Bad-Request - startDate and/or endDate are missing or incorrect"; "must not exceed 30" days.
        if (from === undefined || to === undefined || to < from || (to - from) / DAY_MS > MAX_EVENT_DAYS) {
          return sendLegacyCause(reply, 'bad_request', 'invalid_dates', `startDate and/or endDate are missing or incorrect (YYYY-MM-DD, endDate not before startDate, at most ${MAX_EVENT_DAYS} days apart)`, 'startDate');
        }
        const ended = await intentsEndedBetween(ctx.store.db, sellerOf(req).id, INTENT_FINAL, from, to + DAY_MS, MAX_EVENTS);
        return { events: ended.map(renderIntentEvent) };
      },
    );

    app.get(
      '/point/integration-api/payment-intents/:id',
      {
        schema: {
          tags,
          security,
          summary: 'A payment intent (legacy)',
          params: IntentParams,
          ...answers({ 200: okAnswer(IntentResponse, { ...INTENT_EXAMPLE, state: 'FINISHED', payment: { id: '11123456789' } }), ...legacyErrors({ 404: legacyError(404, NOT_FOUND) }) }),
        },
      },
      async (req, reply) => {
        const i = await findIntent(ctx.store.db, sellerOf(req).id, req.params.id);
        return i ? renderIntent(i) : sendLegacy(reply, 'not_found', NOT_FOUND);
      },
    );

    app.get(
      '/point/integration-api/payment-intents/:id/events',
      {
        schema: {
          tags,
          security,
          summary: "A payment intent's last state (legacy)",
          params: IntentParams,
          ...answers({ 200: okAnswer(LastState, { status: 'FINISHED', created_on: '2021-09-03T20:59:10Z' }), ...legacyErrors({ 404: legacyError(404, NOT_FOUND) }) }),
        },
      },
      async (req, reply) => {
        const i = await findIntent(ctx.store.db, sellerOf(req).id, req.params.id);
        return i ? renderLastState(i) : sendLegacy(reply, 'not_found', NOT_FOUND);
      },
    );

    app.delete(
      '/point/integration-api/devices/:device_id/payment-intents/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Cancel a payment intent while OPEN (legacy)',
          params: Type.Object({ device_id: TerminalId, id: IntentId }),
          ...answers({ 200: okAnswer(CanceledIntent, { id: ID }), ...legacyErrors({ 404: legacyError(404, NOT_FOUND), 409: legacyError(409, 'The intent is not OPEN any more') }) }),
        },
      },
      async (req, reply) => {
        const seller = sellerOf(req);
        const r = await ctx.store.transaction((tx) => cancelIntent(ctx, tx, seller, req.params.device_id, req.params.id));
        return r.ok ? { id: r.value.id } : cancelError(reply, r.error);
      },
    );
  };
}
