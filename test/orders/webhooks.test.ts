import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSignatureValidator } from 'mercadopago';
import { testbed } from '../support/harness.js';
import { advance, configureWebhooks } from '../support/notify.js';
import { Receiver, type Received } from '../support/receiver.js';
import { createOrder, openShop, orderAction, walletPay, type Shop } from '../support/qr-orders.js';

describe('order webhooks (order.processed, order.canceled, order.expired, order.refunded)', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let shop: Shop;
  let secret: string;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    secret = (await configureWebhooks(caja, shop.seller, { url: rx.url, topics: ['order'] })).secret;
  });
  beforeEach(() => {
    rx.received.length = 0;
  });

  const next = async (n = 1): Promise<Received> => (await rx.waitFor(n))[n - 1]!;
  const signed = (r: Received) =>
    WebhookSignatureValidator.validate({ xSignature: r.headers['x-signature'], xRequestId: r.headers['x-request-id'], dataId: r.query.get('data.id'), secret, toleranceSeconds: 300 });

  it('order.processed carries the paid transactions; the SDK validator accepts it', async () => {
    const order = await createOrder(caja, shop, {}, 'dynamic');
    const paid = (await walletPay(caja, order.type_response!.qr_data, { payment_method: 'debvisa' })).json();
    const req = await next();
    expect(req.query.get('data.id')).toBe(order.id);
    expect(req.query.get('type')).toBe('order');
    expect(() => signed(req)).not.toThrow();
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ action: 'order.processed', api_version: 'v1', type: 'order', live_mode: false, user_id: String(shop.seller.user_id) });
    expect(body.data).toEqual({
      external_reference: order.external_reference,
      id: order.id,
      status: 'processed',
      status_detail: 'accredited',
      total_amount: '50.00',
      total_paid_amount: '50.00',
      transactions: {
        payments: [
          {
            id: order.transactions.payments![0]!.id,
            amount: '50.00',
            paid_amount: '50.00',
            // The webhook prints reference: {id} where the API prints reference_id (supplement §8 #7).
            reference: { id: paid.id },
            status: 'processed',
            status_detail: 'accredited',
            payment_method: { id: 'debvisa', type: 'debit_card', installments: 1 },
          },
        ],
      },
      type: 'qr',
      version: 2,
    });
  });

  it('order.canceled and order.expired carry only the summary fields', async () => {
    const a = await createOrder(caja, shop, {}, 'dynamic');
    await orderAction(caja, shop, a.id, 'cancel');
    const canceled = JSON.parse((await next()).body);
    expect(canceled.action).toBe('order.canceled');
    expect(canceled.data).toEqual({ external_reference: a.external_reference, id: a.id, status: 'canceled', status_detail: 'canceled', total_amount: '50.00', type: 'qr', version: 2 });

    const b = await createOrder(caja, shop, { expiration_time: 'PT30S' }, 'static');
    await advance(caja, shop.seller, 30);
    const expired = JSON.parse((await next(2)).body);
    expect(expired.action).toBe('order.expired');
    expect(expired.data).toEqual({ external_reference: b.external_reference, id: b.id, status: 'expired', status_detail: 'expired', total_amount: '50.00', type: 'qr', version: 2 });
  });

  it('order.refunded is sent when the refund is confirmed: the summary with total_paid_amount, no transactions', async () => {
    const order = await createOrder(caja, shop, {}, 'dynamic');
    await walletPay(caja, order.type_response!.qr_data);
    await next();
    const refund = await orderAction(caja, shop, order.id, 'refund');
    expect(refund.statusCode).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.received).toHaveLength(1);
    await advance(caja, shop.seller, 5);
    const body = JSON.parse((await next(2)).body);
    expect(body.action).toBe('order.refunded');
    expect(body.data).toEqual({ external_reference: order.external_reference, id: order.id, status: 'refunded', status_detail: 'refunded', total_amount: '50.00', total_paid_amount: '50.00', type: 'qr', version: 4 });
    const list = await caja.request({ method: 'GET', url: `/v1/orders/${order.id}/refund`, headers: shop.seller.auth });
    expect(list.json()).toEqual({ refunds: [expect.objectContaining({ amount: '50.00', status: 'processed', transaction_id: order.transactions.payments![0]!.id, date_created: expect.any(String), date_last_updated: expect.any(String) })] });
  });
});
