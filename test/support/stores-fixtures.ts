import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness, TestSeller } from './harness.js';

/** A real address inside each site's country, so the coordinates check passes. */
export const SITE_PLACES = {
  MLA: { street_name: 'Av. Corrientes', street_number: '1234', city_name: 'CABA', state_name: 'Capital Federal', latitude: -34.6037, longitude: -58.3816 },
  MLB: { street_name: 'Av. Paulista', street_number: '1000', city_name: 'São Paulo', state_name: 'SP', latitude: -23.5614, longitude: -46.6559 },
  MLM: { street_name: 'Paseo de la Reforma', street_number: '222', city_name: 'Ciudad de México', state_name: 'CDMX', latitude: 19.4326, longitude: -99.1332 },
  MLC: { street_name: 'Av. Providencia', street_number: '1234', city_name: 'Santiago', state_name: 'RM', latitude: -33.4489, longitude: -70.6693 },
  MLU: { street_name: 'Av. 18 de Julio', street_number: '1000', city_name: 'Montevideo', state_name: 'Montevideo', latitude: -34.9011, longitude: -56.1645 },
  MCO: { street_name: 'Carrera 7', street_number: '100', city_name: 'Bogotá', state_name: 'Cundinamarca', latitude: 4.711, longitude: -74.0721 },
  MPE: { street_name: 'Av. Larco', street_number: '500', city_name: 'Lima', state_name: 'Lima', latitude: -12.0464, longitude: -77.0428 },
} as const;

export type SiteKey = keyof typeof SITE_PLACES;

/** POS categories each site documents (reference §2.2, src/domain/sellers/sites.ts). */
export const SITE_CATEGORIES: Record<SiteKey, { gastronomy: number; gasStation: number }> = {
  MLA: { gastronomy: 621102, gasStation: 473000 },
  MLB: { gastronomy: 5611203, gasStation: 4731300 },
  MLM: { gastronomy: 5812, gasStation: 468419 },
  MLC: { gastronomy: 561000, gasStation: 473001 },
  MLU: { gastronomy: 56101, gasStation: 47300 },
  MCO: { gastronomy: 5611, gasStation: 4731 },
  MPE: { gastronomy: 5520, gasStation: 5050 },
};

let counter = 0;
/** A fresh alphanumeric external id, unique within the test process. */
export function extId(prefix = 'X'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).toUpperCase()}${counter}`;
}

export const HOURS = { monday: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '20:00' }], saturday: [{ open: '09:00', close: '13:00' }] };

/** A valid store create body in the seller's country; `over` replaces top-level keys. */
export function storeBody(seller: Pick<TestSeller, 'site_id'>, over: Record<string, unknown> = {}): Record<string, unknown> {
  const place = SITE_PLACES[seller.site_id as SiteKey];
  return { name: 'Sucursal Centro', external_id: extId('S'), location: { ...place, reference: 'Near the corner' }, business_hours: HOURS, ...over };
}

/** A valid location for the seller's site with some keys replaced or removed (value undefined). */
export function locationWith(seller: Pick<TestSeller, 'site_id'>, over: Record<string, unknown>): Record<string, unknown> {
  const loc: Record<string, unknown> = { ...SITE_PLACES[seller.site_id as SiteKey], ...over };
  for (const k of Object.keys(loc)) if (loc[k] === undefined) delete loc[k];
  return loc;
}

export interface CreatedStore {
  id: number;
  external_id: string;
  [k: string]: unknown;
}

export interface CreatedPos {
  id: number;
  uuid: string;
  external_id: string;
  store_id: string | null;
  qr: { image: string; template_document: string; template_image: string };
  [k: string]: unknown;
}

export function posBody(store: Pick<CreatedStore, 'id' | 'external_id'>, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Caja 1', fixed_amount: true, store_id: store.id, external_store_id: store.external_id, external_id: extId('P'), ...over };
}

type Req = Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> };

/** A request as `seller`; a string payload is sent verbatim as application/json. */
export function as(caja: Harness, seller: TestSeller | null, req: Req): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(seller ? seller.auth : {}), ...req.headers };
  if (req.payload !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  return caja.request({ ...req, headers } as InjectOptions);
}

export async function createStore(caja: Harness, seller: TestSeller, over: Record<string, unknown> = {}): Promise<CreatedStore> {
  const res = await as(caja, seller, { method: 'POST', url: `/users/${seller.user_id}/stores`, payload: storeBody(seller, over) });
  if (res.statusCode !== 200) throw new Error(`store creation failed: ${res.statusCode} ${res.body}`);
  return res.json() as CreatedStore;
}

export async function createPos(caja: Harness, seller: TestSeller, store: CreatedStore, over: Record<string, unknown> = {}): Promise<CreatedPos> {
  const res = await as(caja, seller, { method: 'POST', url: '/pos', payload: posBody(store, over) });
  if (res.statusCode !== 200) throw new Error(`POS creation failed: ${res.statusCode} ${res.body}`);
  return res.json() as CreatedPos;
}

export async function storeTotal(caja: Harness, seller: TestSeller): Promise<number> {
  const res = await as(caja, seller, { method: 'GET', url: `/users/${seller.user_id}/stores/search` });
  // A search that matches nothing is 404 store_not_found (supplement §9).
  if (res.statusCode === 404) return 0;
  expect(res.statusCode).toBe(200);
  return (res.json() as { paging: { total: number } }).paging.total;
}

export async function posTotal(caja: Harness, seller: TestSeller): Promise<number> {
  const res = await as(caja, seller, { method: 'GET', url: '/pos' });
  expect(res.statusCode).toBe(200);
  return (res.json() as { paging: { total: number } }).paging.total;
}

export interface LegacyCauseBody {
  code: string;
  description: string;
  data: string | null;
}

/**
 * Asserts the legacy envelope {message, error, status, cause}; with `code`, that some cause carries it; with `field`, that the cause
 * (the one with `code`, or any) names the field in `data` or `description`.
 */
export function expectLegacy(res: LightMyRequestResponse, status: number, code?: string, field?: string): LegacyCauseBody[] {
  const kinds: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 404: 'not_found', 409: 'conflict' };
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { message: unknown; error: unknown; status: unknown; cause: LegacyCauseBody[] };
  expect(body).toMatchObject({ message: expect.any(String), error: kinds[status], status });
  expect(Array.isArray(body.cause)).toBe(true);
  for (const c of body.cause) {
    expect(c).toEqual({ code: expect.any(String), description: expect.any(String), data: c.data === null ? null : expect.any(String) });
  }
  const relevant = code ? body.cause.filter((c) => c.code === code) : body.cause;
  if (code) expect(relevant.map((c) => c.code), `causes: ${res.body}`).toContain(code);
  if (field) {
    expect(relevant.some((c) => (c.data ?? '').includes(field) || c.description.includes(field)), `no cause names ${field}: ${res.body}`).toBe(true);
  }
  return body.cause;
}
