import { describe, expect, it } from 'vitest';
import { EXPIRE_TIMER } from '../../src/domain/mp-orders/create.js';
import { expireOrder, expireOrders } from '../../src/domain/mp-orders/expire.js';
import type { BulkTimerHandler } from '../../src/domain/timers.js';
import { TimerRunner } from '../../src/jobs/timers.js';
import { moveOrders } from '../../src/domain/mp-orders/order.js';
import { findOrdersByIds } from '../../src/domain/mp-orders/records.js';
import { ConcurrencyConflict } from '../../src/store/db.js';
import { testbed } from '../support/harness.js';
import { advance, configureWebhooks } from '../support/notify.js';
import { until } from '../support/receiver.js';
import { createOrder, getOrder, openShop, walletPay, type Shop } from '../support/qr-orders.js';

// Orders expiring together run through one bulk handler (domain/mp-orders/expire.ts expireOrders):
// what it leaves behind must be exactly what expireOrder, one timer at a time, leaves.
describe('expiring a batch of orders at once', () => {
  const caja = testbed({ workers: false });

  const db = () => caja.runtime.ctx.store.db;
  const MODES = ['dynamic', 'dynamic', 'static', 'dynamic', 'hybrid', 'dynamic', 'paid', 'dynamic'] as const;

  /** A shop with a webhook, the same orders in the same order, its clock moved past their expiry. */
  async function shopWithDueOrders(): Promise<{ shop: Shop; ids: string[] }> {
    const shop = await openShop(caja, 'MLA');
    await configureWebhooks(caja, shop.seller, { url: 'http://hooks.test/mp', topics: ['order'] });
    const ids: string[] = [];
    for (const mode of MODES) {
      const o = await createOrder(caja, shop, { expiration_time: 'PT30S' }, mode === 'paid' ? 'dynamic' : mode);
      if (mode === 'paid') expect((await walletPay(caja, o.type_response!.qr_data)).statusCode).toBe(201);
      ids.push(o.id);
    }
    await advance(caja, shop.seller, 31);
    return { shop, ids };
  }

  async function runExpiries(ids: string[], bulk: Map<string, BulkTimerHandler>): Promise<void> {
    const runner = new TimerRunner(caja.runtime.ctx, new Map([[EXPIRE_TIMER, expireOrder]]), 20, { batchBudgetMs: 10_000, bulk });
    runner.start();
    try {
      await until(async () => (await db().selectFrom('timers').select('id').where('kind', '=', EXPIRE_TIMER).where('target_id', 'in', ids).where('status', '=', 'pending').execute()).length === 0, 10_000, 'the expiries');
    } finally {
      await runner.stop();
    }
  }

  /** Everything an order's expiry wrote, with the shop's own ids, numbers and times replaced by names. */
  async function outcome(shop: Shop, ids: string[]) {
    // Ids become names; times and generated ids become their kind (each leaf on its own, so no number is cut in two).
    const names = new Map<string, string>([...ids.map((id, k) => [id, `ORDER${k}`] as [string, string]), [shop.posExternalId, 'POS'], [String(shop.seller.user_id), 'USER']]);
    const numbers = new Map<number, string>([
      [shop.seller.user_id, 'USER'],
      [shop.posId, 'POSID'],
      [shop.storeId, 'STOREID'],
    ]);
    const VARYING = new Set(['created_at', 'updated_at', 'at', 'expires_at', 'paid_at', 'id', 'request_id', 'application_id', 'payment_id', 'external_reference', 'qr_data', 'reference_id']);
    const plain = (v: unknown, key = ''): unknown => {
      if (Array.isArray(v)) return v.map((x) => plain(x));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, k)]));
      if (typeof v === 'number') return numbers.get(v) ?? (VARYING.has(key) ? 0 : v);
      if (typeof v !== 'string') return v;
      if (names.has(v)) return names.get(v);
      if (VARYING.has(key)) return 'X';
      return [...names].reduce((x, [from, to]) => x.split(from).join(to), v).replace(/\d{4}-\d\d-\d\dT[\d:.]+(Z|[-+]\d\d:\d\d)/g, 'DATE');
    };
    const out = [];
    for (const id of ids) {
      const order = await getOrder(caja, shop, id);
      const history = await db().selectFrom('status_history').select(['seq', 'status', 'detail']).where('aggregate', '=', 'mp_order').where('aggregate_id', '=', id).orderBy('seq').execute();
      const events = await db().selectFrom('events').select(['type']).where('resource_id', '=', id).orderBy('id').execute();
      const deliveries = await db().selectFrom('deliveries').select(['kind', 'topic', 'action', 'status', 'url', 'body', 'last_error']).where('resource_id', '=', id).orderBy('id').execute();
      out.push(
        plain({
          order,
          history,
          events,
          deliveries: deliveries.map((d) => ({ ...d, body: JSON.parse(d.body) as unknown })),
        }),
      );
    }
    const slot = await db().selectFrom('open_charges').select(['family', 'charge_id']).where('source_id', '=', String(shop.posId)).execute();
    return { orders: out, slot: plain(slot) };
  }

  it('leaves the orders, history, events, deliveries and the printed QR exactly as one timer at a time does', async () => {
    const one = await shopWithDueOrders();
    await runExpiries(one.ids, new Map());
    const calls: number[] = [];
    const counting: BulkTimerHandler = async (ctx, tx, timers) => {
      calls.push(timers.length);
      return expireOrders(ctx, tx, timers);
    };
    const bulk = await shopWithDueOrders();
    await runExpiries(bulk.ids, new Map([[EXPIRE_TIMER, counting]]));

    // The bulk handler ran (one run of all eight timers, due in a row).
    expect(calls).toEqual([MODES.length]);
    const a = await outcome(one.shop, one.ids);
    const b = await outcome(bulk.shop, bulk.ids);
    expect(b).toEqual(a);
    // And what both did is an expiry: every unpaid order expired once, notified once; the paid one untouched.
    MODES.forEach((mode, k) => {
      const o = b.orders[k] as { order: { status: string }; history: unknown[]; events: Array<{ type: string }>; deliveries: Array<{ action: string; status: string }> };
      if (mode === 'paid') {
        expect(o.order.status).toBe('processed');
        expect(o.events.map((e) => e.type)).not.toContain('mp.order.expired');
        return;
      }
      expect(o.order.status).toBe('expired');
      expect(o.history).toEqual([{ seq: 2, status: 'expired', detail: 'expired' }].map((h) => expect.objectContaining(h)));
      expect(o.events.map((e) => e.type)).toEqual(['mp.order.expired']);
      expect(o.deliveries).toEqual([expect.objectContaining({ action: 'order.expired', status: 'pending' })]);
    });
  });

  it('one order changed since it was read makes the whole compare-and-set a lost race, and nothing of it stays', async () => {
    const shop = await openShop(caja, 'MLA');
    const ids = [(await createOrder(caja, shop)).id, (await createOrder(caja, shop)).id];
    const store = caja.runtime.ctx.store;
    const attempt = store.transaction(async (tx) => {
      const orders = await findOrdersByIds(tx.ex, tx.dialect, ids);
      // Somebody else moved the second order after it was read.
      await tx.ex.updateTable('mp_orders').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', ids[1]!).execute();
      return moveOrders(tx, ids.map((id) => ({ order: orders.get(id)!, now: Date.now() })), 'expired', 'expired');
    });
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflict);
    for (const id of ids) expect((await getOrder(caja, shop, id)).status).toBe('created');
    expect(await db().selectFrom('status_history').select('seq').where('aggregate_id', 'in', ids).where('status', '=', 'expired').execute()).toEqual([]);
  });
});
