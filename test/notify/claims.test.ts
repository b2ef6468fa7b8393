import { beforeAll, describe, expect, it } from 'vitest';
import { claimDue, recordAttempts, type Claimed, type FinishedAttempt } from '../../src/store/repos/deliveries.js';
import { testbed, type TestSeller } from '../support/harness.js';
import { configureWebhooks, sendTestNotification } from '../support/notify.js';

// The worker's claim and record statements, driven directly: no worker runs, so every lease is ours to hand out.
describe('delivery claims and records', () => {
  const caja = testbed({ workers: false });
  let s: TestSeller;
  const LEASE = 60_000;
  const pending = async (n: number, tag: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const sent = await sendTestNotification(caja, s, { topic: 'order', data_id: `ORD01K${tag}${String(i).padStart(22 - tag.length, '0')}` });
      ids.push(sent.deliveries[0]!.id);
    }
    return ids;
  };
  const finished = (c: Claimed, status: 'delivered' | 'pending' = 'delivered'): FinishedAttempt => ({
    d: c.delivery,
    attempt: {
      delivery_id: c.delivery.id,
      number: c.delivery.attempt_count + 1,
      started_at: 1,
      duration_ms: 2,
      request_url: c.delivery.url!,
      request_headers: '{"x-request-id":"r"}',
      request_body: c.delivery.body,
      response_status: status === 'delivered' ? 200 : 503,
      response_body: status === 'delivered' ? 'ok' : null,
      error: status === 'delivered' ? null : 'HTTP 503',
    },
    outcome: { status, due_at: status === 'delivered' ? null : 123, last_error: status === 'delivered' ? null : 'HTTP 503', updated_at: 4 },
  });

  beforeAll(async () => {
    s = await caja.seller('MLA');
    await configureWebhooks(caja, s, { url: 'http://127.0.0.1:9/hook', topics: ['order'] });
  });

  it('concurrent batch claims never hand one delivery to two owners', async () => {
    const ids = await pending(120, 'CLAIM');
    const { db, dialect } = caja.runtime.ctx.store;
    const now = Date.now();
    const owners = Array.from({ length: 8 }, (_, i) => `w-test-${i}`);
    const got = new Map<string, string[]>(owners.map((o) => [o, []]));
    // Rounds of 8 claims at once (PostgreSQL: 8 pooled connections racing) of up to 7 each, until all are leased.
    for (let round = 0; round < 40; round++) {
      const batches = await Promise.all(owners.map((o) => claimDue(db, dialect, o, now, LEASE, 7)));
      batches.forEach((b, i) => got.get(owners[i]!)!.push(...b.map((c) => c.delivery.id)));
      if (batches.every((b) => b.length === 0)) break;
    }
    const all = [...got.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...ids].sort());
    // Each delivery is leased to the owner that got it.
    const rows = await db.selectFrom('deliveries').select(['id', 'lease_owner']).where('id', 'in', ids).execute();
    for (const r of rows) expect(got.get(r.lease_owner!)).toContain(r.id);
  });

  it('a claim carries the seller and its webhook configuration', async () => {
    const [id] = await pending(1, 'CARRY');
    const { db, dialect } = caja.runtime.ctx.store;
    const [c] = await claimDue(db, dialect, 'w-carry', Date.now(), LEASE, 10);
    expect(c!.delivery.id).toBe(id);
    expect(c!.seller).toMatchObject({ id: s.user_id, webhook_secret: s.webhook_secret });
    expect(c!.config).toMatchObject({ seller_id: s.user_id, url: 'http://127.0.0.1:9/hook' });
    expect(JSON.parse(c!.config!.topics)).toEqual(['order']);
  });

  it('records a batch of attempts in one go, except one whose lease another owner took', async () => {
    const ids = await pending(5, 'RECORD');
    const { db, dialect } = caja.runtime.ctx.store;
    const now = Date.now();
    const mine = await claimDue(db, dialect, 'w-a', now, 1_000, 10);
    expect(mine.map((c) => c.delivery.id).sort()).toEqual([...ids].sort());
    // w-a's lease on the first one expires and w-b claims it.
    await db.updateTable('deliveries').set({ lease_until: now - 1 }).where('id', '=', ids[0]!).execute();
    const stolen = await claimDue(db, dialect, 'w-b', now, LEASE, 10);
    expect(stolen.map((c) => c.delivery.id)).toEqual([ids[0]]);

    const batch = mine.map((c, i) => finished(c, i % 2 ? 'pending' : 'delivered'));
    const record = (b: FinishedAttempt[]) => (dialect === 'postgres' ? recordAttempts(db, dialect, 'w-a', b) : caja.runtime.ctx.store.transaction((tx) => recordAttempts(tx.ex, tx.dialect, 'w-a', b)));
    const recorded = await record(batch);
    expect(recorded).toEqual(mine.map((c) => c.delivery.id !== ids[0]));

    const rows = await db.selectFrom('deliveries').selectAll().where('id', 'in', ids).execute();
    const attempts = await db.selectFrom('delivery_attempts').selectAll().where('delivery_id', 'in', ids).execute();
    for (const [i, c] of mine.entries()) {
      const row = rows.find((r) => r.id === c.delivery.id)!;
      if (c.delivery.id === ids[0]) {
        // Untouched: still w-b's, no attempt row.
        expect(row).toMatchObject({ status: 'pending', attempt_count: 0, lease_owner: 'w-b' });
        expect(attempts.filter((a) => a.delivery_id === row.id)).toHaveLength(0);
        continue;
      }
      const b = batch[i]!;
      expect(row).toMatchObject({ status: b.outcome.status, due_at: b.outcome.due_at, last_error: b.outcome.last_error, updated_at: 4, attempt_count: 1, lease_owner: null, lease_until: null });
      expect(attempts.filter((a) => a.delivery_id === row.id)).toEqual([b.attempt]);
    }
    // Recording the same attempts again (a retry of the statement) records nothing twice.
    expect(await record(batch)).toEqual(batch.map(() => false));
    expect(await db.selectFrom('delivery_attempts').select('delivery_id').where('delivery_id', 'in', ids).execute()).toHaveLength(4);
  });
});
