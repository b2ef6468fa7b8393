import { Type, type TSchema } from '@sinclair/typebox';
import type { Answer, Answers } from '../http/answers.js';
import { legacyError, legacyErrors, legacyReadErrors } from '../providers/mercadopago/errors/answers.js';

/**
 * The sandbox's answers for the OpenAPI document (src/http/answers.ts): the
 * wallet's view of a code and its receipt, the clock, histories, a POS's QR,
 * the simulated terminals, the webhook configuration and the delivery log.
 * Mercado Pago has none of these; the examples are what caja answers for the
 * README's walk-through seller (a store in Buenos Aires).
 */
const str = Type.String();
const nstr = Type.Union([str, Type.Null()]);
const orNull = (t: TSchema) => Type.Union([t, Type.Null()]);

// The wallet (POST /sandbox/wallet/scan, the URL inside each code).
export const Payable = Type.Object({
  status: Type.Literal('payable'),
  provider: Type.String({ description: 'The counter family of the charge: mercadopago (Orders, QR and Point), mp_instore (the legacy QR models), depay' }),
  merchant: Type.Object({ name: str, city: Type.Optional(str), country: str }),
  amount: Type.String({ description: "In the payer's currency" }),
  currency: str,
  charge: Type.Object({ id: str, external_reference: nstr, description: nstr }),
  items: Type.Optional(Type.Array(Type.Object({ title: str, quantity: Type.Number(), unit_price: str }))),
  details: Type.Optional(Type.Object({})),
});
export const NothingToPay = Type.Object({
  status: Type.Literal('nothing_to_pay'),
  reason: Type.Union(['paid', 'expired', 'canceled', 'refunded', 'failed', 'idle_pos', 'idle_terminal', 'not_payable'].map((r) => Type.Literal(r))),
  message: str,
});
export const ScanAnswer = Type.Union([Payable, NothingToPay]);
export const QrLinkResult = Type.Union([Type.Composite([Type.Object({ qr_data: str }), Payable]), Type.Composite([Type.Object({ qr_data: str }), NothingToPay])]);
export const Receipt = Type.Object({
  id: Type.String({ description: 'The payment id (numeric for Mercado Pago payments)' }),
  status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
  status_detail: str,
  amount: str,
  currency: str,
  charge_id: str,
  payment_method: str,
});

// Seed 004's QR (Depay, BRL 10 paid from Argentina) as the wallet shows it.
const QR_DATA = '00020101021102080000000041370012com.TEST98113069226478599020143160012B000004551965015001130707101020512600220000531909000067076630520454115802AR5918GRANJAS CARNAVE SA6012BUENOS AIRES61041000530303262100706S0282581050001Z63040F00';
export const SCAN_EXAMPLE = {
  status: 'payable',
  provider: 'depay',
  merchant: { name: 'GRANJAS CARNAVE SA', country: 'BR' },
  amount: '2883.91',
  currency: 'ARS',
  charge: { id: '7478bd70-87ad-49d0-9143-9b148d776fc7', external_reference: 'ref_qr_1738847080464_uxv7qyvixc', description: null },
  details: { local_amount: '10.00', local_currency: 'BRL', exchange_rate: '0.0035', qr_from: 'AR', expires_at: '2025-02-06T13:14:40.464Z' },
};
export const RECEIPT_EXAMPLE = {
  id: 'e8a7a740-6f47-11ec-90d6-0242ac120003',
  status: 'approved',
  status_detail: 'accredited',
  amount: '2883.91',
  currency: 'ARS',
  charge_id: '7478bd70-87ad-49d0-9143-9b148d776fc7',
  payment_method: 'account_money',
  order_status: 'COMPLETED',
  user_tax_id: '304658985',
  user_account: '31111111111111111112',
};
export const QR_LINK_EXAMPLE = { qr_data: QR_DATA, ...SCAN_EXAMPLE };
export const WALLET_BODY_EXAMPLE = { qr_data: QR_DATA, outcome: 'approved', payment_method: 'account_money' };

const cause = (code: string, description: string, data: string | null) => ({ code, description, data });

/** The wallet's refusals: a payload that is not EMV (400), a code caja did not issue (404), nothing payable (409). */
export const walletErrors = (withConflict: boolean): Answers => ({
  400: legacyError(400, 'Not an EMV QR payload (invalid_qr_<rule>) or a bad field', cause('invalid_qr_crc', 'Not a valid EMV QR payload: CRC does not match', 'qr_data')),
  404: legacyError(404, 'A code this caja did not issue (or whose POS was deleted)', cause('unknown_qr', 'This code was not issued by this caja (or its POS was deleted)', 'qr_data')),
  ...(withConflict ? { 409: legacyError(409, 'Nothing payable behind the code; the cause code says why (paid, expired, idle_pos, ...)', cause('idle_pos', 'Nothing is pending on this POS', 'qr_data')) } : ({} as Answers)),
  413: legacyError(413),
  415: legacyError(415),
  429: legacyError(429),
});

// The clock and histories.
export const ClockNow = Type.Object({ now: str, offset_seconds: Type.Integer() });
export const ClockAdvanced = Type.Object({ now: str });
export const History = Type.Object({ aggregate: str, id: str, statuses: Type.Array(Type.Object({ status: str, detail: nstr, created_at: str })) });
export const HISTORY_EXAMPLE = {
  aggregate: 'mp_order',
  id: 'ORD01K371WBFDS4MD9JG0K8ZMECBE',
  statuses: [
    { status: 'created', detail: 'created', created_at: '2025-08-21T19:32:21.621Z' },
    { status: 'processed', detail: 'accredited', created_at: '2025-08-21T19:33:02.114Z' },
  ],
};

export const PosQr = Type.Object({ pos_id: Type.Integer(), external_id: str, qr_data: str, image: str, template_document: str, template_image: str, svg: str });
const POS_QR_BASE = 'http://localhost:8080/instore/merchant/qr/41000002/';
const POS_UUID = '3f1c9a7e5b2d4c6f8a0e1b3d5c7e9f2a4b6d8c0e1f3a5b7c9d1e3f5a7b9c1d3e';
export const POS_QR_EXAMPLE = {
  pos_id: 41000002,
  external_id: 'SUC001POS001',
  qr_data: QR_DATA,
  image: `${POS_QR_BASE}${POS_UUID}.png`,
  template_document: `${POS_QR_BASE}template_${POS_UUID}.pdf`,
  template_image: `${POS_QR_BASE}template_${POS_UUID}.png`,
  svg: `${POS_QR_BASE}${POS_UUID}.svg`,
};

// The simulated terminals.
const Screen = Type.Object({
  state: str,
  charge: orNull(Type.Object({ kind: str, id: str, amount: Type.Integer(), currency: str, ticket_number: nstr, description: nstr })),
  card: orNull(Type.Object({ payment_method_id: str, last_four_digits: str, cardholder: str, installments: Type.Integer() })),
  status_detail: nstr,
  ticket: nstr,
  since: Type.Integer(),
});
export const SimTerminal = Type.Object({
  id: str,
  model: str,
  pos_id: Type.Integer(),
  store_id: orNull(Type.Integer()),
  external_pos_id: nstr,
  operating_mode: str,
  settings: Type.Object({ take_delay_ms: Type.Integer(), automatic: orNull(Type.Object({ after_ms: Type.Integer(), outcome: str })) }),
  screen: Screen,
});
export const SimTerminalList = Type.Object({ results: Type.Array(SimTerminal), total: Type.Integer() });
/** What a device action answers: the charge it acted on (an Orders order, or a payment intent of either intents API) and the terminal. */
export const DeviceAction = Type.Union([
  Type.Object({ order: Type.Object({ id: str, status: str, status_detail: str }), terminal: orNull(SimTerminal) }),
  Type.Object({ payment_intent: Type.Object({ id: str, state: str }), terminal: orNull(SimTerminal) }),
]);
export const TERMINAL_EXAMPLE = {
  id: 'NEWLAND_N950__SBX0000001',
  model: 'NEWLAND_N950',
  pos_id: 41000002,
  store_id: 41000001,
  external_pos_id: 'SUC001POS001',
  operating_mode: 'PDV',
  settings: { take_delay_ms: 2000, automatic: null },
  screen: { state: 'idle', charge: null, card: null, status_detail: null, ticket: null, since: 1755804741621 },
};
export const DEVICE_ACTION_EXAMPLE = {
  order: { id: 'ORD01J67CQQH5904WDBVZEM4JMEP3', status: 'processed', status_detail: 'accredited' },
  terminal: {
    ...TERMINAL_EXAMPLE,
    screen: {
      state: 'approved',
      charge: { kind: 'order', id: 'ORD01J67CQQH5904WDBVZEM4JMEP3', amount: 5000, currency: 'MXN', ticket_number: 'S0392JED', description: 'Smartphone' },
      card: { payment_method_id: 'master', last_four_digits: '4389', cardholder: 'APRO', installments: 1 },
      status_detail: 'accredited',
      ticket: null,
      since: 1755804801621,
    },
  },
};
const sandboxConflict = Type.Object({ error: str, message: str, status: Type.Integer(), cause: Type.Array(Type.Object({ code: str, description: str, data: nstr })) });
export const deviceConflict: Answer = {
  description: 'Nothing at the terminal, not waiting for a card (the cause says its state), or not payable',
  schema: sandboxConflict,
  example: { error: 'conflict', message: 'Nothing is at this terminal', status: 409, cause: [cause('idle_terminal', 'Nothing is queued on this terminal', null)] },
};

// Webhooks and the delivery log.
export const WebhookConfig = Type.Object({ user_id: Type.Integer(), url: nstr, topics: Type.Array(str), secret: str, data_id_casing: str, ts_unit: str });
export const WEBHOOK_CONFIG_EXAMPLE = { user_id: 1000000001, url: 'https://example.com/webhooks', topics: ['order', 'payment'], secret: '6f0d3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180716253443526170', data_id_casing: 'original', ts_unit: 'seconds' };

const Attempt = Type.Object({ number: Type.Integer(), started_at: str, duration_ms: orNull(Type.Integer()), response_status: orNull(Type.Integer()), error: nstr });
export const Delivery = Type.Object({
  id: Type.String({ pattern: '^DLV[0-9A-Z]{26}$' }),
  event_id: str,
  kind: str,
  topic: str,
  action: nstr,
  resource_id: str,
  url: nstr,
  status: Type.Union(['pending', 'delivered', 'failed', 'skipped'].map((s) => Type.Literal(s))),
  attempt_count: Type.Integer(),
  next_attempt_at: nstr,
  last_error: nstr,
  replay_of: nstr,
  created_at: str,
  request_id: Type.Optional(str),
  body: Type.Optional(Type.Unknown()),
  attempts: Type.Array(Attempt),
});
export const DeliveryPage = Type.Object({ results: Type.Array(Delivery), paging: Type.Object({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }) });
export const TestSent = Type.Object({ event_id: str, deliveries: Type.Array(Delivery) });
const deliveryBase = {
  id: 'DLV01K371WBFDS4MD9JG0KCV6PRKQ',
  event_id: 'EVT01K371WBFDS4MD9JG0KCV6PRKQ',
  kind: 'mp_webhook',
  topic: 'order',
  action: 'order.processed',
  resource_id: 'ORD01K371WBFDS4MD9JG0K8ZMECBE',
  url: 'https://example.com/webhooks',
  status: 'delivered',
  attempt_count: 1,
  next_attempt_at: null,
  last_error: null,
  replay_of: null,
  created_at: '2025-08-21T19:33:02.114Z',
};
export const DELIVERY_EXAMPLE = { ...deliveryBase, attempts: [{ number: 1, started_at: '2025-08-21T19:33:02.130Z', duration_ms: 41, response_status: 200, error: null }] };
export const DELIVERY_DETAIL_EXAMPLE = {
  ...deliveryBase,
  request_id: '0d5020ed-1af6-469c-ae06-c3bec19954bb',
  body: { action: 'order.processed', api_version: 'v1', application_id: '5000000001', date_created: '2025-08-21T19:33:02.114Z', id: '1755804782114', live_mode: false, type: 'order', user_id: '1000000001', data: { id: 'ORD01K371WBFDS4MD9JG0K8ZMECBE', status: 'processed', status_detail: 'accredited', type: 'qr', version: 2 } },
  attempts: [{ ...DELIVERY_EXAMPLE.attempts[0]!, request: { url: 'https://example.com/webhooks', headers: { 'x-request-id': '0d5020ed-1af6-469c-ae06-c3bec19954bb' }, body: '{"action":"order.processed"}' }, response_body: 'ok' }],
};

export const StreamTicket = Type.Object({ ticket: str, expires_at: str });

/** Seller-token routes: legacyErrors (400, 401, 413, 415, 429) with the route's own. */
export const sellerErrors = (extra: Answers = {}): Answers => legacyErrors(extra);
/** Seller-token reads: 400 only with a path or query to refuse, 401, 429. */
export const sellerReadErrors = (extra: Answers = {}, validated = true): Answers => legacyReadErrors(extra, validated);
export const notFound = (what: string): Answer => legacyError(404, what);
export const otherUser = legacyError(404, 'user_id is not the caller', cause('INVALID_USER_ID', 'User 1 not found', 'user_id'));
