import { describe, expect, it } from 'vitest';
import { TimerRunner } from '../../src/jobs/timers.js';
import type { BulkTimerHandler, TimerHandler } from '../../src/domain/timers.js';
import { ConcurrencyConflict } from '../../src/store/db.js';
import { insertTimer } from '../../src/store/repos/timers.js';
import { timerTestbed } from '../support/timers.js';
import { until } from '../support/receiver.js';

// A kind with a bulk handler runs a claim's consecutive timers of that kind together (src/jobs/timers.ts).
describe('bulk timer handlers', () => {
  const bed = timerTestbed();
  const { timer, due } = bed;
  const mark = (ex: Parameters<TimerHandler>[1]['ex'], id: string) =>
    insertTimer(ex, { id: `${id}_MARK`, seller_id: bed.sellerId, kind: 'test.never', target_id: id, due_at: Date.now() + 86_400_000, created_at: Date.now() });

  async function run(handlers: Array<[string, TimerHandler]>, bulk: Array<[string, BulkTimerHandler]>, ids: string[]) {
    const runner = new TimerRunner(bed.caja.runtime.ctx, new Map(handlers), 20, { batchSize: 20, batchBudgetMs: 10_000, bulk: new Map(bulk) });
    runner.start();
    try {
      await until(async () => (await Promise.all(ids.map(timer))).every((t) => t!.status !== 'pending' || t!.attempts > 0), 10_000, 'the timers to run');
    } finally {
      await runner.stop();
    }
  }

  it('runs consecutive timers of a kind together, keeps the due order, and runs a lone one and what the bulk handler leaves one by one', async () => {
    const [A, B] = ['test.bulk.a', 'test.bulk.b'];
    const ids = await due('TMR_BULK_ORDER', [A, A, A, B, A, A, B, A]);
    const log: string[] = [];
    const one: TimerHandler = async (_ctx, tx, t) => {
      log.push(`one ${t.id.slice(-1)}`);
      await mark(tx.ex, t.id);
    };
    const many: BulkTimerHandler = async (_ctx, tx, timers) => {
      log.push(`many ${timers.map((t) => t.id.slice(-1)).join('')}`);
      // It leaves the second of its run to the one-by-one handler.
      for (const t of timers.filter((_, k) => k !== 1)) await mark(tx.ex, t.id);
      return timers.filter((_, k) => k === 1);
    };
    await run([[A, one], [B, one]], [[A, many]], ids);
    expect(log).toEqual(['many 012', 'one 1', 'one 3', 'many 45', 'one 5', 'one 6', 'one 7']);
    for (const id of ids) {
      expect(await timer(id)).toMatchObject({ status: 'done', attempts: 0 });
      expect(await timer(`${id}_MARK`)).toBeDefined();
    }
  });

  it('a bulk handler that throws leaves nothing behind (writes, hooks) and each of its timers runs alone', async () => {
    const kind = 'test.bulk.throws';
    for (const [failure, prefix] of [
      [() => new ConcurrencyConflict('an order of the batch'), 'TMR_BULK_RACE'],
      [() => new Error('a bug in the bulk handler'), 'TMR_BULK_BUG'],
    ] as const) {
      const ids = await due(prefix, [kind, kind, kind]);
      const hooks: string[] = [];
      const alone: string[] = [];
      const one: TimerHandler = async (_ctx, tx, t) => {
        alone.push(t.id);
        tx.onCommit(() => hooks.push(`one ${t.id}`));
      };
      const many: BulkTimerHandler = async (_ctx, tx, timers) => {
        for (const t of timers) await mark(tx.ex, t.id);
        tx.onCommit(() => hooks.push('many'));
        throw failure();
      };
      await run([[kind, one]], [[kind, many]], ids);
      expect(alone).toEqual(ids);
      expect(hooks.sort()).toEqual(ids.map((id) => `one ${id}`).sort());
      for (const id of ids) {
        expect(await timer(id)).toMatchObject({ status: 'done', attempts: 0 });
        expect(await timer(`${id}_MARK`)).toBeUndefined();
      }
    }
  });
});
