import { Type, type Static } from '@sinclair/typebox';
import { MAX_SAFE_ID, NO_CONTROL_CHARS } from '../../../http/types.js';
import { ERRORS_KEY } from '../../../http/validation.js';

// Error codes from the Stores reference ("Create store" / "Update store"):
// INVALID_USER_ID, UNKNOWN_FIELD, INVALID_NAME, INVALID_BUSINESS_HOURS,
// INVALID_DAY, INVALID_LOCATION, INVALID_STREET_NAME, ... INVALID_REFERENCE.
const codes = (type: string, extra: Record<string, string> = {}) => ({ [ERRORS_KEY]: { type, required: type, minLength: type, maxLength: type, pattern: type, ...extra } });

const text = (code: string, max: number) => Type.String({ minLength: 1, maxLength: max, pattern: NO_CONTROL_CHARS, ...codes(code) });

const TimeRange = Type.Object(
  {
    open: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', ...codes('INVALID_DAY', { pattern: 'INVALID_DAY' }) }),
    close: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', ...codes('INVALID_DAY', { pattern: 'INVALID_DAY' }) }),
  },
  { additionalProperties: false, ...codes('INVALID_DAY', { additionalProperties: 'UNKNOWN_FIELD' }) },
);
// The current reference allows up to four opening ranges a day.
const Day = Type.Array(TimeRange, { maxItems: 4, ...codes('INVALID_DAY', { maxItems: 'INVALID_DAY' }) });

export const BusinessHours = Type.Object(
  {
    monday: Type.Optional(Day),
    tuesday: Type.Optional(Day),
    wednesday: Type.Optional(Day),
    thursday: Type.Optional(Day),
    friday: Type.Optional(Day),
    saturday: Type.Optional(Day),
    sunday: Type.Optional(Day),
  },
  { additionalProperties: false, ...codes('INVALID_BUSINESS_HOURS', { additionalProperties: 'INVALID_DAY' }) },
);

export const Location = Type.Object(
  {
    street_number: text('INVALID_STREET_NUMBER', 20),
    street_name: text('INVALID_STREET_NAME', 150),
    city_name: text('INVALID_CITY_NAME', 100),
    state_name: text('INVALID_STATE_NAME', 100),
    zip_code: Type.Optional(text('INVALID_ZIP_CODE', 20)),
    latitude: Type.Number({ minimum: -90, maximum: 90, ...codes('INVALID_LATITUDE', { minimum: 'INVALID_LATITUDE', maximum: 'INVALID_LATITUDE' }) }),
    longitude: Type.Number({ minimum: -180, maximum: 180, ...codes('INVALID_LONGITUDE', { minimum: 'INVALID_LONGITUDE', maximum: 'INVALID_LONGITUDE' }) }),
    reference: Type.Optional(Type.String({ maxLength: 250, pattern: NO_CONTROL_CHARS, ...codes('INVALID_REFERENCE') })),
  },
  { additionalProperties: false, ...codes('INVALID_LOCATION', { additionalProperties: 'UNKNOWN_FIELD' }) },
);

// The reference: external_id "can contain up to 60 characters"; caja keeps it to letters and digits like the POS id.
const ExternalId = Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9]+$', ...codes('INVALID_EXTERNAL_ID', { pattern: 'INVALID_EXTERNAL_ID' }) });

export const StoreCreateBody = Type.Object(
  {
    name: text('INVALID_NAME', 100),
    external_id: Type.Optional(ExternalId),
    location: Location,
    business_hours: Type.Optional(BusinessHours),
  },
  { additionalProperties: false, ...codes('MISSING_BODY', { additionalProperties: 'UNKNOWN_FIELD', required: 'MISSING_BODY' }) },
);
export type StoreCreateBody = Static<typeof StoreCreateBody>;

export const StoreUpdateBody = Type.Partial(StoreCreateBody, {
  additionalProperties: false,
  ...codes('MISSING_BODY', { additionalProperties: 'UNKNOWN_FIELD' }),
});
export type StoreUpdateBody = Static<typeof StoreUpdateBody>;

const numericId = (code: string) => Type.String({ pattern: '^[0-9]{1,15}$', ...codes(code, { pattern: code }) });

export const UserParams = Type.Object({ user_id: numericId('INVALID_USER_ID') });
export const StoreParams = Type.Object({ id: numericId('INVALID_STORE_ID') });
export const UserStoreParams = Type.Object({ user_id: numericId('INVALID_USER_ID'), id: numericId('INVALID_STORE_ID') });

export const StoreSearchQuery = Type.Object({
  // "INVALID_EXTERNAL_ID: external_id must be alphanumeric" (the search page).
  external_id: Type.Optional(ExternalId),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50, ...codes('INVALID_LIMIT', { minimum: 'INVALID_LIMIT', maximum: 'INVALID_LIMIT' }) }),
  offset: Type.Integer({ minimum: 0, maximum: MAX_SAFE_ID, default: 0, ...codes('INVALID_OFFSET', { minimum: 'INVALID_OFFSET', maximum: 'INVALID_OFFSET' }) }),
  access_token: Type.Optional(Type.String()),
});

const LocationOut = Type.Object({
  address_line: Type.String(),
  reference: Type.Optional(Type.String()),
  latitude: Type.Number(),
  longitude: Type.Number(),
});

export const StoreResponse = Type.Object({
  id: Type.Number(),
  name: Type.String(),
  date_created: Type.Optional(Type.String()),
  date_creation: Type.Optional(Type.String({ description: 'GET /stores/{id} prints this spelling (sic), as Mercado Pago does' })),
  business_hours: Type.Optional(Type.Unknown()),
  location: LocationOut,
  external_id: Type.Optional(Type.String()),
});

export const StoreDeleted = Type.Object({ store: Type.Integer(), user: Type.Integer() });

export const StorePage = Type.Object({
  paging: Type.Object({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }),
  results: Type.Array(StoreResponse),
});

// Real bodies for the docs' "Try it out" and examples (a seller in Argentina).
export const STORE_BODY_EXAMPLE = {
  name: 'Panaderia Norte',
  external_id: 'SUC001',
  location: { street_number: '1234', street_name: 'Av. Cabildo', city_name: 'CABA', state_name: 'Capital Federal', latitude: -34.56, longitude: -58.46, reference: 'Near the station' },
  business_hours: { monday: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '20:00' }] },
};
const storeExample = {
  id: 41000001,
  name: 'Panaderia Norte',
  business_hours: STORE_BODY_EXAMPLE.business_hours,
  location: { address_line: 'Av. Cabildo 1234, CABA, Capital Federal', reference: 'Near the station', latitude: -34.56, longitude: -58.46 },
  external_id: 'SUC001',
};
export const STORE_EXAMPLE = { ...storeExample, date_created: '2025-01-15T13:30:00.000Z' };
export const STORE_GET_EXAMPLE = { ...storeExample, date_creation: '2025-01-15T13:30:00.000Z' };
export const STORE_UPDATE_EXAMPLE = { ...storeExample, date_creation: '2025-01-15T13:30:00.000Z', date_created: '2025-01-15T13:30:00.000Z' };
