import type { CurrencyCode } from '../../core/currency.js';

export type SiteId = 'MLA' | 'MLB' | 'MLM' | 'MLC' | 'MLU' | 'MCO' | 'MPE';

export interface AmountLimits {
  /** Minor units. */
  min: number;
  max: number;
}

export interface Site {
  id: SiteId;
  name: string;
  /** ISO 3166-1 alpha-2, as /users/me prints country_id. */
  countryId: string;
  /** ISO 3166-1 alpha-3, as the Orders API prints country_code. */
  countryCode: string;
  currency: CurrencyCode;
  /** POS `category` examples from the POS reference (§2.2 of the reference). */
  categories: { gastronomy: number; gasStation: number };
  /** Intent amount limits (Instore API guides); undefined where no document states them. */
  intentLimits?: AmountLimits;
  /** City printed in QR payloads when a store gives none (EMV tag 60). */
  defaultCity: string;
}

// Categories: https://www.mercadopago.com.co/developers/en/reference/pos/_pos/get
// Limits: Instore Point intents (MLB 1.00–70000.00, MLA 5.00–4000000.00) and the
// legacy integration API (MLM 5.00–350000.00).
export const SITES: Record<SiteId, Site> = {
  MLA: { id: 'MLA', name: 'Argentina', countryId: 'AR', countryCode: 'ARG', currency: 'ARS', categories: { gastronomy: 621102, gasStation: 473000 }, intentLimits: { min: 500, max: 400_000_000 }, defaultCity: 'CABA' },
  MLB: { id: 'MLB', name: 'Brasil', countryId: 'BR', countryCode: 'BRA', currency: 'BRL', categories: { gastronomy: 5611203, gasStation: 4731300 }, intentLimits: { min: 100, max: 7_000_000 }, defaultCity: 'SAO PAULO' },
  MLM: { id: 'MLM', name: 'Mexico', countryId: 'MX', countryCode: 'MEX', currency: 'MXN', categories: { gastronomy: 5812, gasStation: 468419 }, intentLimits: { min: 500, max: 35_000_000 }, defaultCity: 'CIUDAD DE MEXICO' },
  MLC: { id: 'MLC', name: 'Chile', countryId: 'CL', countryCode: 'CHL', currency: 'CLP', categories: { gastronomy: 561000, gasStation: 473001 }, defaultCity: 'SANTIAGO' },
  MLU: { id: 'MLU', name: 'Uruguay', countryId: 'UY', countryCode: 'URY', currency: 'UYU', categories: { gastronomy: 56101, gasStation: 47300 }, defaultCity: 'MONTEVIDEO' },
  MCO: { id: 'MCO', name: 'Colombia', countryId: 'CO', countryCode: 'COL', currency: 'COP', categories: { gastronomy: 5611, gasStation: 4731 }, defaultCity: 'BOGOTA' },
  MPE: { id: 'MPE', name: 'Peru', countryId: 'PE', countryCode: 'PER', currency: 'PEN', categories: { gastronomy: 5520, gasStation: 5050 }, defaultCity: 'LIMA' },
};

export const SITE_IDS = Object.keys(SITES) as SiteId[];

export function isSiteId(s: unknown): s is SiteId {
  return typeof s === 'string' && Object.hasOwn(SITES, s);
}

export function siteOf(id: string): Site {
  if (!isSiteId(id)) throw new Error(`unknown site ${id}`);
  return SITES[id];
}

/** Every POS category a site documents; others are refused as UNKNOWN_MCC. */
export function knownCategories(site: Site): number[] {
  return [site.categories.gastronomy, site.categories.gasStation];
}
