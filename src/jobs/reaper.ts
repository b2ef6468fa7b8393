import type { Ctx } from '../context.js';
import { IDEMPOTENCY_RETENTION_MS } from '../store/idempotency.js';
import { reapKeys } from '../store/repos/idempotency.js';

/**
 * Deletes idempotency keys past their 24 h. Key times are on sellers' clocks,
 * which never run behind the wall clock, so cutting on wall time never removes
 * a key early; a key that expired only on an advanced clock is ignored at
 * lookup and replaced.
 */
export function startReaper(ctx: Ctx, everyMs = 10 * 60_000): () => void {
  const run = async () => {
    try {
      await reapKeys(ctx.store.db, ctx.clock.realNow() - IDEMPOTENCY_RETENTION_MS);
    } catch (e) {
      ctx.log.error({ err: e }, 'idempotency reaper failed');
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
