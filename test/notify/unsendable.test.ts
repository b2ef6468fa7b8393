import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { configureWebhooks, delivery, deliveryReaches, sendTestNotification } from '../support/notify.js';
import { Receiver } from '../support/receiver.js';

describe('a delivery no attempt can send is recorded as failed once, not claimed forever', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed();

  it('an unknown delivery kind (e.g. written by a newer caja) fails with the reason and one attempt row', async () => {
    const s = await caja.seller('MLA');
    await configureWebhooks(caja, s, { url: rx.url, topics: ['order'] });
    const db = caja.runtime.ctx.store.db;
    // Hold the worker off while the row is rewritten: it is pending with a kind nothing knows.
    await caja.runtime.worker.stop();
    const id = (await sendTestNotification(caja, s, { topic: 'order', data_id: 'ORD01KUNSENDABLE00000000000A' })).deliveries[0]!.id;
    await db.updateTable('deliveries').set({ kind: 'no_such_kind' }).where('id', '=', id).execute();
    caja.runtime.worker.start();
    const d = await deliveryReaches(caja, s, id, 'failed');
    expect(d.last_error).toContain('unknown delivery kind no_such_kind');
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ response_status: null, error: expect.stringContaining('no_such_kind') });
    // It stays failed: nothing claims it again.
    await new Promise((r) => setTimeout(r, 500));
    expect((await delivery(caja, s, id)).attempts).toHaveLength(1);
    expect(rx.received).toHaveLength(0);
  });
});
