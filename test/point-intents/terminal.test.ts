import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance, configureWebhooks } from '../support/notify.js';
import { Receiver, until } from '../support/receiver.js';
import { createPoint, getOrder, atTerminal } from '../point/fixtures.js';
import { refundPayment } from '../support/payments.js';
import { as, card, createIntent, device, getIntent, legacy, newIntent, pointShop, reaches, screenOf, type Shop, type TerminalView } from './fixtures.js';

/** The simulated terminal takes intents like orders (reference §4.1 states), and each final state is notified (point_integration_wh). */
describe('payment intents on the simulated terminal', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
    await configureWebhooks(caja, shop.seller, { url: rx.url, topics: ['point_integration_wh'] });
  });

  const hook = async (id: string) => {
    await until(() => rx.received.some((r) => r.query.get('data.id') === id), 5000, `webhook for ${id}`);
    return rx.received.find((r) => r.query.get('data.id') === id)!;
  };
  const onTerminal = async (body?: Record<string, unknown>) => {
    const i = await newIntent(caja, shop, terminal.id, body);
    await reaches(caja, shop, i.id, 'ON_TERMINAL');
    return i;
  };

  it('an approved card: FINISHED, the payment in the ledger, the documented webhook body', async () => {
    const i = await onTerminal({ amount: 2500, description: 'Cafe', payment: { installments: 6, type: 'credit_card' }, additional_info: { external_reference: 'ext-9', print_on_terminal: true, ticket_number: 'T77' } });
    expect(await screenOf(caja, shop, terminal.id)).toMatchObject({ state: 'waiting_card', charge: { kind: 'intent', id: i.id, amount: 2500, currency: 'ARS', ticket_number: 'T77', description: 'Cafe' } });
    const res = await card(caja, shop, terminal.id, { brand: 'visa', cardholder_name: 'APRO' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ payment_intent: { id: i.id, state: 'FINISHED' }, terminal: { screen: { state: 'ticket', status_detail: 'accredited' } } });
    expect(res.json().terminal.screen.ticket).toContain('T77');
    const got = (await getIntent(caja, shop, i.id)).json();
    expect(got).toMatchObject({ state: 'FINISHED', payment: { id: expect.stringMatching(/^\d+$/), installments: 6, type: 'credit_card' } });
    const payment = (await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${got.payment.id}` })).json();
    expect(payment).toMatchObject({ status: 'approved', status_detail: 'accredited', transaction_amount: 25, installments: 6, payment_method_id: 'visa', payment_type_id: 'credit_card', external_reference: 'ext-9', card: { last_four_digits: '3704', cardholder: { name: 'APRO' } } });
    const h = await hook(i.id);
    expect(h.query.get('type')).toBe('point_integration_wh');
    expect(h.headers['x-signature']).toMatch(/^ts=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(h.body)).toEqual({
      amount: 2500,
      caller_id: shop.seller.user_id,
      client_id: expect.any(Number),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      id: i.id,
      payment: { id: Number(got.payment.id), state: 'approved', type: 'credit_card' },
      state: 'FINISHED',
      additional_info: { external_reference: 'ext-9', print_on_terminal: true, ticket_number: 'T77' },
    });
    const last = (await as(caja, shop.seller, { method: 'GET', url: `/point/integration-api/payment-intents/${i.id}/events` })).json();
    expect(last.status).toBe('FINISHED');
    // Every step through the allow-list, one history row each (the dashboard's timeline).
    const history = (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/history/point_intent/${i.id}` })).json();
    expect(history.statuses.map((x: { status: string }) => x.status)).toEqual(['ON_TERMINAL', 'PROCESSING', 'PROCESSED', 'FINISHED']);
  });

  it('an issuer decline: FINISHED with the payment rejected; a card-data error: ERROR (no payment in the body)', async () => {
    const declined = await onTerminal();
    expect((await card(caja, shop, terminal.id, { brand: 'master', cardholder_name: 'FUND' })).json().payment_intent.state).toBe('FINISHED');
    const d = (await getIntent(caja, shop, declined.id)).json();
    expect((await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${d.payment.id}` })).json()).toMatchObject({ status: 'rejected', status_detail: 'cc_rejected_insufficient_amount' });
    expect(JSON.parse((await hook(declined.id)).body).payment).toMatchObject({ state: 'rejected', type: 'credit_card' });

    const errored = await onTerminal({ amount: 1500, additional_info: { print_on_terminal: false } });
    const res = await card(caja, shop, terminal.id, { brand: 'debvisa', cardholder_name: 'SECU' });
    expect(res.json()).toMatchObject({ payment_intent: { state: 'ERROR' }, terminal: { screen: { state: 'declined' } } });
    const e = (await getIntent(caja, shop, errored.id)).json();
    expect((await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${e.payment.id}` })).json()).toMatchObject({ status: 'rejected', status_detail: 'cc_rejected_bad_filled_security_code', payment_type_id: 'debit_card' });
    const body = JSON.parse((await hook(errored.id)).body);
    expect(body.state).toBe('ERROR');
    expect(body).not.toHaveProperty('payment');
  });

  it('cancel on the device: CANCELED; the payer walks away: ABANDONED; the screen is idle again', async () => {
    const c = await onTerminal();
    const res = await device(caja, shop, terminal.id, 'cancel');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ payment_intent: { id: c.id, state: 'CANCELED' }, terminal: { screen: { state: 'idle' } } });
    expect(JSON.parse((await hook(c.id)).body)).toMatchObject({ state: 'CANCELED' });
    expect(JSON.parse((await hook(c.id)).body)).not.toHaveProperty('payment');

    const w = await onTerminal();
    expect((await device(caja, shop, terminal.id, 'timeout')).json()).toMatchObject({ payment_intent: { id: w.id, state: 'ABANDONED' } });
    expect(JSON.parse((await hook(w.id)).body)).toMatchObject({ state: 'ABANDONED' });
    // Nothing at the terminal any more.
    expect(legacy(await device(caja, shop, terminal.id, 'cancel')).cause[0]!.code).toBe('idle_terminal');
  });

  it('a card read without an answer: PROCESSING, then CONFIRMATION_REQUIRED 40 s later', async () => {
    const i = await onTerminal();
    const res = await card(caja, shop, terminal.id, { stall: true });
    expect(res.json()).toMatchObject({ payment_intent: { state: 'PROCESSING' }, terminal: { screen: { state: 'processing' } } });
    await advance(caja, shop.seller, 40);
    await reaches(caja, shop, i.id, 'CONFIRMATION_REQUIRED');
    expect(JSON.parse((await hook(i.id)).body)).toMatchObject({ state: 'CONFIRMATION_REQUIRED' });
    expect((await screenOf(caja, shop, terminal.id)).state).toBe('idle');
  });

  it('one waiting charge per terminal, both ways: an order refuses an intent (409) and an intent refuses an order (409 already_queued_order_for_terminal)', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    const o = await createPoint(caja, s, t.id);
    expect(o.statusCode, o.body).toBe(201);
    const refused = await createIntent(caja, s, t.id);
    expect(refused.statusCode).toBe(409);
    expect(legacy(refused).message).toBe('Device has a queued payment intent');
    expect((await as(caja, s.seller, { method: 'POST', url: `/v1/orders/${o.json().id}/cancel`, headers: { 'x-idempotency-key': `k-${Date.now()}` } })).statusCode).toBe(200);
    const i = await newIntent(caja, s, t.id);
    const second = await createPoint(caja, s, t.id);
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0].code).toBe('already_queued_order_for_terminal');
    expect(i.state).toBe('OPEN');
  });

  it('after an intent ends, the terminal takes the next Orders order', async () => {
    const i = await onTerminal();
    await card(caja, shop, terminal.id);
    await reaches(caja, shop, i.id, 'FINISHED');
    const o = (await createPoint(caja, shop, terminal.id)).json();
    await atTerminal(caja, shop, o.id);
    expect((await screenOf(caja, shop, terminal.id)).charge).toMatchObject({ kind: 'order', id: o.id });
    await card(caja, shop, terminal.id);
    expect((await getOrder(caja, shop, o.id)).status).toBe('processed');
  });

  it("a Payments API refund of an intent's payment is the ledger's alone (the intent stays FINISHED)", async () => {
    const i = await onTerminal({ amount: 3000 });
    await card(caja, shop, terminal.id);
    const paymentId = (await getIntent(caja, shop, i.id)).json().payment.id as string;
    const res = await refundPayment(caja, shop.seller, paymentId, undefined, { 'x-idempotency-key': `r-${i.id}` });
    expect(res.statusCode, res.body).toBe(201);
    expect((await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${paymentId}` })).json()).toMatchObject({ status: 'refunded', transaction_amount_refunded: 30 });
    expect((await getIntent(caja, shop, i.id)).json().state).toBe('FINISHED');
  });

  it('automatic mode pays intents too', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLB', 0);
    expect((await as(caja, s.seller, { method: 'PATCH', url: `/sandbox/terminals/${t.id}`, payload: { automatic: { after_ms: 0, outcome: 'APRO' } } })).statusCode).toBe(200);
    const i = await newIntent(caja, s, t.id, { amount: 100, payment: { type: 'debit_card' } });
    await reaches(caja, s, i.id, 'FINISHED');
    const got = (await getIntent(caja, s, i.id)).json();
    expect((await as(caja, s.seller, { method: 'GET', url: `/v1/payments/${got.payment.id}` })).json()).toMatchObject({ status: 'approved', payment_type_id: 'debit_card', currency_id: 'BRL' });
  });

  it('the topic must be enabled: without it the webhook is skipped', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 0);
    await configureWebhooks(caja, s.seller, { url: rx.url, topics: ['order'] });
    const i = await newIntent(caja, s, t.id);
    await reaches(caja, s, i.id, 'ON_TERMINAL');
    await card(caja, s, t.id);
    const log = (await as(caja, s.seller, { method: 'GET', url: `/sandbox/notifications?resource_id=${i.id}` })).json();
    expect(log.results).toMatchObject([{ topic: 'point_integration_wh', action: 'state_FINISHED', status: 'skipped', url: null }]);
    expect(log.results[0].last_error).toContain('point_integration_wh is not enabled');
    expect(rx.received.some((r) => r.query.get('data.id') === i.id)).toBe(false);
  });
});
