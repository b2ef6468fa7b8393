import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { Receiver, until } from '../support/receiver.js';
import { createQr, depaySeller, getOrder, inside, type DepaySeller } from './fixtures.js';

/** The sandbox wallet pays a Depay QR like a payer in qr_from: user_amount in user_currency. */
describe('Depay QR paid by the sandbox wallet (automatic outcome off)', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed();
  let s: DepaySeller;
  beforeEach(async () => {
    s = await depaySeller(caja, { autoOutcome: false, name: 'Loja Boa Vista' });
    rx.received.length = 0;
  });

  const pay = (payload: Record<string, unknown>) => caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload });
  const paymentBodies = (id: string) => rx.received.map((r) => JSON.parse(r.body)).filter((b) => b.order_id === id && b.type === 'PAYMENT');

  it('scan shows the user amount and currency, the merchant and the locked rate', async () => {
    const q = await createQr(caja, s);
    const res = await caja.request({ method: 'POST', url: '/sandbox/wallet/scan', payload: { qr_data: q.qr_data } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'payable',
      provider: 'depay',
      amount: '2883.91',
      currency: 'ARS',
      merchant: { name: 'Loja Boa Vista', country: 'BR' },
      charge: { id: q.order_id },
      details: { local_amount: '10.00', local_currency: 'BRL', exchange_rate: '0.0035', qr_from: 'AR' },
    });
  });

  it('pay → COMPLETED and the payment callback carries the payer fields the wallet gave', async () => {
    const q = await createQr(caja, s, { notification_url: rx.url, external_reference: 'ref_pay_1' });
    const res = await pay({ qr_data: q.qr_data, payer: { name: 'Juan Pérez', tax_id: '304658985', account: '31111111111111111112' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'approved', amount: '2883.91', currency: 'ARS', charge_id: q.order_id, order_status: 'COMPLETED', user_tax_id: '304658985' });
    const o = await getOrder(caja, s, q.order_id);
    expect(o.status).toBe('COMPLETED');
    expect(o.statuses.map((x) => x.status)).toEqual(['CREATED', 'WAITING_AMOUNT', 'PROCESSING', 'COMPLETED']);
    await until(() => paymentBodies(q.order_id).length === 1, 10_000, 'the payment callback');
    expect(paymentBodies(q.order_id)[0]).toEqual({
      order_id: q.order_id,
      type: 'PAYMENT',
      status: 'COMPLETED',
      message: 'Payment acreditado',
      external_reference: 'ref_pay_1',
      user_tax_id: '304658985',
      user_account: '31111111111111111112',
    });
    expect((await inside(caja, s, q.order_id)).payer).toMatchObject({ name: 'Juan Pérez', tax_id: '304658985' });
    // Paid once: a second pay finds nothing.
    const again = await pay({ qr_data: q.qr_data });
    expect(again.statusCode).toBe(409);
    expect(again.json().cause[0].code).toBe('paid');
  });

  it('without payer fields, plausible ones for the payer\'s country: a CPF for a Pix payer', async () => {
    const q = await createQr(caja, s, { local_currency: 'ARS', local_country: 'AR', qr_from: 'BR', amount: 5000, notification_url: rx.url });
    expect((await pay({ qr_data: q.qr_data, payment_method: 'pix' })).statusCode).toBe(201);
    await until(() => paymentBodies(q.order_id).length === 1, 10_000, 'the payment callback');
    const body = paymentBodies(q.order_id)[0];
    expect(body.user_tax_id).toMatch(/^\d{11}$/);
    expect(body.user_account).toMatch(/^\d{20}$/);
    const cpf = String(body.user_tax_id);
    const digit = (n: number) => {
      const r = ([...cpf.slice(0, n)].reduce((a, d, i) => a + Number(d) * (n + 1 - i), 0) * 10) % 11;
      return r === 10 ? 0 : r;
    };
    expect([digit(9), digit(10)]).toEqual([Number(cpf[9]), Number(cpf[10])]);
  });

  it('a rejected payment → REJECTED (terminal) with a callback', async () => {
    const q = await createQr(caja, s, { notification_url: rx.url });
    const res = await pay({ qr_data: q.qr_data, outcome: 'rejected' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', status_detail: 'rejected_by_bank', order_status: 'REJECTED' });
    expect((await getOrder(caja, s, q.order_id)).statuses.map((x) => x.status)).toEqual(['CREATED', 'WAITING_AMOUNT', 'PROCESSING', 'REJECTED']);
    await until(() => paymentBodies(q.order_id).length === 1, 10_000, 'the rejection callback');
    expect(paymentBodies(q.order_id)[0]).toEqual({ order_id: q.order_id, type: 'PAYMENT', status: 'REJECTED', message: 'New payment status: rejected', external_reference: expect.any(String) });
    const again = await pay({ qr_data: q.qr_data });
    expect(again.statusCode).toBe(409);
    expect(again.json().cause[0].code).toBe('failed');
  });
});
