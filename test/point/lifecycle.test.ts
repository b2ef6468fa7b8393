import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance, configureWebhooks } from '../support/notify.js';
import { Receiver, until } from '../support/receiver.js';
import { as, atTerminal, cancel, card, createPoint, device, errorCodes, getOrder, key, pointShop, simulate, type Shop, type TerminalView } from './fixtures.js';

/** Supplement §1.5: every documented transition of a Point order, and the documented refusals. */
describe('Point order state machine', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  let slow: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
    await configureWebhooks(caja, shop.seller, { url: rx.url, topics: ['order'] });
    // A second shop whose terminal holds orders in created (a long take delay).
    slow = (await pointShop(caja, 'MLA', 600_000)).terminal;
    void slow;
  });

  const screenOf = async () => (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminal.id}` })).json().screen.state;
  const hook = async (id: string, action: string) => {
    await until(() => rx.received.some((r) => r.query.get('data.id') === id && JSON.parse(r.body).action === action), 5000, action);
    return JSON.parse(rx.received.find((r) => r.query.get('data.id') === id && JSON.parse(r.body).action === action)!.body);
  };
  const fresh = async () => {
    const o = (await createPoint(caja, shop, terminal.id)).json();
    await atTerminal(caja, shop, o.id);
    return o.id as string;
  };

  it('at_terminal → processed notifies order.processed with the documented body', async () => {
    const id = await fresh();
    await card(caja, shop, terminal.id, { brand: 'debvisa' });
    const body = await hook(id, 'order.processed');
    const o = await getOrder(caja, shop, id);
    expect(body.data).toEqual({
      external_reference: o.external_reference,
      id,
      status: 'processed',
      status_detail: 'accredited',
      total_paid_amount: '50.00',
      transactions: { payments: [{ id: o.transactions.payments[0].id, amount: '50.00', paid_amount: '50.00', payment_method: { id: 'debvisa', type: 'debit_card', installments: 1 }, reference: { id: o.transactions.payments[0].reference_id }, status: 'processed', status_detail: 'accredited' }] },
      type: 'point',
      version: o.version ?? body.data.version,
    });
  });

  it('at_terminal → failed (each test cardholder) notifies order.failed', async () => {
    for (const [name, detail] of [['OTHE', 'rejected_other_reason'], ['CALL', 'required_call_for_authorize'], ['SECU', 'bad_filled_card_data']] as const) {
      const id = await fresh();
      await card(caja, shop, terminal.id, { number: '5031 7557 3453 0604', cardholder_name: name });
      expect((await hook(id, 'order.failed')).data).toMatchObject({ status: 'failed', status_detail: 'failed', transactions: { payments: [{ status: 'failed', status_detail: detail }] } });
    }
  });

  it('at_terminal → canceled on the terminal (canceled_on_terminal); the screen is idle and the slot free', async () => {
    const id = await fresh();
    expect((await device(caja, shop, terminal.id, 'cancel')).statusCode).toBe(200);
    expect(await getOrder(caja, shop, id)).toMatchObject({ status: 'canceled', status_detail: 'canceled', transactions: { payments: [{ status: 'canceled', status_detail: 'canceled_on_terminal' }] } });
    expect(await screenOf()).toBe('idle');
    await hook(id, 'order.canceled');
  });

  it('at_terminal → action_required when the payer walks away, and 40 s after a card without an answer', async () => {
    const id = await fresh();
    expect((await device(caja, shop, terminal.id, 'timeout')).statusCode).toBe(200);
    expect(await getOrder(caja, shop, id)).toMatchObject({ status: 'action_required', status_detail: 'action_required' });
    await hook(id, 'order.action_required');
    const stalled = await fresh();
    await card(caja, shop, terminal.id, { stall: true });
    expect(await screenOf()).toBe('processing');
    await advance(caja, shop.seller, 39);
    expect((await getOrder(caja, shop, stalled)).status).toBe('at_terminal');
    await advance(caja, shop.seller, 2);
    await until(async () => (await getOrder(caja, shop, stalled)).status === 'action_required', 5000);
    expect(await screenOf()).toBe('idle');
  });

  it('API cancel: created → 200; at_terminal without the header → 409; with it → 202 then canceled', async () => {
    const { shop: s2, terminal: t2 } = await pointShop(caja, 'MLA', 600_000);
    const created = (await createPoint(caja, s2, t2.id)).json();
    const c = await cancel(caja, s2, created.id);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'canceled', status_detail: 'canceled', transactions: { payments: [{ status: 'canceled', status_detail: 'canceled_by_api' }] } });
    expect(errorCodes(await cancel(caja, s2, created.id))).toEqual(['order_already_canceled']);

    const id = await fresh();
    const refused = await cancel(caja, shop, id);
    expect(refused.statusCode).toBe(409);
    expect(errorCodes(refused)).toEqual(['cannot_cancel_order']);
    const accepted = await cancel(caja, shop, id, { 'x-allow-cancelable-status': 'at_terminal' });
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toMatchObject({ status: 'at_terminal', status_detail: 'at_terminal', transactions: { payments: [{ status: 'at_terminal', status_detail: 'cancellation_requested' }] } });
    await until(async () => (await getOrder(caja, shop, id)).status === 'canceled', 5000);
    expect((await getOrder(caja, shop, id)).transactions.payments[0]).toMatchObject({ status: 'canceled', status_detail: 'canceled_by_api' });
    expect(await screenOf()).toBe('idle');
  });

  it('processed, failed and expired orders cannot be canceled (409 cannot_cancel_order)', async () => {
    const id = await fresh();
    await card(caja, shop, terminal.id);
    expect(errorCodes(await cancel(caja, shop, id, { 'x-allow-cancelable-status': 'at_terminal' }))).toEqual(['cannot_cancel_order']);
  });

  it('created → expired and at_terminal → expired free the terminal', async () => {
    const { shop: s3, terminal: t3 } = await pointShop(caja, 'MLB', 600_000);
    const o = (await createPoint(caja, s3, t3.id, { expiration_time: 'PT30S' })).json();
    await advance(caja, s3.seller, 31);
    await until(async () => (await getOrder(caja, s3, o.id)).status === 'expired', 5000);
    expect((await getOrder(caja, s3, o.id)).transactions.payments[0]).toMatchObject({ status: 'expired', status_detail: 'expired' });
    expect((await createPoint(caja, s3, t3.id)).statusCode).toBe(201);

    const at = (await createPoint(caja, shop, terminal.id, { expiration_time: 'PT30S' })).json();
    await atTerminal(caja, shop, at.id);
    await advance(caja, shop.seller, 31);
    await until(async () => (await getOrder(caja, shop, at.id)).status === 'expired', 5000);
    await hook(at.id, 'order.expired');
    expect(await screenOf()).toBe('idle');
  });

  it('processed → refunded (total), partial → processed/partially_refunded; refunds of a card payment', async () => {
    const id = await fresh();
    await card(caja, shop, terminal.id);
    const o = await getOrder(caja, shop, id);
    const partial = await as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/refund`, headers: { 'x-idempotency-key': key() }, payload: { transactions: [{ id: o.transactions.payments[0].id, amount: '10.00' }] } });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json()).toMatchObject({ status: 'processed', status_detail: 'partially_refunded' });
    const total = await as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/refund`, headers: { 'x-idempotency-key': key() } });
    expect(total.statusCode, total.body).toBe(201);
    // Supplement §1.4: a Point total refund answers refunded/refunded with its refund processed, at once.
    expect(total.json()).toMatchObject({ status: 'refunded', status_detail: 'refunded' });
    expect(total.json().transactions.refunds.map((r: { status: string }) => r.status)).toEqual(['processed', 'processed']);
    expect((await getOrder(caja, shop, id)).status).toBe('refunded');
    await hook(id, 'order.refunded');
    const payment = (await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${o.transactions.payments[0].reference_id}` })).json();
    expect(payment.status).toBe('refunded');
  });

  it('a tipped payment refunds only in full (403 partial_refund_forbidden_with_tips)', async () => {
    const id = await fresh();
    await card(caja, shop, terminal.id, { tip_amount: 500 });
    const o = await getOrder(caja, shop, id);
    expect(o.transactions.payments[0]).toMatchObject({ amount: '50.00', tip_amount: '5.00', paid_amount: '55.00' });
    const partial = await as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/refund`, headers: { 'x-idempotency-key': key() }, payload: { transactions: [{ id: o.transactions.payments[0].id, amount: '10.00' }] } });
    expect(partial.statusCode).toBe(403);
    expect(errorCodes(partial)).toEqual(['partial_refund_forbidden_with_tips']);
    const total = await as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/refund`, headers: { 'x-idempotency-key': key() } });
    expect(total.statusCode, total.body).toBe(201);
    expect(total.json().transactions.refunds[0]).toMatchObject({ amount: '55.00' });
  });

  it('the refund window is 90 days for Point payments', async () => {
    const id = await fresh();
    await card(caja, shop, terminal.id);
    await advance(caja, shop.seller, 91 * 86_400);
    const late = await as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/refund`, headers: { 'x-idempotency-key': key() } });
    expect(late.statusCode).toBe(400);
  });

  it('simulate: 204 for every documented status, refused transitions → 400 bad_request', async () => {
    const statuses = ['processed', 'failed', 'canceled', 'expired', 'action_required'] as const;
    for (const status of statuses) {
      const { shop: s, terminal: t } = await pointShop(caja, 'MLB', 600_000);
      const o = (await createPoint(caja, s, t.id)).json();
      const body: Record<string, unknown> = { status };
      if (status === 'processed') Object.assign(body, { payment_method_type: 'credit_card', installments: 1, payment_method_id: 'master', status_detail: 'accredited' });
      if (status === 'failed') Object.assign(body, { payment_method_id: 'visa', status_detail: 'card_disabled' });
      const res = await simulate(caja, s, o.id, body);
      expect(res.statusCode, res.body).toBe(204);
      const after = await getOrder(caja, s, o.id);
      expect(after.status).toBe(status);
      if (status === 'failed') expect(after.transactions.payments[0].status_detail).toBe('card_disabled');
      // Every final state refuses anything but (for processed) refunded.
      const again = await simulate(caja, s, o.id, { status: 'canceled' });
      expect(again.statusCode).toBe(400);
      expect(errorCodes(again)).toEqual(['bad_request']);
      if (status === 'processed') {
        expect((await simulate(caja, s, o.id, { status: 'refunded' })).statusCode).toBe(204);
        expect((await getOrder(caja, s, o.id)).transactions.refunds).toHaveLength(1);
      } else expect((await simulate(caja, s, o.id, { status: 'refunded' })).statusCode).toBe(400);
    }
  });

  it('simulate refuses bad bodies and ids with 400 bad_request, unknown orders 404', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    const o = (await createPoint(caja, s, t.id)).json();
    for (const body of [{}, { status: 'paid' }, { status: 'canceled', payment_method_id: 'visa' }, { status: 'processed', installments: 2 }, { status: 'expired', status_detail: 'accredited' }, { status: 'processed', extra: 1 }]) {
      const res = await simulate(caja, s, o.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCodes(res)).toEqual(['bad_request']);
    }
    expect(errorCodes(await simulate(caja, s, 'ORDnot-an-id', { status: 'canceled' }))).toEqual(['bad_request']);
    expect((await simulate(caja, s, 'ORD01JABCDEFGHJKMNPQRSTVWXYZ0', { status: 'canceled' })).statusCode).toBe(404);
    expect((await getOrder(caja, s, o.id)).status).toBe('created');
  });
});
