import { Type } from '@sinclair/typebox';
import { CURRENCY_CODES, getCurrency } from '../../../core/currency.js';
import { parseAmount } from '../../../core/money.js';
import { DEPAY_COUNTRY_CODES } from '../../../domain/depay/countries.js';
import { HttpUrl, Text } from '../../../http/types.js';
import { ERRORS_KEY } from '../../../http/validation.js';

// Sentences for the patterns of the shared wire types (class-validator's where it has one).
export const NO_CONTROLS = { [ERRORS_KEY]: { pattern: 'must not contain control characters' } };
export const URL_ADDRESS = { [ERRORS_KEY]: { pattern: 'must be a URL address' } };

const CURRENCIES = [...CURRENCY_CODES].sort();
export const Currency = (description: string) => Type.Unsafe<string>({ type: 'string', enum: CURRENCIES, description });
const Country = (description: string) => Type.Unsafe<string>({ type: 'string', enum: DEPAY_COUNTRY_CODES, description });

/** Ten digits before the point: any converted amount still fits EMV tag 54 for the default rates. */
export const MAX_AMOUNT = 9_999_999_999;
export const Amount = (description: string) => Type.Number({ exclusiveMinimum: 0, maximum: MAX_AMOUNT, description });

const Quantity = Type.Number({ minimum: 0, maximum: MAX_AMOUNT });
const Item = Type.Object({
  sku_number: Type.Optional(Text({ minLength: 1, maxLength: 100, ...NO_CONTROLS })),
  category: Type.Optional(Text({ maxLength: 100, ...NO_CONTROLS })),
  name: Type.Optional(Text({ maxLength: 256, ...NO_CONTROLS })),
  quantity: Type.Optional(Quantity),
  unit_price: Type.Optional(Quantity),
  total_amount: Type.Optional(Quantity),
});

/** Seed 004, "Create a new QR for a Point of Sales" (request body table). Unknown properties are ignored. */
export const CreateQrBody = Type.Object({
  local_currency: Currency("The merchant's currency (ISO 4217)"),
  local_country: Country("The merchant's country (ISO 3166-1 alpha-2)"),
  qr_from: Country("The payer's country: the QR is in its wallets' format and its currency"),
  amount: Amount("Total in the merchant's currency; its last digit picks the stage outcome"),
  pos_external_reference: Text({ minLength: 1, maxLength: 100, ...NO_CONTROLS }),
  external_reference: Text({ minLength: 1, maxLength: 100, ...NO_CONTROLS, description: 'Unique per seller: a repeat is 409 Conflict error' }),
  notification_url: HttpUrl({ maxLength: 500, ...URL_ADDRESS }),
  tax_id: Type.Optional(Text({ minLength: 1, maxLength: 30, ...NO_CONTROLS })),
  // The seed types items as Object with item fields: caja takes one item or an array of them.
  items: Type.Optional(Type.Array(Item, { maxItems: 100 })),
});

/** The amount's decimals against its currency: a check across two fields, reported with the schema's problems. */
export function amountProblems(amount: unknown, currency: unknown, field = 'amount'): string[] {
  const c = typeof currency === 'string' ? getCurrency(currency) : undefined;
  if (typeof amount !== 'number' || !c || !(amount > 0)) return [];
  const parsed = parseAmount(amount, { exponent: c.exponent });
  if (parsed.ok || parsed.error.reason === 'too_large') return [];
  return [`${field} must have at most ${c.exponent} decimal places in ${c.code}`];
}

export function createProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, unknown>;
  return amountProblems(b.amount, b.local_currency);
}

export const OrderParams = Type.Object({ order_id: Type.String({ maxLength: 100 }) });

/** Order ids are UUIDs; anything else cannot name an order (and never reaches the database). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const isOrderId = (s: string): boolean => new RegExp(UUID_PATTERN).test(s);
