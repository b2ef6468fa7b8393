import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MercadoPagoConfig, MerchantOrder } from 'mercadopago';
// The SDK has no base-URL option; its AppConfig is a writable static (reference §8.2).
import sdkConfig from 'mercadopago/dist/utils/config/index.js';
import { testbed } from '../support/harness.js';
import { attended, seedOrder } from '../support/legacy-qr.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';

const AppConfig = (sdkConfig as unknown as { AppConfig: { BASE_URL: string } }).AppConfig;

describe("the official SDK's MerchantOrder client against caja", () => {
  const caja = testbed();
  let shop: Shop;
  let client: MerchantOrder;
  let original: string;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
    const address = await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    original = AppConfig.BASE_URL;
    AppConfig.BASE_URL = address;
    client = new MerchantOrder(new MercadoPagoConfig({ accessToken: shop.seller.access_token }));
  });
  afterAll(async () => {
    AppConfig.BASE_URL = original;
  });

  it('create, get, update, search', async () => {
    const created = await client.create({ body: { external_reference: 'sdk-mo-1', notification_url: 'https://example.test/ipn', items: [{ id: 'A1', title: 'Cafe', quantity: 2, unit_price: 7.5, currency_id: 'BRL' }] } });
    expect(created.api_response.status).toBe(201);
    expect(created).toMatchObject({ status: 'opened', order_status: 'payment_required', total_amount: 15, external_reference: 'sdk-mo-1', site_id: 'MLB', cancelled: false, is_test: true, marketplace: 'NONE' });
    const got = await client.get({ merchantOrderId: created.id! });
    expect(got).toMatchObject({ id: created.id, items: [{ id: 'A1', title: 'Cafe', quantity: 2, unit_price: 7.5, currency_id: 'BRL' }] });
    const updated = await client.update({ merchantOrderId: created.id!, body: { external_reference: 'sdk-mo-1b', additional_info: 'mesa 2' } });
    expect(updated).toMatchObject({ external_reference: 'sdk-mo-1b', additional_info: 'mesa 2', status: 'opened' });
    const found = await client.search({ options: { external_reference: 'sdk-mo-1b' } });
    expect(found).toMatchObject({ total: 1, next_offset: 1 });
    expect(found.elements?.[0]?.id).toBe(created.id);
  });

  it('reads the merchant_order of a paid attended order', async () => {
    expect((await attended(caja, shop, seedOrder('BRL', { external_reference: 'sdk-att' }))).statusCode).toBe(201);
    const paid = await walletPay(caja, shop.posQr, { payment_method: 'pix' });
    const mo = await client.get({ merchantOrderId: paid.json().merchant_order_id });
    expect(mo).toMatchObject({ status: 'closed', order_status: 'paid', paid_amount: 320, payments: [{ id: Number(paid.json().id), status: 'approved', status_details: 'accredited' }] });
    const found = await client.search({ options: { status: 'closed', external_reference: 'sdk-att' } });
    expect(found.total).toBe(1);
  });

  it('errors reach the SDK in the legacy envelope', async () => {
    const missing = await client.get({ merchantOrderId: 1 }).catch((e: unknown) => e as Record<string, unknown>);
    expect(missing).toMatchObject({ status: 404, message: expect.stringContaining('not found') });
    const bad = await client.create({ body: { notification_url: 'nope' } }).catch((e: unknown) => e as Record<string, unknown>);
    expect(bad).toMatchObject({ status: 400, message: expect.stringContaining('notification_url') });
    expect(JSON.stringify(bad)).toContain('invalid_url');
  });
});
