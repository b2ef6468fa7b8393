import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { seedOrder, v2Order, v2Path } from '../support/legacy-qr.js';
import { openShop, walletScan, type Shop } from '../support/qr-orders.js';

/** Any JSON spliced into any field of the seed's order, a v2 order and a merchant_order: a 4xx in the legacy envelope or a 2xx, never a 500. */
describe('legacy QR and merchant_orders against arbitrary input', () => {
  const caja = testbed({ workers: false });
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 }), fc.double(), fc.integer({ min: -1e16, max: 1e16 }), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant('\u0000'));
  const splice = (base: Record<string, any>, key: string, v: unknown) => {
    const b = structuredClone(base);
    if (key.startsWith('items.')) b.items[0][key.slice(6)] = v;
    else b[key] = v;
    return b;
  };

  it('never answers 500; a refusal is the legacy envelope and stores nothing', async () => {
    const attendedKeys = ['external_reference', 'notification_url', 'sponsor_id', 'items', 'items.title', 'items.currency_id', 'items.unit_price', 'items.quantity', 'items.picture_url', 'extra'];
    const v2Keys = ['external_reference', 'title', 'description', 'notification_url', 'expiration_date', 'total_amount', 'items', 'sponsor', 'cash_out', 'items.unit_price', 'items.quantity', 'items.total_amount', 'items.unit_measure'];
    const moKeys = ['external_reference', 'notification_url', 'items', 'payer', 'sponsor_id', 'marketplace', 'collector', 'additional_info'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...attendedKeys), fc.constantFrom(...v2Keys), fc.constantFrom(...moKeys), value, async (ak, vk, mk, v) => {
        const responses = [
          await caja.request({ method: 'POST', url: `/mpmobile/instore/qr/${shop.seller.user_id}/${shop.posExternalId}`, headers: shop.seller.auth, payload: splice(seedOrder('ARS'), ak, v) }),
          await caja.request({ method: 'PUT', url: v2Path(shop), headers: shop.seller.auth, payload: splice(v2Order(), vk, v) }),
          await caja.request({ method: 'POST', url: '/merchant_orders', headers: shop.seller.auth, payload: { ...(mk === 'items' ? {} : { items: [{ title: 't', quantity: 1, unit_price: 1 }] }), [mk]: v } }),
        ];
        for (const res of responses) {
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json()).toMatchObject({ status: res.statusCode, cause: [expect.objectContaining({ code: expect.any(String) })] });
        }
        // Whatever was placed, clean up so the next run starts from an idle POS.
        await caja.request({ method: 'DELETE', url: v2Path(shop), headers: shop.seller.auth });
        expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
      }),
      { numRuns: 60 },
    );
  });
});
