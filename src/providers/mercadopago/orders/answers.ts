import { Type } from '@sinclair/typebox';
import type { Answer, Answers } from '../../../http/answers.js';
import { legacyError } from '../errors/answers.js';
import { ORDER_ERRORS, ordersBody, type OrderErrorCode } from './errors.js';

/**
 * The Orders API's answers for the OpenAPI document (src/http/answers.ts): the
 * order object (QR and Point share it), the refund list, the search page and
 * the {errors:[{code,message,details}]} envelope. Examples are the seed's and
 * the references' own bodies (seed 003; reference §1.3; supplement §1.1).
 */
const str = Type.String();
const opt = Type.Optional;

export const OrderTxn = Type.Object({
  id: Type.String({ description: 'PAY… (payment) or CAS… (cash-out) + 26 characters' }),
  amount: str,
  paid_amount: opt(str),
  refunded_amount: opt(Type.String({ description: 'Point, once paid' })),
  tip_amount: opt(Type.String({ description: 'Point, once paid' })),
  reference_id: opt(Type.String({ description: 'The payment id in the Payments API, once paid' })),
  status: str,
  status_detail: opt(Type.String({ description: 'Absent on a Point payment while created (supplement §1.1)' })),
  payment_method: opt(Type.Object({ id: opt(str), type: opt(str), installments: opt(Type.Integer()) })),
  additional_info: opt(Type.Object({}, { description: 'cash_outs: as sent (external_cashier_id, ...)' })),
});

export const OrderRefund = Type.Object({ id: str, transaction_id: str, reference_id: str, amount: str, status: Type.Union([Type.Literal('processing'), Type.Literal('processed'), Type.Literal('failed')]) });

/** The order, QR (config.qr) or Point (config.point; no total_amount, dates with nanoseconds). */
export const OrderObject = Type.Object({
  id: Type.String({ pattern: '^ORD[0-9A-Z]{26}$' }),
  type: Type.Union([Type.Literal('qr'), Type.Literal('point')]),
  processing_mode: Type.Literal('automatic'),
  external_reference: str,
  description: opt(str),
  total_amount: opt(Type.String({ description: 'QR orders' })),
  total_paid_amount: opt(Type.String({ description: 'Once paid' })),
  expiration_time: Type.String({ description: 'ISO 8601 duration' }),
  country_code: str,
  user_id: str,
  status: Type.Union(['created', 'at_terminal', 'processed', 'action_required', 'failed', 'refunded', 'expired', 'canceled'].map((s) => Type.Literal(s))),
  status_detail: str,
  currency: str,
  created_date: str,
  last_updated_date: str,
  integration_data: Type.Object({ application_id: opt(str), platform_id: opt(str), integrator_id: opt(str), sponsor: opt(Type.Object({ id: str })) }),
  transactions: Type.Object({ payments: opt(Type.Array(OrderTxn)), cash_outs: opt(Type.Array(OrderTxn)), refunds: opt(Type.Array(OrderRefund)) }),
  config: Type.Object({
    qr: opt(Type.Object({ external_pos_id: str, mode: Type.Union([Type.Literal('static'), Type.Literal('dynamic'), Type.Literal('hybrid')]) })),
    point: opt(Type.Object({ terminal_id: str, print_on_terminal: str })),
    payment_method: opt(Type.Object({ default_type: opt(str) })),
  }),
  items: opt(Type.Array(Type.Object({ title: str, unit_price: str, quantity: Type.Integer() }))),
  discounts: opt(Type.Object({ payment_methods: Type.Array(Type.Object({ type: str, new_total_amount: str })) })),
  type_response: opt(Type.Object({ qr_data: Type.String({ description: 'EMVCo payload to render as a QR (dynamic and hybrid)' }) })),
});

export const RefundList = Type.Object({
  refunds: Type.Array(Type.Object({ ...OrderRefund.properties, date_created: str, date_last_updated: str })),
});

export const OrderSearchPage = Type.Object({
  data: Type.Array(OrderObject),
  paging: Type.Object({ total: str, total_pages: str, offset: str, limit: str }, { description: 'Strings, as the SDK types them' }),
});

export const OrdersErrorBody = Type.Object({
  errors: Type.Array(Type.Object({ code: str, message: str, details: Type.Array(str) }), { minItems: 1 }),
});

// Seed 003 (QR-CA payment processing): the create answer of a static cash-out order, and its payment variant from reference §1.3.
export const QR_ORDER_EXAMPLE = {
  id: 'ORD01K371WBFDS4MD9JG0K8ZMECBE',
  type: 'qr',
  processing_mode: 'automatic',
  external_reference: 'ext_ref_1234',
  description: 'Smartphone',
  total_amount: '50.00',
  expiration_time: 'PT16M',
  country_code: 'BRA',
  user_id: '240424235',
  status: 'created',
  status_detail: 'created',
  currency: 'BRL',
  created_date: '2025-08-21T19:32:21.621Z',
  last_updated_date: '2025-08-21T19:32:21.621Z',
  integration_data: { application_id: '147632494144930' },
  transactions: { payments: [{ id: 'PAY01K371WBFDS4MD9JG0KCV6PRKQ', amount: '50.00', status: 'created', status_detail: 'ready_to_process' }] },
  config: { qr: { external_pos_id: 'STORE001POS001', mode: 'static' } },
};

/** Seed 003, dynamic model: the same order with type_response.qr_data. */
export const QR_DYNAMIC_EXAMPLE = {
  id: 'ORD01JYHP5MGKC5PMPZBHSTMLNDQX',
  type: 'qr',
  processing_mode: 'automatic',
  external_reference: 'ExtRef_123456',
  total_amount: '100.00',
  expiration_time: 'PT15M',
  country_code: 'MX',
  user_id: '1898180000',
  status: 'created',
  status_detail: 'created',
  currency: 'MXN',
  created_date: '2025-06-24T19:20:52.429Z',
  last_updated_date: '2025-06-24T19:20:52.429Z',
  integration_data: { application_id: '8950412930770000' },
  transactions: { cash_outs: [{ id: 'CAS01JYHP5MGKC5PMPZBHSW42LLPA', amount: '100.00', status: 'created', status_detail: 'ready_to_process', additional_info: { external_cashier_id: 123445 } }] },
  config: { qr: { external_pos_id: 'POSDOC', mode: 'dynamic' } },
  type_response: { qr_data: '00020101021226580014br.gov.bcb.qr01368ee55a9c-7db3-41e0-a8cd-fbff4d4765b5204000053039865802BR5925PABLO JOSE DE OLIVEIRA CA6009SAO PAULO61088051040062070503***630442E4' },
};

/** Seed 003's cancel answer. */
export const QR_CANCELED_EXAMPLE = {
  ...QR_ORDER_EXAMPLE,
  country_code: 'MX',
  currency: 'MXN',
  status: 'canceled',
  status_detail: 'canceled',
  last_updated_date: '2025-08-21T19:33:52.012Z',
  integration_data: { application_id: '147632494144930', integrator_id: 'dev_1234', platform_id: 'dev_1234567890' },
  transactions: { payments: [{ id: 'PAY01K371WBFDS4MD9JG0KCV6PRKQ', amount: '50.00', status: 'canceled', status_detail: 'canceled_by_api' }] },
};

/** Seed 003: a total refund's answer (processed/accredited, the refund processing until confirmed), as the whole order. */
export const QR_REFUNDED_EXAMPLE = {
  id: 'ORD01JYHREYXTR31HRB5S9Q9G8QS7',
  type: 'qr',
  processing_mode: 'automatic',
  external_reference: 'ExtRef_123456',
  total_amount: '100.00',
  total_paid_amount: '100.00',
  expiration_time: 'PT15M',
  country_code: 'URY',
  user_id: '1898180608',
  status: 'processed',
  status_detail: 'accredited',
  currency: 'UYU',
  created_date: '2025-06-24T20:00:55.137Z',
  last_updated_date: '2025-06-24T20:04:27.622Z',
  integration_data: { application_id: '8950412930771472' },
  transactions: {
    cash_outs: [{ id: 'CAS01JYHREYXTR31HRB5S9QE68G0N', reference_id: '116228240060', amount: '100.00', paid_amount: '100.00', status: 'processed', status_detail: 'accredited', additional_info: { external_cashier_id: 123445 } }],
    refunds: [{ id: 'REF01JYHRNEK69845P0E6VBXKXAKK', transaction_id: 'CAS01JYHREYXTR31HRB5S9QE68G0N', reference_id: '116228240060', amount: '100.00', status: 'processing' }],
  },
  config: { qr: { external_pos_id: 'SUC001POS001', mode: 'static' } },
};

/** Supplement §1.1: the Point create answer (no total_amount, dates with nanoseconds, no status_detail on the payment). */
export const POINT_ORDER_EXAMPLE = {
  id: 'ORD01J67CQQH5904WDBVZEM4JMEP3',
  type: 'point',
  user_id: '5238400195',
  external_reference: 'ext_ref_1234',
  description: 'Smartphone',
  expiration_time: 'PT16M',
  processing_mode: 'automatic',
  country_code: 'MEX',
  currency: 'MXN',
  integration_data: { application_id: '1234567890', platform_id: 'dev_1234567890', integrator_id: 'dev_123456', sponsor: { id: '446566691' } },
  status: 'created',
  status_detail: 'created',
  created_date: '2024-09-10T14:26:42.109320977Z',
  last_updated_date: '2024-09-10T14:26:42.109320977Z',
  config: { point: { terminal_id: 'NEWLAND_N950__SBX0000001', print_on_terminal: 'no_ticket' }, payment_method: { default_type: 'credit_card' } },
  transactions: { payments: [{ id: 'PAY01J67CQQH5904WDBVZEM4JMEP3', amount: '50.00', status: 'created' }] },
};

/** Supplement §1.3: the 202 of a cancel at the terminal (the order stays at_terminal, the payment cancellation_requested). */
export const POINT_CANCEL_REQUESTED_EXAMPLE = {
  ...POINT_ORDER_EXAMPLE,
  status: 'at_terminal',
  status_detail: 'at_terminal',
  transactions: { payments: [{ id: 'PAY01J67CQQH5904WDBVZEM4JMEP3', amount: '50.00', status: 'at_terminal', status_detail: 'cancellation_requested' }] },
};

// The create body of the QR guides (reference §1.3), for "Try it out": on the POS of the POS example (SUC001POS001, seed 003's).
export const QR_ORDER_BODY_EXAMPLE = {
  type: 'qr',
  external_reference: 'ext_ref_1234',
  description: 'Smartphone',
  total_amount: '50.00',
  expiration_time: 'PT16M',
  config: { qr: { external_pos_id: 'SUC001POS001', mode: 'static' } },
  transactions: { payments: [{ amount: '50.00' }] },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (the code says which rule; details name the fields)',
  401: 'Missing or invalid access token',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict with the order’s state or the idempotency key',
  413: 'Request body over 1 MiB',
  415: 'Content-Type is not application/json',
};

const DETAILS: Partial<Record<OrderErrorCode, string[]>> = {
  required_properties: ["missing properties: '$.transactions'"],
  empty_required_header: ['X-Idempotency-Key'],
  invalid_path_param: ['order_id must begin with "ORD" and be followed by 26 characters'],
  order_not_found: [],
  pos_not_found: ['no POS with external_id STORE001POS001'],
  idempotency_key_already_used: ['the key 02ff8cd0-c4e9-4fe8-a977-6c3c2bc6336c was already used with a different request within the last 24 hours'],
  missing_required_params: ["missing parameter 'begin_date'"],
  unauthorized: ['no access token'],
  property_value: ['Request body too large'],
  unsupported_media_type: ['Unsupported Media Type: text/plain'],
};

/**
 * The refusals a route of the Orders API can send, by code (grouped by status;
 * the first code of a status gives the example), plus the edge's 401, 413,
 * 415 and 429 (the rate limit answers the legacy envelope the SDKs read).
 */
export function ordersErrors(...codes: OrderErrorCode[]): Answers {
  const all: OrderErrorCode[] = ['unauthorized', ...codes];
  const byStatus = new Map<number, OrderErrorCode[]>();
  for (const c of all) {
    const status = ORDER_ERRORS[c][0];
    byStatus.set(status, [...(byStatus.get(status) ?? []), c]);
  }
  const out: Answers = {};
  for (const [status, cs] of byStatus) {
    const first = cs[0]!;
    out[status] = { description: `${DESCRIPTIONS[status] ?? 'Refused'}: ${[...new Set(cs)].join(', ')}`, schema: OrdersErrorBody, example: ordersBody([{ code: first, details: DETAILS[first] ?? [] }]) } satisfies Answer;
  }
  return { ...out, 429: legacyError(429) };
}

/** A body-taking route: malformed JSON, a body too large (property_value, 400) or not JSON (415). */
export function ordersBodyErrors(...codes: OrderErrorCode[]): Answers {
  return ordersErrors('json_syntax_error', 'property_value', ...codes, 'unsupported_media_type');
}
