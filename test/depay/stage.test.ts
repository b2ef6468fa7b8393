import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance } from '../support/notify.js';
import { testbed } from '../support/harness.js';
import { Receiver, until } from '../support/receiver.js';
import { createQr, depaySeller, getOrder, orderReaches, setAutoOutcome, type DepaySeller } from './fixtures.js';

/** Seed, "How can we simulate QR authorization in the Stage environment?" */
describe('Depay stage outcomes by the amount\'s last digit', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed();
  let s: DepaySeller;
  beforeEach(async () => {
    s = await depaySeller(caja);
    rx.received.length = 0;
  });

  const bodiesFor = (orderId: string) => rx.received.map((r) => JSON.parse(r.body)).filter((b) => b.order_id === orderId && b.type === 'PAYMENT');
  async function callbackFor(orderId: string) {
    await until(() => bodiesFor(orderId).length > 0, 10_000, `payment callback for ${orderId}`);
    return bodiesFor(orderId)[0];
  }

  it('amount 1000 → COMPLETED after the outcome delay, with the payment callback and payer fields', async () => {
    const q = await createQr(caja, s, { amount: 1000, notification_url: rx.url, external_reference: 'ref_stage_1000' });
    expect((await getOrder(caja, s, q.order_id)).status).toBe('CREATED');
    await advance(caja, s, 3);
    const o = await orderReaches(caja, s, q.order_id, 'COMPLETED');
    expect(o.statuses.map((x) => x.status)).toEqual(['CREATED', 'WAITING_AMOUNT', 'PROCESSING', 'COMPLETED']);
    const body = await callbackFor(q.order_id);
    expect(body).toEqual({
      order_id: q.order_id,
      type: 'PAYMENT',
      status: 'COMPLETED',
      message: 'Payment acreditado',
      external_reference: 'ref_stage_1000',
      user_tax_id: expect.stringMatching(/^\d{11}$/),
      user_account: expect.stringMatching(/^\d{22}$/),
    });
  });

  it('amount 1009 → FAILED', async () => {
    const q = await createQr(caja, s, { amount: 1009, notification_url: rx.url });
    await advance(caja, s, 3);
    const o = await orderReaches(caja, s, q.order_id, 'FAILED');
    expect(o.statuses.map((x) => x.status)).toEqual(['CREATED', 'WAITING_AMOUNT', 'PROCESSING', 'FAILED']);
    expect(await callbackFor(q.order_id)).toMatchObject({ status: 'FAILED', message: 'New payment status: failed' });
  });

  it('amount 1008 → CREATED then CANCELED', async () => {
    const q = await createQr(caja, s, { amount: 1008, notification_url: rx.url });
    await advance(caja, s, 3);
    const o = await orderReaches(caja, s, q.order_id, 'CANCELED');
    expect(o.statuses.map((x) => x.status)).toEqual(['CREATED', 'CANCELED']);
    expect(await callbackFor(q.order_id)).toMatchObject({ status: 'CANCELED', message: 'New payment status: canceled. Preview not accepted' });
  });

  it('reads the last digit of the amount as written: 10.58 → 8, 10.5 → 5, 10.9 → 9, 1.8 → 8', async () => {
    const cases: Array<[number, string]> = [[10.58, 'CANCELED'], [10.5, 'COMPLETED'], [10.9, 'FAILED'], [1.8, 'CANCELED'], [20, 'COMPLETED']];
    const made = await Promise.all(cases.map(async ([amount, want]) => ({ q: await createQr(caja, s, { amount }), want })));
    await advance(caja, s, 3);
    for (const { q, want } of made) await orderReaches(caja, s, q.order_id, want);
  });

  it('does not run before its delay (3 s on the seller clock by default)', async () => {
    const q = await createQr(caja, s, { amount: 1000 });
    // One second of the three, plus a little real time: a wide margin either side.
    await advance(caja, s, 1);
    await new Promise((r) => setTimeout(r, 150));
    expect((await getOrder(caja, s, q.order_id)).status).toBe('CREATED');
  });

  it('switched off per seller: nothing happens, even to outcomes already scheduled', async () => {
    const q = await createQr(caja, s, { amount: 1000 });
    await setAutoOutcome(caja, s, false);
    const q2 = await createQr(caja, s, { amount: 1009 });
    await advance(caja, s, 60);
    await new Promise((r) => setTimeout(r, 300));
    expect((await getOrder(caja, s, q.order_id)).status).toBe('CREATED');
    expect((await getOrder(caja, s, q2.order_id)).status).toBe('CREATED');
    const view = await caja.request({ method: 'GET', url: `/sandbox/sellers/${s.user_id}/depay`, headers: s.auth });
    expect(view.json()).toEqual({ user_id: s.user_id, auto_outcome: false });
  });

  it('the switch is the seller\'s own: another user id is 404, a bad body 400, no token 401', async () => {
    const other = await depaySeller(caja);
    const put = (userId: number, payload: unknown, headers: Record<string, string> = s.auth) => caja.request({ method: 'PUT', url: `/sandbox/sellers/${userId}/depay`, headers, payload: payload as object });
    expect((await put(other.user_id, { auto_outcome: false })).statusCode).toBe(404);
    expect((await put(s.user_id, { auto_outcome: 'no' })).statusCode).toBe(400);
    expect((await put(s.user_id, {})).statusCode).toBe(400);
    expect((await put(s.user_id, { auto_outcome: false }, {})).statusCode).toBe(401);
    // A Depay bearer is not a sandbox credential.
    expect((await put(s.user_id, { auto_outcome: false }, s.bearer)).statusCode).toBe(401);
  });
});
