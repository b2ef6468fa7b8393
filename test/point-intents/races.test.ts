import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { createPoint } from '../point/fixtures.js';
import { createIntent, deleteIntent, device, getIntent, intentBody, newIntent, pointShop, screenOf, type Shop, type TerminalView } from './fixtures.js';

/** Races end in one consistent outcome (both databases: this file runs on SQLite and PostgreSQL). */
describe('payment intent races', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
  });

  it('DELETE racing the terminal taking the intent: CANCELED and never shown, or ON_TERMINAL and the DELETE refused', async () => {
    const { shop: s0, terminal: t0 } = await pointShop(caja, 'MLA', 5);
    const seen = new Set<number>();
    for (let n = 0; n < 10; n++) {
      const i = await newIntent(caja, s0, t0.id);
      // The take comes due 5 ms after creation: a DELETE sent 0 to 9 ms later meets it at every point.
      await new Promise((r) => setTimeout(r, n));
      const del = await deleteIntent(caja, s0, t0.id, i.id);
      seen.add(del.statusCode);
      if (del.statusCode === 200) {
        expect((await getIntent(caja, s0, i.id)).json().state).toBe('CANCELED');
        // The take that lost finds it canceled and leaves the screen alone.
        await new Promise((r) => setTimeout(r, 30));
        expect((await screenOf(caja, s0, t0.id)).charge?.id).not.toBe(i.id);
        expect((await getIntent(caja, s0, i.id)).json().state).toBe('CANCELED');
      } else {
        expect(del.statusCode, del.body).toBe(409);
        await until(async () => (await getIntent(caja, s0, i.id)).json().state === 'ON_TERMINAL', 3000, 'ON_TERMINAL');
        expect(await screenOf(caja, s0, t0.id)).toMatchObject({ state: 'waiting_card', charge: { id: i.id } });
        expect((await device(caja, s0, t0.id, 'cancel')).statusCode).toBe(200);
      }
    }
    if (process.env.CAJA_SHOW_RACES) console.log('DELETE vs take outcomes', [...seen]);
    expect([...seen].every((c) => c === 200 || c === 409)).toBe(true);
  });

  it('two DELETEs racing each other and the take: at most one is accepted, and only while OPEN', async () => {
    for (let n = 0; n < 6; n++) {
      const i = await newIntent(caja, shop, terminal.id);
      const [a, b] = await Promise.all([deleteIntent(caja, shop, terminal.id, i.id), deleteIntent(caja, shop, terminal.id, i.id)]);
      const codes = [a.statusCode, b.statusCode].sort();
      const state = (await getIntent(caja, shop, i.id)).json().state;
      if (state === 'CANCELED') expect(codes).toEqual([200, 409]);
      else {
        expect(codes).toEqual([409, 409]);
        await until(async () => (await screenOf(caja, shop, terminal.id)).state === 'waiting_card', 3000);
        expect((await device(caja, shop, terminal.id, 'cancel')).statusCode).toBe(200);
      }
    }
  });

  it('an intent and an order for one terminal at once: exactly one is queued', async () => {
    for (let n = 0; n < 4; n++) {
      const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
      const [i, o] = await Promise.all([createIntent(caja, s, t.id, intentBody()), createPoint(caja, s, t.id)]);
      expect([i.statusCode, o.statusCode].sort()).toEqual([201, 409]);
      if (o.statusCode === 409) expect(o.json().errors[0].code).toBe('already_queued_order_for_terminal');
      else expect(i.json().message).toBe('Device has a queued payment intent');
    }
  });

  it('two intents for one terminal at once: one 201, one 409', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 600_000);
    const results = await Promise.all([createIntent(caja, s, t.id), createIntent(caja, s, t.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
