import { beforeAll, describe, expect, it } from 'vitest';
import { startCaja, testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { as, atTerminal, card, createPoint, getOrder, pointShop, type Shop, type TerminalView } from './fixtures.js';

describe('Point orders: create, the terminal takes it, a card pays it', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLM', 60_000));
  });

  it('creates a point order with the documented response (no total_amount, payment without status_detail)', async () => {
    const res = await createPoint(caja, shop, terminal.id, { expiration_time: 'PT16M', integration_data: { platform_id: 'dev_1234567890', integrator_id: 'dev_123456' } });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({
      type: 'point',
      user_id: String(shop.seller.user_id),
      description: 'Smartphone',
      expiration_time: 'PT16M',
      processing_mode: 'automatic',
      country_code: 'MEX',
      currency: 'MXN',
      status: 'created',
      status_detail: 'created',
      config: { point: { terminal_id: terminal.id, print_on_terminal: 'no_ticket' }, payment_method: { default_type: 'credit_card' } },
      integration_data: { platform_id: 'dev_1234567890', integrator_id: 'dev_123456' },
    });
    expect(o.id).toMatch(/^ORD[0-9A-Z]{26}$/);
    expect(o.created_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(o).not.toHaveProperty('total_amount');
    expect(o.transactions.payments).toEqual([{ id: expect.stringMatching(/^PAY/), amount: '50.00', status: 'created' }]);
    // The take delay (60 s) holds it in created.
    expect((await getOrder(caja, shop, o.id)).status).toBe('created');
    expect((await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminal.id}` })).json().screen.state).toBe('idle');
  });
});

describe('Point: the whole happy path with a card', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
  });

  it('takes the order, asks for a card, processes it, lands the payment in the ledger, frees the terminal', async () => {
    const o = (await createPoint(caja, shop, terminal.id, { config: { point: { terminal_id: terminal.id, ticket_number: 'T1' } } })).json();
    await atTerminal(caja, shop, o.id);
    const at = await getOrder(caja, shop, o.id);
    expect(at).toMatchObject({ status: 'at_terminal', status_detail: 'at_terminal', transactions: { payments: [{ status: 'at_terminal', status_detail: 'at_terminal' }] } });
    const screen = (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminal.id}` })).json().screen;
    expect(screen).toMatchObject({ state: 'waiting_card', charge: { kind: 'order', id: o.id, amount: 5000, ticket_number: 'T1' } });

    const paid = await card(caja, shop, terminal.id, { brand: 'visa', cardholder_name: 'APRO', installments: 3, tip_amount: 500 });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().terminal.screen).toMatchObject({ state: 'ticket', status_detail: 'accredited' });
    const done = await getOrder(caja, shop, o.id);
    expect(done).toMatchObject({ status: 'processed', status_detail: 'accredited' });
    const p = done.transactions.payments[0];
    expect(p).toMatchObject({ amount: '50.00', paid_amount: '55.00', tip_amount: '5.00', refunded_amount: '0.00', status: 'processed', status_detail: 'accredited', payment_method: { id: 'visa', type: 'credit_card', installments: 3 } });
    const payment = (await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${p.reference_id}` })).json();
    expect(payment).toMatchObject({ status: 'approved', payment_method_id: 'visa', payment_type_id: 'credit_card', installments: 3, transaction_amount: 55, card: { first_six_digits: '450995', last_four_digits: '3704', cardholder: { name: 'APRO' } } });
    expect(payment).toMatchObject({ pos_id: String(shop.posId), store_id: String(shop.storeId) });

    // The slot is free: the next order is accepted.
    const next = await createPoint(caja, shop, terminal.id);
    expect(next.statusCode, next.body).toBe(201);
    await atTerminal(caja, shop, next.json().id);
  });

  it('a declined card fails the order with the documented detail', async () => {
    await until(async () => (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminal.id}` })).json().screen.state === 'waiting_card', 5000);
    const res = await card(caja, shop, terminal.id, { brand: 'master', cardholder_name: 'FUND' });
    expect(res.statusCode, res.body).toBe(200);
    const o = await getOrder(caja, shop, res.json().order.id);
    expect(o).toMatchObject({ status: 'failed', status_detail: 'failed', transactions: { payments: [{ status: 'failed', status_detail: 'insufficient_amount' }] } });
    const payment = (await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${o.transactions.payments[0].reference_id}` })).json();
    expect(payment).toMatchObject({ status: 'rejected', status_detail: 'cc_rejected_insufficient_amount' });
  });
});

describe('Point: automatic mode and restarts', () => {
  it('automatic mode pays every order taken after N seconds with the chosen cardholder', async () => {
    const caja = await startCaja();
    try {
      const { shop, terminal } = await pointShop(caja, 'MLA', 0);
      const patch = await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${terminal.id}`, payload: { automatic: { after_ms: 0, outcome: 'APRO' } } });
      expect(patch.statusCode, patch.body).toBe(200);
      const o = (await createPoint(caja, shop, terminal.id)).json();
      await until(async () => (await getOrder(caja, shop, o.id)).status === 'processed', 5000, 'processed');
      await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${terminal.id}`, payload: { automatic: { after_ms: 0, outcome: 'FUND' } } });
      const declined = (await createPoint(caja, shop, terminal.id)).json();
      await until(async () => (await getOrder(caja, shop, declined.id)).status === 'failed', 5000, 'failed');
      expect((await getOrder(caja, shop, declined.id)).transactions.payments[0].status_detail).toBe('insufficient_amount');
    } finally {
      await caja.close();
    }
  });

  it('a queued order survives a restart: the new process lets the terminal take it', async () => {
    const first = await startCaja();
    const { shop, terminal } = await pointShop(first, 'MLA', 600_000);
    const o = (await createPoint(first, shop, terminal.id)).json();
    await first.close({ keepDatabase: true });
    const second = await startCaja({ database: first.db });
    try {
      expect((await getOrder(second, shop, o.id)).status).toBe('created');
      await as(second, shop.seller, { method: 'POST', url: '/sandbox/clock/advance', payload: { seconds: 600 } });
      await until(async () => (await getOrder(second, shop, o.id)).status === 'at_terminal', 5000, 'at_terminal');
    } finally {
      await second.close();
    }
  });
});
