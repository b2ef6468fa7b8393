import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness, TestSeller } from './harness.js';
import type { Shop } from './qr-orders.js';

/** The seed's attended order (seed 002) with its placeholders filled for a site's currency. */
export function seedOrder(currency: string, overrides: Record<string, unknown> = {}) {
  return {
    external_reference: 'Bill-0001',
    notification_url: 'www.yourserver.com',
    items: [
      { title: 'Product 1', currency_id: currency, unit_price: 120.0, quantity: 1, description: 'Mercado Pago Item', picture_url: 'https://bit.ly/2lCRcEN' },
      { title: 'Product 2', currency_id: currency, unit_price: 100.0, quantity: 2 },
    ],
    ...overrides,
  };
}

/** POST /mpmobile/instore/qr/{user_id}/{external_id}?access_token=... as the seed sends it. */
export function attended(caja: Harness, shop: Shop, body: unknown, opts: { ttl?: string; userId?: number | string; posId?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  const token = opts.token === undefined ? shop.seller.access_token : opts.token;
  const q = token === null ? '' : `?access_token=${token}`;
  return caja.request({
    method: 'POST',
    url: `/mpmobile/instore/qr/${opts.userId ?? shop.seller.user_id}/${opts.posId ?? shop.posExternalId}${q}`,
    headers: { ...(opts.ttl ? { 'x-ttl-store-preference': opts.ttl } : {}), ...opts.headers },
    payload: body as object,
  });
}

export function v2Path(shop: Shop, opts: { userId?: number; pos?: string; store?: string } = {}) {
  const store = opts.store ? `/stores/${opts.store}` : '';
  return `/instore/qr/seller/collectors/${opts.userId ?? shop.seller.user_id}${store}/pos/${opts.pos ?? shop.posExternalId}/orders`;
}

export function v2Order(overrides: Record<string, unknown> = {}) {
  return {
    external_reference: 'v2-0001',
    title: 'Mesa 4',
    description: 'Cena',
    notification_url: 'http://127.0.0.1:1/unused',
    total_amount: 150.5,
    items: [{ sku_number: 'A1', category: 'food', title: 'Pizza', description: 'Muzza', unit_price: 50.25, quantity: 2, unit_measure: 'unit', total_amount: 100.5 }, { title: 'Soda', unit_price: 50, quantity: 1, unit_measure: 'unit', total_amount: 50 }],
    ...overrides,
  };
}

export async function getMerchantOrder(caja: Harness, seller: TestSeller, id: number | string): Promise<Record<string, any>> {
  const res = await caja.request({ method: 'GET', url: `/merchant_orders/${id}`, headers: seller.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, any>;
}

/** Asserts the legacy envelope and one cause code. */
export function expectLegacyError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { message: string; error: string; status: number; cause: Array<{ code: string }> };
  expect(body).toMatchObject({ message: expect.any(String), error: expect.any(String), status });
  expect(body.cause.map((c) => c.code), res.body).toContain(code);
}
