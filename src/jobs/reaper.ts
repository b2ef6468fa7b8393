import type { Ctx } from '../context.js';
import { IDEMPOTENCY_RETENTION_MS, reapKeys } from '../store/repos/idempotency.js';
import { reapDepayTokens } from '../store/repos/depay-tokens.js';
import { reapTimers } from '../store/repos/timers.js';

/**
 * Deletes idempotency keys past their 24 h, and Depay tokens past their expiry.
 * Token expiries are on sellers' clocks too, so the same reasoning holds.
 * Idempotency keys: Key times are on sellers' clocks,
 * which never run behind the wall clock, so cutting on wall time never removes
 * a key early; a key that expired only on an advanced clock is ignored at
 * lookup and replaced.
 */
export function startReaper(ctx: Ctx, everyMs = 10 * 60_000): () => void {
  const run = async () => {
    try {
      await reapKeys(ctx.store.db, ctx.clock.realNow() - IDEMPOTENCY_RETENTION_MS);
      await reapDepayTokens(ctx.store.db, ctx.clock.realNow());
      // Finished timers are history nobody reads; keep a day of them for debugging.
      await reapTimers(ctx.store.db, ctx.clock.realNow() - 86_400_000);
    } catch (e) {
      ctx.log.error({ err: e }, 'idempotency reaper failed');
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
