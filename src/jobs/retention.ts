import type { Ctx } from '../context.js';
import { pruneAll } from './retention/prune.js';

/**
 * Runs a pruning pass every `retention.intervalMs` (and once shortly after
 * start), one pass at a time. Removal happens off the request path, in small
 * batches (jobs/retention/prune.ts); what goes is listed in retention/rules.ts.
 */
export function startRetention(ctx: Ctx): () => Promise<void> {
  const cfg = ctx.config.retention;
  let running = true;
  let busy: Promise<void> | undefined;
  const run = () => {
    if (busy || !running) return;
    const onError = (rule: string, e: unknown) => ctx.log.error({ err: e, rule }, 'retention rule failed');
    busy = pruneAll(ctx.store, cfg, { realNow: () => ctx.clock.realNow(), running: () => running, onError })
      .then((removed) => {
        const total = Object.values(removed).reduce((a, b) => a + b, 0);
        if (total) ctx.log.info({ removed }, 'retention: removed finished rows');
      })
      .catch((e: unknown) => ctx.log.error({ err: e }, 'retention pass failed'))
      .finally(() => (busy = undefined));
  };
  const first = setTimeout(run, Math.min(cfg.intervalMs, 10_000));
  const timer = setInterval(run, cfg.intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    running = false;
    clearTimeout(first);
    clearInterval(timer);
    await busy;
  };
}
