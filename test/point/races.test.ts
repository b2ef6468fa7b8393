import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { as, atTerminal, cancel, card, createPoint, getOrder, pointShop, type Shop, type TerminalView } from './fixtures.js';

describe('Point races', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
  });

  it('two orders for one terminal at once: exactly one 201 and one 409 already_queued_order_for_terminal', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    const results = await Promise.all([createPoint(caja, s, t.id), createPoint(caja, s, t.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().errors[0].code).toBe('already_queued_order_for_terminal');
  });

  it('a cancel racing a card ends consistent: processed with a payment, or canceled without one', async () => {
    for (let i = 0; i < 4; i++) {
      const o = (await createPoint(caja, shop, terminal.id)).json();
      await atTerminal(caja, shop, o.id);
      const [c, p] = await Promise.all([cancel(caja, shop, o.id, { 'x-allow-cancelable-status': 'at_terminal' }), card(caja, shop, terminal.id)]);
      await until(async () => ['processed', 'canceled'].includes((await getOrder(caja, shop, o.id)).status), 5000);
      const end = await getOrder(caja, shop, o.id);
      if (end.status === 'processed') {
        expect(p.statusCode).toBe(200);
        expect(end.transactions.payments[0].reference_id).toBeDefined();
      } else {
        expect(c.statusCode).toBe(202);
        expect(end.transactions.payments[0].reference_id).toBeUndefined();
      }
      await until(async () => (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminal.id}` })).json().screen.state !== 'waiting_card', 3000);
    }
  });
});
