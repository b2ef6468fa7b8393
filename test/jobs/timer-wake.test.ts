import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testbed } from '../support/harness.js';
import { orderBody, order, shop, type Shop } from '../support/orders-fixtures.js';

// A stored timer wakes the runner only if it would come due before the runner's own poll: waking for
// every order's 15-minute expiry cost each create a claim transaction of its own (PERFORMANCE.md).
describe('the timer runner wakes for timers due before its next poll', () => {
  // No background loops: its own poll would call wake too.
  const caja = testbed({ workers: false });
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja);
  });

  it('a create order (expiry in 15 minutes) does not wake it; a timer due now, or moved timers, do', async () => {
    const wake = vi.spyOn(caja.runtime.timers, 'wake');
    try {
      const res = await order(caja, s.seller, orderBody(s.pos));
      expect(res.statusCode).toBe(201);
      expect(wake).not.toHaveBeenCalled();
      caja.runtime.ctx.kick.timers(caja.runtime.ctx.clock.realNow() + 60_000);
      expect(wake).not.toHaveBeenCalled();
      caja.runtime.ctx.kick.timers(caja.runtime.ctx.clock.realNow());
      expect(wake).toHaveBeenCalledTimes(1);
      caja.runtime.ctx.kick.timers();
      expect(wake).toHaveBeenCalledTimes(2);
    } finally {
      wake.mockRestore();
    }
  });
});
