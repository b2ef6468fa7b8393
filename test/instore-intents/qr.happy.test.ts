import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { getPayment } from '../support/payments.js';
import { createOrder, openShop, walletPay, walletScan, type Shop } from '../support/qr-orders.js';
import { advance } from '../support/notify.js';
import { createQrIntent, getQrIntent, INTENTS, openQrIntent, seedQrBody } from '../support/intents.js';

/** Seed 000's GET example (its "...." elisions dropped): the fields a CLOSED QR intent prints. */
const SEED_GET = JSON.parse(`{
    "id": "12345-3245-123423-234235",
    "description": "description",
    "external_reference": "external_reference",
    "status": "CLOSED",
    "operations": [ { "type": "PURCHASE", "results": [ { "id": 123456, "source": "PAYMENT" } ] } ],
    "enabler_configuration": { "qr_payment_mode": [ "STATIC", "DYNAMIC" ] }
}`) as Record<string, any>;

describe('Instore QR intents: create, read, pay, cancel, expire (seed 000)', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it("seed 000's create body as written answers 201 OPENED, echoing it", async () => {
    const res = await createQrIntent(caja, shop, seedQrBody(), { headers: { 'x-integrator-id': '234567' } });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['id', 'description', 'external_reference', 'status', 'sponsor', 'operations', 'enabler_configuration', 'qr']);
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const sent = seedQrBody();
    expect(body).toMatchObject({ status: 'OPENED', description: sent.description, external_reference: sent.external_reference, sponsor: { id: 1234567 }, enabler_configuration: sent.enabler_configuration });
    expect(body.operations).toEqual(sent.operations);
    // DYNAMIC: the intent's own code, with the amount.
    expect(body.qr.data).toMatch(/^000201010212/);
    expect(body.qr.data).toContain('540514.53');
    expect(await getQrIntent(caja, shop, body.id)).toEqual(body);
    await caja.request({ method: 'DELETE', url: `${INTENTS}/${body.id}/qr`, headers: shop.seller.auth });
  });

  it('the intent is payable through its own code and the printed QR; the first payment closes it with results, the GET matching the seed field by field', async () => {
    const intent = await openQrIntent(caja, shop);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'payable', provider: 'mp_intent', amount: '14.53', charge: { id: intent.id } });
    expect((await walletScan(caja, intent.qr.data)).json()).toMatchObject({ status: 'payable', provider: 'mp_intent', charge: { id: intent.id } });
    const paid = await walletPay(caja, intent.qr.data);
    expect(paid.statusCode, paid.body).toBe(201);
    const paymentId = paid.json().id;
    const got = await getQrIntent(caja, shop, intent.id);
    // Field by field with seed 000's GET example: the same keys (sponsor and qr: what this intent was created with), the documented values.
    expect(Object.keys(got).filter((k) => k !== 'sponsor' && k !== 'qr')).toEqual(Object.keys(SEED_GET));
    expect(got.status).toBe(SEED_GET.status);
    expect(got.description).toBe(SEED_GET.description);
    expect(got.external_reference).toBe(SEED_GET.external_reference);
    expect(got.enabler_configuration).toEqual(SEED_GET.enabler_configuration);
    expect(got.operations[0].type).toBe(SEED_GET.operations[0].type);
    expect(Object.keys(got.operations[0].results[0])).toEqual(Object.keys(SEED_GET.operations[0].results[0]));
    expect(got.operations[0].results).toEqual([{ id: Number(paymentId), source: 'PAYMENT' }]);
    expect(typeof got.operations[0].results[0].id).toBe('number');
    // The payment is in the ledger (the seed: "go to the Payments API").
    const payment = (await getPayment(caja, shop.seller, got.operations[0].results[0].id)).json();
    expect(payment).toMatchObject({ id: Number(paymentId), status: 'approved', transaction_amount: 14.53, currency_id: 'ARS', external_reference: 'external_reference', description: 'description' });
    // Exclusive: neither code pays it again.
    expect((await walletPay(caja, intent.qr.data)).json().cause[0].code).toBe('paid');
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
    // A CLOSED intent cannot be canceled.
    const del = await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: shop.seller.auth });
    expect(del.statusCode).toBe(409);
    const history = await caja.request({ method: 'GET', url: `/sandbox/history/instore_intent/${intent.id}`, headers: shop.seller.auth });
    expect(history.json().statuses.map((s: { status: string }) => s.status)).toEqual(['CLOSED']);
  });

  it('STATIC only (the default): the printed QR pays it; qr.data is that printed code; amount computed from the items', async () => {
    const body = seedQrBody();
    delete body.enabler_configuration;
    delete body.operations[0].amount;
    body.operations[0].items.push({ title: 'second', unit_price: '2.50', quantity: 3, unit_measure: 'PACK', total_amount: '7.50' });
    const intent = await openQrIntent(caja, shop, body);
    expect(intent.enabler_configuration).toEqual({ qr_payment_mode: ['STATIC'] });
    expect(intent.operations[0].amount).toBe('22.03');
    expect(intent.qr.data).toBe(shop.posQr);
    const paid = await walletPay(caja, shop.posQr);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ amount: '22.03' });
    expect((await getQrIntent(caja, shop, intent.id)).status).toBe('CLOSED');
  });

  it('DYNAMIC only leaves the printed QR alone', async () => {
    const body = seedQrBody();
    body.enabler_configuration = { qr_payment_mode: ['DYNAMIC'] };
    const intent = await openQrIntent(caja, shop, body);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
    expect((await walletPay(caja, intent.qr.data)).statusCode).toBe(201);
  });

  it('a cash-out: the payer pays both, results name the PAYOUT', async () => {
    const body = seedQrBody();
    body.operations.push({ type: 'CASH_OUT', amount: '20.00' });
    const intent = await openQrIntent(caja, shop, body);
    const paid = await walletPay(caja, intent.qr.data);
    expect(paid.json()).toMatchObject({ amount: '34.53' });
    const got = await getQrIntent(caja, shop, intent.id);
    expect(got.operations).toEqual([
      expect.objectContaining({ type: 'PURCHASE', amount: '14.53', results: [{ id: Number(paid.json().id), source: 'PAYMENT' }] }),
      { type: 'CASH_OUT', amount: '20.00', results: [{ id: Number(paid.json().id), source: 'PAYOUT' }] },
    ]);
  });

  it('a declined payment leaves it OPENED; DELETE (both paths) cancels an OPENED intent with 204', async () => {
    const intent = await openQrIntent(caja, shop);
    const declined = await walletPay(caja, intent.qr.data, { outcome: 'rejected' });
    expect(declined.json()).toMatchObject({ status: 'rejected' });
    expect((await getQrIntent(caja, shop, intent.id)).status).toBe('OPENED');
    const del = await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: shop.seller.auth });
    expect(del.statusCode, del.body).toBe(204);
    expect(del.body).toBe('');
    const got = await getQrIntent(caja, shop, intent.id);
    expect(got.status).toBe('CANCELED');
    expect(got.operations[0].results).toBeUndefined();
    expect((await walletPay(caja, intent.qr.data)).json().cause[0].code).toBe('canceled');
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });

    const other = await openQrIntent(caja, shop);
    const viaPos = await caja.request({ method: 'DELETE', url: `${INTENTS}/${other.id}/qr/pos/${shop.posExternalId}`, headers: shop.seller.auth });
    expect(viaPos.statusCode, viaPos.body).toBe(204);
    expect((await getQrIntent(caja, shop, other.id)).status).toBe('CANCELED');
  });

  it('the newest charge wins the printed QR; an Orders order gets it back when the intent leaves', async () => {
    const order = await createOrder(caja, shop, {}, 'static');
    const intent = await openQrIntent(caja, shop);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ provider: 'mp_intent', charge: { id: intent.id } });
    await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: shop.seller.auth });
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ provider: 'mercadopago', charge: { id: order.id } });
    await caja.request({ method: 'POST', url: `/v1/orders/${order.id}/cancel`, headers: { ...shop.seller.auth, 'x-idempotency-key': `cancel-${order.id}` } });
  });

  it("after an hour on the seller's clock an unpaid intent is EXPIRED and no code pays it", async () => {
    const own = await openShop(caja, 'MLB');
    const intent = await openQrIntent(caja, own);
    await advance(caja, own.seller, 59 * 60);
    expect((await getQrIntent(caja, own, intent.id)).status).toBe('OPENED');
    await advance(caja, own.seller, 61);
    await expect.poll(async () => (await getQrIntent(caja, own, intent.id)).status).toBe('EXPIRED');
    expect((await walletPay(caja, intent.qr.data)).json().cause[0].code).toBe('expired');
    expect((await walletScan(caja, own.posQr)).json()).toMatchObject({ status: 'nothing_to_pay' });
    const del = await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: own.seller.auth });
    expect(del.statusCode).toBe(409);
  });
});
