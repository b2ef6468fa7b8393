import { Type } from '@sinclair/typebox';
import type { Answer } from '../../../http/answers.js';
import { legacyError } from '../errors/answers.js';
import { posV2Body, type PosV2Code } from './errors.js';

/** POS v2's answers for the OpenAPI document (supplement §3): the POS with qr_response, and its error list. */
export const PosV2Object = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  status: Type.String(),
  date_created: Type.String({ description: 'No milliseconds' }),
  date_last_updated: Type.String(),
  user_id: Type.Integer(),
  store_id: Type.String({ description: 'A string in v2' }),
  external_store_id: Type.Union([Type.String(), Type.Null()]),
  external_id: Type.String(),
  qr_response: Type.Object({ uuid: Type.String(), image: Type.String(), template_document: Type.String(), template_image: Type.String(), qr_code: Type.String({ description: 'The EMV text of the printed QR' }) }),
});

// Supplement §3's example (the elided uuid and template URLs completed as caja prints them).
export const POS_V2_EXAMPLE = {
  id: 1234567,
  name: 'POS-001',
  status: 'active',
  date_created: '2024-01-15T10:30:00Z',
  date_last_updated: '2024-01-15T10:30:00Z',
  user_id: 123456,
  store_id: '1234567',
  external_store_id: 'SUC001',
  external_id: 'SUC001POS001',
  qr_response: {
    uuid: '0977b1c4e2a94f5bb1d7e0c3a8f6c8a1',
    image: 'https://www.mercadopago.com/instore/merchant/qr/1234567/abc123.png',
    template_document: 'https://www.mercadopago.com/instore/merchant/qr/1234567/template_abc123.pdf',
    template_image: 'https://www.mercadopago.com/instore/merchant/qr/1234567/template_abc123.png',
    qr_code: '00020101021226940014BR.GOV.BCB.PIX2572pix-qr-h.mercadopago.com/instore/h/p/v2/abc123',
  },
};

export const PosV2Error = Type.Object({
  message: Type.String(),
  error: Type.String(),
  status: Type.Integer(),
  cause: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })),
});

const refusal = (status: number, description: string, code: PosV2Code, message: string): Answer => ({ description, schema: PosV2Error, example: posV2Body(code, message) });

/** What both routes can answer besides their own (the rate limit speaks the legacy envelope). */
export function posV2Errors(bad: string) {
  return {
    400: refusal(400, `${bad}; a missing X-Idempotency-Key is bad_request; the key reused for another request is idempotency_key_already_used (400, not 409); malformed JSON, a body over 1 MiB or not JSON are bad_request`, 'bad_request', 'the X-Idempotency-Key header is required'),
    401: refusal(401, 'Missing or invalid access token', 'unauthorized', 'invalid access token'),
    429: legacyError(429),
  };
}

export const posV2NotFound = refusal(404, 'No such POS', 'pos_not_found', 'POS not found');
