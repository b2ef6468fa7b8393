import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { getPayment, paidOrder, refundPayment } from '../support/payments.js';
import { createOrder, getOrder, openShop, orderAction, walletPay, type Shop } from '../support/qr-orders.js';

describe('races on one payment', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it('parallel partial refunds through both doors (payment and order) never refund more than was paid', async () => {
    for (let round = 0; round < 3; round++) {
      const { order, paymentId } = await paidOrder(caja, shop);
      const txn = order.transactions.payments![0]!.id as string;
      // 16 refunds of 7.00 against 50.00: at most 7 can succeed.
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          i % 2 ? refundPayment(caja, shop.seller, paymentId, { amount: 7 }) : orderAction(caja, shop, order.id, 'refund', { transactions: [{ id: txn, amount: '7.00' }] }),
        ),
      );
      const ok = answers.filter((a) => a.statusCode === 200 || a.statusCode === 201);
      expect(ok).toHaveLength(7);
      for (const a of answers) expect(a.statusCode, a.body).toBeLessThan(500);
      const p = (await getPayment(caja, shop.seller, paymentId)).json();
      expect(p.transaction_amount_refunded).toBe(49);
      expect(p.refunds).toHaveLength(7);
      const o = await getOrder(caja, shop, order.id);
      expect(o.transactions.refunds).toHaveLength(7);
      expect(o.transactions.payments![0]).toMatchObject({ status: 'processed' });
      expect(o.status_detail).toBe('partially_refunded');
    }
  });

  it('a wallet payment racing the expiry ends in one consistent state, and no timer is parked failed', async () => {
    const db = caja.runtime.ctx.store.db;
    for (let round = 0; round < 6; round++) {
      const s = await openShop(caja, 'MLA');
      const order = await createOrder(caja, s, { expiration_time: 'PT30S' }, 'dynamic');
      const [pay] = await Promise.all([walletPay(caja, order.type_response!.qr_data), advance(caja, s.seller, 31)]);
      let final = await getOrder(caja, s, order.id);
      for (let i = 0; i < 50 && final.status === 'created'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        final = await getOrder(caja, s, order.id);
      }
      if (pay.statusCode === 201) {
        expect(final.status).toBe('processed');
        expect((await getPayment(caja, s.seller, pay.json().id)).json().status).toBe('approved');
      } else {
        expect(pay.statusCode, pay.body).toBe(409);
        expect(final.status).toBe('expired');
      }
    }
    const failed = await db.selectFrom('timers').select(['id', 'last_error']).where('status', '=', 'failed').execute();
    expect(failed).toEqual([]);
    const retried = await db.selectFrom('timers').select(['id', 'last_error']).where('attempts', '>', 0).execute();
    expect(retried).toEqual([]);
  });
});
