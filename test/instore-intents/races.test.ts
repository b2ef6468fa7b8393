import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testbed } from '../support/harness.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';
import { getQrIntent, INTENTS, openQrIntent } from '../support/intents.js';

describe('races on one QR intent', () => {
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
  });

  it('the wallet paying through both codes at once gives exactly one payment and one CLOSED notification', async () => {
    const ids: string[] = [];
    for (let round = 0; round < 5; round++) {
      const intent = await openQrIntent(caja, shop);
      ids.push(intent.id);
      const codes = Array.from({ length: 16 }, (_, i) => (i % 2 ? shop.posQr : intent.qr.data));
      const answers = await Promise.all(codes.map((qr) => walletPay(caja, qr)));
      const approved = answers.filter((a) => a.statusCode === 201);
      expect(approved).toHaveLength(1);
      for (const a of answers.filter((x) => x.statusCode !== 201)) {
        expect(a.statusCode).toBe(409);
        expect(['paid', 'idle_pos']).toContain(a.json().cause[0].code);
      }
      const got = await getQrIntent(caja, shop, intent.id);
      expect(got.status).toBe('CLOSED');
      expect(got.operations[0].results).toEqual([{ id: Number(approved[0]!.json().id), source: 'PAYMENT' }]);
    }
    const db = caja.runtime.ctx.store.db;
    const payments = await sql<{ charge_id: string; n: number }>`SELECT charge_id, COUNT(*) AS n FROM payments WHERE family = 'mp_intent' GROUP BY charge_id`.execute(db);
    expect(payments.rows.map((r) => [r.charge_id, Number(r.n)]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
    const events = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM events WHERE type = 'mp.instore_intent.closed'`.execute(db);
    expect(Number(events.rows[0]!.n)).toBe(5);
  });

  it('DELETE racing a payment ends in one consistent state', async () => {
    for (let round = 0; round < 8; round++) {
      const intent = await openQrIntent(caja, shop);
      const [del, pay] = await Promise.all([caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: shop.seller.auth }), walletPay(caja, intent.qr.data)]);
      const got = await getQrIntent(caja, shop, intent.id);
      if (got.status === 'CLOSED') {
        expect(pay.statusCode).toBe(201);
        expect(del.statusCode).toBe(409);
      } else {
        expect(got.status).toBe('CANCELED');
        expect(del.statusCode).toBe(204);
        expect(pay.statusCode).toBe(409);
        expect(pay.json().cause[0].code).toBe('canceled');
      }
    }
  });
});
