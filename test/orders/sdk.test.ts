import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MercadoPagoConfig, MPIdempotencyError, Order } from 'mercadopago';
// The SDK has no base-URL option; its AppConfig is a writable static (reference §8.2).
import sdkConfig from 'mercadopago/dist/utils/config/index.js';
import { testbed } from '../support/harness.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';

const AppConfig = (sdkConfig as unknown as { AppConfig: { BASE_URL: string } }).AppConfig;

describe('the official mercadopago SDK against caja', () => {
  const caja = testbed();
  let shop: Shop;
  let orders: Order;
  let original: string;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
    const address = await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    original = AppConfig.BASE_URL;
    AppConfig.BASE_URL = address;
    orders = new Order(new MercadoPagoConfig({ accessToken: shop.seller.access_token }));
  });
  afterAll(async () => {
    AppConfig.BASE_URL = original;
  });

  const body = (ref: string) => ({
    type: 'qr',
    external_reference: ref,
    total_amount: '50.00',
    config: { qr: { external_pos_id: shop.posExternalId, mode: 'dynamic' } },
    transactions: { payments: [{ amount: '50.00' }] },
  });

  it('creates, gets and cancels a QR order', async () => {
    const created = await orders.create({ body: body('sdk_1') as never, requestOptions: { idempotencyKey: 'sdk-create-1' } });
    expect(created).toMatchObject({ type: 'qr', status: 'created', status_detail: 'created', total_amount: '50.00', currency: 'BRL', country_code: 'BRA' });
    expect(created.id).toMatch(/^ORD[0-9A-Z]{26}$/);
    expect(created.api_response.status).toBe(201);
    expect((created as unknown as { type_response: { qr_data: string } }).type_response.qr_data).toMatch(/^000201/);

    const got = await orders.get({ id: created.id! });
    expect(got).toMatchObject({ id: created.id, status: 'created' });

    const canceled = await orders.cancel({ id: created.id!, requestOptions: { idempotencyKey: 'sdk-cancel-1' } });
    expect(canceled).toMatchObject({ id: created.id, status: 'canceled', status_detail: 'canceled' });
    expect(canceled.transactions?.payments?.[0]).toMatchObject({ status: 'canceled', status_detail: 'canceled_by_api' });
  });

  it('a retry with the same key returns the original order without creating another', async () => {
    const a = await orders.create({ body: body('sdk_2') as never, requestOptions: { idempotencyKey: 'sdk-create-2' } });
    const b = await orders.create({ body: body('sdk_2') as never, requestOptions: { idempotencyKey: 'sdk-create-2' } });
    expect(b.id).toBe(a.id);
    const other = await orders.create({ body: body('sdk_3') as never, requestOptions: { idempotencyKey: 'sdk-create-2' } }).catch((e: unknown) => e);
    // The SDK turns a 409 into MPIdempotencyError (it reads only message/error/cause, so the Orders envelope's code is lost: reference §8.6).
    expect(other).toBeInstanceOf(MPIdempotencyError);
    expect((other as MPIdempotencyError).status).toBe(409);
  });

  it('refunds a paid order in full and in part', async () => {
    const full = await orders.create({ body: body('sdk_4') as never, requestOptions: { idempotencyKey: 'sdk-create-4' } });
    expect((await walletPay(caja, (full as unknown as { type_response: { qr_data: string } }).type_response.qr_data)).statusCode).toBe(201);
    const refunded = await orders.refund({ id: full.id!, requestOptions: { idempotencyKey: 'sdk-refund-4' } });
    // Seed 003's answer: processed/accredited with the refund processing until it is confirmed.
    expect(refunded).toMatchObject({ status: 'processed', status_detail: 'accredited' });
    expect(refunded.api_response.status).toBe(201);
    expect(refunded.transactions?.refunds?.[0]).toMatchObject({ amount: '50.00', status: 'processing' });

    const part = await orders.create({ body: body('sdk_5') as never, requestOptions: { idempotencyKey: 'sdk-create-5' } });
    await walletPay(caja, (part as unknown as { type_response: { qr_data: string } }).type_response.qr_data);
    const paymentId = part.transactions!.payments![0]!.id!;
    const partial = await orders.refund({ id: part.id!, body: { transactions: [{ id: paymentId, amount: '20.00' }] } as never, requestOptions: { idempotencyKey: 'sdk-refund-5' } });
    expect(partial).toMatchObject({ status: 'processed', status_detail: 'partially_refunded' });
  });
});
