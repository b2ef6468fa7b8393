import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MercadoPagoConfig, Payment, PaymentRefund, WebhookSignatureValidator } from 'mercadopago';
// The SDK has no base-URL option; its AppConfig is a writable static (reference §8.2).
import sdkConfig from 'mercadopago/dist/utils/config/index.js';
import { testbed } from '../support/harness.js';
import { configureWebhooks } from '../support/notify.js';
import { paidOrder } from '../support/payments.js';
import { Receiver } from '../support/receiver.js';
import { openShop, type Shop } from '../support/qr-orders.js';

const AppConfig = (sdkConfig as unknown as { AppConfig: { BASE_URL: string } }).AppConfig;

describe("the official SDK's Payment and PaymentRefund clients against caja", () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let shop: Shop;
  let payments: Payment;
  let refunds: PaymentRefund;
  let original: string;
  let secret: string;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
    secret = (await configureWebhooks(caja, shop.seller, { url: rx.url, topics: ['payment'] })).secret;
    const address = await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    original = AppConfig.BASE_URL;
    AppConfig.BASE_URL = address;
    const config = new MercadoPagoConfig({ accessToken: shop.seller.access_token });
    payments = new Payment(config);
    refunds = new PaymentRefund(config);
  });
  afterAll(async () => {
    AppConfig.BASE_URL = original;
  });

  it('Payment.get and Payment.search read the ledger', async () => {
    const { order, paymentId } = await paidOrder(caja, shop, { external_reference: 'sdk_pay_1' }, { payment_method: 'pix' });
    const p = await payments.get({ id: paymentId });
    expect(p).toMatchObject({ id: Number(paymentId), status: 'approved', status_detail: 'accredited', payment_method_id: 'pix', currency_id: 'BRL', transaction_amount: 50 });
    expect(p.point_of_interaction?.type).toBe('INSTORE');
    const found = await payments.search({ options: { external_reference: 'sdk_pay_1', sort: 'date_created', criteria: 'desc' } });
    expect(found.paging).toMatchObject({ total: 1 });
    expect(found.results?.[0]?.id).toBe(Number(paymentId));
    void order;
  });

  it('PaymentRefund.create (partial), total, list and get', async () => {
    const { paymentId } = await paidOrder(caja, shop);
    const part = await refunds.create({ payment_id: paymentId, body: { amount: 15 } });
    expect(part).toMatchObject({ payment_id: Number(paymentId), amount: 15 });
    expect(part.api_response.status).toBe(201);
    const rest = await refunds.total({ payment_id: paymentId });
    expect(rest).toMatchObject({ amount: 35 });
    const list = await refunds.list({ payment_id: paymentId });
    expect(list.map((r) => r.amount)).toEqual([15, 35]);
    const one = await refunds.get({ payment_id: paymentId, refund_id: list[0]!.id! });
    expect(one).toMatchObject({ id: list[0]!.id, amount: 15 });
    expect((await payments.get({ id: paymentId })).status).toBe('refunded');
  });

  it("a payment webhook validates with the SDK's validator", async () => {
    rx.received.length = 0;
    const { paymentId } = await paidOrder(caja, shop);
    const [r] = await rx.waitFor(1);
    expect(r!.query.get('data.id')).toBe(paymentId);
    expect(() =>
      WebhookSignatureValidator.validate({ xSignature: r!.headers['x-signature'], xRequestId: r!.headers['x-request-id'], dataId: r!.query.get('data.id'), secret, toleranceSeconds: 300 }),
    ).not.toThrow();
  });
});
