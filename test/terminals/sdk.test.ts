import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MercadoPagoConfig, Point } from 'mercadopago';
// The SDK has no base-URL option; its AppConfig is a writable static (reference §8.2).
import sdkConfig from 'mercadopago/dist/utils/config/index.js';
import { testbed } from '../support/harness.js';
import { createTerminal, openShop, type Shop, type TerminalView } from './fixtures.js';

const AppConfig = (sdkConfig as unknown as { AppConfig: { BASE_URL: string } }).AppConfig;

describe("the official mercadopago SDK's Point client against caja", () => {
  const caja = testbed();
  let shop: Shop;
  let point: Point;
  let original: string;
  let a: TerminalView;
  let b: TerminalView;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    a = await createTerminal(caja, shop);
    b = await createTerminal(caja, shop, 'PAX_A910');
    const address = await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    original = AppConfig.BASE_URL;
    AppConfig.BASE_URL = address;
    point = new Point(new MercadoPagoConfig({ accessToken: shop.seller.access_token }));
  });
  // Runs before testbed's afterAll (afterAll hooks run in reverse): the URL is restored, then caja closes, as before.
  afterAll(async () => {
    AppConfig.BASE_URL = original;
  });

  it('getDevices lists the terminals with paging, and filters', async () => {
    const all = await point.getDevices({ request: {} });
    expect(all.api_response.status).toBe(200);
    expect(all.devices).toEqual([
      { id: a.id, pos_id: shop.posId, store_id: shop.storeId, external_pos_id: shop.posExternalId, operating_mode: 'STANDALONE' },
      { id: b.id, pos_id: shop.posId, store_id: shop.storeId, external_pos_id: shop.posExternalId, operating_mode: 'STANDALONE' },
    ]);
    expect(all.paging).toEqual({ total: 2, offset: 0, limit: 50 });
    const page = await point.getDevices({ request: { options: { pos_id: String(shop.posId), store_id: String(shop.storeId), limit: 1, offset: 1 } } });
    expect(page.devices?.map((d) => (d as unknown as { id: string }).id)).toEqual([b.id]);
  });

  it('changeDeviceOperatingMode switches to PDV; a second PDV on the POS is refused', async () => {
    const r = await point.changeDeviceOperatingMode({ device_id: a.id, request: { operating_mode: 'PDV' } });
    expect(r.operating_mode).toBe('PDV');
    expect(r.api_response.status).toBe(200);
    const refused = await point.changeDeviceOperatingMode({ device_id: b.id, request: { operating_mode: 'PDV' } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 412 });
    const list = await point.getDevices({ request: { options: { pos_id: String(shop.posId) } as never } });
    expect(list.devices?.map((d) => (d as unknown as { operating_mode: string }).operating_mode)).toEqual(['PDV', 'STANDALONE']);
  });
});
