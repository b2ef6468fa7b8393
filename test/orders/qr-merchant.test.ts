import { describe, expect, it } from 'vitest';
import { findField, parseEmv } from '../../src/core/emv/index.js';
import { testbed } from '../support/harness.js';
import { createOrder, openShop } from '../support/qr-orders.js';

// A dynamic order's QR names its POS's store (merchant name, city); a POS whose store was deleted names the seller and the site's city.
describe("the merchant a dynamic order's QR names", () => {
  const caja = testbed({ workers: false });

  const merchant = (qr: string) => {
    const parsed = parseEmv(qr);
    if (!parsed.ok) throw new Error(`not an EMV payload: ${qr}`);
    return { name: findField(parsed.value.objects, '59'), city: findField(parsed.value.objects, '60') };
  };

  it("is the POS's store, then the seller once the store is gone", async () => {
    const shop = await openShop(caja, 'MLM');
    const before = await createOrder(caja, shop);
    expect(merchant(before.type_response!.qr_data)).toEqual({ name: 'Panaderia Central', city: 'CDMX' });

    const del = await caja.request({ method: 'DELETE', url: `/users/${shop.seller.user_id}/stores/${shop.storeId}`, headers: shop.seller.auth });
    expect(del.statusCode, del.body).toBe(200);
    const after = await createOrder(caja, shop);
    const { name, city } = merchant(after.type_response!.qr_data);
    expect(city).toBe('CIUDAD DE MEXIC'); // the site's city, clipped to the field's 15 characters
    expect(name).not.toBe('Panaderia Central');
    expect(name).toBeTruthy();
  });
});
