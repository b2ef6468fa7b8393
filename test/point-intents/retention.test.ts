import { describe, expect, it } from 'vitest';
import { pruneAll } from '../../src/jobs/retention/prune.js';
import { testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { as, card, deleteIntent, getIntent, newIntent, pointShop, reaches } from './fixtures.js';

const DAY_S = 86_400;

describe('retention of payment intents', () => {
  const caja = testbed();

  const prune = () => pruneAll(caja.runtime.ctx.store, caja.config.retention, { realNow: () => Date.now() });

  it('an ended intent stays readable as long as an Orders order, then goes with its history; its payment stays in the ledger', async () => {
    const { shop, terminal } = await pointShop(caja, 'MLA', 0);
    const paid = await newIntent(caja, shop, terminal.id);
    await reaches(caja, shop, paid.id, 'ON_TERMINAL');
    expect((await card(caja, shop, terminal.id)).statusCode).toBe(200);
    const { shop: s2, terminal: t2 } = await pointShop(caja, 'MLA', 600_000);
    const canceled = await newIntent(caja, s2, t2.id);
    expect((await deleteIntent(caja, s2, t2.id, canceled.id)).statusCode).toBe(200);

    await advance(caja, shop.seller, 89 * DAY_S);
    await advance(caja, s2.seller, 89 * DAY_S);
    await prune();
    expect((await getIntent(caja, shop, paid.id)).statusCode).toBe(200);
    expect((await getIntent(caja, s2, canceled.id)).statusCode).toBe(200);

    await advance(caja, shop.seller, 2 * DAY_S);
    await advance(caja, s2.seller, 2 * DAY_S);
    await prune();
    expect((await getIntent(caja, shop, paid.id)).statusCode).toBe(404);
    expect((await getIntent(caja, s2, canceled.id)).statusCode).toBe(404);
    const history = await caja.runtime.ctx.store.db.selectFrom('status_history').select('aggregate_id').where('aggregate', '=', 'point_intent').execute();
    expect(history.map((h) => h.aggregate_id)).not.toContain(paid.id);
    // The payment stays in the ledger on its own windows (approved: refundable 180 days).
    const payment = (await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/search?external_reference=ref-1` })).json();
    expect(payment.results.length).toBeGreaterThan(0);
  });
});
