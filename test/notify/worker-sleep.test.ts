import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/context.js';
import { DeliveryWorker } from '../../src/notify/worker.js';
import { nextClaimableAt } from '../../src/store/repos/deliveries.js';
import type { Sender } from '../../src/notify/http.js';
import { testbed, type TestSeller } from '../support/harness.js';
import { configureWebhooks, delivery, sendTestNotification } from '../support/notify.js';
import { Receiver, until } from '../support/receiver.js';

// The delivery worker sleeps until the next delivery nobody holds comes due (a retry), at most a
// second; it no longer polls every 200 ms (five empty claims a second for an idle caja).
describe('the delivery worker sleeps until the next due delivery', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const RETRY_MS = 1200;
  const caja = testbed({ env: { CAJA_WEBHOOK_RETRY_SCHEDULE: `${RETRY_MS}ms,1h` } });
  let seller: TestSeller;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
    await configureWebhooks(caja, seller, { url: rx.url, topics: ['order'] });
  });

  /** A test notification to a receiver answering 500, once it has had `attempts` attempts; its delivery's id. */
  async function failing(dataId: string, attempts: number): Promise<string> {
    rx.received.length = 0;
    rx.mode = { kind: 'status', status: 500 };
    const id = (await sendTestNotification(caja, seller, { topic: 'order', data_id: dataId })).deliveries[0]!.id;
    await until(async () => (await delivery(caja, seller, id)).attempt_count >= attempts, 10_000, `${attempts} attempts`);
    return id;
  }

  it('an idle worker looks for work about once a second', async () => {
    const ctx = caja.runtime.ctx;
    let looks = 0;
    const db = new Proxy(ctx.store.db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'selectFrom' || typeof value !== 'function') return value;
        return (table: string) => {
          if (table === 'deliveries') looks++;
          return (value as (t: string) => unknown).call(target, table);
        };
      },
    });
    const quiet: Ctx = { ...ctx, store: { ...ctx.store, db } };
    const sender: Sender = { send: async () => ({ status: 200, body: '', error: null, durationMs: 0 }) } as unknown as Sender;
    const worker = new DeliveryWorker(quiet, new Map(), sender, { concurrency: 4, timeoutMs: 1000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 2100));
    await worker.stop();
    // Each look is a claim and a read of the next due time: two or three looks in 2.1 s (polling every 200 ms made eleven).
    expect(looks).toBeGreaterThanOrEqual(2);
    expect(looks).toBeLessThanOrEqual(6);
  });

  it('a retry it recorded runs when it comes due, not at a poll', async () => {
    await failing('ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D', 1);
    const first = rx.received[0]!.at;
    rx.mode = { kind: 'status', status: 200 };
    await until(() => rx.received.length >= 2, 10_000, 'the retry');
    const late = rx.received[1]!.at - first - RETRY_MS;
    // Not before it is due; and not a second's poll after (a retry 1.2 s away is past the 1 s the worker sleeps at most).
    expect(late).toBeGreaterThanOrEqual(-50);
    expect(late).toBeLessThan(600);
  });

  // What another process recorded, this worker learns from the database: the next pending delivery no live lease holds.
  it('reads the next due delivery from the database, passing over one a live lease holds', async () => {
    // Two failed attempts: the next one is an hour away.
    const id = await failing('ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6E', 2);
    const db = caja.runtime.ctx.store.db;
    const now = caja.runtime.ctx.clock.realNow();
    const row = await db.selectFrom('deliveries').select(['due_at', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.due_at).toBeGreaterThan(now + 59 * 60_000);
    expect(await nextClaimableAt(db, now)).toBe(row.due_at);
    await db.updateTable('deliveries').set({ lease_owner: 'w-elsewhere', lease_until: now + 60_000 }).where('id', '=', id).execute();
    expect(await nextClaimableAt(db, now)).toBeUndefined();
    // Once that lease has run out, it is claimable again at its due time.
    expect(await nextClaimableAt(db, now + 61_000)).toBe(row.due_at);
  });
});
