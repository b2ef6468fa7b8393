import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { attended, getMerchantOrder, seedOrder, v2Order, v2Path } from '../support/legacy-qr.js';
import { createOrder, openShop, walletPay, walletScan, type Shop } from '../support/qr-orders.js';
import { getPayment, refundPayment } from '../support/payments.js';

describe('in-store orders v2, the dynamic and hybrid models', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it('PUT places the POS order (empty 201), GET reads it as an array, PUT replaces it, DELETE answers 204', async () => {
    const put = await caja.request({ method: 'PUT', url: v2Path(shop), headers: shop.seller.auth, payload: v2Order({ cash_out: { amount: 20 } }) });
    expect(put.statusCode, put.body).toBe(201);
    expect(put.body).toBe('');
    const got = await caja.request({ method: 'GET', url: v2Path(shop), headers: shop.seller.auth });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual([expect.objectContaining({ external_reference: 'v2-0001', total_amount: 150.5, title: 'Mesa 4', cash_out: { amount: 20 }, items: [expect.objectContaining({ unit_price: 50.25, total_amount: 100.5 }), expect.anything()] })]);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'payable', amount: '170.50' });

    const replaced = await caja.request({ method: 'PUT', url: v2Path(shop, { store: shop.posExternalId.replace(/POS1$/, '') }), headers: shop.seller.auth, payload: v2Order({ external_reference: 'v2-0002' }) });
    expect(replaced.statusCode, replaced.body).toBe(201);
    expect((await caja.request({ method: 'GET', url: v2Path(shop), headers: shop.seller.auth })).json()[0].external_reference).toBe('v2-0002');
    // The replaced order's merchant_order (the scan above) is cancelled.
    const mos = await caja.request({ method: 'GET', url: '/merchant_orders/search?external_reference=v2-0001', headers: shop.seller.auth });
    expect(mos.json().elements[0]).toMatchObject({ status: 'expired', cancelled: true });

    const del = await caja.request({ method: 'DELETE', url: v2Path(shop), headers: shop.seller.auth });
    expect(del.statusCode).toBe(204);
    const none = await caja.request({ method: 'GET', url: v2Path(shop), headers: shop.seller.auth });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ status: 404, cause: [{ code: 'point_of_sale_in_store_order_not_found', description: 'No associated order found' }] });
  });

  it('the dynamic model answers qr_data and in_store_order_id; its code pays it; a refund reverts its merchant_order', async () => {
    const res = await caja.request({ method: 'POST', url: `/instore/orders/qr/seller/collectors/${shop.seller.user_id}/pos/${shop.posExternalId}/qrs`, headers: shop.seller.auth, payload: v2Order({ external_reference: 'dyn-1' }) });
    expect(res.statusCode, res.body).toBe(201);
    const { qr_data, in_store_order_id } = res.json();
    expect(in_store_order_id).toMatch(new RegExp(`^${shop.seller.user_id}-`));
    expect(qr_data).toMatch(/^000201010212/);
    expect(qr_data).toContain('5406150.50');
    // A dynamic order does not take the POS's printed QR.
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
    const paid = await walletPay(caja, qr_data);
    expect(paid.statusCode, paid.body).toBe(201);
    const moId = paid.json().merchant_order_id;
    expect(await getMerchantOrder(caja, shop.seller, moId)).toMatchObject({ status: 'closed', order_status: 'paid', preference_id: in_store_order_id });
    const part = await refundPayment(caja, shop.seller, paid.json().id, { amount: 50.5 });
    expect(part.statusCode, part.body).toBe(201);
    expect(await getMerchantOrder(caja, shop.seller, moId)).toMatchObject({ status: 'closed', order_status: 'partially_reverted', refunded_amount: 50.5 });
    await refundPayment(caja, shop.seller, paid.json().id);
    expect(await getMerchantOrder(caja, shop.seller, moId)).toMatchObject({ order_status: 'reverted', refunded_amount: 150.5 });
    expect((await getPayment(caja, shop.seller, paid.json().id)).json()).toMatchObject({ status: 'refunded' });
  });

  it('the hybrid PUT answers an empty 201 and takes the printed QR', async () => {
    const res = await caja.request({ method: 'PUT', url: `/instore/orders/qr/seller/collectors/${shop.seller.user_id}/pos/${shop.posExternalId}/qrs`, headers: shop.seller.auth, payload: v2Order({ external_reference: 'hyb-1' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'payable', charge: { external_reference: 'hyb-1' } });
    await caja.request({ method: 'DELETE', url: v2Path(shop), headers: shop.seller.auth });
  });

  it("the newest charge on a POS wins its printed QR across APIs; the legacy order's leaving gives it back to the Orders order", async () => {
    const orders = await createOrder(caja, shop, { external_reference: 'orders-1' }, 'static');
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ provider: 'mercadopago', charge: { id: orders.id } });
    expect((await attended(caja, shop, seedOrder('ARS', { external_reference: 'att-1' }))).statusCode).toBe(201);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ provider: 'mp_instore', charge: { external_reference: 'att-1' } });
    expect((await caja.request({ method: 'DELETE', url: v2Path(shop), headers: shop.seller.auth })).statusCode).toBe(204);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ provider: 'mercadopago', charge: { id: orders.id } });
  });

  it('an Orders API payment gets its merchant_order (supplement §7 fact 1)', async () => {
    const orders = await createOrder(caja, shop, { external_reference: 'orders-2' }, 'dynamic');
    const paid = await walletPay(caja, orders.type_response!.qr_data);
    expect(paid.statusCode).toBe(201);
    const payment = (await getPayment(caja, shop.seller, paid.json().id)).json();
    expect(payment.order).toMatchObject({ type: 'mercadopago', id: expect.stringMatching(/^\d+$/) });
    expect(await getMerchantOrder(caja, shop.seller, payment.order.id)).toMatchObject({ status: 'closed', external_reference: 'orders-2', total_amount: 50, paid_amount: 50, notification_url: null, payments: [expect.objectContaining({ id: payment.id })] });
  });
});
