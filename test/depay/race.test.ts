import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { createQr, depay, depaySeller, getOrder, inside, type DepaySeller } from './fixtures.js';

/** Many payers and a cancel on one order: the guarded transition lets exactly one through, on both engines. */
describe('Depay: a pay racing pays and a cancel', () => {
  const caja = testbed();
  let s: DepaySeller;
  beforeAll(async () => {
    s = await depaySeller(caja, { autoOutcome: false });
  });

  for (let round = 1; round <= 5; round++) {
    it(`round ${round}: exactly one outcome, and the history agrees with it`, async () => {
      const q = await createQr(caja, s);
      const pays = Array.from({ length: 10 }, (_, i) =>
        caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: q.qr_data, outcome: i === 3 ? 'rejected' : 'approved' } }),
      );
      const cancel = depay(caja, s, { method: 'DELETE', url: `/depay/v2/payins/qr/${q.order_id}` });
      const [c, ...p] = await Promise.all([cancel, ...pays]);
      const wins = p.filter((r) => r.statusCode === 201 || r.statusCode === 200);
      const canceled = c!.statusCode === 200;
      expect(wins.length + (canceled ? 1 : 0), `cancel ${c!.statusCode}, pays ${p.map((r) => r.statusCode).join(',')}`).toBe(1);
      for (const r of p) expect([200, 201, 409]).toContain(r.statusCode);
      const o = await getOrder(caja, s, q.order_id);
      const history = o.statuses.map((x) => x.status);
      if (canceled) {
        expect(o.status).toBe('CANCELED');
        expect(history).toEqual(['CREATED', 'CANCELED']);
      } else {
        expect(c!.statusCode).toBe(409);
        const won = wins[0]!.json();
        expect(o.status).toBe(won.order_status);
        expect(history).toEqual(['CREATED', 'WAITING_AMOUNT', 'PROCESSING', won.order_status]);
        expect((await inside(caja, s, q.order_id)).payer.payment_id).toBe(won.id);
      }
      // One callback per status reached: the losers' events rolled back with their transactions.
      const log = await caja.request({ method: 'GET', url: `/sandbox/notifications?resource_id=${q.order_id}`, headers: s.auth });
      expect(log.json().results.map((d: { action: string }) => d.action).sort()).toEqual(['CREATED', o.status].sort());
    });
  }
});
