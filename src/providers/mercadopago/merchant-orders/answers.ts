import { Type, type TSchema } from '@sinclair/typebox';
import { legacyError } from '../errors/answers.js';

/**
 * merchant_orders' answers for the OpenAPI document: the object as the SDK's
 * MerchantOrder types and supplement §6 list it (ids are numbers, the payment's
 * `status_details`), the search page and the documented error codes.
 */
const str = Type.String();
const num = Type.Number();
const orNull = (t: TSchema) => Type.Union([t, Type.Null()]);
const nstr = orNull(str);

export const MerchantOrderObject = Type.Object({
  id: Type.Integer(),
  preference_id: nstr,
  application_id: nstr,
  status: Type.Union([Type.Literal('opened'), Type.Literal('closed'), Type.Literal('expired')]),
  site_id: str,
  payer: orNull(Type.Object({ id: Type.Integer(), nickname: str })),
  collector: Type.Object({ id: Type.Integer(), nickname: str }),
  sponsor_id: orNull(Type.Integer()),
  payments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      transaction_amount: num,
      total_paid_amount: num,
      shipping_cost: num,
      currency_id: str,
      status: str,
      status_details: Type.String({ description: 'Plural, as the SDK spells it' }),
      operation_type: str,
      date_approved: nstr,
      date_created: str,
      last_modified: str,
      amount_refunded: num,
    }),
  ),
  paid_amount: num,
  refunded_amount: num,
  shipping_cost: num,
  date_created: str,
  cancelled: Type.Boolean(),
  items: Type.Array(Type.Object({ id: nstr, title: str, description: nstr, picture_url: nstr, category_id: nstr, quantity: Type.Integer(), unit_price: num, currency_id: str })),
  shipments: Type.Array(Type.Unknown()),
  notification_url: nstr,
  additional_info: str,
  external_reference: nstr,
  marketplace: str,
  total_amount: num,
  order_status: Type.String({ description: 'payment_required, payment_in_process, partially_paid, paid, partially_reverted, reverted, expired' }),
  last_updated: str,
  is_test: Type.Boolean(),
});

export const MerchantOrderPage = Type.Object({ elements: Type.Array(MerchantOrderObject), next_offset: Type.Integer(), total: Type.Integer() });

/** The merchant_order behind supplement §7's captured payment (its id and amounts), in supplement §6's fields. */
export const MERCHANT_ORDER_EXAMPLE = {
  id: 36246917291,
  preference_id: null,
  application_id: '5000000001',
  status: 'closed',
  site_id: 'MLA',
  payer: { id: 2915257370, nickname: 'TESTUSER2915257370' },
  collector: { id: 3021033244, nickname: 'TESTUSER3021033244' },
  sponsor_id: null,
  payments: [
    {
      id: 137159042654,
      transaction_amount: 5200,
      total_paid_amount: 5200,
      shipping_cost: 0,
      currency_id: 'ARS',
      status: 'approved',
      status_details: 'accredited',
      operation_type: 'regular_payment',
      date_approved: '2025-12-09T13:20:17.000-04:00',
      date_created: '2025-12-09T13:20:17.000-04:00',
      last_modified: '2025-12-09T13:20:17.000-04:00',
      amount_refunded: 0,
    },
  ],
  paid_amount: 5200,
  refunded_amount: 0,
  shipping_cost: 0,
  date_created: '2025-12-09T13:19:58.000-04:00',
  cancelled: false,
  items: [{ id: null, title: ' Citric naranja 1lt', description: 'Order QR - Sucursal 22', picture_url: null, category_id: null, quantity: 1, unit_price: 5200, currency_id: 'ARS' }],
  shipments: [],
  notification_url: null,
  additional_info: '',
  external_reference: 'ID23',
  marketplace: 'NONE',
  total_amount: 5200,
  order_status: 'paid',
  last_updated: '2025-12-09T13:20:17.000-04:00',
  is_test: true,
};

export const MERCHANT_ORDER_BODY_EXAMPLE = {
  external_reference: 'ID23',
  notification_url: 'https://example.com/ipn',
  items: [{ title: 'Citric naranja 1lt', quantity: 1, unit_price: 5200, currency_id: 'ARS' }],
};

/** The token refused (401 invalid_token), the rate limit; 400 with the route's documented codes. */
export function merchantOrderErrors(bad: { code: string; description: string; data: string | null }, what: string) {
  return {
    400: legacyError(400, what, bad),
    401: legacyError(401, 'Missing or invalid access token', { code: 'invalid_token', description: 'invalid access token: no access token', data: null }),
    429: legacyError(429),
  };
}

export const merchantOrderNotFound = legacyError(404, 'No merchant_order with this id for this seller', { code: 'not_found', description: 'Merchant Order not found', data: null });
