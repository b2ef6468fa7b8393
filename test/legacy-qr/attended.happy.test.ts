import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { attended, getMerchantOrder, seedOrder } from '../support/legacy-qr.js';
import { advance } from '../support/notify.js';
import { getPayment } from '../support/payments.js';
import { openShop, walletPay, walletScan, type Shop } from '../support/qr-orders.js';
import { Receiver, until } from '../support/receiver.js';

const ipns = (rx: Receiver, topic: string) => rx.received.filter((r) => r.query.get('topic') === topic);

describe('the attended model (seed 002): create, scan, pay, IPN, merchant_order closed', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it('the whole flow', async () => {
    const created = await attended(caja, shop, seedOrder('ARS', { notification_url: rx.url }));
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    expect(order.id).toMatch(new RegExp(`^${shop.seller.user_id}-[0-9a-f-]{36}$`));
    expect(order).toMatchObject({ collector_id: shop.seller.user_id, total_amount: 320, amount: 320, external_reference: 'Bill-0001' });
    expect(order.items[0]).toMatchObject({ title: 'Product 1', currency_id: 'ARS', unit_price: 120, quantity: 1 });

    // The payer scans the POS's printed QR: a merchant_order is created and notified.
    const scanned = await walletScan(caja, shop.posQr);
    expect(scanned.json()).toMatchObject({ status: 'payable', provider: 'mp_instore', amount: '320.00', charge: { id: order.id, external_reference: 'Bill-0001' } });
    await until(() => ipns(rx, 'merchant_order').length >= 1);
    const first = ipns(rx, 'merchant_order')[0]!;
    const moId = first.query.get('id')!;
    expect(JSON.parse(first.body)).toEqual({ resource: `http://caja.test/merchant_orders/${moId}`, topic: 'merchant_order' });
    expect(first.headers['x-signature']).toBeUndefined();
    const opened = await getMerchantOrder(caja, shop.seller, moId);
    expect(opened).toMatchObject({ id: Number(moId), status: 'opened', order_status: 'payment_required', total_amount: 320, paid_amount: 0, payments: [], cancelled: false, external_reference: 'Bill-0001', preference_id: order.id, is_test: true, notification_url: rx.url });

    const paid = await walletPay(caja, shop.posQr, { payment_method: 'visa' });
    expect(paid.statusCode, paid.body).toBe(201);
    const paymentId = paid.json().id as string;
    await until(() => ipns(rx, 'payment').length >= 1 && ipns(rx, 'merchant_order').length >= 2);
    const payIpn = ipns(rx, 'payment')[0]!;
    expect(payIpn.query.get('id')).toBe(paymentId);
    expect(JSON.parse(payIpn.body)).toEqual({ resource: paymentId, topic: 'payment' });

    const closed = await getMerchantOrder(caja, shop.seller, moId);
    expect(closed).toMatchObject({ status: 'closed', order_status: 'paid', paid_amount: 320, refunded_amount: 0 });
    expect(closed.payments).toEqual([expect.objectContaining({ id: Number(paymentId), status: 'approved', status_details: 'accredited', transaction_amount: 320, currency_id: 'ARS' })]);
    const payment = (await getPayment(caja, shop.seller, paymentId)).json();
    expect(payment).toMatchObject({ order: { id: moId, type: 'mercadopago' }, notification_url: rx.url, transaction_amount: 320, external_reference: 'Bill-0001' });

    // Paid: the POS is idle again.
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
  });

  it('each scan creates a merchant_order; a declined attempt joins the last one; delete answers 204 and cancels them', async () => {
    const created = await attended(caja, shop, seedOrder('ARS', { notification_url: rx.url, external_reference: 'Bill-0002' }));
    expect(created.statusCode).toBe(201);
    await walletScan(caja, shop.posQr);
    await walletScan(caja, shop.posQr);
    const search = await caja.request({ method: 'GET', url: `/merchant_orders/search?external_reference=Bill-0002`, headers: shop.seller.auth });
    expect(search.json()).toMatchObject({ total: 2, next_offset: 2 });
    const declined = await walletPay(caja, shop.posQr, { outcome: 'rejected' });
    expect(declined.statusCode).toBe(200);
    const [newest, older] = search.json().elements as Array<{ id: number }>;
    expect((await getMerchantOrder(caja, shop.seller, newest!.id)).payments).toEqual([expect.objectContaining({ status: 'rejected' })]);
    const del = await caja.request({ method: 'DELETE', url: `/mpmobile/instore/qr/${shop.seller.user_id}/${shop.posExternalId}?access_token=${shop.seller.access_token}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    for (const id of [newest!.id, older!.id]) expect(await getMerchantOrder(caja, shop.seller, id)).toMatchObject({ status: 'expired', cancelled: true, order_status: 'expired' });
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
    const again = await caja.request({ method: 'DELETE', url: `/mpmobile/instore/qr/${shop.seller.user_id}/${shop.posExternalId}`, headers: shop.seller.auth });
    expect(again.statusCode).toBe(404);
    expect(again.json().cause[0].code).toBe('point_of_sale_in_store_order_not_found');
  });

  it('expires after X-Ttl-Store-Preference seconds: its merchant_order expires and is notified', async () => {
    const created = await attended(caja, shop, seedOrder('ARS', { notification_url: rx.url, external_reference: 'Bill-0003' }), { ttl: '60' });
    expect(created.statusCode).toBe(201);
    await walletScan(caja, shop.posQr);
    const search = await caja.request({ method: 'GET', url: `/merchant_orders/search?external_reference=Bill-0003`, headers: shop.seller.auth });
    const moId = String(search.json().elements[0].id);
    const mine = () => ipns(rx, 'merchant_order').filter((r) => r.query.get('id') === moId);
    await until(() => mine().length >= 1);
    await advance(caja, shop.seller, 61);
    await until(async () => (await getMerchantOrder(caja, shop.seller, moId)).status === 'expired');
    await until(() => mine().length >= 2);
    expect(mine()).toHaveLength(2);
    expect(await getMerchantOrder(caja, shop.seller, moId)).toMatchObject({ cancelled: true, order_status: 'expired', payments: [] });
    expect((await walletPay(caja, shop.posQr)).statusCode).toBe(409);
  });

  it('the default expiry is 10 minutes', async () => {
    const created = await attended(caja, shop, seedOrder('ARS', { external_reference: 'Bill-0004' }));
    expect(created.statusCode).toBe(201);
    await advance(caja, shop.seller, 599);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'payable', charge: { external_reference: 'Bill-0004' } });
    await advance(caja, shop.seller, 2);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
  });
});
