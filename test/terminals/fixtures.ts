import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness, TestSeller } from '../support/harness.js';
import { openShop, type Shop } from '../support/qr-orders.js';

export interface TerminalView {
  id: string;
  model: string;
  pos_id: number;
  store_id: number;
  external_pos_id: string | null;
  operating_mode: string;
  settings: { take_delay_ms: number; automatic: { after_ms: number; outcome: string } | null };
  screen: { state: string; [k: string]: unknown };
}

export const as = (caja: Harness, seller: TestSeller, o: InjectOptions): Promise<LightMyRequestResponse> =>
  caja.request({ ...o, headers: { ...seller.auth, ...(o.headers ?? {}) } });

export async function createTerminal(caja: Harness, shop: Shop, model = 'NEWLAND_N950'): Promise<TerminalView> {
  const res = await as(caja, shop.seller, { method: 'POST', url: '/sandbox/terminals', payload: { pos_id: shop.posId, model } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TerminalView;
}

export async function setup(caja: Harness, seller: TestSeller, id: string, mode: string): Promise<LightMyRequestResponse> {
  return as(caja, seller, { method: 'PATCH', url: '/terminals/v1/setup', payload: { terminals: [{ id, operating_mode: mode }] } });
}

/** A second POS in the shop's store. */
export async function secondPos(caja: Harness, shop: Shop, externalId: string): Promise<number> {
  const store = await as(caja, shop.seller, { method: 'GET', url: `/stores/${shop.storeId}` });
  const res = await as(caja, shop.seller, {
    method: 'POST',
    url: '/pos',
    payload: { name: 'Caja 2', fixed_amount: true, store_id: shop.storeId, external_store_id: store.json().external_id, external_id: externalId },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

export { openShop, type Shop };

/** The {errors:[{code}]} codes of a terminals API answer. */
export const codes = (res: LightMyRequestResponse) => (res.json() as { errors: Array<{ code: string }> }).errors.map((e) => e.code);
