import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { createTerminal, openShop, setup } from '../terminals/fixtures.js';
import { as, createIntent, deleteIntent, getIntent, intentBody, legacy, newIntent, pointShop, reaches, screenOf, type Shop, type TerminalView } from './fixtures.js';

/** Reference §4.1: create, read, cancel while OPEN, the last state and the events list, with this API's refusals. */
describe('Point Integration API payment intents', () => {
  const caja = testbed();
  let shop: Shop;
  let held: TerminalView;
  beforeAll(async () => {
    // A long take delay: intents stay OPEN until the test lets the terminal take them.
    ({ shop, terminal: held } = await pointShop(caja, 'MLA', 600_000));
  });

  it('creates an intent (201, the documented body), reads it OPEN, cancels it (200 {id}), reads it CANCELED', async () => {
    const res = await createIntent(caja, shop, held.id, intentBody({ description: 'Cafe', payment: { installments: 3, type: 'credit_card', installments_cost: 'seller' } }));
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json();
    expect(i).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      device_id: held.id,
      amount: 1500,
      description: 'Cafe',
      payment: { installments: 3, type: 'credit_card', installments_cost: 'seller' },
      additional_info: { external_reference: 'ref-1', print_on_terminal: true, ticket_number: 'S0392JED' },
      state: 'OPEN',
    });
    expect((await getIntent(caja, shop, i.id)).json()).toEqual(i);
    const last = await as(caja, shop.seller, { method: 'GET', url: `/point/integration-api/payment-intents/${i.id}/events` });
    expect(last.json()).toEqual({ status: 'OPEN', created_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });

    const del = await deleteIntent(caja, shop, held.id, i.id);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toEqual({ id: i.id });
    expect((await getIntent(caja, shop, i.id)).json().state).toBe('CANCELED');
    // Canceled frees the device: the next intent is accepted.
    const next = await newIntent(caja, shop, held.id);
    expect((await deleteIntent(caja, shop, held.id, next.id)).statusCode).toBe(200);
  });

  it('DELETE: 404 for an unknown intent, another device or another seller; 409 once it is not OPEN', async () => {
    const i = await newIntent(caja, shop, held.id);
    const other = await openShop(caja, 'MLA');
    expect((await deleteIntent(caja, shop, held.id, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(legacy(await deleteIntent(caja, shop, 'PAX_A910__SBX9999999', i.id))).toMatchObject({ error: 'not_found', status: 404, message: "Payment Intent doesn't exist" });
    expect((await as(caja, other.seller, { method: 'DELETE', url: `/point/integration-api/devices/${held.id}/payment-intents/${i.id}` })).statusCode).toBe(404);
    expect((await as(caja, other.seller, { method: 'GET', url: `/point/integration-api/payment-intents/${i.id}` })).statusCode).toBe(404);
    expect((await deleteIntent(caja, shop, held.id, i.id)).statusCode).toBe(200);
    const again = await deleteIntent(caja, shop, held.id, i.id);
    expect(again.statusCode).toBe(409);
    expect(legacy(again)).toMatchObject({ error: 'conflict', status: 409, cause: [{ code: 'payment_intent_not_cancelable' }] });
  });

  it('DELETE refuses an intent ON_TERMINAL (cancel it on the device)', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 0);
    const i = await newIntent(caja, s, t.id);
    await reaches(caja, s, i.id, 'ON_TERMINAL');
    const res = await deleteIntent(caja, s, t.id, i.id);
    expect(res.statusCode).toBe(409);
    expect(legacy(res).message).toContain('ON_TERMINAL');
    expect((await screenOf(caja, s, t.id))).toMatchObject({ state: 'waiting_card', charge: { kind: 'intent', id: i.id, amount: 1500, ticket_number: 'S0392JED' } });
  });

  it('GET and /events: 404 for an unknown id, 400 for a malformed one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(legacy(await getIntent(caja, shop, unknown))).toMatchObject({ error: 'not_found', status: 404, message: "Payment Intent doesn't exist" });
    expect((await as(caja, shop.seller, { method: 'GET', url: `/point/integration-api/payment-intents/${unknown}/events` })).statusCode).toBe(404);
    const bad = await getIntent(caja, shop, 'not-an-intent');
    expect(bad.statusCode).toBe(400);
    expect(legacy(bad).error).toBe('bad_request');
  });

  it('refuses a device of another seller or unknown (404), one not in PDV mode (400), and a busy one (409)', async () => {
    expect(legacy(await createIntent(caja, shop, 'PAX_A910__SBX9999999'))).toMatchObject({ status: 404, error: 'not_found' });
    const standalone = await createTerminal(caja, shop, 'PAX_A910');
    const notPdv = await createIntent(caja, shop, standalone.id);
    expect(notPdv.statusCode).toBe(400);
    expect(legacy(notPdv).cause[0]!.code).toBe('device_not_in_pdv_mode');
    const other = await openShop(caja, 'MLA');
    expect((await as(caja, other.seller, { method: 'POST', url: `/point/integration-api/devices/${held.id}/payment-intents`, payload: intentBody() })).statusCode).toBe(404);
    const first = await newIntent(caja, shop, held.id);
    const busy = await createIntent(caja, shop, held.id);
    expect(busy.statusCode).toBe(409);
    expect(legacy(busy)).toMatchObject({ error: 'conflict', status: 409, message: 'Device has a queued payment intent' });
    expect((await deleteIntent(caja, shop, held.id, first.id)).statusCode).toBe(200);
  });

  it('bad bodies: 400 naming the field, nothing stored', async () => {
    const cases: Array<[unknown, string]> = [
      [{ additional_info: {} }, 'amount'],
      [{ amount: 15.5 }, 'amount'],
      [{ amount: '1500' }, 'amount'],
      [{ amount: 1500, extra: 1 }, 'extra'],
      [{ amount: 1500, additional_info: { external_reference: 'has space' } }, 'additional_info.external_reference'],
      [{ amount: 1500, additional_info: { print_on_terminal: 'yes' } }, 'additional_info.print_on_terminal'],
      [{ amount: 1500, payment: { installments: 0 } }, 'payment.installments'],
      [{ amount: 1500, payment: { type: 'voucher' } }, 'payment.type'],
      [{ amount: 1500, payment: { type: 'debit_card', installments: 3 } }, 'payment.installments'],
      [{ amount: 1500, payment: { type: 'debit_card', installments_cost: 'buyer' } }, 'payment.installments_cost'],
      [{ amount: 1500, payment: { voucher_type: 'sodexo' } }, 'payment.voucher_type'],
    ];
    for (const [body, field] of cases) {
      const res = await createIntent(caja, shop, held.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const l = legacy(res);
      expect(l.error).toBe('bad_request');
      expect(l.cause.map((c) => c.data), JSON.stringify(body)).toContain(field);
    }
    // Nothing was queued: the device is free.
    const ok = await newIntent(caja, shop, held.id);
    expect((await deleteIntent(caja, shop, held.id, ok.id)).statusCode).toBe(200);
  });

  it('amount limits per site (reference §4.1): MLA 500–400000000, MLB 100–7000000, MLM 500–35000000; other sites have no intents', async () => {
    const limits: Array<[string, number, number]> = [
      ['MLA', 500, 400_000_000],
      ['MLB', 100, 7_000_000],
      ['MLM', 500, 35_000_000],
    ];
    for (const [site, min, max] of limits) {
      const { shop: s, terminal: t } = await pointShop(caja, site, 600_000);
      for (const amount of [min - 1, max + 1]) {
        const res = await createIntent(caja, s, t.id, { amount });
        expect(res.statusCode, `${site} ${amount}`).toBe(400);
        expect(legacy(res).cause[0]).toMatchObject({ code: 'invalid_amount', data: 'amount' });
      }
      for (const amount of [min, max]) {
        const i = await newIntent(caja, s, t.id, { amount });
        expect(i.amount).toBe(amount);
        expect((await deleteIntent(caja, s, t.id, i.id)).statusCode).toBe(200);
      }
    }
    const { shop: cl, terminal: clt } = await pointShop(caja, 'MLC', 600_000);
    const res = await createIntent(caja, cl, clt.id, { amount: 1500 });
    expect(res.statusCode).toBe(400);
    expect(legacy(res).cause[0]!.code).toBe('unsupported_site');
  });

  it('the events list: final states between two dates; the documented 400s', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    const a = await newIntent(caja, s, t.id);
    expect((await deleteIntent(caja, s, t.id, a.id)).statusCode).toBe(200);
    const b = await newIntent(caja, s, t.id);
    const today = new Date().toISOString().slice(0, 10);
    const list = async (q: string) => as(caja, s.seller, { method: 'GET', url: `/point/integration-api/payment-intents/events?${q}` });
    const res = await list(`startDate=${today}&endDate=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    // Only final states: the OPEN one is not listed yet.
    expect(res.json()).toEqual({ events: [{ payment_intent_id: a.id, status: 'CANCELED', created_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }] });
    expect((await list('startDate=2000-01-01&endDate=2000-01-30')).json()).toEqual({ events: [] });
    for (const q of ['startDate=2024-01-01', 'endDate=2024-01-01', 'startDate=2024-01-10&endDate=2024-01-01', 'startDate=2024-01-01&endDate=2024-03-01', 'startDate=2024-02-30&endDate=2024-03-01', 'startDate=01-01-2024&endDate=2024-01-02']) {
      const bad = await list(q);
      expect(bad.statusCode, q).toBe(400);
      expect(legacy(bad).error).toBe('bad_request');
    }
    // Another seller sees none of them.
    const other = await openShop(caja, 'MLA');
    expect((await as(caja, other.seller, { method: 'GET', url: `/point/integration-api/payment-intents/events?startDate=${today}&endDate=${today}` })).json()).toEqual({ events: [] });
    expect((await deleteIntent(caja, s, t.id, b.id)).statusCode).toBe(200);
  });

  it('ABANDONED when nobody paid it within an hour (OPEN or ON_TERMINAL); the device is freed', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    const i = await newIntent(caja, s, t.id);
    await advance(caja, s.seller, 3600);
    await reaches(caja, s, i.id, 'ABANDONED');
    expect((await deleteIntent(caja, s, t.id, i.id)).statusCode).toBe(409);
    const next = await newIntent(caja, s, t.id);
    expect(next.state).toBe('OPEN');
  });

  it('requires the seller token (401)', async () => {
    const res = await caja.request({ method: 'POST', url: `/point/integration-api/devices/${held.id}/payment-intents`, payload: intentBody() });
    expect(res.statusCode).toBe(401);
    expect(legacy(res).error).toBe('unauthorized');
  });

  it('setup in the terminals API decides PDV for intents too', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    expect((await setup(caja, s.seller, t.id, 'STANDALONE')).statusCode).toBe(200);
    expect(legacy(await createIntent(caja, s, t.id)).cause[0]!.code).toBe('device_not_in_pdv_mode');
  });
});
