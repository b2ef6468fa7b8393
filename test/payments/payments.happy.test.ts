import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance, configureWebhooks } from '../support/notify.js';
import { getPayment, paidOrder, refundPayment, searchPayments } from '../support/payments.js';
import { Receiver } from '../support/receiver.js';
import { createOrder, getOrder, openShop, orderAction, walletPay, type Shop } from '../support/qr-orders.js';
import { managedWallet, settleRefunds } from '../support/orders-fixtures.js';

const OFFSET_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-04:00$/;

describe('the Payments API: the ledger of every payment', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it("GET /v1/payments/{id} reads the order's payment: the captured real in-person payment's shape", async () => {
    const { order, paymentId } = await paidOrder(caja, shop, { description: 'Order QR - Sucursal 22', items: [{ title: 'Citric naranja 1lt', unit_price: '50.00', quantity: 1 }] }, { payment_method: 'visa' });
    const o = await getOrder(caja, shop, order.id);
    expect(o.transactions.payments![0]!.reference_id).toBe(paymentId);
    const res = await getPayment(caja, shop.seller, paymentId);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      id: Number(paymentId),
      status: 'approved',
      status_detail: 'accredited',
      operation_type: 'regular_payment',
      payment_method_id: 'visa',
      payment_type_id: 'credit_card',
      currency_id: 'ARS',
      transaction_amount: 50,
      transaction_amount_refunded: 0,
      installments: 1,
      transaction_details: { total_paid_amount: 50, net_received_amount: 50 },
      description: 'Order QR - Sucursal 22',
      external_reference: o.external_reference,
      collector_id: shop.seller.user_id,
      pos_id: String(shop.posId),
      store_id: String(shop.storeId),
      live_mode: false,
      captured: true,
      refunds: [],
      point_of_interaction: {
        type: 'INSTORE',
        business_info: { unit: 'wallet', sub_unit: 'qr' },
        references: [{ id: order.id, type: 'ORDER_MP' }],
      },
      additional_info: { items: [{ title: 'Citric naranja 1lt', quantity: '1', unit_price: '50.00' }] },
    });
    expect(p.payer.email).toMatch(/@testuser\.com$/);
    for (const k of ['date_created', 'date_approved', 'date_last_updated', 'money_release_date']) expect(p[k]).toMatch(OFFSET_DATE);
    expect(typeof p.collector_id).toBe('number');
  });

  it('a declined attempt is a rejected payment in the ledger; the order stays payable', async () => {
    const order = await createOrder(caja, shop, {}, 'dynamic');
    const declined = await walletPay(caja, order.type_response!.qr_data, { outcome: 'rejected', payment_method: 'master' });
    expect(declined.statusCode).toBe(200);
    const p = (await getPayment(caja, shop.seller, declined.json().id)).json();
    expect(p).toMatchObject({ status: 'rejected', status_detail: 'cc_rejected_other_reason', payment_method_id: 'master' });
    expect(p.date_approved).toBeNull();
    expect((await getOrder(caja, shop, order.id)).status).toBe('created');
    const paid = await walletPay(caja, order.type_response!.qr_data);
    expect(paid.json().id).not.toBe(declined.json().id);
  });

  it('a cash-out order: one payment for what the payer paid (purchase and cash-out)', async () => {
    await managedWallet(caja, shop.seller);
    const { paymentId } = await paidOrder(caja, shop, { total_amount: '80.00', transactions: { payments: [{ amount: '50.00' }], cash_outs: [{ amount: '30.00' }] } });
    expect((await getPayment(caja, shop.seller, paymentId)).json()).toMatchObject({ transaction_amount: 80 });
  });

  it('search: by external_reference, status, paging and sort', async () => {
    const { order, paymentId } = await paidOrder(caja, shop, { external_reference: 'search_me_1' });
    void order;
    const res = await searchPayments(caja, shop.seller, { external_reference: 'search_me_1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ paging: { total: 1, limit: 30, offset: 0 }, results: [{ id: Number(paymentId), external_reference: 'search_me_1' }] });
    const all = (await searchPayments(caja, shop.seller, { sort: 'date_created', criteria: 'asc', limit: 2, offset: 1 })).json();
    expect(all.paging).toMatchObject({ limit: 2, offset: 1 });
    expect(all.paging.total).toBeGreaterThanOrEqual(4);
    expect(all.results).toHaveLength(2);
    const rejected = (await searchPayments(caja, shop.seller, { status: 'rejected' })).json();
    expect(rejected.results.every((p: { status: string }) => p.status === 'rejected')).toBe(true);
    const recent = (await searchPayments(caja, shop.seller, { range: 'date_created', begin_date: 'NOW-1DAYS', end_date: 'NOW' })).json();
    expect(recent.paging.total).toBe(all.paging.total);
    const none = (await searchPayments(caja, shop.seller, { range: 'date_created', begin_date: '2020-01-01T00:00:00.000-04:00', end_date: '2020-01-02T00:00:00Z' })).json();
    expect(none).toEqual({ paging: { total: 0, limit: 30, offset: 0 }, results: [] });
  });

  it('a partial refund through the Payments API is the order’s refund too; then a total one', async () => {
    const { order, paymentId } = await paidOrder(caja, shop);
    const part = await refundPayment(caja, shop.seller, paymentId, { amount: 20 });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({ payment_id: Number(paymentId), amount: 20, status: 'in_process', source: { type: 'collector' } });
    const o = await getOrder(caja, shop, order.id);
    expect(o).toMatchObject({ status: 'processed', status_detail: 'partially_refunded' });
    expect(o.transactions.refunds).toEqual([expect.objectContaining({ amount: '20.00', status: 'processing', reference_id: paymentId })]);
    expect((await getPayment(caja, shop.seller, paymentId)).json()).toMatchObject({ status: 'approved', status_detail: 'partially_refunded', transaction_amount_refunded: 20 });

    const rest = await refundPayment(caja, shop.seller, paymentId, {});
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ amount: 30 });
    const settled = await settleRefunds(caja, { ...shop.seller }, order.id);
    expect(settled).toMatchObject({ status: 'refunded', status_detail: 'refunded' });
    const p = (await getPayment(caja, shop.seller, paymentId)).json();
    expect(p).toMatchObject({ status: 'refunded', status_detail: 'refunded', transaction_amount_refunded: 50 });
    expect(p.refunds.map((r: { amount: number; status: string }) => [r.amount, r.status])).toEqual([
      [20, 'approved'],
      [30, 'approved'],
    ]);
    const list = await caja.request({ method: 'GET', url: `/v1/payments/${paymentId}/refunds/`, headers: shop.seller.auth });
    expect(list.json()).toHaveLength(2);
    const one = await caja.request({ method: 'GET', url: `/v1/payments/${paymentId}/refunds/${list.json()[0].id}`, headers: shop.seller.auth });
    expect(one.json()).toMatchObject({ id: list.json()[0].id, amount: 20 });
  });

  it('a refund through the order shows on the payment', async () => {
    const { order, paymentId } = await paidOrder(caja, shop);
    const r = await orderAction(caja, shop, order.id, 'refund');
    expect(r.statusCode, r.body).toBe(201);
    const p = (await getPayment(caja, shop.seller, paymentId)).json();
    expect(p).toMatchObject({ status: 'refunded', transaction_amount_refunded: 50, refunds: [{ amount: 50, status: 'in_process' }] });
  });

  it('payment webhooks: payment.created on a payment, payment.updated on a refund, signed like the others', async () => {
    const rx = await Receiver.start();
    try {
      const s = await openShop(caja, 'MLB');
      await configureWebhooks(caja, s.seller, { url: rx.url, topics: ['payment'] });
      const { paymentId } = await paidOrder(caja, s);
      const [created] = await rx.waitFor(1);
      expect(created!.query.get('type')).toBe('payment');
      expect(created!.query.get('data.id')).toBe(paymentId);
      expect(JSON.parse(created!.body)).toMatchObject({ action: 'payment.created', type: 'payment', api_version: 'v1', version: 1, live_mode: false, user_id: s.seller.user_id, data: { id: paymentId } });
      expect(created!.headers['x-signature']).toMatch(/^ts=\d+,v1=[0-9a-f]{64}$/);
      await refundPayment(caja, s.seller, paymentId, { amount: 1 });
      const [, updated] = await rx.waitFor(2);
      expect(JSON.parse(updated!.body)).toMatchObject({ action: 'payment.updated', version: 2, data: { id: paymentId } });
    } finally {
      await rx.close();
    }
  });

  it('the refund window of the order applies through the Payments API (180 days)', async () => {
    const s = await openShop(caja, 'MLA');
    const { paymentId } = await paidOrder(caja, s);
    await advance(caja, s.seller, 181 * 86_400);
    const r = await refundPayment(caja, s.seller, paymentId);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().cause[0].code).toBe(2024);
  });
});
