import { describe, expect, it } from 'vitest';
import { TimerRunner } from '../../src/jobs/timers.js';
import type { TimerHandler } from '../../src/domain/timers.js';
import { ConcurrencyConflict } from '../../src/store/db.js';
import { insertTimer } from '../../src/store/repos/timers.js';
import { timerTestbed } from '../support/timers.js';
import { until } from '../support/receiver.js';

// Several due timers run in one transaction, each handler in its own savepoint (src/jobs/timers.ts).
describe('timers run in batches, each handler isolated by a savepoint', () => {
  const bed = timerTestbed();
  const { db, timer } = bed;
  const due = (prefix: string, n: number, kind: string) => bed.due(prefix, Array<string>(n).fill(kind));

  async function runUntil(kind: string, handler: TimerHandler, settled: () => Promise<boolean>, batchSize = 10, maxSavepoints?: number) {
    const runner = new TimerRunner(bed.caja.runtime.ctx, new Map([[kind, handler]]), 20, { batchSize, batchBudgetMs: 10_000, ...(maxSavepoints ? { maxSavepoints } : {}) });
    runner.start();
    try {
      await until(settled, 10_000, 'the batch to run');
    } finally {
      await runner.stop();
    }
  }

  it("a failing handler rolls back only its own writes and hooks; the batch's other timers commit", async () => {
    const ids = await due('TMR_BATCH_FAIL', 5, 'test.batch.fail');
    const transactions = new Set<unknown>();
    const hooks: string[] = [];
    const handler: TimerHandler = async (_ctx, tx, t) => {
      transactions.add(tx.ex);
      // A write of the handler's own: a marker timer far in the future.
      await insertTimer(tx.ex, { id: `${t.id}_MARK`, seller_id: bed.sellerId, kind: 'test.never', target_id: t.id, due_at: Date.now() + 86_400_000, created_at: Date.now() });
      tx.onCommit(() => hooks.push(t.id));
      if (t.id === ids[2]) throw new Error('boom in the middle');
    };
    await runUntil('test.batch.fail', handler, async () => (await Promise.all(ids.map(timer))).every((t) => t!.status !== 'pending' || t!.attempts > 0));

    // One transaction ran all five: they were batched.
    expect(transactions.size).toBe(1);
    for (const id of ids.filter((x) => x !== ids[2])) {
      expect(await timer(id)).toMatchObject({ status: 'done', attempts: 0 });
      expect(await timer(`${id}_MARK`)).toBeDefined();
    }
    const failed = await timer(ids[2]!);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed!.last_error).toContain('boom in the middle');
    expect(failed!.due_at).toBeGreaterThan(Date.now());
    // Its savepoint was rolled back: its marker is gone and its hook never ran.
    expect(await timer(`${ids[2]}_MARK`)).toBeUndefined();
    expect(hooks.sort()).toEqual(ids.filter((x) => x !== ids[2]).sort());
  });

  it('a handler losing a race runs again on fresh state within the batch; the others run once', async () => {
    const ids = await due('TMR_BATCH_RACE', 4, 'test.batch.race');
    const calls = new Map<string, number>();
    const handler: TimerHandler = async (_ctx, tx, t) => {
      const n = (calls.get(t.id) ?? 0) + 1;
      calls.set(t.id, n);
      await insertTimer(tx.ex, { id: `${t.id}_MARK${n}`, seller_id: bed.sellerId, kind: 'test.never', target_id: t.id, due_at: Date.now() + 86_400_000, created_at: Date.now() });
      if (t.id === ids[1] && n <= 2) throw new ConcurrencyConflict(`order of ${t.id}`);
    };
    await runUntil('test.batch.race', handler, async () => (await Promise.all(ids.map(timer))).every((t) => t!.status === 'done'));
    expect(calls.get(ids[1]!)).toBe(3);
    for (const id of [ids[0], ids[2], ids[3]]) expect(calls.get(id!)).toBe(1);
    expect(await timer(ids[1]!)).toMatchObject({ status: 'done', attempts: 0, last_error: null });
    // The two lost attempts' writes were rolled back; the third's committed.
    expect(await timer(`${ids[1]}_MARK1`)).toBeUndefined();
    expect(await timer(`${ids[1]}_MARK2`)).toBeUndefined();
    expect(await timer(`${ids[1]}_MARK3`)).toBeDefined();
  });

  it('more due timers than a batch holds all run, each once', async () => {
    const ids = await due('TMR_BATCH_MANY', 57, 'test.batch.many');
    const calls = new Map<string, number>();
    const transactions = new Set<unknown>();
    const handler: TimerHandler = async (_ctx, tx, t) => {
      transactions.add(tx.ex);
      calls.set(t.id, (calls.get(t.id) ?? 0) + 1);
    };
    await runUntil('test.batch.many', handler, async () => (await Promise.all(ids.map(timer))).every((t) => t!.status === 'done'), 10);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(calls.size).toBe(57);
    // 57 timers in batches of 10: six transactions.
    expect(transactions.size).toBe(6);
  });

  // PostgreSQL: a savepoint that writes is a subtransaction, and past 64 in one transaction every
  // session's snapshots get slower (jobs/timers.ts maxSavepoints; 50 by default there).
  it('a batch opens at most maxSavepoints savepoints: the rest of its claim stays due and runs in the next batch, each once', async () => {
    const ids = await due('TMR_BATCH_SAVEPOINTS', 25, 'test.batch.savepoints');
    const calls = new Map<string, number>();
    const perTransaction = new Map<unknown, number>();
    const handler: TimerHandler = async (_ctx, tx, t) => {
      calls.set(t.id, (calls.get(t.id) ?? 0) + 1);
      perTransaction.set(tx.ex, (perTransaction.get(tx.ex) ?? 0) + 1);
    };
    await runUntil('test.batch.savepoints', handler, async () => (await Promise.all(ids.map(timer))).every((t) => t!.status === 'done'), 20, 8);
    expect(calls.size).toBe(25);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    // Claims of 20, at most eight handlers each (on PostgreSQL lanes share the timers out).
    const counts = [...perTransaction.values()];
    expect(Math.max(...counts)).toBe(8);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(25);
    expect(counts.length).toBeGreaterThanOrEqual(4);
  });

  it('requests are served between batches: a burst of due timers does not hold the event loop', async () => {
    const ids = await due('TMR_BATCH_YIELD', 300, 'test.batch.yield');
    let ran = 0;
    const handler: TimerHandler = async () => {
      ran++;
    };
    const runner = new TimerRunner(bed.caja.runtime.ctx, new Map([['test.batch.yield', handler]]), 20, { batchSize: 10, batchBudgetMs: 10_000 });
    let ranWhenServed = -1;
    runner.start();
    // A request arriving as the burst starts (on SQLite every query completes synchronously).
    const served = bed.caja.request({ method: 'GET', url: '/health' }).then((r) => {
      ranWhenServed = ran;
      return r.statusCode;
    });
    try {
      expect(await served).toBe(200);
      await until(async () => ran === ids.length, 10_000, 'the burst to run');
    } finally {
      await runner.stop();
    }
    expect(ranWhenServed).toBeGreaterThanOrEqual(0);
    expect(ranWhenServed).toBeLessThan(ids.length);
  });

  // On PostgreSQL up to four batches run at once (lanes); an idle poll, ten times a second, must not pay a claim per lane.
  it('a drain that finds nothing due is one claim, however many lanes; a backlog still runs on every lane', async () => {
    const ctx = bed.caja.runtime.ctx;
    const claims: number[] = [];
    let open = 0;
    const counting = {
      ...ctx,
      store: {
        ...ctx.store,
        transaction: async <T>(fn: Parameters<typeof ctx.store.transaction<T>>[0]): Promise<T> => {
          claims.push(++open);
          try {
            return await ctx.store.transaction(fn);
          } finally {
            open--;
          }
        },
      },
    };
    const idle = new TimerRunner(counting, new Map(), 60_000, { lanes: 4 });
    idle.start();
    await idle.stop();
    expect(claims).toEqual([1]);

    claims.length = 0;
    const ids = await due('TMR_BATCH_LANES', 30, 'test.batch.lanes');
    const handler: TimerHandler = async () => new Promise((r) => setTimeout(r, 5));
    const busy = new TimerRunner(counting, new Map([['test.batch.lanes', handler]]), 60_000, { lanes: 4, batchSize: 5, batchBudgetMs: 10_000 });
    busy.start();
    try {
      await until(async () => (await Promise.all(ids.map(timer))).every((t) => t!.status === 'done'), 10_000, 'the backlog to run');
    } finally {
      await busy.stop();
    }
    // The first claim alone, then on PostgreSQL the lanes at once (SQLite has one lane).
    expect(claims[0]).toBe(1);
    expect(Math.max(...claims)).toBe(ctx.store.dialect === 'postgres' ? 4 : 1);
  });
});
