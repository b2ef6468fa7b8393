import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { attended, expectLegacyError, seedOrder, v2Order, v2Path } from '../support/legacy-qr.js';
import { openShop, walletScan, type Shop } from '../support/qr-orders.js';

describe('legacy QR: bad input, the wrong collector, another seller, no token; nothing is stored', () => {
  const caja = testbed();
  let shop: Shop;
  let other: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    other = await openShop(caja, 'MLA');
  });

  const nothingStored = async () => {
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
    expect((await caja.request({ method: 'GET', url: v2Path(shop), headers: shop.seller.auth })).statusCode).toBe(404);
  };

  it('attended: every documented invalid field', async () => {
    const item = seedOrder('ARS').items[0]!;
    const cases: Array<[unknown, string]> = [
      [seedOrder('ARS', { items: [{ ...item, unit_price: -1 }] }), 'invalid_items'],
      [seedOrder('ARS', { items: [{ ...item, unit_price: 1.234 }] }), 'invalid_items'],
      [seedOrder('ARS', { items: [{ ...item, unit_price: '120' }] }), 'invalid_items'],
      [seedOrder('ARS', { items: [{ ...item, currency_id: 'BRL' }] }), 'invalid_items'],
      [seedOrder('ARS', { items: [{ ...item, quantity: 0 }] }), 'invalid_items'],
      [seedOrder('ARS', { items: [] }), 'invalid_items'],
      [seedOrder('ARS', { items: Array.from({ length: 101 }, () => item) }), 'invalid_items'],
      [seedOrder('ARS', { sponsor_id: 'abc' }), 'invalid_sponsor_id'],
      [seedOrder('ARS', { sponsor_id: 999999999 }), 'invalid_sponsor_id'],
      [seedOrder('ARS', { sponsor_id: shop.seller.user_id }), 'invalid_sponsor_id'],
      [seedOrder('ARS', { notification_url: 'not a url' }), 'invalid_notification_url'],
      [seedOrder('ARS', { external_reference: 'x'.repeat(257) }), 'invalid_external_reference'],
      [seedOrder('ARS', { extra: 1 }), 'bad_request'],
      ['[]', 'invalid_items'],
    ];
    for (const [body, code] of cases) expectLegacyError(await attended(caja, shop, body), 400, code);
    expectLegacyError(await attended(caja, shop, seedOrder('ARS'), { ttl: 'abc' }), 400, 'invalid_expiration_date');
    await nothingStored();
  });

  // Found by the bad-requests property test (seed 1011849530): the name of an unknown field was echoed whole, three times.
  it('an unknown field with a huge name is named clipped: the answer does not grow with the request', async () => {
    const name = 'x'.repeat(200_000);
    const item = seedOrder('ARS').items[0]!;
    const answers = [
      await attended(caja, shop, seedOrder('ARS', { [name]: 1 })),
      await attended(caja, shop, seedOrder('ARS', { items: [{ ...item, [name]: 1 }] })),
      await caja.request({ method: 'PUT', url: v2Path(shop), headers: shop.seller.auth, payload: v2Order({ [name]: 1 }) }),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.rawPayload.length).toBeLessThan(4096);
    }
    await nothingStored();
  });

  it('v2 and dynamic: invalid_items.<field>, totals, cash-out, dates', async () => {
    const good = v2Order().items[0]!;
    const cases: Array<[Record<string, unknown>, string]> = [
      [v2Order({ external_reference: undefined }), 'invalid_external_reference'],
      [v2Order({ title: '' }), 'invalid_title'],
      [v2Order({ description: 'x'.repeat(257) }), 'invalid_description'],
      [v2Order({ total_amount: 1 }), 'invalid_total_amount'],
      [v2Order({ items: [{ ...good, unit_price: 'x' }], total_amount: 100.5 }), 'invalid_items.unit_price'],
      [v2Order({ items: [{ ...good, quantity: -2 }] }), 'invalid_items.quantity'],
      [v2Order({ items: [{ ...good, unit_measure: undefined }] }), 'invalid_items.unit_measure'],
      [v2Order({ items: [{ ...good, title: undefined }] }), 'invalid_items.title'],
      [v2Order({ items: [{ ...good, total_amount: 1 }], total_amount: 1 }), 'invalid_items.total_amount'],
      [v2Order({ items: [], total_amount: 0 }), 'error_creating_seller_qr_order'],
      [v2Order({ cash_out: { amount: -5 } }), 'invalid_cash_out.amount'],
      [v2Order({ sponsor: { id: 'x' } }), 'invalid_sponsor.id'],
      [v2Order({ sponsor: { id: 424242424 } }), 'invalid_sponsor.id'],
      [v2Order({ expiration_date: '2020-08-22T16:34:56.559-04:00' }), 'invalid_expiration_date'],
      [v2Order({ notification_url: 'ftp://x y' }), 'invalid_notification_url'],
    ];
    for (const [body, code] of cases) {
      expectLegacyError(await caja.request({ method: 'PUT', url: v2Path(shop), headers: shop.seller.auth, payload: body }), 400, code);
      expectLegacyError(await caja.request({ method: 'POST', url: `/instore/orders/qr/seller/collectors/${shop.seller.user_id}/pos/${shop.posExternalId}/qrs`, headers: shop.seller.auth, payload: body }), 400, code);
    }
    await nothingStored();
  });

  it('the wrong user id in the path, another seller\'s POS, a store that is not the POS\'s', async () => {
    expectLegacyError(await attended(caja, shop, seedOrder('ARS'), { userId: other.seller.user_id }), 400, 'invalid_collector_id');
    expectLegacyError(await attended(caja, shop, seedOrder('ARS'), { userId: 'abc' }), 400, 'invalid_collector_id');
    expectLegacyError(await attended(caja, shop, seedOrder('ARS'), { posId: other.posExternalId }), 400, 'invalid_externalPosId');
    expectLegacyError(await caja.request({ method: 'PUT', url: v2Path(shop, { userId: other.seller.user_id }), headers: shop.seller.auth, payload: v2Order() }), 400, 'invalid_collectorId');
    expectLegacyError(await caja.request({ method: 'PUT', url: v2Path(shop, { pos: other.posExternalId }), headers: shop.seller.auth, payload: v2Order() }), 400, 'invalid_externalPosId');
    expectLegacyError(await caja.request({ method: 'PUT', url: v2Path(shop, { store: 'NOSUCHSTORE' }), headers: shop.seller.auth, payload: v2Order() }), 400, 'invalid_externalPosId');
    expectLegacyError(await caja.request({ method: 'GET', url: v2Path(shop, { pos: other.posExternalId }), headers: shop.seller.auth }), 400, 'invalid_externalPosId');
    expectLegacyError(await caja.request({ method: 'DELETE', url: v2Path(shop, { userId: other.seller.user_id }), headers: shop.seller.auth }), 400, 'invalid_collectorId');
    // Another seller's token on this seller's path is the wrong collector too.
    expectLegacyError(await caja.request({ method: 'PUT', url: v2Path(shop), headers: other.seller.auth, payload: v2Order() }), 400, 'invalid_collectorId');
    await nothingStored();
    expect((await walletScan(caja, other.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
  });

  it('a token in neither place, or a wrong one', async () => {
    expectLegacyError(await attended(caja, shop, seedOrder('ARS'), { token: null }), 400, 'invalid_access_token');
    expectLegacyError(await attended(caja, shop, seedOrder('ARS'), { token: 'APP_USR-nope' }), 400, 'invalid_access_token');
    expectLegacyError(await caja.request({ method: 'PUT', url: v2Path(shop), payload: v2Order() }), 401, 'invalid_access_token');
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/1' }), 401, 'invalid_token');
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/search?access_token=wrong' }), 401, 'invalid_token');
    await nothingStored();
  });

  it('a bearer header works for the attended model too', async () => {
    const res = await attended(caja, shop, seedOrder('ARS'), { token: null, headers: shop.seller.auth });
    expect(res.statusCode, res.body).toBe(201);
    expect((await caja.request({ method: 'DELETE', url: `/mpmobile/instore/qr/${shop.seller.user_id}/${shop.posExternalId}`, headers: shop.seller.auth })).statusCode).toBe(204);
  });
});
