import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness, TestSeller } from '../support/harness.js';

/** A seller with a live Depay bearer token. */
export interface DepaySeller extends TestSeller {
  bearer: { authorization: string };
  tokens: { accessToken: string; refreshToken: string; expiresIn: string };
}

export async function depaySeller(caja: Harness, opts: { site?: string; name?: string; autoOutcome?: boolean } = {}): Promise<DepaySeller> {
  const s = await caja.seller(opts.site ?? 'MLB', opts.name);
  const res = await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': s.depay_api_key } });
  expect(res.statusCode, res.body).toBe(200);
  const tokens = res.json() as DepaySeller['tokens'];
  if (opts.autoOutcome === false) await setAutoOutcome(caja, s, false);
  return { ...s, tokens, bearer: { authorization: `Bearer ${tokens.accessToken}` } };
}

export async function setAutoOutcome(caja: Harness, s: TestSeller, on: boolean) {
  const res = await caja.request({ method: 'PUT', url: `/sandbox/sellers/${s.user_id}/depay`, headers: s.auth, payload: { auto_outcome: on } });
  expect(res.statusCode, res.body).toBe(200);
}

let counter = 0;
export const ref = (prefix = 'ref_qr') => `${prefix}_${Date.now()}_${++counter}`;

/** The seed's request body example, with a fresh external_reference. */
export function qrBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    local_currency: 'BRL',
    local_country: 'BR',
    qr_from: 'AR',
    amount: 10,
    pos_external_reference: 'ABC1s23',
    external_reference: ref(),
    notification_url: 'https://webhook.site/82457e1d-8d96-4d00-8ef9-3df6c62a4950',
    tax_id: '123456789',
    ...over,
  };
}

export const depay = (caja: Harness, s: DepaySeller, o: Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> }): Promise<LightMyRequestResponse> =>
  caja.request({ ...o, headers: { ...s.bearer, ...(o.headers ?? {}) } } as InjectOptions);

export interface CreatedQr {
  status: string;
  order_id: string;
  qr_data: string;
  message: string;
  user_amount: number;
  user_currency: string;
  exchange_rate: number;
}

export async function createQr(caja: Harness, s: DepaySeller, over: Record<string, unknown> = {}): Promise<CreatedQr> {
  const res = await depay(caja, s, { method: 'POST', url: '/depay/v2/qr', payload: qrBody(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CreatedQr;
}

export interface OrderView {
  id: string;
  status: string;
  creation_date: string;
  update_date: string;
  local_amount: number;
  local_currency: string;
  user_amount: number;
  user_currency: string;
  external_reference: string;
  statuses: Array<{ status: string; created_at: string }>;
}

export async function getOrder(caja: Harness, s: DepaySeller, id: string): Promise<OrderView> {
  const res = await depay(caja, s, { method: 'GET', url: `/depay/v2/payins/orders/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as OrderView;
}

/** Polls the order until it reaches `status` (timers run in the background). */
export async function orderReaches(caja: Harness, s: DepaySeller, id: string, status: string, timeoutMs = 10_000): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const o = await getOrder(caja, s, id);
    if (o.status === status) return o;
    if (Date.now() > deadline) throw new Error(`order ${id} is ${o.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The sandbox's inside view (locked rate, refunds). */
export async function inside(caja: Harness, s: DepaySeller, id: string) {
  const res = await caja.request({ method: 'GET', url: `/sandbox/depay/orders/${id}`, headers: s.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, any>;
}

export function expectDepayError(res: LightMyRequestResponse, status: number, message: string | string[]) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toEqual({ statusCode: status, message });
}
