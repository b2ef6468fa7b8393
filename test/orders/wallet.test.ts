import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { createOrder, getOrder, openShop, orderAction, walletPay, walletScan, type Shop } from '../support/qr-orders.js';

describe('the payer side: scanning and paying QR orders', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it('an idle POS: the printed QR scans as nothing to pay, and paying it is a 409', async () => {
    const scan = await walletScan(caja, shop.posQr);
    expect(scan.statusCode).toBe(200);
    expect(scan.json()).toMatchObject({ status: 'nothing_to_pay', reason: 'idle_pos' });
    const pay = await walletPay(caja, shop.posQr);
    expect(pay.statusCode).toBe(409);
    expect(pay.json()).toMatchObject({ status: 409, cause: [{ code: 'idle_pos' }] });
  });

  it('static: the printed QR leads to the order; approved pays it processed/accredited with a reference and method', async () => {
    const order = await createOrder(caja, shop, {}, 'static');
    expect(order.type_response).toBeUndefined();
    const scan = (await walletScan(caja, shop.posQr)).json();
    expect(scan).toMatchObject({ status: 'payable', provider: 'mercadopago', amount: '50.00', currency: 'ARS', merchant: { name: 'Panaderia Central', country: 'AR' }, charge: { id: order.id } });
    const pay = await walletPay(caja, shop.posQr, { payment_method: 'visa' });
    expect(pay.statusCode, pay.body).toBe(201);
    expect(pay.json()).toMatchObject({ status: 'approved', status_detail: 'accredited', amount: '50.00', charge_id: order.id, payment_method: 'visa', id: expect.stringMatching(/^\d{12}$/) });
    const got = await getOrder(caja, shop, order.id);
    expect(got).toMatchObject({ status: 'processed', status_detail: 'accredited' });
    expect(got.transactions.payments![0]).toMatchObject({
      status: 'processed',
      status_detail: 'accredited',
      reference_id: pay.json().id,
      paid_amount: '50.00',
      payment_method: { id: 'visa', type: 'credit_card', installments: 1 },
    });
    // Paid: the printed QR is idle again, and paying it again finds nothing.
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay', reason: 'idle_pos' });
  });

  it('dynamic: only its own code pays it; the POS QR does not lead to it', async () => {
    const order = await createOrder(caja, shop, { total_amount: '12.34', transactions: { payments: [{ amount: '12.34' }] } }, 'dynamic');
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ reason: 'idle_pos' });
    const pay = await walletPay(caja, order.type_response!.qr_data);
    expect(pay.statusCode).toBe(201);
    expect(pay.json()).toMatchObject({ amount: '12.34', payment_method: 'account_money' });
    const again = await walletPay(caja, order.type_response!.qr_data);
    expect(again.statusCode).toBe(409);
    expect(again.json().cause[0]).toMatchObject({ code: 'paid' });
  });

  it('hybrid: paying through one code disables the other', async () => {
    const order = await createOrder(caja, shop, {}, 'hybrid');
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'payable', charge: { id: order.id } });
    expect((await walletPay(caja, shop.posQr)).statusCode).toBe(201);
    const other = await walletPay(caja, order.type_response!.qr_data);
    expect(other.statusCode).toBe(409);
    expect(other.json().cause[0].code).toBe('paid');
  });

  it('rejected: the order stays payable and the attempt is recorded', async () => {
    const order = await createOrder(caja, shop, {}, 'dynamic');
    const declined = await walletPay(caja, order.type_response!.qr_data, { outcome: 'rejected', payment_method: 'master' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'rejected', status_detail: 'cc_rejected_other_reason', charge_id: order.id });
    expect(await getOrder(caja, shop, order.id)).toMatchObject({ status: 'created' });
    expect((await walletPay(caja, order.type_response!.qr_data)).statusCode).toBe(201);
  });

  it('a canceled order has nothing to pay', async () => {
    const order = await createOrder(caja, shop, {}, 'hybrid');
    expect((await orderAction(caja, shop, order.id, 'cancel')).statusCode).toBe(200);
    const pay = await walletPay(caja, order.type_response!.qr_data);
    expect(pay.statusCode).toBe(409);
    expect(pay.json().cause[0].code).toBe('canceled');
    expect((await walletScan(caja, shop.posQr)).json().reason).toBe('idle_pos');
  });

  it('a second open order on the same POS: the printed QR leads to the newest; the older one stays open', async () => {
    const first = await createOrder(caja, shop, { total_amount: '10.00', transactions: { payments: [{ amount: '10.00' }] } }, 'hybrid');
    const second = await createOrder(caja, shop, { total_amount: '20.00', transactions: { payments: [{ amount: '20.00' }] } }, 'static');
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ charge: { id: second.id }, amount: '20.00' });
    expect((await walletPay(caja, shop.posQr)).statusCode).toBe(201);
    // The older order is untouched and still payable through its own (hybrid) code...
    expect(await getOrder(caja, shop, first.id)).toMatchObject({ status: 'created' });
    expect((await walletScan(caja, first.type_response!.qr_data)).json()).toMatchObject({ status: 'payable', amount: '10.00' });
    // ...and, the newer one paid, the printed QR leads to it again.
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ charge: { id: first.id } });
    await orderAction(caja, shop, first.id, 'cancel');
  });

  it('refuses codes caja did not issue or that were altered, with clear 4xx', async () => {
    const order = await createOrder(caja, shop, {}, 'dynamic');
    const qr = order.type_response!.qr_data;
    const notEmv = await walletScan(caja, 'hello');
    expect(notEmv.statusCode).toBe(400);
    expect(notEmv.json().cause[0].code).toMatch(/^invalid_qr_/);
    // Same structure, altered amount: the CRC no longer matches.
    const tampered = qr.replace('540550.00', '540510.00');
    expect(tampered).not.toBe(qr);
    expect((await walletPay(caja, tampered)).statusCode).toBe(400);
    // A valid EMV code caja never issued (the Depay sample from the seed).
    const foreign = '00020101021102080000000041370012com.TESTbind98114668759911499020143360032B00000515988OD000002114079ETA0545015001120322678275512600220000531905054067220517520457345802AR5905Depay6014CABA - Almagro6108C1006ACT530303262100706S1740981080004A0546304924D';
    const unknown = await walletScan(caja, foreign);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().cause[0].code).toBe('unknown_qr');
  });
});

describe('the URL inside a caja QR', () => {
  it("answers what the wallet shows for the code; an unknown token is a 404", async () => {
    const { startCaja } = await import('../support/harness.js');
    const caja = await startCaja({ workers: false });
    try {
      const shop = await openShop(caja, 'MLA');
      const order = await createOrder(caja, shop, {}, 'dynamic');
      const { findField, parseEmv } = await import('../../src/core/emv/index.js');
      const parsed = parseEmv(order.type_response!.qr_data);
      if (!parsed.ok) throw new Error('bad payload');
      const url = new URL(findField(parsed.value.objects, '43.01')!);
      expect(url.origin).toBe('http://caja.test');
      const res = await caja.request({ method: 'GET', url: url.pathname });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ qr_data: order.type_response!.qr_data, status: 'payable', amount: '50.00', charge: { id: order.id } });
      expect((await caja.request({ method: 'GET', url: '/qr/NOSUCHTOKEN123' })).statusCode).toBe(404);
    } finally {
      await caja.close();
    }
  });
});
