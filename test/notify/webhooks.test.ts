import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSignatureValidator } from 'mercadopago';
import { testbed, type TestSeller } from '../support/harness.js';
import { Receiver } from '../support/receiver.js';
import { configureWebhooks, deliveryReaches, sendTestNotification } from '../support/notify.js';

describe('Mercado Pago webhooks: format and signature', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed();
  let seller: TestSeller;
  beforeEach(async () => {
    seller = await caja.seller('MLB');
    rx.received.length = 0;
  });

  it('POSTs ?data.id&type with x-request-id and an x-signature the official SDK validator accepts', async () => {
    const cfg = await configureWebhooks(caja, seller, { url: rx.url, topics: ['order'] });
    const sent = await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D' });
    const [req] = await rx.waitFor(1);
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/hook');
    expect(req!.query.get('data.id')).toBe('ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D');
    expect(req!.query.get('type')).toBe('order');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['user-agent']).toMatch(/caja/);
    expect(req!.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(() =>
      WebhookSignatureValidator.validate({
        xSignature: req!.headers['x-signature'],
        xRequestId: req!.headers['x-request-id'],
        dataId: req!.query.get('data.id'),
        secret: cfg.secret,
        toleranceSeconds: 300,
      }),
    ).not.toThrow();
    // A wrong secret must fail: the check above can fail.
    expect(() =>
      WebhookSignatureValidator.validate({ xSignature: req!.headers['x-signature'], xRequestId: req!.headers['x-request-id'], dataId: req!.query.get('data.id'), secret: 'wrong' }),
    ).toThrow(/SignatureMismatch/);
    const body = JSON.parse(req!.body);
    expect(body).toMatchObject({ action: 'order.processed', api_version: 'v1', type: 'order', user_id: String(seller.user_id), live_mode: false, data: { id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D' } });
    expect(typeof body.application_id).toBe('string');
    expect(body.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const d = await deliveryReaches(caja, seller, sent.deliveries[0]!.id, 'delivered');
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ number: 1, response_status: 200, error: null });
    expect(d.attempts[0]!.request.headers['x-signature']).toBe(req!.headers['x-signature']);
  });

  it('signs the lowercased id and millisecond ts when the seller opts in', async () => {
    const cfg = await configureWebhooks(caja, seller, { url: rx.url, topics: ['order'], data_id_casing: 'lowercase', ts_unit: 'milliseconds' });
    await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D' });
    const [req] = await rx.waitFor(1);
    const sig = String(req!.headers['x-signature']);
    const ts = /ts=(\d+)/.exec(sig)![1]!;
    expect(ts.length).toBe(13);
    expect(req!.query.get('data.id')).toBe('ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D');
    const base = { xSignature: sig, xRequestId: req!.headers['x-request-id'], secret: cfg.secret };
    expect(() => WebhookSignatureValidator.validate({ ...base, dataId: 'ord01jyh1z1yjn4hz8j3q0rb3yp6d' })).not.toThrow();
    expect(() => WebhookSignatureValidator.validate({ ...base, dataId: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D' })).toThrow(/SignatureMismatch/);
  });

  it('a rotated secret signs the next notification', async () => {
    const before = await configureWebhooks(caja, seller, { url: rx.url, topics: ['payment'] });
    const rotated = await caja.request({ method: 'POST', url: `/sandbox/sellers/${seller.user_id}/webhooks/rotate-secret`, headers: seller.auth });
    expect(rotated.statusCode).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(before.secret);
    await sendTestNotification(caja, seller, { topic: 'payment', data_id: '123456789' });
    const [req] = await rx.waitFor(1);
    const args = { xSignature: req!.headers['x-signature'], xRequestId: req!.headers['x-request-id'], dataId: '123456789' };
    expect(() => WebhookSignatureValidator.validate({ ...args, secret })).not.toThrow();
    expect(() => WebhookSignatureValidator.validate({ ...args, secret: before.secret })).toThrow();
    // Classic topics print numeric ids (reference §7.2).
    expect(JSON.parse(req!.body)).toMatchObject({ type: 'payment', action: 'payment.created', user_id: seller.user_id });
  });

  it('sends a legacy IPN, unsigned, to a notification_url', async () => {
    await sendTestNotification(caja, seller, { topic: 'merchant_order', data_id: '987654', notification_url: `${rx.url}?source=caja` });
    const [req] = await rx.waitFor(1);
    expect(req!.query.get('topic')).toBe('merchant_order');
    expect(req!.query.get('id')).toBe('987654');
    expect(req!.query.get('source')).toBe('caja');
    expect(req!.headers['x-signature']).toBeUndefined();
    expect(JSON.parse(req!.body)).toEqual({ resource: 'http://caja.test/merchant_orders/987654', topic: 'merchant_order' });
  });

  it('records a skipped delivery when no webhook is configured, and a replay sends it once configured', async () => {
    const sent = await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP7E' });
    expect(sent.deliveries[0]).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/no webhook URL configured/) });
    await configureWebhooks(caja, seller, { url: rx.url, topics: ['order'] });
    const replay = await caja.request({ method: 'POST', url: `/sandbox/notifications/${sent.deliveries[0]!.id}/replay`, headers: seller.auth });
    expect(replay.statusCode, replay.body).toBe(201);
    const copy = replay.json();
    expect(copy.replay_of).toBe(sent.deliveries[0]!.id);
    await deliveryReaches(caja, seller, copy.id, 'delivered');
    expect(rx.received).toHaveLength(1);
  });

  it('skips a topic the seller did not enable', async () => {
    await configureWebhooks(caja, seller, { url: rx.url, topics: ['payment'] });
    const sent = await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP8F' });
    expect(sent.deliveries[0]).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/topic order is not enabled/) });
  });
});
