// The closed set of currencies caja accepts. Numeric codes and exponents are
// ISO 4217's, except where Mercado Pago overrides the exponent (see below).
export type CurrencyCode = 'ARS' | 'BRL' | 'MXN' | 'CLP' | 'UYU' | 'COP' | 'PEN' | 'USD';

export interface Currency {
  readonly code: CurrencyCode;
  /** ISO 4217 numeric code, always three digits (leading zeros kept). */
  readonly numeric: string;
  /** Number of decimal digits in the minor unit as caja accepts amounts. */
  readonly exponent: number;
}

const TABLE: { readonly [K in CurrencyCode]: Currency } = Object.freeze({
  ARS: { code: 'ARS', numeric: '032', exponent: 2 },
  BRL: { code: 'BRL', numeric: '986', exponent: 2 },
  MXN: { code: 'MXN', numeric: '484', exponent: 2 },
  // ISO 4217 already gives CLP exponent 0.
  CLP: { code: 'CLP', numeric: '152', exponent: 0 },
  UYU: { code: 'UYU', numeric: '858', exponent: 2 },
  // ISO 4217 says 2 for COP, but Mercado Pago refuses decimal amounts for
  // Chile and Colombia, so caja treats COP amounts as whole pesos.
  COP: { code: 'COP', numeric: '170', exponent: 0 },
  PEN: { code: 'PEN', numeric: '604', exponent: 2 },
  USD: { code: 'USD', numeric: '840', exponent: 2 },
});
for (const c of Object.values(TABLE)) Object.freeze(c);

export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze(
  Object.keys(TABLE) as CurrencyCode[],
);

// Object.hasOwn keeps "toString", "__proto__" and friends out.
export function isCurrencyCode(s: unknown): s is CurrencyCode {
  return typeof s === 'string' && Object.hasOwn(TABLE, s);
}

export function getCurrency(code: string): Currency | undefined {
  return isCurrencyCode(code) ? TABLE[code] : undefined;
}
