import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { as, card, device, pointShop, type Shop, type TerminalView } from '../point/fixtures.js';
import { createPointIntent, deletePointIntent, getPointIntent, seedPointBody } from '../support/intents.js';

describe('Point intent races', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
  });

  const screen = async () => (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminal.id}` })).json().screen;

  it('DELETE racing the terminal taking the intent: CANCELED and never shown, or taken and the DELETE refused', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 10; round++) {
      const created = await createPointIntent(caja, shop, seedPointBody(), { device: terminal.id });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      // The take timer is due at once (take delay 0): the DELETE races the worker running it.
      const del = await deletePointIntent(caja, shop, id);
      // Let the take timer run (or find nothing to take).
      await until(async () => {
        const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM timers WHERE status = 'pending' AND kind = 'terminal.take'`.execute(caja.runtime.ctx.store.db);
        return Number(rows.rows[0]!.n) === 0;
      }, 5000, 'the take timer to run');
      const got = await getPointIntent(caja, shop, id);
      if (del.statusCode === 204) {
        expect(got.status).toBe('CANCELED');
        expect((await screen()).state).toBe('idle');
      } else {
        expect(del.statusCode).toBe(409);
        expect(del.json()).toMatchObject({ errorKey: 'Conflict' });
        expect(got.status).toBe('ON_TERMINAL');
        expect(await screen()).toMatchObject({ state: 'waiting_card', charge: { id } });
        expect((await device(caja, shop, terminal.id, 'cancel')).statusCode).toBe(200);
        expect((await getPointIntent(caja, shop, id)).status).toBe('CANCELED');
      }
      outcomes.add(got.status);
      // Either way the terminal is free for the next round.
      const free = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM open_charges WHERE source_kind = 'terminal' AND source_id = ${terminal.id}`.execute(caja.runtime.ctx.store.db);
      expect(Number(free.rows[0]!.n)).toBe(0);
    }
    expect([...outcomes].every((s) => s === 'CANCELED' || s === 'ON_TERMINAL')).toBe(true);
  });

  it('a cancel on the device racing a card: CANCELED without a payment, or CLOSED with one', async () => {
    for (let round = 0; round < 4; round++) {
      const id = (await createPointIntent(caja, shop, seedPointBody(), {})).json().id;
      await until(async () => (await getPointIntent(caja, shop, id)).status === 'ON_TERMINAL', 5000);
      const [c, p] = await Promise.all([device(caja, shop, terminal.id, 'cancel'), card(caja, shop, terminal.id)]);
      const got = await getPointIntent(caja, shop, id);
      if (got.status === 'CLOSED') {
        expect(p.statusCode).toBe(200);
        expect(got.operations[0].results).toHaveLength(1);
      } else {
        expect(got.status).toBe('CANCELED');
        expect(c.statusCode).toBe(200);
        expect(got.operations[0].results).toBeUndefined();
      }
      await until(async () => (await screen()).state !== 'waiting_card', 3000);
    }
  });
});
