import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TimerRunner } from '../../src/jobs/timers.js';
import type { TimerHandler } from '../../src/domain/timers.js';
import { insertTimer } from '../../src/store/repos/timers.js';
import { testbed } from '../support/harness.js';
import { orderBody, order, shop, type Shop } from '../support/orders-fixtures.js';
import { until } from '../support/receiver.js';

// The runner sleeps until the earliest pending timer (read after each drain), or an earlier one a
// commit reports, at most its poll: an idle caja polls once a poll, and a stored timer wakes it only
// when it comes due before that (waking for every order's 15-minute expiry cost each create a claim
// transaction of its own, PERFORMANCE.md).
describe('the timer runner sleeps until the next due timer', () => {
  // No background loops: the tests run their own runner (a poll of a minute, so only what they do wakes it).
  const caja = testbed({ workers: false });
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja);
  });
  const now = () => caja.runtime.ctx.clock.realNow();

  async function sleeping(runner: TimerRunner): Promise<number> {
    await until(() => runner.nextWakeAt !== undefined, 5_000, 'the runner to sleep');
    return runner.nextWakeAt!;
  }

  it('a create order reports its expiry (15 minutes ahead) to the runner', async () => {
    const scheduled = vi.spyOn(caja.runtime.timers, 'scheduled');
    try {
      const before = now();
      const res = await order(caja, s.seller, orderBody(s.pos));
      expect(res.statusCode).toBe(201);
      expect(scheduled).toHaveBeenCalledTimes(1);
      expect(scheduled.mock.calls[0]![0]).toBeGreaterThanOrEqual(before + 15 * 60_000);
    } finally {
      scheduled.mockRestore();
    }
  });

  it('a later timer leaves its sleep alone; an earlier one moves it; one due now, or moved timers, wake it', async () => {
    const runner = new TimerRunner(caja.runtime.ctx, new Map(), 60_000);
    runner.start();
    try {
      // Nothing due within the poll (the order's expiry is 15 minutes away): asleep for the poll.
      const first = await sleeping(runner);
      expect(first - now()).toBeGreaterThan(50_000);
      runner.scheduled(now() + 15 * 60_000);
      expect(runner.nextWakeAt).toBe(first);
      const soon = now() + 5_000;
      runner.scheduled(soon);
      expect(Math.abs(runner.nextWakeAt! - soon)).toBeLessThanOrEqual(5);

      const wake = vi.spyOn(runner, 'wake');
      try {
        runner.scheduled(now());
        await until(() => wake.mock.calls.length === 1, 5_000, 'the wake');
        await sleeping(runner);
        runner.scheduled();
        expect(wake).toHaveBeenCalledTimes(2);
      } finally {
        wake.mockRestore();
      }
    } finally {
      await runner.stop();
    }
    expect(runner.nextWakeAt).toBeUndefined();
  });

  it('after a drain it sleeps until the earliest pending timer, even one nobody reported, and runs it then', async () => {
    const ran: number[] = [];
    const handler: TimerHandler = async () => {
      ran.push(now());
    };
    const runner = new TimerRunner(caja.runtime.ctx, new Map([['test.wake.unreported', handler]]), 60_000);
    const due = now() + 400;
    await insertTimer(caja.runtime.ctx.store.db, { id: 'TMR_WAKE_UNREPORTED', seller_id: s.seller.user_id, kind: 'test.wake.unreported', target_id: 'x', due_at: due, created_at: now() });
    runner.start();
    try {
      expect(Math.abs((await sleeping(runner)) - due)).toBeLessThanOrEqual(5);
      await until(() => ran.length === 1, 5_000, 'the timer to run');
      expect(ran[0]!).toBeGreaterThanOrEqual(due);
    } finally {
      await runner.stop();
    }
  });
});
