import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { atTerminal, card, createPoint, getOrder, pointShop, type Shop, type TerminalView } from './fixtures.js';

/**
 * The simulated terminal's timers became generic (terminal.take, .stall, .auto, target "family:id");
 * rows stored under the old names (mp_order.point_*, target a bare order id) still run.
 */
describe('the terminal timers under their old names', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 600_000));
  });

  /** Rewrites the pending timer of `kind` as the old version stored it, due now. */
  async function asOld(kind: string, old: string, orderId: string) {
    const db = caja.runtime.ctx.store.db;
    const rows = await db.selectFrom('timers').select(['id', 'target_id']).where('kind', '=', kind).where('status', '=', 'pending').execute();
    const row = rows.find((r) => r.target_id === `mercadopago:${orderId}`);
    expect(row, `a pending ${kind} for ${orderId}`).toBeDefined();
    await db.updateTable('timers').set({ kind: old, target_id: orderId, due_at: 0 }).where('id', '=', row!.id).execute();
    caja.runtime.timers.wake();
  }

  it('mp_order.point_take takes the order; mp_order.point_stall ends it action_required', async () => {
    const created = await createPoint(caja, shop, terminal.id);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await getOrder(caja, shop, id)).status).toBe('created');
    await asOld('terminal.take', 'mp_order.point_take', id);
    await atTerminal(caja, shop, id);
    expect((await card(caja, shop, terminal.id, { stall: true })).statusCode).toBe(200);
    await asOld('terminal.stall', 'mp_order.point_stall', id);
    await until(async () => (await getOrder(caja, shop, id)).status === 'action_required', 5000, 'action_required');
  });
});
