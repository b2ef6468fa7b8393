import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { until } from '../support/receiver.js';
import { cancel, created, expectOrdersError, getOrder, idOf, ISO_MS, managedWallet, mpOptions, pay, processed, refund, settleRefunds, shop, type OrderJson, type Shop } from '../support/orders-fixtures.js';

const DAY = 86_400;
const ULID = '0ABCDEFGHJKMNPQRSTVWXYZ123';

describe('cancel and refund', () => {
  const caja = testbed();
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja, 'MLA');
    await managedWallet(caja, s.seller);
  });

  const status = async (id: string, sh = s) => (await getOrder(caja, sh.seller, id)).json() as OrderJson;
  const cashShop = async (site: string) => {
    const sh = await shop(caja, site);
    await managedWallet(caja, sh.seller);
    return sh;
  };
  const cashOut = (sh: Shop) => sh.body({ config: { qr: { external_pos_id: sh.pos.external_id, mode: 'dynamic' } }, transactions: { cash_outs: [{ amount: '100.00', additional_info: { external_cashier_id: 123445 } }] } });

  describe('POST /v1/orders/{id}/cancel', () => {
    it('cancels a created order: 200, canceled/canceled, payments canceled/canceled_by_api', async () => {
      const o = await created(caja, s.seller, s.body());
      const res = await cancel(caja, s.seller, o.id);
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json();
      expect(c).toEqual({
        ...o,
        status: 'canceled',
        status_detail: 'canceled',
        last_updated_date: expect.stringMatching(ISO_MS),
        transactions: { payments: [{ ...o.transactions.payments[0], status: 'canceled', status_detail: 'canceled_by_api' }] },
      });
      expect(Date.parse(c.last_updated_date)).toBeGreaterThanOrEqual(Date.parse(o.created_date));
      expect(await status(o.id)).toEqual(c);
    });

    it('cancels a cash-out order: cash_outs canceled/canceled_by_api', async () => {
      const o = await created(caja, s.seller, cashOut(s));
      const c = (await cancel(caja, s.seller, o.id)).json();
      expect(c.transactions.cash_outs[0]).toMatchObject({ status: 'canceled', status_detail: 'canceled_by_api' });
    });

    it('a canceled order can no longer be paid', async () => {
      const o = await created(caja, s.seller, s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } }));
      expect((await cancel(caja, s.seller, o.id)).statusCode).toBe(200);
      expect((await pay(caja, s, o)).statusCode).toBe(409);
    });

    it('cancel of a canceled order → 409 order_already_canceled (the QR cancel reference)', async () => {
      const o = await created(caja, s.seller, s.body());
      await cancel(caja, s.seller, o.id);
      expectOrdersError(await cancel(caja, s.seller, o.id), 409, 'order_already_canceled');
    });

    it('cancel of a processed order → 409 order_already_canceled, the order stays processed', async () => {
      const o = await processed(caja, s);
      expectOrdersError(await cancel(caja, s.seller, o.id), 409, 'order_already_canceled');
      expect((await status(o.id)).status).toBe('processed');
    });

    it('cancel of an expired order → 409 order_already_canceled; the order reads expired/expired', async () => {
      const sh = await shop(caja, 'MLA');
      const o = await created(caja, sh.seller, sh.body({ expiration_time: 'PT30S' }));
      await advance(caja, sh.seller, 31);
      expectOrdersError(await cancel(caja, sh.seller, o.id), 409, 'order_already_canceled');
      await until(async () => (await status(o.id, sh)).status === 'expired', 10_000, 'the order to expire');
      const e = await status(o.id, sh);
      expect(e).toMatchObject({ status: 'expired', status_detail: 'expired' });
      expect(e.transactions.payments[0]).toMatchObject({ status: 'expired', status_detail: 'expired' });
    });

    it('an unknown order → 404 order_not_found; a malformed id → 400 invalid_path_param', async () => {
      expectOrdersError(await cancel(caja, s.seller, `ORD${ULID}`), 404, 'order_not_found');
      expectOrdersError(await cancel(caja, s.seller, 'ORD123'), 400, 'invalid_path_param');
    });
  });

  describe('POST /v1/orders/{id}/refund', () => {
    it("another seller's order: refund → 400 invalid_order_owner (the QR refund errors), cancel → 404 order_not_found", async () => {
      const o = await processed(caja, s);
      const other = await caja.seller('MLA');
      expectOrdersError(await refund(caja, other, o.id), 400, 'invalid_order_owner');
      expectOrdersError(await cancel(caja, other, o.id), 404, 'order_not_found');
      expect((await status(o.id)).status_detail).toBe('accredited');
    });

    it('refund of a created order → 409 cannot_refund_order', async () => {
      const o = await created(caja, s.seller, s.body());
      expectOrdersError(await refund(caja, s.seller, o.id), 409, 'cannot_refund_order');
      expect((await status(o.id)).status).toBe('created');
    });

    it('refund of a canceled order → 409 cannot_refund_order', async () => {
      const o = await created(caja, s.seller, s.body());
      await cancel(caja, s.seller, o.id);
      expectOrdersError(await refund(caja, s.seller, o.id), 409, 'cannot_refund_order');
    });

    it.each([
      ['no body', undefined, {}],
      ['Content-Type json and an empty body', '', { 'content-type': 'application/json' }],
      ['a JSON null body', 'null', {}],
    ])('total refund with %s: 201 processed/accredited with the refund processing (seed 003), refunded once confirmed', async (_, body, headers) => {
      const o = await processed(caja, s);
      const payment = o.transactions.payments[0];
      const res = await refund(caja, s.seller, o.id, body, undefined, headers);
      expect(res.statusCode, res.body).toBe(201);
      const r = res.json();
      expect(r).toMatchObject({ id: o.id, status: 'processed', status_detail: 'accredited' });
      expect(r.transactions.payments[0]).toMatchObject({ id: payment.id, status: 'processed', status_detail: 'accredited' });
      expect(r.transactions.refunds).toEqual([
        { id: expect.stringMatching(idOf('REF')), transaction_id: payment.id, reference_id: payment.reference_id, amount: '50.00', status: 'processing' },
      ]);
      expect(payment.reference_id).toMatch(/^\d+$/);
      const settled = await settleRefunds(caja, s.seller, o.id);
      expect(settled).toMatchObject({ status: 'refunded', status_detail: 'refunded' });
      expect(settled.transactions.payments[0]).toMatchObject({ status: 'refunded', status_detail: 'refunded' });
      expect(settled.transactions.refunds).toEqual([{ ...r.transactions.refunds[0], status: 'processed' }]);
    });

    it('with the seller option refund_answer=immediate: 201 refunded/refunded with the refund processed at once', async () => {
      const sh = await shop(caja, 'MLA');
      await mpOptions(caja, sh.seller, { refund_answer: 'immediate' });
      const o = await processed(caja, sh);
      const res = await refund(caja, sh.seller, o.id);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'refunded', status_detail: 'refunded', transactions: { payments: [{ status: 'refunded' }], refunds: [{ amount: '50.00', status: 'processed' }] } });
      expect(await status(o.id, sh)).toMatchObject({ status: 'refunded' });
    });

    it('a refund stays processing until CAJA_MP_REFUND_SECONDS pass on the seller clock', async () => {
      const sh = await shop(caja, 'MLA');
      const o = await processed(caja, sh);
      expect((await refund(caja, sh.seller, o.id)).statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 300));
      expect((await status(o.id, sh)).transactions.refunds[0].status).toBe('processing');
      expect((await settleRefunds(caja, sh.seller, o.id)).transactions.refunds[0].status).toBe('processed');
    });

    it('partial refunds: processed/partially_refunded, then refunded when they add up and are confirmed', async () => {
      const o = await processed(caja, s);
      const id = o.transactions.payments[0].id;
      const part = async (amount: string) => refund(caja, s.seller, o.id, { transactions: [{ id, amount }] });
      const first = await part('24.90');
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ status: 'processed', status_detail: 'partially_refunded' });
      expect(first.json().transactions.payments[0]).toMatchObject({ status: 'processed' });
      expect(first.json().transactions.refunds).toEqual([expect.objectContaining({ transaction_id: id, amount: '24.90', status: 'processing' })]);
      expect((await part('5.10')).json()).toMatchObject({ status: 'processed', status_detail: 'partially_refunded' });
      const over = expectOrdersError(await part('20.01'), 400, 'refund_amount_exceeds');
      expect(over[0]!.details.join(' '), 'amounts in the currency, never minor units').toContain('20.00 ARS left to refund, 20.01 ARS asked');
      const last = (await part('20.00')).json();
      expect(last).toMatchObject({ status: 'processed', status_detail: 'partially_refunded' });
      expect(last.transactions.refunds.map((r: { amount: string }) => r.amount)).toEqual(['24.90', '5.10', '20.00']);
      expect(new Set(last.transactions.refunds.map((r: { id: string }) => r.id)).size).toBe(3);
      expectOrdersError(await part('1.00'), 409, 'order_already_refunded');
      expect(await settleRefunds(caja, s.seller, o.id)).toMatchObject({ status: 'refunded', status_detail: 'refunded' });
    });

    it('a partial refund larger than the payment → 400 refund_amount_exceeds, nothing refunded', async () => {
      const o = await processed(caja, s);
      expectOrdersError(await refund(caja, s.seller, o.id, { transactions: [{ id: o.transactions.payments[0].id, amount: '50.01' }] }), 400, 'refund_amount_exceeds');
      expect(await status(o.id)).toMatchObject({ status: 'processed', status_detail: 'accredited' });
    });

    it('an order paid with a discount refunds what the buyer paid, never more', async () => {
      const discounts = { payment_methods: [{ type: 'account_money', new_total_amount: '47.28' }] };
      const o = await processed(caja, s, s.body({ discounts }));
      expect(o.transactions.payments[0]).toMatchObject({ amount: '50.00', paid_amount: '47.28' });
      const id = o.transactions.payments[0].id;
      expectOrdersError(await refund(caja, s.seller, o.id, { transactions: [{ id, amount: '50.00' }] }), 400, 'refund_amount_exceeds');
      const total = await refund(caja, s.seller, o.id);
      expect(total.statusCode, total.body).toBe(201);
      expect(total.json().transactions.refunds.map((r: { amount: string }) => r.amount)).toEqual(['47.28']);
    });

    it('refund of a refunded order → 409 order_already_refunded', async () => {
      const o = await processed(caja, s);
      expect((await refund(caja, s.seller, o.id)).statusCode).toBe(201);
      // Before and after the refund is confirmed.
      expectOrdersError(await refund(caja, s.seller, o.id), 409, 'order_already_refunded');
      await settleRefunds(caja, s.seller, o.id);
      expectOrdersError(await refund(caja, s.seller, o.id), 409, 'order_already_refunded');
    });

    it('an unknown, well-formed transaction id → 404 transaction_not_found', async () => {
      const o = await processed(caja, s);
      expectOrdersError(await refund(caja, s.seller, o.id, { transactions: [{ id: `PAY${ULID}`, amount: '1.00' }] }), 404, 'transaction_not_found');
    });

    it.each(['PAY123', 'REF01JYHRNEK69845P0E6VBXKXAKK', 'pay01jyhrnek69845p0e6vbxkxakk', 'x'])('a malformed transaction id %j → 400 invalid_transaction_id', async (id) => {
      const o = await processed(caja, s);
      expectOrdersError(await refund(caja, s.seller, o.id, { transactions: [{ id, amount: '1.00' }] }), 400, 'invalid_transaction_id');
    });

    it.each(['abc', '-1', '0', '1.234', ''])('refund amount %j → 400 property_value', async (amount) => {
      const o = await processed(caja, s);
      expectOrdersError(await refund(caja, s.seller, o.id, { transactions: [{ id: o.transactions.payments[0].id, amount }] }), 400, 'property_value', "'$.transactions[0].amount'");
      expect((await status(o.id)).status_detail).toBe('accredited');
    });

    it.each([true, null])('refund amount %j → 400 property_type naming the amount', async (amount) => {
      const o = await processed(caja, s);
      const errors = expectOrdersError(await refund(caja, s.seller, o.id, { transactions: [{ id: o.transactions.payments[0].id, amount }] }), 400, 'property_type', "'$.transactions[0].amount'");
      expect(errors.flatMap((e) => e.details).some((d) => d.includes("'$'")), 'a valid body must not be reported as "$ must be null"').toBe(false);
    });

    it('a malformed order id → 400 invalid_path_param; an unknown one → 404 order_not_found', async () => {
      expectOrdersError(await refund(caja, s.seller, 'ORD123'), 400, 'invalid_path_param');
      expectOrdersError(await refund(caja, s.seller, 'ORD123', { transactions: [{ id: `PAY${ULID}`, amount: '1.00' }] }), 400, 'invalid_path_param');
      expectOrdersError(await refund(caja, s.seller, `ORD${ULID}`), 404, 'order_not_found');
    });

    it('the refund window: 180 days after payment, then 400 in_store_payment_refund_order', async () => {
      const sh = await shop(caja, 'MLA');
      const a = await processed(caja, sh);
      const b = await processed(caja, sh);
      await advance(caja, sh.seller, 179 * DAY);
      expect((await refund(caja, sh.seller, a.id)).statusCode).toBe(201);
      await advance(caja, sh.seller, 2 * DAY);
      expectOrdersError(await refund(caja, sh.seller, b.id), 400, 'in_store_payment_refund_order');
    });

    describe('cash-out orders', () => {
      it('a partial refund is refused: 400 partial_refund_not_allowed_with_cashout (cash-outs refund in full)', async () => {
        const sh = await cashShop('MLM');
        const o = await processed(caja, sh, cashOut(sh));
        const id = o.transactions.cash_outs[0].id;
        expectOrdersError(await refund(caja, sh.seller, o.id, { transactions: [{ id, amount: '10.00' }] }), 400, 'partial_refund_not_allowed_with_cashout');
        const full = await refund(caja, sh.seller, o.id, { transactions: [{ id, amount: '100.00' }] });
        expect(full.statusCode, full.body).toBe(201);
        expect(full.json().transactions.refunds).toEqual([expect.objectContaining({ transaction_id: id, amount: '100.00', status: 'processing' })]);
      });

      it('a total refund within 72 h: the seed\'s answer, then refunded; the refund names the CAS transaction', async () => {
        const sh = await cashShop('MLM');
        const o = await processed(caja, sh, cashOut(sh));
        await advance(caja, sh.seller, 71 * 3600);
        const res = await refund(caja, sh.seller, o.id);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ status: 'processed', status_detail: 'accredited' });
        expect(res.json().transactions.refunds[0]).toMatchObject({ transaction_id: expect.stringMatching(idOf('CAS')), amount: '100.00', status: 'processing' });
        const settled = await settleRefunds(caja, sh.seller, o.id);
        expect(settled).toMatchObject({ status: 'refunded', status_detail: 'refunded' });
        expect(settled.transactions.cash_outs[0]).toMatchObject({ status: 'refunded', status_detail: 'refunded', additional_info: { external_cashier_id: 123445 } });
      });

      it('a total refund after 73 h → 400 in_store_payment_refund_order', async () => {
        const sh = await cashShop('MLM');
        const o = await processed(caja, sh, cashOut(sh));
        await advance(caja, sh.seller, 73 * 3600);
        expectOrdersError(await refund(caja, sh.seller, o.id), 400, 'in_store_payment_refund_order');
        expect((await status(o.id, sh)).status).toBe('processed');
      });
    });
  });
});
