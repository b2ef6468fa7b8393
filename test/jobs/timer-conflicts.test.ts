import { describe, expect, it } from 'vitest';
import { TimerRunner } from '../../src/jobs/timers.js';
import { ConcurrencyConflict } from '../../src/store/db.js';
import { insertTimer } from '../../src/store/repos/timers.js';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';

describe('timers: a lost race is retried, not parked as failed', () => {
  const caja = testbed({ workers: false });

  async function run(handler: () => Promise<void>, id: string, settled = (t: { status: string; attempts: number }) => t.status !== 'pending') {
    const s = await caja.seller('MLA');
    const db = caja.runtime.ctx.store.db;
    await insertTimer(db, { id, seller_id: s.user_id, kind: 'test.kind', target_id: 'x', due_at: Date.now() - 1, created_at: Date.now() });
    const runner = new TimerRunner(caja.runtime.ctx, new Map([['test.kind', handler]]), 20);
    runner.start();
    try {
      await until(async () => settled(await db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()), 5000, 'the timer to run');
    } finally {
      await runner.stop();
    }
    return db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('a handler losing a compare-and-set twice runs again on fresh state and finishes, with no failure recorded', async () => {
    let calls = 0;
    const t = await run(async () => {
      calls++;
      if (calls <= 2) throw new ConcurrencyConflict('order X');
    }, 'TMR_CONFLICT_1');
    expect(calls).toBe(3);
    expect(t).toMatchObject({ status: 'done', attempts: 0, last_error: null });
  });

  it('PostgreSQL serialization failures and deadlocks (40001, 40P01) are retried the same way', async () => {
    let calls = 0;
    const t = await run(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      if (calls === 2) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    }, 'TMR_CONFLICT_2');
    expect(calls).toBe(3);
    expect(t).toMatchObject({ status: 'done', attempts: 0 });
  });

  it('a real bug in a handler is still backed off and recorded', async () => {
    const row = await run(
      async () => {
        throw new Error('boom');
      },
      'TMR_BUG_1',
      (t) => t.attempts > 0,
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('boom');
  });
});
