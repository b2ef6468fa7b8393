import { Type, type Static } from '@sinclair/typebox';
import { HttpUrl, MAX_SAFE_ID, NO_CONTROL_CHARS } from '../../../http/types.js';
import { ERRORS_KEY } from '../../../http/validation.js';

// Error codes from the POS reference ("Create POS" / "Update POS" / "Search POS").
const codes = (type: string, extra: Record<string, string> = {}) => ({ [ERRORS_KEY]: { type, required: type, ...extra } });

const NumericId = (code: string) =>
  Type.Union([Type.Integer({ minimum: 1, maximum: MAX_SAFE_ID, ...codes(code, { minimum: code, maximum: code }) }), Type.String({ pattern: '^[0-9]{1,15}$', ...codes(code, { pattern: code }) })], {
    ...codes(code, { anyOf: code }),
  });

const ExternalId = Type.String({
  minLength: 1,
  // "The EXTERNAL_ID field must be alphanumeric, only letters and numbers."
  pattern: '^[A-Za-z0-9]+$',
  maxLength: 40,
  ...codes('INVALID_EXTERNAL_ID', { pattern: 'INVALID_EXTERNAL_ID', minLength: 'INVALID_EXTERNAL_ID', maxLength: 'EXTERNAL_ID_TOO_LONG' }),
});

const fields = {
  // "The NAME must be less than 45 characters."
  name: Type.String({ minLength: 1, maxLength: 44, pattern: NO_CONTROL_CHARS, ...codes('INVALID_NAME', { minLength: 'INVALID_NAME', maxLength: 'NAME_TOO_LONG', pattern: 'INVALID_NAME' }) }),
  fixed_amount: Type.Boolean({ ...codes('INVALID_FIXED_AMOUNT') }),
  store_id: NumericId('INVALID_STORE_ID'),
  external_store_id: Type.String({ minLength: 1, maxLength: 60, pattern: NO_CONTROL_CHARS, ...codes('INVALID_EXTERNAL_STORE_ID', { minLength: 'INVALID_EXTERNAL_STORE_ID', maxLength: 'INVALID_EXTERNAL_STORE_ID', pattern: 'INVALID_EXTERNAL_STORE_ID' }) }),
  external_id: ExternalId,
  category: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SAFE_ID, ...codes('INVALID_CATEGORY', { minimum: 'INVALID_CATEGORY', maximum: 'INVALID_CATEGORY' }) })),
  url: Type.Optional(
    HttpUrl({ maxLength: 300, ...codes('INVALID_URL', { pattern: 'INVALID_URL', maxLength: 'URL_TOO_LONG' }) }),
  ),
};

export const PosCreateBody = Type.Object(fields, {
  additionalProperties: false,
  ...codes('MISSING_BODY', { additionalProperties: 'UNKNOWN_FIELD_EXCEPTION' }),
});
export type PosCreateBody = Static<typeof PosCreateBody>;

// The update reference names two codes differently: POS_INVALID_STORE_ID, POS_UNKNOWN_MCC.
export const PosUpdateBody = Type.Partial(Type.Object({ ...fields, store_id: NumericId('POS_INVALID_STORE_ID') }), {
  additionalProperties: false,
  ...codes('MISSING_BODY', { additionalProperties: 'UNKNOWN_FIELD_EXCEPTION' }),
});
export type PosUpdateBody = Static<typeof PosUpdateBody>;

export const PosParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,15}$', ...codes('INVALID_POS_ID', { pattern: 'INVALID_POS_ID' }) }),
});

export const PosSearchQuery = Type.Object({
  external_id: Type.Optional(ExternalId),
  external_store_id: Type.Optional(Type.String({ maxLength: 60, pattern: NO_CONTROL_CHARS, ...codes('INVALID_EXTERNAL_STORE_ID', { maxLength: 'INVALID_EXTERNAL_STORE_ID', pattern: 'INVALID_EXTERNAL_STORE_ID' }) })),
  store_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', ...codes('INVALID_STORE_ID', { pattern: 'INVALID_STORE_ID' }) })),
  category: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', ...codes('INVALID_CATEGORY', { pattern: 'INVALID_CATEGORY' }) })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50, ...codes('INVALID_LIMIT', { minimum: 'INVALID_LIMIT', maximum: 'INVALID_LIMIT' }) }),
  offset: Type.Integer({ minimum: 0, maximum: MAX_SAFE_ID, default: 0, ...codes('INVALID_OFFSET', { minimum: 'INVALID_OFFSET', maximum: 'INVALID_OFFSET' }) }),
  access_token: Type.Optional(Type.String()),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PosResponse = Type.Object({
  id: Type.Integer(),
  qr: Type.Object({ image: Type.String(), template_document: Type.String(), template_image: Type.String() }),
  status: Type.String(),
  date_created: Type.String(),
  date_last_updated: Type.String(),
  uuid: Type.String(),
  user_id: Type.Integer(),
  name: Type.String(),
  fixed_amount: Type.Boolean(),
  category: Type.Optional(Type.Integer()),
  store_id: Nullable(Type.String({ description: 'A string, as the POS yaml types it; null once the store was deleted' })),
  external_store_id: Nullable(Type.String()),
  external_id: Type.String(),
  url: Type.Optional(Type.String()),
});

export const PosPage = Type.Object({
  paging: Type.Object({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }),
  results: Type.Array(PosResponse),
});

export const POS_BODY_EXAMPLE = { name: 'Caja 1', fixed_amount: true, store_id: 41000001, external_store_id: 'SUC001', external_id: 'SUC001POS001', category: 621102 };
const qrBase = 'http://localhost:8080/instore/merchant/qr/42000001';
const uuid = '8a4fd05e1b2c4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60';
export const POS_EXAMPLE = {
  id: 42000001,
  qr: { image: `${qrBase}/${uuid}.png`, template_document: `${qrBase}/template_${uuid}.pdf`, template_image: `${qrBase}/template_${uuid}.png` },
  status: 'active',
  date_created: '2025-01-15T13:30:00.000Z',
  date_last_updated: '2025-01-15T13:30:00.000Z',
  uuid,
  user_id: 1000000001,
  name: 'Caja 1',
  fixed_amount: true,
  category: 621102,
  store_id: '41000001',
  external_store_id: 'SUC001',
  external_id: 'SUC001POS001',
};
