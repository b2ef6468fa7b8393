import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';
import { INTENTS, openQrIntent } from '../support/intents.js';

describe("the dashboard's view of Instore intents (sandbox)", () => {
  const caja = testbed({ workers: false });
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it("lists the seller's intents newest first and reads one with its kind, path and history; another seller sees none", async () => {
    const paid = await openQrIntent(caja, shop);
    expect((await walletPay(caja, paid.qr.data)).statusCode).toBe(201);
    const open = await openQrIntent(caja, shop);
    const list = await caja.request({ method: 'GET', url: '/sandbox/instore-intents?limit=10', headers: shop.seller.auth });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().results).toEqual([
      { id: open.id, kind: 'qr', status: 'OPENED', amount: '14.53', currency: 'ARS', external_reference: 'external_reference', date_created: expect.any(String) },
      expect.objectContaining({ id: paid.id, status: 'CLOSED' }),
    ]);
    const one = await caja.request({ method: 'GET', url: `/sandbox/instore-intents/${paid.id}`, headers: shop.seller.auth });
    expect(one.json()).toMatchObject({ id: paid.id, kind: 'qr', status: 'CLOSED', url: `${INTENTS}/${paid.id}/qr` });
    const history = await caja.request({ method: 'GET', url: `/sandbox/history/instore_intent/${paid.id}`, headers: shop.seller.auth });
    expect(history.json().statuses).toEqual([expect.objectContaining({ status: 'CLOSED', detail: 'accredited' })]);

    const other = await openShop(caja, 'MLA');
    expect((await caja.request({ method: 'GET', url: '/sandbox/instore-intents', headers: other.seller.auth })).json().results).toEqual([]);
    expect((await caja.request({ method: 'GET', url: `/sandbox/instore-intents/${paid.id}`, headers: other.seller.auth })).statusCode).toBe(404);
    expect((await caja.request({ method: 'GET', url: `/sandbox/history/instore_intent/${paid.id}`, headers: other.seller.auth })).statusCode).toBe(404);
    expect((await caja.request({ method: 'GET', url: '/sandbox/instore-intents' })).statusCode).toBe(401);
  });
});
