import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MercadoPagoConfig, Point } from 'mercadopago';
// The SDK has no base-URL option; its AppConfig is a writable static (reference §8.2).
import sdkConfig from 'mercadopago/dist/utils/config/index.js';
import { testbed } from '../support/harness.js';
import { card, pointShop, reaches, type Shop, type TerminalView } from './fixtures.js';

const AppConfig = (sdkConfig as unknown as { AppConfig: { BASE_URL: string } }).AppConfig;

describe("the official mercadopago SDK's Point client: payment intents against caja", () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  let point: Point;
  let original: string;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 600_000));
    const address = await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    original = AppConfig.BASE_URL;
    AppConfig.BASE_URL = address;
    point = new Point(new MercadoPagoConfig({ accessToken: shop.seller.access_token }));
  });
  afterAll(async () => {
    AppConfig.BASE_URL = original;
  });

  it('getDevices, createPaymentIntent, searchPaymentIntent, cancelPaymentIntent, getPaymentIntentStatus, getPaymentIntentList', async () => {
    const devices = await point.getDevices({ request: {} });
    expect(devices.devices?.map((d) => (d as unknown as { id: string; operating_mode: string }))).toEqual([expect.objectContaining({ id: terminal.id, operating_mode: 'PDV' })]);

    const created = await point.createPaymentIntent({ device_id: terminal.id, request: { amount: 1500, description: 'SDK', additional_info: { external_reference: 'sdk-1', print_on_terminal: true } } });
    expect(created.api_response.status).toBe(201);
    expect(created).toMatchObject({ device_id: terminal.id, amount: 1500, description: 'SDK', state: 'OPEN', additional_info: { external_reference: 'sdk-1', print_on_terminal: true } });
    const id = created.id!;

    const found = await point.searchPaymentIntent({ payment_intent_id: id });
    expect(found).toMatchObject({ id, state: 'OPEN' });

    const canceled = await point.cancelPaymentIntent({ device_id: terminal.id, payment_intent_id: id });
    expect(canceled.id).toBe(id);
    expect(canceled.api_response.status).toBe(200);
    // A second cancel: the documented refusal, as the SDK surfaces it.
    const again = await point.cancelPaymentIntent({ device_id: terminal.id, payment_intent_id: id }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, error: 'conflict' });

    const status = await point.getPaymentIntentStatus({ payment_intent_id: id });
    expect(status).toMatchObject({ status: 'CANCELED', created_on: expect.stringMatching(/Z$/) });

    const today = new Date().toISOString().slice(0, 10);
    const list = await point.getPaymentIntentList({ body: { options: { startDate: today, endDate: today } } } as never);
    expect(list.events).toEqual([{ payment_intent_id: id, status: 'CANCELED', created_on: expect.any(String) }]);

    const missing = await point.searchPaymentIntent({ payment_intent_id: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });

  it('an intent the terminal takes and a card pays reads FINISHED with its payment id', async () => {
    const r = await caja.request({ method: 'PATCH', url: `/sandbox/terminals/${terminal.id}`, headers: shop.seller.auth, payload: { take_delay_ms: 0 } });
    expect(r.statusCode).toBe(200);
    const created = await point.createPaymentIntent({ device_id: terminal.id, request: { amount: 2000, additional_info: { external_reference: 'sdk-2', print_on_terminal: false } } });
    await reaches(caja, shop, created.id!, 'ON_TERMINAL');
    expect((await card(caja, shop, terminal.id)).statusCode).toBe(200);
    const found = await point.searchPaymentIntent({ payment_intent_id: created.id! });
    expect(found).toMatchObject({ state: 'FINISHED', payment: { id: expect.stringMatching(/^\d+$/) } });
  });
});
