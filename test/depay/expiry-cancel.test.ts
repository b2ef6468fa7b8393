import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance } from '../support/notify.js';
import { startCaja, testbed } from '../support/harness.js';
import { Receiver, until } from '../support/receiver.js';
import { createQr, depay, depaySeller, expectDepayError, getOrder, orderReaches, type DepaySeller } from './fixtures.js';

describe('Depay expiry (10 minutes) and cancel', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed();
  let s: DepaySeller;
  beforeEach(async () => {
    s = await depaySeller(caja, { autoOutcome: false });
    rx.received.length = 0;
  });

  const cancel = (id: string) => depay(caja, s, { method: 'DELETE', url: `/depay/v2/payins/qr/${id}` });
  const bodies = (id: string) => rx.received.map((r) => JSON.parse(r.body)).filter((b) => b.order_id === id && b.type === 'PAYMENT');

  it('expires 10 minutes after creation on the seller clock, with the seed\'s expiration notification', async () => {
    const q = await createQr(caja, s, { notification_url: rx.url, external_reference: 'ref_qr_1738847080464_uxv7qyvixc' });
    await advance(caja, s, 599);
    await new Promise((r) => setTimeout(r, 150));
    expect((await getOrder(caja, s, q.order_id)).status).toBe('CREATED');
    await advance(caja, s, 1);
    const o = await orderReaches(caja, s, q.order_id, 'CANCELED');
    expect(o.statuses.map((x) => x.status)).toEqual(['CREATED', 'CANCELED']);
    await until(() => bodies(q.order_id).length === 1, 10_000, 'the expiration callback');
    expect(bodies(q.order_id)[0]).toEqual({
      order_id: q.order_id,
      type: 'PAYMENT',
      status: 'CANCELED',
      message: 'New payment status: canceled. Order Expired',
      external_reference: 'ref_qr_1738847080464_uxv7qyvixc',
    });
    // Expired: the wallet finds nothing to pay, and cancel says it is already canceled.
    const pay = await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: q.qr_data } });
    expect(pay.statusCode).toBe(409);
    expectDepayError(await cancel(q.order_id), 409, 'The order has already been canceled.');
  });

  it('an advance far past the expiry expires at once (one callback, one history entry)', async () => {
    const q = await createQr(caja, s, { notification_url: rx.url });
    // Less than the token's hour, so the reads below still authenticate.
    await advance(caja, s, 3000);
    await orderReaches(caja, s, q.order_id, 'CANCELED');
    await new Promise((r) => setTimeout(r, 200));
    expect(bodies(q.order_id)).toHaveLength(1);
    expect((await getOrder(caja, s, q.order_id)).statuses).toHaveLength(2);
  });

  it('cancels a pending QR: 200 with no body, CANCELED, a callback, and the wallet can no longer pay', async () => {
    const q = await createQr(caja, s, { notification_url: rx.url });
    const res = await cancel(q.order_id);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect((await getOrder(caja, s, q.order_id)).status).toBe('CANCELED');
    await until(() => bodies(q.order_id).length === 1, 10_000, 'the cancel callback');
    expect(bodies(q.order_id)[0]).toMatchObject({ status: 'CANCELED', message: 'New payment status: canceled. Order Canceled' });
    expectDepayError(await cancel(q.order_id), 409, 'The order has already been canceled.');
    const pay = await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: q.qr_data } });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().cause[0].code).toBe('canceled');
    // Canceled means its expiry has nothing left to do.
    await advance(caja, s, 900);
    await new Promise((r) => setTimeout(r, 150));
    expect((await getOrder(caja, s, q.order_id)).statuses).toHaveLength(2);
  });

  it('a QR past its 10 minutes whose timer has not run is expired, not canceled, by a DELETE', async () => {
    // Without workers no timer runs: the command itself sees the QR is past due.
    const idle = await startCaja({ workers: false });
    try {
      const t = await depaySeller(idle, { autoOutcome: false });
      const q = await createQr(idle, t);
      await advance(idle, t, 601);
      expectDepayError(await depay(idle, t, { method: 'DELETE', url: `/depay/v2/payins/qr/${q.order_id}` }), 409, 'The order has already been canceled.');
      const log = await idle.request({ method: 'GET', url: `/sandbox/depay/orders/${q.order_id}`, headers: t.auth });
      expect(log.json().statuses.map((x: { reason: string }) => x.reason)).toEqual([null, 'expired']);
    } finally {
      await idle.close();
    }
  });

  it('refuses to cancel a COMPLETED order (409 naming its status); unknown ids are 404', async () => {
    const q = await createQr(caja, s);
    expect((await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: q.qr_data } })).statusCode).toBe(201);
    expectDepayError(await cancel(q.order_id), 409, 'The order cannot be canceled because its status is COMPLETED.');
    expectDepayError(await cancel('7478bd70-87ad-49d0-9143-9b148d776fc7'), 404, 'ORDER_NOT_FOUND');
    expectDepayError(await cancel('not-a-uuid'), 404, 'ORDER_NOT_FOUND');
  });
});
