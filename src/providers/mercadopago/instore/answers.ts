import { Type } from '@sinclair/typebox';
import type { Answer } from '../../../http/answers.js';
import { legacyError } from '../errors/answers.js';

/**
 * The legacy QR models' answers for the OpenAPI document (supplement §5, seed
 * 002): the attended order, the v2 order list, the dynamic model's code, and
 * their refusals in the legacy envelope with each API's documented codes.
 */
const str = Type.String();
const num = Type.Number();
const nstr = Type.Union([str, Type.Null()]);

export const AttendedOrder = Type.Object({
  id: Type.String({ description: '<collector_id>-<uuid>' }),
  external_reference: nstr,
  notification_url: nstr,
  sponsor_id: Type.Optional(Type.Integer()),
  items: Type.Array(Type.Object({ id: Type.Optional(str), title: str, currency_id: str, unit_price: num, quantity: num, description: Type.Optional(str), picture_url: Type.Optional(str) })),
  collector_id: Type.Integer(),
  collector: Type.Object({}),
  total_amount: num,
  amount: num,
});

export const V2OrderList = Type.Array(
  Type.Object({
    external_reference: nstr,
    total_amount: num,
    items: Type.Array(Type.Object({ sku_number: nstr, category: nstr, title: str, description: nstr, unit_price: num, quantity: num, unit_measure: str, total_amount: num })),
    title: nstr,
    description: nstr,
    sponsor: Type.Union([Type.Object({ id: Type.Integer() }), Type.Null()]),
    expiration_date: nstr,
    notification_url: nstr,
    cash_out: Type.Optional(Type.Object({ amount: num })),
  }),
);

export const DynamicQr = Type.Object({ qr_data: Type.String({ description: 'EMVCo payload to render as a QR' }), in_store_order_id: str });

/** Seed 002's attended order (its request) and supplement §5.1's answer (the truncated tail as caja prints it). */
export const ATTENDED_BODY_EXAMPLE = {
  external_reference: 'Bill-0001',
  notification_url: 'https://www.yourserver.com/ipn',
  items: [
    { title: 'Product 1', currency_id: 'ARS', unit_price: 120.0, quantity: 1, description: 'Mercado Pago Item', picture_url: 'https://bit.ly/2lCRcEN' },
    { title: 'Product 2', currency_id: 'ARS', unit_price: 100.0, quantity: 2 },
  ],
};
export const ATTENDED_EXAMPLE = {
  id: '360472057-3d2cadbf-2c54-485c-bcb9-f262adc14af6',
  external_reference: 'Bill-0001',
  notification_url: 'https://www.yourserver.com/ipn',
  items: [
    { title: 'Product 1', currency_id: 'ARS', unit_price: 120, quantity: 1, description: 'Mercado Pago Item', picture_url: 'https://bit.ly/2lCRcEN' },
    { title: 'Product 2', currency_id: 'ARS', unit_price: 100, quantity: 2 },
  ],
  collector_id: 360472057,
  collector: {},
  total_amount: 320,
  amount: 320,
};

/** Supplement §5.2's fields, for the v2 PUT and the dynamic POST (the references' example values). */
export const V2_BODY_EXAMPLE = {
  external_reference: '12345',
  title: 'Product order',
  description: 'Product order description',
  notification_url: 'https://www.yourserver.com/ipn',
  expiration_date: '2030-08-22T16:34:56.559-04:00',
  total_amount: 100.0,
  items: [{ sku_number: 'A123K9191938', category: 'marketplace', title: 'Point Mini', description: 'This is the Point Mini', unit_price: 100.0, quantity: 1, unit_measure: 'unit', total_amount: 100.0 }],
};
export const V2_LIST_EXAMPLE = [
  {
    external_reference: '12345',
    total_amount: 100,
    items: [{ sku_number: 'A123K9191938', category: 'marketplace', title: 'Point Mini', description: 'This is the Point Mini', unit_price: 100, quantity: 1, unit_measure: 'unit', total_amount: 100 }],
    title: 'Product order',
    description: 'Product order description',
    sponsor: null,
    expiration_date: '2030-08-22T16:34:56.559-04:00',
    notification_url: 'https://www.yourserver.com/ipn',
  },
];
/** The code is seed 003's dynamic example (the old dynamic POST became Orders' mode dynamic); the id is an in-store order's. */
export const DYNAMIC_EXAMPLE = {
  qr_data: '00020101021226580014br.gov.bcb.qr01368ee55a9c-7db3-41e0-a8cd-fbff4d4765b5204000053039865802BR5925PABLO JOSE DE OLIVEIRA CA6009SAO PAULO61088051040062070503***630442E4',
  in_store_order_id: '360472057-3d2cadbf-2c54-485c-bcb9-f262adc14af6',
};

const cause = (code: string, description: string, data: string | null) => ({ code, description, data });

/** The attended model: every refusal is a 400 (invalid_access_token included, supplement §5.1). */
export function attendedErrors(): Record<number, Answer> {
  return {
    400: legacyError(400, 'invalid_collector_id, invalid_sponsor_id, invalid_items, invalid_expiration_date (X-Ttl-Store-Preference), invalid_externalPosId, or invalid_access_token (no or a wrong token)', cause('invalid_items', 'unit_price invalid', 'items')),
    413: legacyError(413),
    415: legacyError(415),
    429: legacyError(429),
  };
}

/** v2 and the dynamic and hybrid models: 400 with the field's code, 401 invalid_access_token. */
export function v2Errors(what: string): Record<number, Answer> {
  return {
    400: legacyError(400, what, cause('invalid_collectorId', 'The collector 1 is not the owner of the access token', 'user_id')),
    401: legacyError(401, 'Missing or invalid access token', cause('invalid_access_token', 'invalid access token: no access token', null)),
    413: legacyError(413),
    415: legacyError(415),
    429: legacyError(429),
  };
}

export const noInstoreOrder = legacyError(404, 'The POS has no open order', cause('point_of_sale_in_store_order_not_found', 'No associated order found', null));
