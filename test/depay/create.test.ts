import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { Receiver } from '../support/receiver.js';
import { createQr, depay, depaySeller, expectDepayError, getOrder, qrBody, ref, type DepaySeller } from './fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Depay QR: create and read (seed 004)', () => {
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

  it("answers the seed's example request with the seed's numbers (201)", async () => {
    const res = await depay(caja, s, { method: 'POST', url: '/depay/v2/qr', payload: qrBody() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['exchange_rate', 'message', 'order_id', 'qr_data', 'status', 'user_amount', 'user_currency']);
    expect(body).toMatchObject({ status: 'success', message: 'QR generated successfully.', user_currency: 'ARS', user_amount: 2883.9078498293516, exchange_rate: 0.0035 });
    expect(body.order_id).toMatch(UUID);
    expect(typeof body.qr_data).toBe('string');
  });

  it('sends the creation callback with the seed body to notification_url', async () => {
    const external = ref();
    const q = await createQr(caja, s, { notification_url: rx.url, external_reference: external });
    const [req] = await rx.waitFor(1);
    expect(req!.method).toBe('POST');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({
      order_id: q.order_id,
      external_reference: external,
      order_status: 'CREATED',
      local_amount: 10,
      local_currency: 'BRL',
      user_amount: 2883.9078498293516,
      user_currency: 'ARS',
      exchange_rate: 0.0035,
      qr_code: q.qr_data,
    });
    // Logged for the seller, like every notification.
    const log = await caja.request({ method: 'GET', url: `/sandbox/notifications?resource_id=${q.order_id}`, headers: s.auth });
    expect(log.json().results).toEqual([expect.objectContaining({ kind: 'depay_callback', topic: 'QR', action: 'CREATED', url: rx.url })]);
  });

  it('GET /v2/payins/orders/{id} answers the seed shape with its history and date formats', async () => {
    const q = await createQr(caja, s, { amount: 1234.5, local_currency: 'ARS', local_country: 'AR', qr_from: 'BR' });
    const o = await getOrder(caja, s, q.order_id);
    expect(Object.keys(o).sort()).toEqual(['creation_date', 'external_reference', 'id', 'local_amount', 'local_currency', 'status', 'statuses', 'update_date', 'user_amount', 'user_currency']);
    expect(o).toMatchObject({ id: q.order_id, status: 'CREATED', local_amount: 1234.5, local_currency: 'ARS', user_amount: q.user_amount, user_currency: 'BRL' });
    expect(o.creation_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
    expect(o.statuses).toEqual([{ status: 'CREATED', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/) }]);
  });

  it('prints amounts as JSON numbers and converts in both directions at the table rates', async () => {
    // 100 USD → ARS at 1689.97 ARS/USD.
    const a = await createQr(caja, s, { local_currency: 'USD', local_country: 'US', qr_from: 'AR', amount: 100 });
    expect(a).toMatchObject({ user_amount: 168997, user_currency: 'ARS', exchange_rate: 0.00059 });
    // user_amount is printed unrounded, at a double's precision, as the seed's 2883.9085042893075 (seed 004).
    // 1234.5 ARS → BRL: 1234.5 × 5.86 / 1689.97 = 4.28064995236601…
    const e = await createQr(caja, s, { local_currency: 'ARS', local_country: 'AR', qr_from: 'BR', amount: 1234.5 });
    expect(e.user_amount).toBe(4.280649952366018);
    // 5000 CLP → BRL: 5000 × 5.86 / 940 = 31.1702… → 31.17; rate 940/5.86 = 160.4095…
    const b = await createQr(caja, s, { local_currency: 'CLP', local_country: 'CL', qr_from: 'BR', amount: 5000 });
    expect(b).toMatchObject({ user_amount: 31.170212765957448, user_currency: 'BRL', exchange_rate: 160.4096 });
    // Same currency: rate 1.
    const c = await createQr(caja, s, { local_currency: 'ARS', local_country: 'AR', qr_from: 'AR', amount: 7 });
    expect(c).toMatchObject({ user_amount: 7, user_currency: 'ARS', exchange_rate: 1 });
    // To a zero-decimal currency: 10.55 USD → COP 43255.
    const d = await createQr(caja, s, { local_currency: 'USD', local_country: 'US', qr_from: 'CO', amount: 10.55 });
    expect(d).toMatchObject({ user_amount: 43255, user_currency: 'COP' });
  });

  it('409 Conflict error on a repeated external_reference for the seller, even concurrently; other sellers may reuse it', async () => {
    const external = ref();
    await createQr(caja, s, { external_reference: external });
    expectDepayError(await depay(caja, s, { method: 'POST', url: '/depay/v2/qr', payload: qrBody({ external_reference: external }) }), 409, 'Conflict error');
    const racing = ref();
    const all = await Promise.all(Array.from({ length: 8 }, () => depay(caja, s, { method: 'POST', url: '/depay/v2/qr', payload: qrBody({ external_reference: racing }) })));
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const other = await depaySeller(caja, { autoOutcome: false });
    expect((await depay(caja, other, { method: 'POST', url: '/depay/v2/qr', payload: qrBody({ external_reference: external }) })).statusCode).toBe(201);
  });

  it('404 ORDER_NOT_FOUND for unknown, malformed and other sellers\' ids', async () => {
    const q = await createQr(caja, s);
    const other = await depaySeller(caja);
    for (const id of ['7478bd70-87ad-49d0-9143-9b148d776fc7', 'nope', '%00', "1' OR '1'='1"]) {
      expectDepayError(await depay(caja, s, { method: 'GET', url: `/depay/v2/payins/orders/${encodeURIComponent(id)}` }), 404, 'ORDER_NOT_FOUND');
    }
    expectDepayError(await depay(caja, other, { method: 'GET', url: `/depay/v2/payins/orders/${q.order_id}` }), 404, 'ORDER_NOT_FOUND');
    expectDepayError(await depay(caja, other, { method: 'DELETE', url: `/depay/v2/payins/qr/${q.order_id}` }), 404, 'ORDER_NOT_FOUND');
    const refund = { order_id: q.order_id, partial: false, amount: 10, reason: 'r' };
    expectDepayError(await depay(caja, other, { method: 'POST', url: '/depay/v2/qr/refund', payload: refund }), 404, 'ORDER_NOT_FOUND');
    expect((await caja.request({ method: 'GET', url: `/sandbox/depay/orders/${q.order_id}`, headers: other.auth })).statusCode).toBe(404);
  });

  it('accepts items as an array or as one object (the seed types it Object)', async () => {
    const item = { sku_number: 'SKU1', category: 'food', name: 'Empanada', quantity: 2, unit_price: 5, total_amount: 10 };
    await createQr(caja, s, { items: [item, item] });
    await createQr(caja, s, { items: item });
  });
});
