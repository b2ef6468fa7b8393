import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { cancelPointOrder } from '../../../domain/mp-orders/point/cancel.js';
import { createPointOrder } from '../../../domain/mp-orders/point/create.js';
import { simulateEvent, type SimulatedEvent } from '../../../domain/mp-orders/point/simulate.js';
import type { MpOrder } from '../../../domain/mp-orders/order.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import type { HttpOutcome } from '../../../http/idempotency.js';
import type { Tx } from '../../../store/db.js';
import { sellerOf } from '../auth.js';
import { ordersError, sendOrders } from './errors.js';
import { renderOrder } from './render.js';
import type { CreateOrderBody } from './schemas.js';
import { validatePointCreate } from './validate-point.js';
import { answers, bodyExample } from '../../../http/answers.js';
import { ordersBodyErrors } from './answers.js';

export async function createPoint(ctx: Ctx, tx: Tx, seller: Seller, body: CreateOrderBody): Promise<HttpOutcome> {
  const input = validatePointCreate(body, seller);
  if (!input.ok) return ordersError(input.error);
  const r = await createPointOrder(ctx, tx, seller, input.value);
  if (r.ok) return { status: 201, body: renderOrder(r.value) };
  switch (r.error.code) {
    case 'unsupported_site':
      return ordersError([{ code: 'unsupported_site', details: [`Point orders are not available for site ${r.error.site}`] }]);
    case 'forbidden_checking_terminal_owner':
      return ordersError([{ code: 'forbidden_checking_terminal_owner', details: [`terminal ${input.value.point.terminal_id} is not one of yours in PDV mode (PATCH /terminals/v1/setup)`] }]);
    case 'already_queued_order_for_terminal':
      return ordersError([{ code: 'already_queued_order_for_terminal', details: [`terminal ${input.value.point.terminal_id} already has a waiting order`] }]);
  }
}

/** Supplement §1.3: 200 while created, 202 at the terminal with the header, 409 otherwise. */
export async function cancelPoint(ctx: Ctx, tx: Tx, seller: Seller, o: MpOrder, allowAtTerminal: boolean): Promise<HttpOutcome> {
  const r = await cancelPointOrder(ctx, tx, seller, o, allowAtTerminal);
  if (r.ok) return { status: r.value.accepted ? 202 : 200, body: renderOrder(r.value.order) };
  if (r.error.code === 'order_already_canceled') return ordersError([{ code: 'order_already_canceled', details: ['the order is already canceled'] }]);
  const why = r.error.status === 'at_terminal' ? 'the order is at the terminal: send x-allow-cancelable-status: at_terminal' : `the order is ${r.error.status}`;
  return ordersError([{ code: 'cannot_cancel_order', details: [why] }]);
}

const FAILED_DETAILS = ['bad_filled_card_data', 'required_call_for_authorize', 'card_disabled', 'high_risk', 'insufficient_amount', 'invalid_installments', 'max_attempts_exceeded', 'rejected_other_reason', 'processing_error'];
const lits = (xs: string[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const EventBody = Type.Object(
  {
    status: lits(['processed', 'canceled', 'expired', 'failed', 'refunded', 'action_required']),
    payment_method_type: Type.Optional(lits(['debit_card', 'credit_card'])),
    installments: Type.Optional(Type.Integer({ minimum: 1, maximum: 72 })),
    payment_method_id: Type.Optional(lits(['amex', 'master', 'visa', 'debmaster', 'debvisa'])),
    status_detail: Type.Optional(lits(['accredited', ...FAILED_DETAILS])),
  },
  { additionalProperties: false },
);
const Params = Type.Object({ order_id: Type.String({ pattern: '^ORD[0-9A-Z]{26}$' }) });

/** The rules per status (supplement §1.6); a problem is the one documented answer, 400 bad_request. */
function eventProblem(b: { status: string; payment_method_type?: string; installments?: number; payment_method_id?: string; status_detail?: string }): string | undefined {
  if (b.installments !== undefined && b.payment_method_type !== 'credit_card') return 'installments is only allowed with payment_method_type credit_card';
  if (b.payment_method_id !== undefined && b.status !== 'processed' && b.status !== 'failed') return 'payment_method_id is only allowed for processed or failed';
  if (b.payment_method_type !== undefined && b.status !== 'processed' && b.status !== 'failed') return 'payment_method_type is only allowed for processed or failed';
  if (b.status_detail === 'accredited' && b.status !== 'processed') return 'status_detail accredited is only allowed for processed';
  if (b.status_detail !== undefined && b.status_detail !== 'accredited' && b.status !== 'failed') return `status_detail ${b.status_detail} is only allowed for failed`;
  if (b.payment_method_id && b.payment_method_type && b.payment_method_id.startsWith('deb') !== (b.payment_method_type === 'debit_card')) return 'payment_method_id does not match payment_method_type';
  return undefined;
}

/** POST /v1/orders/{order_id}/events: simulate what a terminal would do (test credentials; caja's sellers all are). */
export function simulateRoute(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/v1/orders/:order_id/events',
      {
        schema: {
          tags: ['Orders'], security: [{ mercadopago: [] }], summary: 'Simulate a Point order event (204)', params: Params, body: EventBody,
          ...bodyExample({ status: 'processed', payment_method_type: 'credit_card', installments: 1, payment_method_id: 'master' }),
          // Reference §1.8: 204 no body; 400 bad_request (invalid ULID, body, transition), 401, 404 order_not_found.
          ...answers({ 204: { description: 'Accepted: the terminal moves the order' }, ...ordersBodyErrors('bad_request', 'order_not_found') }),
        },
        attachValidation: true,
      },
      async (req, reply) => {
        const seller = sellerOf(req);
        if (req.validationError) return sendOrders(reply, { code: 'bad_request', details: [req.validationError.message.slice(0, 300)] });
        const problem = eventProblem(req.body);
        if (problem) return sendOrders(reply, { code: 'bad_request', details: [problem] });
        const e: SimulatedEvent = {
          status: req.body.status as SimulatedEvent['status'],
          paymentMethodType: req.body.payment_method_type as SimulatedEvent['paymentMethodType'],
          installments: req.body.installments,
          paymentMethodId: req.body.payment_method_id,
          statusDetail: req.body.status_detail,
        };
        const r = await ctx.store.transaction((tx) => simulateEvent(ctx, tx, seller, req.params.order_id, e));
        if (r.ok) return reply.code(204).send();
        if (r.error.code === 'order_not_found') return sendOrders(reply, { code: 'order_not_found' });
        return sendOrders(reply, { code: 'bad_request', details: [`the order is ${r.error.status}; the state machine does not allow ${r.error.to}`] });
      },
    );
  };
}
