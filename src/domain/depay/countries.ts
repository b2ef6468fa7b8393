import type { CurrencyCode } from '../../core/currency.js';

/**
 * The countries caja's Depay serves, as merchant (local_country) or as the
 * payer's wallet (qr_from). A QR "from" a country is paid in its currency
 * (seed: "generates a QR code compatible with the user's currency"), in the
 * payload format that country's wallets read. Cities are where a collector's
 * account sits in each country (EMV tag 60, 15 characters).
 */
export interface DepayCountry {
  code: string;
  currency: CurrencyCode;
  /** 'pix' (BR Code), else the Argentine interoperable structure (qr-payload-standards §2). */
  profile: 'ar' | 'pix';
  city: string;
  /** EMV tag 61, printed only where the sample shows one. */
  postalCode?: string;
}

export const DEPAY_COUNTRIES: Readonly<Record<string, DepayCountry>> = Object.freeze({
  // The seed's valid Depay sample: 60 "CABA - Almagro", 61 "C1006ACT".
  AR: { code: 'AR', currency: 'ARS', profile: 'ar', city: 'CABA - Almagro', postalCode: 'C1006ACT' },
  BR: { code: 'BR', currency: 'BRL', profile: 'pix', city: 'SAO PAULO' },
  CL: { code: 'CL', currency: 'CLP', profile: 'ar', city: 'SANTIAGO' },
  CO: { code: 'CO', currency: 'COP', profile: 'ar', city: 'BOGOTA' },
  EC: { code: 'EC', currency: 'USD', profile: 'ar', city: 'QUITO' },
  MX: { code: 'MX', currency: 'MXN', profile: 'ar', city: 'CDMX' },
  PE: { code: 'PE', currency: 'PEN', profile: 'ar', city: 'LIMA' },
  US: { code: 'US', currency: 'USD', profile: 'ar', city: 'MIAMI' },
  UY: { code: 'UY', currency: 'UYU', profile: 'ar', city: 'MONTEVIDEO' },
});

export const DEPAY_COUNTRY_CODES = Object.keys(DEPAY_COUNTRIES).sort();

export function depayCountry(code: string): DepayCountry | undefined {
  return Object.hasOwn(DEPAY_COUNTRIES, code) ? DEPAY_COUNTRIES[code] : undefined;
}
