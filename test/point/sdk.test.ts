import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MercadoPagoConfig, Order } from 'mercadopago';
// The SDK has no base-URL option; its AppConfig is a writable static (reference §8.2).
import sdkConfig from 'mercadopago/dist/utils/config/index.js';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { card, getOrder, pointBody, pointShop, type Shop, type TerminalView } from './fixtures.js';

const AppConfig = (sdkConfig as unknown as { AppConfig: { BASE_URL: string } }).AppConfig;

describe("the official SDK's Order client with type point", () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  let orders: Order;
  let original: string;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLB', 0));
    const address = await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    original = AppConfig.BASE_URL;
    AppConfig.BASE_URL = address;
    orders = new Order(new MercadoPagoConfig({ accessToken: shop.seller.access_token }));
  });
  afterAll(async () => {
    AppConfig.BASE_URL = original;
  });

  it('creates a point order, a card pays it, the SDK refunds it', async () => {
    const created = await orders.create({ body: pointBody(terminal.id) as never, requestOptions: { idempotencyKey: 'sdk-pt-1' } });
    expect(created).toMatchObject({ type: 'point', status: 'created', currency: 'BRL' });
    expect(created.api_response.status).toBe(201);
    await until(async () => (await orders.get({ id: created.id! })).status === 'at_terminal', 5000);
    expect((await card(caja, shop, terminal.id, { brand: 'master' })).statusCode).toBe(200);
    expect(await orders.get({ id: created.id! })).toMatchObject({ status: 'processed' });
    const refunded = await orders.refund({ id: created.id!, requestOptions: { idempotencyKey: 'sdk-pt-refund-1' } });
    expect(refunded.api_response.status).toBe(201);
    expect(refunded.transactions?.refunds).toHaveLength(1);
  });

  it('cancels a point order while created; at the terminal without the header the SDK gets 409 cannot_cancel_order', async () => {
    const created = await orders.create({ body: pointBody(terminal.id) as never, requestOptions: { idempotencyKey: 'sdk-pt-2' } });
    await until(async () => (await getOrder(caja, shop, created.id!)).status === 'at_terminal', 5000);
    // Without the header the SDK gets the documented 409.
    const refused = await orders.cancel({ id: created.id!, requestOptions: { idempotencyKey: 'sdk-pt-cancel-1' } }).catch((e: unknown) => e);
    // The SDK names every 409 an MPIdempotencyError and keeps only the status.
    expect(refused).toMatchObject({ status: 409 });
    expect((await getOrder(caja, shop, created.id!)).status).toBe('at_terminal');
    const slowShop = await pointShop(caja, 'MLB', 600_000);
    const slowOrders = new Order(new MercadoPagoConfig({ accessToken: slowShop.shop.seller.access_token }));
    const queued = await slowOrders.create({ body: pointBody(slowShop.terminal.id) as never, requestOptions: { idempotencyKey: 'sdk-pt-3' } });
    const canceled = await slowOrders.cancel({ id: queued.id!, requestOptions: { idempotencyKey: 'sdk-pt-cancel-2' } });
    expect(canceled).toMatchObject({ status: 'canceled', transactions: { payments: [{ status: 'canceled', status_detail: 'canceled_by_api' }] } });
  });
});
