import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimerRunner } from '../../src/jobs/timers.js';
import type { TimerHandler } from '../../src/domain/timers.js';
import { insertTimer } from '../../src/store/repos/timers.js';
import { startCaja, type Harness } from '../support/harness.js';
import { until } from '../support/receiver.js';

// Two cajas on one PostgreSQL database, as two processes would be: their
// runners claim batches with FOR UPDATE SKIP LOCKED (src/store/repos/timers.ts).
describe('timer batches on PostgreSQL with several runners', () => {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    a = await startCaja({ workers: false });
    b = await startCaja({ workers: false, database: a.db });
  });
  afterAll(async () => {
    await b.close({ keepDatabase: true });
    await a.close();
  });

  it('never run one timer twice, and share the work', async () => {
    const sellerId = (await a.seller('MLA')).user_id;
    const n = 400;
    const now = Date.now();
    const ids = Array.from({ length: n }, (_, i) => `TMR_LEASE_${String(i).padStart(4, '0')}`);
    await a.runtime.ctx.store.transaction(async (tx) => {
      for (const id of ids) await insertTimer(tx.ex, { id, seller_id: sellerId, kind: 'test.lease', target_id: id, due_at: now - 1, created_at: now });
    });
    const calls = new Map<string, string[]>();
    const handler = (who: string): TimerHandler => async (_ctx, tx, t) => {
      calls.set(t.id, [...(calls.get(t.id) ?? []), who]);
      // A real write and a pause, so both runners' batches overlap.
      await tx.ex.updateTable('timers').set({ last_error: `ran by ${who}` }).where('id', '=', t.id).execute();
      await new Promise((r) => setTimeout(r, 1));
    };
    const runners = [
      new TimerRunner(a.runtime.ctx, new Map([['test.lease', handler('a')]]), 10, { batchSize: 20 }),
      new TimerRunner(b.runtime.ctx, new Map([['test.lease', handler('b')]]), 10, { batchSize: 20 }),
    ];
    for (const r of runners) r.start();
    try {
      await until(
        async () => Number((await a.runtime.ctx.store.db.selectFrom('timers').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'test.lease').where('status', '=', 'done').executeTakeFirstOrThrow()).n) === n,
        20_000,
        'every timer to run',
      );
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    expect(calls.size).toBe(n);
    const twice = [...calls].filter(([, who]) => who.length !== 1);
    expect(twice).toEqual([]);
    const byA = [...calls.values()].filter((w) => w[0] === 'a').length;
    expect(byA).toBeGreaterThan(0);
    expect(byA).toBeLessThan(n);
    // What each row says matches who ran it.
    const rows = await a.runtime.ctx.store.db.selectFrom('timers').select(['id', 'last_error']).where('kind', '=', 'test.lease').execute();
    for (const r of rows) expect(r.last_error).toBe(`ran by ${calls.get(r.id)![0]}`);
  });
});
