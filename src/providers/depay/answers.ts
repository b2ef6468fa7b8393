import { Type } from '@sinclair/typebox';
import type { Answer, Answers } from '../../http/answers.js';
import { DEPAY_ERRORS, type DepayErrorKind } from './errors.js';

/**
 * Depay's answers for the OpenAPI document (src/http/answers.ts), with seed
 * 004's and reference §5's own examples: the token pair, the created QR, the
 * order with its status history, the refund, the rates, and the
 * {statusCode, message} envelope (message a string, or sentences for a 400).
 */
const str = Type.String();
const num = Type.Number();

export const DepayError = Type.Object({ statusCode: Type.Integer(), message: Type.Union([str, Type.Array(str)]) });

export const TokenPair = Type.Object({ expiresIn: Type.String({ description: 'Seconds, as a string' }), accessToken: str, refreshToken: str });
export const CreatedQr = Type.Object({ status: Type.Literal('success'), order_id: Type.String({ description: 'A UUID' }), qr_data: str, message: str, user_amount: num, user_currency: str, exchange_rate: num });
export const DepayOrder = Type.Object({
  id: str,
  status: str,
  creation_date: str,
  update_date: str,
  local_amount: num,
  local_currency: str,
  user_amount: num,
  user_currency: str,
  external_reference: str,
  statuses: Type.Array(Type.Object({ status: str, created_at: str })),
});
export const DepayRefund = Type.Object({ id: str, status: str });
export const Rates = Type.Object({ exchangeRate_1: str, description_xr_1: str, exchangeRate_2: str, description_xr_2: str });

// Reference §5.1 (the JWTs elided there; caja's tokens are opaque strings of this form).
export const TOKEN_EXAMPLE = { expiresIn: '3600', accessToken: 'dpt_3f9c1a7e5b2d4c6f8a0e1b3d5c7e9f2a4b6d8c0e1f3a5b7c', refreshToken: 'dpr_7a5c3e1f9b8d6a4c2e0f1b3d5a7c9e2f4b6d8a0c1e3f5a7b' };
// Seed 004, "Create a new QR for a Point of Sales": request and 201.
export const QR_BODY_EXAMPLE = {
  local_currency: 'BRL',
  local_country: 'BR',
  qr_from: 'AR',
  amount: 10,
  pos_external_reference: 'ABC1s23',
  external_reference: 'ref_qr_1738847080464_uxv7qyvixc',
  notification_url: 'https://webhook.site/82457e1d-8d96-4d00-8ef9-3df6c62a4950',
  tax_id: '123456789',
};
export const QR_CREATED_EXAMPLE = {
  status: 'success',
  order_id: '7478bd70-87ad-49d0-9143-9b148d776fc7',
  qr_data: '00020101021102080000000041370012com.TEST98113069226478599020143160012B000004551965015001130707101020512600220000531909000067076630520454115802AR5918GRANJAS CARNAVE SA6012BUENOS AIRES61041000530303262100706S0282581050001Z63040F00',
  message: 'QR generated successfully.',
  user_amount: 2883.9085042893075,
  user_currency: 'ARS',
  exchange_rate: 0.0035,
};
// Seed 004, "Get Payment Statuses".
export const ORDER_EXAMPLE = {
  id: '7478bd70-87ad-49d0-9143-9b148d776fc7',
  status: 'COMPLETED',
  creation_date: '2023-05-15T11:45:38.2678234+00:00',
  update_date: '2023-05-15T11:45:38.2678234+00:00',
  local_amount: 7,
  local_currency: 'ARS',
  user_amount: 7,
  user_currency: 'ARS',
  external_reference: '123123123',
  statuses: [
    { status: 'CREATED', created_at: '2024-11-01 20:01:30.948423' },
    { status: 'WAITING_AMOUNT', created_at: '2024-11-01 20:01:50.567650' },
    { status: 'COMPLETED', created_at: '2024-11-01 20:02:00.343641' },
  ],
};
// Seed 004, "QR Refund".
export const REFUND_BODY_EXAMPLE = { order_id: '7478bd70-87ad-49d0-9143-9b148d776fc7', partial: false, amount: 1000, reason: 'refund reason', notification_url: 'https://qrpayments.depay.us/webhook/' };
export const REFUND_EXAMPLE = { id: 'e8a7a740-6f47-11ec-90d6-0242ac120003', status: 'PENDING' };
// Reference §5.4.
export const RATES_EXAMPLE = { exchangeRate_1: '0.17', description_xr_1: '1 BRL = 0.17 USD', exchangeRate_2: '5.86', description_xr_2: '1 USD = 5.86 BRL' };

const error = (description: string, status: number, message: string | string[]): Answer => ({ description, schema: DepayError, example: { statusCode: status, message } });
const kind = (k: DepayErrorKind, description?: string): Answer => error(description ?? DEPAY_ERRORS[k][1], DEPAY_ERRORS[k][0], DEPAY_ERRORS[k][1]);

/** What every token-guarded Depay route can answer besides its own: 400, 401 and the rate limit (NestJS's throttler wording). */
export function depayErrors(badRequest: string[], extra: Answers = {}): Answers {
  return {
    400: error('Each problem a sentence (class-validator style)', 400, badRequest),
    401: kind('unauthorized', 'Missing, unknown or expired bearer token'),
    429: error('Too many requests for this token; Retry-After says when to retry', 429, 'ThrottlerException: Too Many Requests'),
    ...extra,
  };
}

/** A body-taking route also answers 413 and 415. */
export const depayBodyErrors = (badRequest: string[], extra: Answers = {}): Answers => depayErrors(badRequest, { 413: kind('payload_too_large'), 415: kind('unsupported_media_type'), ...extra });

export const depayOrderNotFound = kind('order_not_found', 'No such order of this seller (or not a UUID)');
export const depayConflict = (message: string, description: string) => error(description, 409, message);
export const depayForbidden = kind('forbidden', 'Unknown x-api-key');
export const depayUnauthorized = kind('unauthorized', 'Unknown or spent refresh token');
export const depayTooMany = error('Too many requests for this key', 429, 'ThrottlerException: Too Many Requests');

// caja's own Depay controls under /sandbox (the legacy envelope, the seller's Mercado Pago token).
const money = Type.Object({ amount: str, currency: str });
export const Settings = Type.Object({ user_id: Type.Integer(), auto_outcome: Type.Boolean() });
export const SandboxDepayOrders = Type.Object({
  results: Type.Array(Type.Object({ id: str, external_reference: str, status: str, local: money, user: money, created_at: str })),
  paging: Type.Object({ offset: Type.Integer(), limit: Type.Integer() }),
});
const nstr = Type.Union([str, Type.Null()]);
export const SandboxDepayOrder = Type.Object({
  id: str,
  status: str,
  local: Type.Object({ amount: str, currency: str, country: str }),
  user: Type.Object({ amount: str, currency: str, country: str }),
  locked_rate: Type.Object({ exchange_rate: str }),
  payer: Type.Union([Type.Object({ payment_id: str, name: nstr, tax_id: nstr, account: nstr }), Type.Null()]),
  refunded: Type.Object({ local: str, user: str, settled_local: str }),
  refunds: Type.Array(Type.Object({ id: str, status: str, partial: Type.Boolean(), amount: str, user_amount: str, reason: str, notification_url: nstr, created_at: str })),
  expires_at: str,
  statuses: Type.Array(Type.Object({ status: str, reason: nstr, created_at: str })),
});
// Seed 004's order (BRL 10 paid from Argentina at 0.0035) as caja shows it inside.
export const SANDBOX_ORDERS_EXAMPLE = {
  results: [{ id: '7478bd70-87ad-49d0-9143-9b148d776fc7', external_reference: 'ref_qr_1738847080464_uxv7qyvixc', status: 'COMPLETED', local: { amount: '10.00', currency: 'BRL' }, user: { amount: '2883.91', currency: 'ARS' }, created_at: '2025-02-06T13:04:40.464Z' }],
  paging: { offset: 0, limit: 30 },
};
export const SANDBOX_ORDER_EXAMPLE = {
  id: '7478bd70-87ad-49d0-9143-9b148d776fc7',
  status: 'COMPLETED',
  local: { amount: '10.00', currency: 'BRL', country: 'BR' },
  user: { amount: '2883.91', currency: 'ARS', country: 'AR' },
  locked_rate: { BRL_per_usd: '5.86', ARS_per_usd: '1690.00', exchange_rate: '0.0035' },
  payer: { payment_id: 'e8a7a740-6f47-11ec-90d6-0242ac120003', name: 'Juan Perez', tax_id: '304658985', account: '31111111111111111112' },
  refunded: { local: '0.00', user: '0.00', settled_local: '0.00' },
  refunds: [],
  expires_at: '2025-02-06T13:14:40.464Z',
  statuses: [
    { status: 'CREATED', reason: null, created_at: '2025-02-06T13:04:40.464Z' },
    { status: 'WAITING_AMOUNT', reason: null, created_at: '2025-02-06T13:05:01.112Z' },
    { status: 'COMPLETED', reason: null, created_at: '2025-02-06T13:05:11.870Z' },
  ],
};
