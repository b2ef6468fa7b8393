import { expect } from 'vitest';
import type { Harness, TestSeller } from './harness.js';

export interface Shop {
  seller: TestSeller;
  storeId: number;
  posId: number;
  posExternalId: string;
  /** The POS's printed (static) QR payload. */
  posQr: string;
}

const PLACES: Record<string, { city: string; state: string; lat: number; lon: number }> = {
  MLA: { city: 'CABA', state: 'Capital Federal', lat: -34.6037, lon: -58.3816 },
  MLB: { city: 'Sao Paulo', state: 'SP', lat: -23.5505, lon: -46.6333 },
  MLM: { city: 'CDMX', state: 'CDMX', lat: 19.4326, lon: -99.1332 },
  MLC: { city: 'Santiago', state: 'RM', lat: -33.4489, lon: -70.6693 },
  MLU: { city: 'Montevideo', state: 'Montevideo', lat: -34.9011, lon: -56.1645 },
};

let counter = 0;

/** A seller with one store and one POS, ready to take QR orders. */
export async function openShop(caja: Harness, site = 'MLA'): Promise<Shop> {
  const seller = await caja.seller(site);
  const n = ++counter;
  const p = PLACES[site]!;
  const store = await caja.request({
    method: 'POST',
    url: `/users/${seller.user_id}/stores`,
    headers: seller.auth,
    payload: { name: 'Panaderia Central', external_id: `STORE${n}`, location: { street_number: '100', street_name: 'Main', city_name: p.city, state_name: p.state, latitude: p.lat, longitude: p.lon } },
  });
  expect(store.statusCode, store.body).toBe(200);
  const pos = await caja.request({
    method: 'POST',
    url: '/pos',
    headers: seller.auth,
    payload: { name: 'Caja 1', fixed_amount: true, store_id: store.json().id, external_store_id: `STORE${n}`, external_id: `STORE${n}POS1` },
  });
  expect(pos.statusCode, pos.body).toBe(200);
  const qr = await caja.request({ method: 'GET', url: `/sandbox/pos/${pos.json().id}/qr`, headers: seller.auth });
  return { seller, storeId: store.json().id, posId: pos.json().id, posExternalId: `STORE${n}POS1`, posQr: qr.json().qr_data };
}

let keys = 0;

export interface OrderView {
  id: string;
  status: string;
  status_detail: string;
  total_amount: string;
  transactions: { payments?: Array<Record<string, any>>; cash_outs?: Array<Record<string, any>>; refunds?: Array<Record<string, any>> };
  type_response?: { qr_data: string };
  [k: string]: unknown;
}

export async function createOrder(caja: Harness, shop: Shop, overrides: Record<string, unknown> = {}, mode = 'dynamic'): Promise<OrderView> {
  const res = await caja.request({
    method: 'POST',
    url: '/v1/orders',
    headers: { ...shop.seller.auth, 'x-idempotency-key': `key-${++keys}-${Date.now()}` },
    payload: {
      type: 'qr',
      external_reference: `ref_${keys}`,
      total_amount: '50.00',
      config: { qr: { external_pos_id: shop.posExternalId, mode } },
      transactions: { payments: [{ amount: '50.00' }] },
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as OrderView;
}

export async function getOrder(caja: Harness, shop: Shop, id: string): Promise<OrderView> {
  const res = await caja.request({ method: 'GET', url: `/v1/orders/${id}`, headers: shop.seller.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as OrderView;
}

export async function orderAction(caja: Harness, shop: Shop, id: string, action: 'cancel' | 'refund', payload?: unknown) {
  return caja.request({
    method: 'POST',
    url: `/v1/orders/${id}/${action}`,
    headers: { ...shop.seller.auth, 'x-idempotency-key': `key-${++keys}-${Date.now()}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

export async function walletPay(caja: Harness, qrData: string, extra: Record<string, unknown> = {}) {
  return caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: qrData, ...extra } });
}

export async function walletScan(caja: Harness, qrData: string) {
  return caja.request({ method: 'POST', url: '/sandbox/wallet/scan', payload: { qr_data: qrData } });
}
