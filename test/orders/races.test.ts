import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testbed } from '../support/harness.js';
import { createOrder, getOrder, openShop, orderAction, walletPay, type Shop } from '../support/qr-orders.js';

describe('races on one order', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
  });

  it('many parallel pays through both codes of a hybrid order give exactly one processed payment', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await createOrder(caja, shop, {}, 'hybrid');
      const codes = Array.from({ length: 16 }, (_, i) => (i % 2 ? shop.posQr : order.type_response!.qr_data));
      const answers = await Promise.all(codes.map((qr) => walletPay(caja, qr)));
      const approved = answers.filter((a) => a.statusCode === 201);
      expect(approved).toHaveLength(1);
      for (const a of answers.filter((x) => x.statusCode !== 201)) {
        expect(a.statusCode).toBe(409);
        expect(['paid', 'idle_pos']).toContain(a.json().cause[0].code);
      }
      const got = await getOrder(caja, shop, order.id);
      expect(got.status).toBe('processed');
      expect(got.transactions.payments![0]!.reference_id).toBe(approved[0]!.json().id);
    }
    // One order.processed event per order, never two.
    const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM events WHERE type = 'mp.order.processed'`.execute(caja.runtime.ctx.store.db);
    expect(Number(rows.rows[0]!.n)).toBe(5);
  });

  it('cancel racing pay ends in one consistent state', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const order = await createOrder(caja, shop, {}, 'dynamic');
      const [cancel, pay] = await Promise.all([orderAction(caja, shop, order.id, 'cancel'), walletPay(caja, order.type_response!.qr_data)]);
      const got = await getOrder(caja, shop, order.id);
      if (got.status === 'processed') {
        expect(pay.statusCode).toBe(201);
        expect(cancel.statusCode).toBe(409);
        // The QR cancel reference answers order_already_canceled for any status other than created.
        expect(cancel.json().errors[0].code).toBe('order_already_canceled');
        expect(got.transactions.payments![0]).toMatchObject({ status: 'processed' });
      } else {
        expect(got.status).toBe('canceled');
        expect(cancel.statusCode).toBe(200);
        expect(pay.statusCode).toBe(409);
        expect(pay.json().cause[0].code).toBe('canceled');
        expect(got.transactions.payments![0]).toMatchObject({ status: 'canceled', status_detail: 'canceled_by_api' });
      }
      outcomes.add(got.status);
    }
    expect([...outcomes].every((s) => s === 'processed' || s === 'canceled')).toBe(true);
  });
});
