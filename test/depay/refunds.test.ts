import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance } from '../support/notify.js';
import { startCaja, testbed, type Harness } from '../support/harness.js';
import { Receiver, until } from '../support/receiver.js';
import { createQr, depay, depaySeller, expectDepayError, getOrder, inside, orderReaches, type DepaySeller } from './fixtures.js';

describe('Depay refunds (seed 004, "QR Refund")', () => {
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

  const refund = (payload: Record<string, unknown>) => depay(caja, s, { method: 'POST', url: '/depay/v2/qr/refund', payload });
  const refundBodies = () => rx.received.filter((r) => JSON.parse(r.body).type === 'REFUND');
  async function paidOrder(over: Record<string, unknown> = {}) {
    const q = await createQr(caja, s, { notification_url: `${rx.url}?order`, ...over });
    expect((await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: q.qr_data } })).statusCode).toBe(201);
    return q;
  }

  it('partial then total: PENDING, then PARTIALLY_REFUNDED and REFUNDED on a timer, with the seed callbacks', async () => {
    const q = await paidOrder({ external_reference: 'refqr1749216815792_nxf1whwc5of' });
    const first = await refund({ order_id: q.order_id, partial: true, amount: 4, reason: 'one item back', notification_url: `${rx.url}?refund` });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'PENDING' });
    expect((await getOrder(caja, s, q.order_id)).status).toBe('COMPLETED');

    await advance(caja, s, 5);
    await orderReaches(caja, s, q.order_id, 'PARTIALLY_REFUNDED');
    await until(() => refundBodies().length === 1, 10_000, 'the partial refund callback');
    expect(refundBodies()[0]!.query.has('refund')).toBe(true);
    expect(JSON.parse(refundBodies()[0]!.body)).toEqual({ order_id: q.order_id, type: 'REFUND', status: 'PARTIALLY_REFUNDED', message: 'Refund DEVUELTA', external_reference: 'refqr1749216815792_nxf1whwc5of' });

    // Full: refunds all that remains (6.00 of 10.00), callbacks to the order's URL when the refund names none.
    const second = await refund({ order_id: q.order_id, partial: false, amount: 6, reason: 'the rest' });
    expect(second.statusCode, second.body).toBe(200);
    await advance(caja, s, 5);
    const o = await orderReaches(caja, s, q.order_id, 'REFUNDED');
    expect(o.statuses.map((x) => x.status)).toEqual(['CREATED', 'WAITING_AMOUNT', 'PROCESSING', 'COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED']);
    await until(() => refundBodies().length === 2, 10_000, 'the total refund callback');
    expect(refundBodies()[1]!.query.has('order')).toBe(true);
    expect(JSON.parse(refundBodies()[1]!.body)).toMatchObject({ status: 'REFUNDED', message: 'Refund DEVUELTA' });

    // At the rate locked at creation, the payer's shares add up to what was paid, to the centavo.
    const view = await inside(caja, s, q.order_id);
    expect(view.refunds.map((r: Record<string, unknown>) => [r.amount, r.user_amount, r.status])).toEqual([
      ['4.00', '1153.56', 'PARTIALLY_REFUNDED'],
      ['6.00', '1730.35', 'REFUNDED'],
    ]);
    expect(view.refunded).toEqual({ local: '10.00', user: '2883.91', settled_local: '10.00' });
    expectDepayError(await refund({ order_id: q.order_id, partial: true, amount: 1, reason: 'again' }), 409, 'The order is totally refunded.');
  });

  it('a second partial refund keeps PARTIALLY_REFUNDED and adds a history entry', async () => {
    const q = await paidOrder();
    for (const amount of [1, 2]) expect((await refund({ order_id: q.order_id, partial: true, amount, reason: 'r' })).statusCode).toBe(200);
    await advance(caja, s, 5);
    await until(async () => (await getOrder(caja, s, q.order_id)).statuses.length === 6, 10_000, 'both refunds settled');
    expect((await getOrder(caja, s, q.order_id)).statuses.slice(4).map((x) => x.status)).toEqual(['PARTIALLY_REFUNDED', 'PARTIALLY_REFUNDED']);
  });

  it('a partial refund of everything ends REFUNDED', async () => {
    const q = await paidOrder();
    expect((await refund({ order_id: q.order_id, partial: true, amount: 10, reason: 'r' })).statusCode).toBe(200);
    await advance(caja, s, 5);
    await orderReaches(caja, s, q.order_id, 'REFUNDED');
  });

  it('pending refunds count: more than what remains is refused before any settles', async () => {
    const q = await paidOrder();
    expect((await refund({ order_id: q.order_id, partial: true, amount: 6, reason: 'r' })).statusCode).toBe(200);
    expectDepayError(await refund({ order_id: q.order_id, partial: true, amount: 6, reason: 'r' }), 400, ['amount must not be greater than the refundable amount (4.00 BRL)']);
    expectDepayError(await refund({ order_id: q.order_id, partial: false, amount: 10, reason: 'r' }), 400, ['amount must equal the refundable amount (4.00 BRL) when partial is false']);
    expect((await refund({ order_id: q.order_id, partial: false, amount: 4, reason: 'r' })).statusCode).toBe(200);
    expectDepayError(await refund({ order_id: q.order_id, partial: true, amount: 0.01, reason: 'r' }), 409, 'The order is totally refunded.');
  });

  it('concurrent refunds never exceed what was paid', async () => {
    const q = await paidOrder();
    const all = await Promise.all(Array.from({ length: 6 }, () => refund({ order_id: q.order_id, partial: true, amount: 3, reason: 'r' })));
    expect(all.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(all.filter((r) => r.statusCode === 400)).toHaveLength(3);
    expect((await inside(caja, s, q.order_id)).refunded.local).toBe('9.00');
  });

  it('refunds only a paid order; amounts in the order\'s currency with its decimals', async () => {
    const pending = await createQr(caja, s);
    expectDepayError(await refund({ order_id: pending.order_id, partial: true, amount: 1, reason: 'r' }), 409, 'The order cannot be refunded because its status is CREATED.');
    await depay(caja, s, { method: 'DELETE', url: `/depay/v2/payins/qr/${pending.order_id}` });
    expectDepayError(await refund({ order_id: pending.order_id, partial: true, amount: 1, reason: 'r' }), 409, 'The order cannot be refunded because its status is CANCELED.');
    const q = await paidOrder();
    expectDepayError(await refund({ order_id: q.order_id, partial: true, amount: 10.01, reason: 'r' }), 400, ['amount must not be greater than the refundable amount (10.00 BRL)']);
    expectDepayError(await refund({ order_id: q.order_id, partial: true, amount: 1.005, reason: 'r' }), 400, ['amount must have at most 2 decimal places in BRL']);
    const clp = await paidOrder({ local_currency: 'CLP', local_country: 'CL', amount: 5000 });
    expectDepayError(await refund({ order_id: clp.order_id, partial: true, amount: 1.5, reason: 'r' }), 400, ['amount must have at most 0 decimal places in CLP']);
    expectDepayError(await refund({ order_id: '7478bd70-87ad-49d0-9143-9b148d776fc7', partial: true, amount: 1, reason: 'r' }), 404, 'ORDER_NOT_FOUND');
  });
});

describe('Depay refunds reuse the rate locked at creation (reference §6)', () => {
  let caja: Harness;
  afterAll(async () => caja.close());

  it('after a restart with new rates, the old order refunds at its own rate and new orders get the new one', async () => {
    caja = await startCaja();
    const s = await depaySeller(caja, { autoOutcome: false });
    const q = await createQr(caja, s);
    expect(q.user_amount).toBe(2883.9078498293516);
    expect((await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: q.qr_data } })).statusCode).toBe(201);
    await caja.close({ keepDatabase: true });

    caja = await startCaja({ database: caja.db, env: { CAJA_DEPAY_RATES: 'ARS=2000' } });
    const rate = await depay(caja, s, { method: 'GET', url: '/depay/v2/exchange-rates/rates/payins/USD/ARS' });
    expect(rate.json().exchangeRate_1).toBe('2000.00');
    expect((await depay(caja, s, { method: 'POST', url: '/depay/v2/qr/refund', payload: { order_id: q.order_id, partial: true, amount: 5, reason: 'r' } })).statusCode).toBe(200);
    const view = await inside(caja, s, q.order_id);
    // 5 BRL at the locked 1689.97/5.86 is 1441.95 ARS (at the new rate it would be 1706.48).
    expect(view.refunds[0]).toMatchObject({ amount: '5.00', user_amount: '1441.95' });
    expect(view.locked_rate).toEqual({ BRL_per_usd: '5.86', ARS_per_usd: '1689.97', exchange_rate: '0.0035' });
    const fresh = await createQr(caja, s);
    expect(fresh.user_amount).toBe(3412.9692832764504);
  });
});
