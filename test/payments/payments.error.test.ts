import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { expectPaymentError, getPayment, paidOrder, refundPayment, searchPayments } from '../support/payments.js';
import { managedWallet } from '../support/orders-fixtures.js';
import { createOrder, getOrder, openShop, walletPay, type Shop } from '../support/qr-orders.js';

describe('the Payments API refuses bad input with the documented error and stores nothing', () => {
  const caja = testbed();
  let shop: Shop;
  let other: Shop;
  let paymentId: string;
  let orderId: string;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    other = await openShop(caja, 'MLA');
    ({ paymentId, order: { id: orderId } } = await paidOrder(caja, shop));
  });

  const ledger = async () => ({
    payments: (await caja.runtime.ctx.store.db.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    refunds: (await caja.runtime.ctx.store.db.selectFrom('payment_refunds').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  });

  it('unknown, malformed, huge and negative ids: 404 with cause 2000', async () => {
    for (const id of ['1', '999999999999', 'abc', '-5', '1e3', '0', '123456789012345678901234567890', 'ORD01']) {
      expectPaymentError(await getPayment(caja, shop.seller, id), 404, 2000);
      expectPaymentError(await refundPayment(caja, shop.seller, id), 404, 2000);
    }
    // Control characters are refused at the door for every path, naming the field.
    expect((await getPayment(caja, shop.seller, '%00')).json()).toMatchObject({ status: 400, cause: [{ data: 'id' }] });
  });

  it("another seller's payment is not found, read or refunded", async () => {
    const before = await ledger();
    expectPaymentError(await getPayment(caja, other.seller, paymentId), 404, 2000);
    expectPaymentError(await refundPayment(caja, other.seller, paymentId), 404, 2000);
    expect(await ledger()).toEqual(before);
    const search = (await searchPayments(caja, other.seller)).json();
    expect(search.results.map((p: { id: number }) => String(p.id))).not.toContain(paymentId);
  });

  it('refund over the balance: 400, nothing refunded', async () => {
    const before = await ledger();
    const r = await refundPayment(caja, shop.seller, paymentId, { amount: 50.01 });
    expectPaymentError(r, 400, 2063);
    expect(r.json().message).not.toMatch(/minor/);
    expect(await ledger()).toEqual(before);
    expect((await getOrder(caja, shop, orderId)).status).toBe('processed');
  });

  it('refund of a rejected payment: 400 2063', async () => {
    const o = await createOrder(caja, shop, {}, 'dynamic');
    const declined = (await walletPay(caja, o.type_response!.qr_data, { outcome: 'rejected' })).json();
    const before = await ledger();
    expectPaymentError(await refundPayment(caja, shop.seller, declined.id), 400, 2063);
    expect(await ledger()).toEqual(before);
  });

  it('bad amounts: 4040 not positive, 4041 not numeric or too precise', async () => {
    const before = await ledger();
    expectPaymentError(await refundPayment(caja, shop.seller, paymentId, { amount: 0 }), 400, 4040);
    expectPaymentError(await refundPayment(caja, shop.seller, paymentId, { amount: -1 }), 400, 4040);
    expectPaymentError(await refundPayment(caja, shop.seller, paymentId, { amount: '10' }), 400, 4041);
    expectPaymentError(await refundPayment(caja, shop.seller, paymentId, { amount: 1.001 }), 400, 4041);
    expectPaymentError(await refundPayment(caja, shop.seller, paymentId, [1]), 400, 4041);
    expect(await ledger()).toEqual(before);
  });

  it('a partial refund of an order with a cash-out: 400 3024', async () => {
    await managedWallet(caja, shop.seller);
    const { paymentId: id } = await paidOrder(caja, shop, { total_amount: '80.00', transactions: { payments: [{ amount: '50.00' }], cash_outs: [{ amount: '30.00' }] } });
    expectPaymentError(await refundPayment(caja, shop.seller, id, { amount: 10 }), 400, 3024);
    expect((await refundPayment(caja, shop.seller, id)).statusCode).toBe(201);
  });

  it('search: each bad parameter is named', async () => {
    for (const [k, v] of [['limit', '0'], ['limit', '1001'], ['offset', '-1'], ['sort', 'amount'], ['criteria', 'up'], ['status', 'paid'], ['begin_date', 'yesterday'], ['range', 'nope']] as const) {
      const r = await searchPayments(caja, shop.seller, { [k]: v });
      expect(r.statusCode, `${k}=${v}`).toBe(400);
      expect(r.json().message).toContain(k);
    }
  });

  it('fuzz: any refund body and id gets a 2xx or a documented 4xx, never more than was paid', async () => {
    const { paymentId: id } = await paidOrder(caja, shop);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(undefined), fc.json().map((j) => JSON.parse(j) as unknown)), fc.oneof(fc.constant(id), fc.string({ maxLength: 30 })), async (body, pid) => {
        const r = await caja.request({ method: 'POST', url: `/v1/payments/${encodeURIComponent(pid)}/refunds`, headers: shop.seller.auth, ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { ...shop.seller.auth, 'content-type': 'application/json' } }) });
        expect(r.statusCode, r.body).toBeLessThan(500);
      }),
      { numRuns: 60, seed: 20261201 },
    );
    const p = (await getPayment(caja, shop.seller, id)).json();
    expect(p.transaction_amount_refunded).toBeLessThanOrEqual(50);
  });
});
