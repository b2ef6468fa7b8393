import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect } from 'vitest';
import { testbed, type Harness, type StartOptions, type TestSeller } from './harness.js';
import { advance } from './notify.js';
import { until } from './receiver.js';
import { as, createPos, createStore, extId, type CreatedPos, type CreatedStore } from './stores-fixtures.js';

/** ORD/PAY/CAS/REF + a ULID: 26 Crockford base32 characters, the first 0-7. */
export const idOf = (prefix: string) => new RegExp(`^${prefix}[0-7][0-9A-HJKMNP-TV-Z]{25}$`);
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Site → [country_code, currency, EMV numeric currency, a 50-unit amount as the site prints it, EMV country (alpha-2)]. */
export const SITE_MONEY = {
  MLA: ['ARG', 'ARS', '032', '50.00', 'AR'],
  MLB: ['BRA', 'BRL', '986', '50.00', 'BR'],
  MLM: ['MEX', 'MXN', '484', '50.00', 'MX'],
  MLC: ['CHL', 'CLP', '152', '5000', 'CL'],
  MLU: ['URY', 'UYU', '858', '50.00', 'UY'],
} as const;
export type OrderSite = keyof typeof SITE_MONEY;

export interface Shop {
  seller: TestSeller;
  store: CreatedStore;
  pos: CreatedPos;
  /** A valid QR order body for this shop's POS; `over` replaces top-level keys. */
  body(over?: Record<string, unknown>): Record<string, unknown>;
}

/** A caja and one shop in it, started before the file's tests and closed after them. */
export function shopTestbed(site: OrderSite = 'MLA', opts: StartOptions = {}) {
  const caja = testbed(opts);
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja, site);
  });
  return {
    caja,
    get s() {
      return s;
    },
  };
}

export function orderBody(pos: Pick<CreatedPos, 'external_id'>, over: Record<string, unknown> = {}, amount = '50.00'): Record<string, unknown> {
  return {
    type: 'qr',
    external_reference: extId('R'),
    config: { qr: { external_pos_id: pos.external_id } },
    transactions: { payments: [{ amount }] },
    ...over,
  };
}

/** A seller (new unless given) with a store and a POS, and a body factory for orders on that POS. */
export async function shop(caja: Harness, site = 'MLA', seller?: TestSeller): Promise<Shop> {
  const s = seller ?? (await caja.seller(site));
  const store = await createStore(caja, s);
  const pos = await createPos(caja, s, store);
  const amount = (SITE_MONEY as Record<string, readonly string[]>)[s.site_id]?.[3] ?? '50.00';
  return { seller: s, store, pos, body: (over = {}) => orderBody(pos, over, amount) };
}

type Body = Record<string, unknown> | string | undefined;
const key = () => randomUUID();

/** POST /v1/orders; a string body is sent verbatim; `idem` null sends no X-Idempotency-Key. */
export function order(caja: Harness, seller: TestSeller | null, body: Body, idem: string | null = key()): Promise<LightMyRequestResponse> {
  return as(caja, seller, { method: 'POST', url: '/v1/orders', payload: body as never, headers: idem === null ? {} : { 'x-idempotency-key': idem } });
}

export function cancel(caja: Harness, seller: TestSeller, id: string, idem: string | null = key()): Promise<LightMyRequestResponse> {
  return as(caja, seller, { method: 'POST', url: `/v1/orders/${id}/cancel`, headers: idem === null ? {} : { 'x-idempotency-key': idem } });
}

/** POST /v1/orders/{id}/refund; no body is a total refund. */
export function refund(caja: Harness, seller: TestSeller, id: string, body?: Body, idem: string | null = key(), headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return as(caja, seller, {
    method: 'POST',
    url: `/v1/orders/${id}/refund`,
    ...(body === undefined ? {} : { payload: body as never }),
    headers: { ...(idem === null ? {} : { 'x-idempotency-key': idem }), ...headers },
  });
}

export function getOrder(caja: Harness, seller: TestSeller, id: string): Promise<LightMyRequestResponse> {
  return as(caja, seller, { method: 'GET', url: `/v1/orders/${id}` });
}

export type OrderJson = Record<string, any>;

/** Creates an order and insists on 201. */
export async function created(caja: Harness, seller: TestSeller, body: Record<string, unknown>): Promise<OrderJson> {
  const res = await order(caja, seller, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as OrderJson;
}

/** Pays an order through the sandbox wallet: its own qr_data, or the POS's static code. */
export async function pay(caja: Harness, s: Shop, o: OrderJson, outcome = 'approved'): Promise<LightMyRequestResponse> {
  let qr = o.type_response?.qr_data as string | undefined;
  if (!qr) {
    const res = await as(caja, s.seller, { method: 'GET', url: `/sandbox/pos/${s.pos.id}/qr` });
    expect(res.statusCode, res.body).toBe(200);
    qr = (res.json() as { qr_data: string }).qr_data;
  }
  return caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: qr, outcome } });
}

/** A processed order: created then paid (approved). */
export async function processed(caja: Harness, s: Shop, over: Record<string, unknown> = {}): Promise<OrderJson> {
  const o = await created(caja, s.seller, s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } }, ...over }));
  const paid = await pay(caja, s, o);
  expect(paid.statusCode, paid.body).toBe(201);
  const res = await getOrder(caja, s.seller, o.id);
  expect(res.json()).toMatchObject({ status: 'processed' });
  return res.json() as OrderJson;
}

/** Asserts the Orders envelope {errors:[{code,message,details}]}: status, a code present, optionally a detail containing `detail`. */
export function expectOrdersError(res: LightMyRequestResponse, status: number, code: string, detail?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { errors: Array<{ code: string; message: string; details: string[] }> };
  expect(Object.keys(body)).toEqual(['errors']);
  expect(body.errors.length).toBeGreaterThan(0);
  for (const e of body.errors) expect(e).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
  expect(body.errors.map((e) => e.code), res.body).toContain(code);
  if (detail !== undefined) {
    const details = body.errors.filter((e) => e.code === code).flatMap((e) => e.details);
    expect(details.some((d) => d.includes(detail)), `no ${code} detail contains ${detail}: ${res.body}`).toBe(true);
  }
  return body.errors;
}

/** GET /v1/orders over [now - 1 day, now + 1 day] of real time (for sellers whose clock was not moved). */
export async function search(caja: Harness, seller: TestSeller, query: Record<string, string | number> = {}, around = Date.now()): Promise<LightMyRequestResponse> {
  const q = new URLSearchParams({
    begin_date: new Date(around - 86_400_000).toISOString(),
    end_date: new Date(around + 86_400_000).toISOString(),
    ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
  });
  return as(caja, seller, { method: 'GET', url: `/v1/orders?${q}` });
}

export async function orderCount(caja: Harness, seller: TestSeller): Promise<number> {
  const res = await search(caja, seller);
  expect(res.statusCode, res.body).toBe(200);
  return Number((res.json() as { paging: { total: string } }).paging.total);
}

/** Moves the seller clock past CAJA_MP_REFUND_SECONDS and waits for every refund of the order to be processed. */
export async function settleRefunds(caja: Harness, seller: TestSeller, id: string): Promise<OrderJson> {
  await advance(caja, seller, caja.config.mercadopago.refundSettleMs / 1000 + 1);
  let last: OrderJson = {};
  await until(async () => {
    last = (await getOrder(caja, seller, id)).json() as OrderJson;
    return (last.transactions?.refunds ?? []).every((r: { status: string }) => r.status === 'processed');
  }, 10_000, `refunds of ${id} to be processed`);
  return last;
}

export { extId };

/** Cash-out and extra cash need a Managed Wallet seller (400 seller_configuration otherwise). */
export async function managedWallet(caja: Harness, seller: TestSeller, on = true): Promise<void> {
  const res = await caja.request({ method: 'PUT', url: `/sandbox/sellers/${seller.user_id}/mercadopago`, headers: seller.auth, payload: { managed_wallet: on } });
  expect(res.statusCode, res.body).toBe(200);
}

/** The seller's Mercado Pago options (README, fidelity choices). */
export async function mpOptions(caja: Harness, seller: TestSeller, options: Record<string, unknown>): Promise<void> {
  const res = await caja.request({ method: 'PUT', url: `/sandbox/sellers/${seller.user_id}/mercadopago`, headers: seller.auth, payload: options });
  expect(res.statusCode, res.body).toBe(200);
}
