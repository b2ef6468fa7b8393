import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Result } from '../../core/result.js';
import { cancelOnTerminal, presentCard, walkAway, type CardInput, type DeviceError } from '../../domain/terminals/card.js';
import type { TerminalCharge } from '../../domain/counter/family.js';
import type { Seller } from '../../domain/sellers/seller.js';
import { CARD_BRANDS, type CardBrand } from '../../domain/terminals/test-cards.js';
import type { Tx } from '../../store/db.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { parseScreen } from '../../domain/terminals/screen.js';
import { CARDHOLDER_CODES, type CardholderCode } from '../../domain/terminals/test-cards.js';
import {
  automaticOf,
  createTerminal,
  getTerminal,
  listTerminals,
  MAX_AUTO_AFTER_MS,
  MAX_TAKE_DELAY_MS,
  setDeviceSettings,
  TERMINAL_MODELS,
  type TerminalError,
  type TerminalModel,
  type TerminalRow,
  type TerminalView,
} from '../../domain/terminals/terminal.js';
import { sellerOf } from '../../providers/mercadopago/auth.js';
import { sendLegacy, sendLegacyCause } from '../../providers/mercadopago/errors/legacy.js';
import { TerminalId } from '../../providers/mercadopago/terminals/schemas.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { legacyError } from '../../providers/mercadopago/errors/answers.js';
import { DEVICE_ACTION_EXAMPLE, DeviceAction, deviceConflict, notFound, sellerErrors, sellerReadErrors, SimTerminal, SimTerminalList, TERMINAL_EXAMPLE } from '../answers.js';

const badPos = legacyError(400, 'A bad field, a pos_id that is not the seller\'s or not linked to a store (INVALID_POS_ID), an unsupported site, another PDV terminal on the POS', { code: 'INVALID_POS_ID', description: 'pos_id does not refer to any POS of the seller', data: 'pos_id' });
const terminalNotFound = notFound('No such terminal of this seller');
const deviceAnswers = answers({ 200: ok(DeviceAction, DEVICE_ACTION_EXAMPLE, 'The order as it now is, and the terminal'), ...sellerErrors({ 400: legacyError(400, 'A bad field, or a number that is not a documented test card (INVALID_CARD)', { code: 'INVALID_CARD', description: 'number is not one of the documented test cards', data: 'number' }), 404: terminalNotFound, 409: deviceConflict }) });

const tags = ['Sandbox'];
const security = [{ mercadopago: [] }];

const CreateBody = Type.Object(
  {
    pos_id: Type.Union([Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), Type.String({ pattern: '^[0-9]{1,15}$' })]),
    model: Type.Unsafe<TerminalModel>({ type: 'string', enum: [...TERMINAL_MODELS], description: 'NEWLAND_N950 or PAX_A910' }),
  },
  { additionalProperties: false },
);
const Automatic = Type.Object(
  {
    after_ms: Type.Integer({ minimum: 0, maximum: MAX_AUTO_AFTER_MS, description: 'How long after taking a charge the "payer" presents a card' }),
    outcome: Type.Unsafe<CardholderCode>({ type: 'string', enum: [...CARDHOLDER_CODES], description: 'The test cardholder whose outcome every charge gets (APRO approves)' }),
  },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  {
    take_delay_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_TAKE_DELAY_MS, description: 'How long the terminal waits before taking a queued charge (0: at once)' })),
    automatic: Type.Optional(Type.Union([Automatic, Type.Null()], { description: 'Automatic mode for CI; null turns it off' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const Params = Type.Object({ id: TerminalId });
const CardBody = Type.Object(
  {
    brand: Type.Optional(Type.Unsafe<CardBrand>({ type: 'string', enum: [...CARD_BRANDS], description: 'A test card by brand (default master)' })),
    number: Type.Optional(Type.String({ maxLength: 30, description: 'A documented test card number instead of a brand' })),
    cardholder_name: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'APRO approves; OTHE, CALL, FUND, SECU, EXPI, FORM decline (default APRO)' })),
    installments: Type.Optional(Type.Integer({ minimum: 1, maximum: 72 })),
    tip_amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Minor units' })),
    stall: Type.Optional(Type.Boolean({ description: 'The terminal never gets an answer: action_required 40 s later' })),
  },
  { additionalProperties: false },
);

function deviceError(reply: FastifyReply, e: DeviceError) {
  switch (e.code) {
    case 'terminal_not_found':
      return sendLegacy(reply, 'not_found', 'terminal not found');
    case 'unknown_card':
      return sendLegacyCause(reply, 'bad_request', 'INVALID_CARD', 'number is not one of the documented test cards', 'number');
    case 'nothing_queued':
      return reply.code(409).send({ error: 'conflict', message: 'Nothing is at this terminal', status: 409, cause: [{ code: 'idle_terminal', description: 'Nothing is queued on this terminal', data: null }] });
    case 'not_waiting_card':
      return reply.code(409).send({ error: 'conflict', message: `The terminal is not waiting for a card (${e.state})`, status: 409, cause: [{ code: 'not_waiting_card', description: e.state, data: null }] });
    case 'not_payable':
      return reply.code(409).send({ error: 'conflict', message: e.message, status: 409, cause: [{ code: 'not_payable', description: e.message, data: null }] });
  }
}

/** caja's view of a terminal: what the APIs show, the device settings and the screen. */
function render(t: TerminalView | (TerminalRow & { external_pos_id?: string | null })) {
  return {
    id: t.id,
    model: t.model,
    pos_id: t.pos_id,
    store_id: t.store_id,
    external_pos_id: t.external_pos_id ?? null,
    operating_mode: t.operating_mode,
    settings: { take_delay_ms: t.take_delay_ms, automatic: automaticOf(t) },
    screen: parseScreen(t.screen),
  };
}

function terminalError(reply: FastifyReply, e: TerminalError) {
  switch (e.code) {
    case 'pos_not_found':
      return sendLegacyCause(reply, 'bad_request', 'INVALID_POS_ID', 'pos_id does not refer to any POS of the seller', 'pos_id');
    case 'pos_without_store':
      return sendLegacyCause(reply, 'bad_request', 'INVALID_POS_ID', 'the POS is not linked to a store (link it with PUT /pos/{id})', 'pos_id');
    case 'terminal_not_found':
      return sendLegacy(reply, 'not_found', 'terminal not found');
    case 'unsupported_site':
    case 'pdv_taken':
      return sendLegacy(reply, 'bad_request', e.code);
  }
}

/**
 * The simulated Point terminals: create one on a POS, list them, tune the
 * device (take delay, automatic mode), read its screen. Mercado Pago ships
 * physical devices instead.
 */
export function sandboxTerminalRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/terminals', { schema: { tags, security, summary: 'Create a simulated Point terminal on a POS', body: CreateBody, ...bodyExample({ pos_id: 41000002, model: 'NEWLAND_N950' }), ...answers({ 201: ok(SimTerminal, TERMINAL_EXAMPLE, 'The terminal (its id as the terminals API lists it)'), ...sellerErrors({ 400: badPos }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const input = { pos_id: Number(req.body.pos_id), model: req.body.model };
      const r = await ctx.store.transaction((tx) => createTerminal(tx, ctx, seller, input));
      if (!r.ok) return terminalError(reply, r.error);
      return reply.code(201).send(render((await getTerminal(ctx, seller, r.value.id)) ?? r.value));
    });

    app.get('/terminals', { schema: { tags, security, summary: "The seller's simulated terminals", ...answers({ 200: ok(SimTerminalList, { results: [TERMINAL_EXAMPLE], total: 1 }, 'Every terminal of the seller'), ...sellerReadErrors({}, false) }) } }, async (req) => {
      const found = await listTerminals(ctx, sellerOf(req), { limit: 1000, offset: 0 });
      return { results: found.rows.map(render), total: found.total };
    });

    app.get('/terminals/:id', { schema: { tags, security, summary: "A terminal and its screen (idle, showing_order, waiting_card, processing, approved, declined, ticket)", params: Params, ...answers({ 200: ok(SimTerminal, TERMINAL_EXAMPLE, 'The terminal'), ...sellerReadErrors({ 404: terminalNotFound }) }) } }, async (req, reply) => {
      const t = await getTerminal(ctx, sellerOf(req), req.params.id);
      return t ? render(t) : terminalError(reply, { code: 'terminal_not_found' });
    });

    // The charge the device acted on: an Orders order ({order}) or a payment intent ({payment_intent}).
    const device = (act: (tx: Tx, seller: Seller, id: string, body: unknown) => Promise<Result<TerminalCharge, DeviceError>>) =>
      async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
        const seller = sellerOf(req);
        const r = await ctx.store.transaction((tx) => act(tx, seller, req.params.id, req.body));
        if (!r.ok) return deviceError(reply, r.error);
        const t = await getTerminal(ctx, seller, req.params.id);
        const c = r.value;
        const charge = c.kind === 'order' ? { order: { id: c.id, status: c.status, status_detail: c.statusDetail } } : { payment_intent: { id: c.id, state: c.status } };
        return { ...charge, terminal: t ? render(t) : null };
      };
    app.post('/terminals/:id/card', { schema: { tags, security, summary: 'Present a card on the terminal (pays the order or payment intent it shows)', params: Params, body: CardBody, ...bodyExample({ brand: 'master', cardholder_name: 'APRO', installments: 1 }), ...deviceAnswers } }, device((tx, s, id, b) => presentCard(ctx, tx, s, id, (b ?? {}) as CardInput)));
    app.post('/terminals/:id/cancel', { schema: { tags, security, summary: 'Cancel on the terminal (orders: canceled_on_terminal; intents: CANCELED)', params: Params, ...deviceAnswers } }, device((tx, s, id) => cancelOnTerminal(ctx, tx, s, id)));
    app.post('/terminals/:id/timeout', { schema: { tags, security, summary: 'The payer walks away (orders: action_required; intents: ABANDONED, or CONFIRMATION_REQUIRED after a card read)', params: Params, ...deviceAnswers } }, device((tx, s, id) => walkAway(ctx, tx, s, id)));

    app.patch('/terminals/:id', { schema: { tags, security, summary: 'Set the take delay or automatic mode of a simulated terminal', params: Params, body: PatchBody, ...bodyExample({ take_delay_ms: 0, automatic: { after_ms: 500, outcome: 'APRO' } }), ...answers({ 200: ok(SimTerminal, { ...TERMINAL_EXAMPLE, settings: { take_delay_ms: 0, automatic: { after_ms: 500, outcome: 'APRO' } } }, 'The terminal with its settings'), ...sellerErrors({ 400: badPos, 404: terminalNotFound }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const r = await ctx.store.transaction((tx) => setDeviceSettings(tx, ctx, seller, req.params.id, req.body));
      if (!r.ok) return terminalError(reply, r.error);
      const t = await getTerminal(ctx, seller, r.value.id);
      return render(t ?? r.value);
    });
  };
}
