import { setTimeout as sleep } from 'node:timers/promises';
import type { RetentionConfig } from '../../config/retention.js';
import type { Store } from '../../store/db.js';
import { pruneBatch, sellerClocks, type PruneRule } from '../../store/retention.js';
import { RETENTION_RULES } from './rules.js';

export interface PruneOptions {
  /** Wall-clock now (ms). */
  realNow: () => number;
  /** Stops between batches when it turns false (shutdown). */
  running?: () => boolean;
  rules?: ReadonlyArray<PruneRule<RetentionConfig>>;
}

/**
 * One pruning pass: every rule, every seller, in batches of `batchSize`, each
 * batch its own short transaction, with `pauseMs` between batches so that
 * requests (and, on SQLite, the one connection) get their turn. Returns the
 * rows removed per rule.
 */
export async function pruneAll(store: Store, config: RetentionConfig, opts: PruneOptions): Promise<Record<string, number>> {
  const running = opts.running ?? (() => true);
  const removed: Record<string, number> = {};
  const sellers = await store.transaction((tx) => sellerClocks(tx));
  for (const rule of opts.rules ?? RETENTION_RULES) {
    const keep = rule.keep(config);
    removed[rule.name] = 0;
    for (const seller of sellers) {
      for (;;) {
        if (!running()) return removed;
        const now = opts.realNow();
        const cut = { seller: now + seller.clock_offset_ms - keep, wall: now - keep };
        const n = await store.transaction((tx) => pruneBatch(tx, rule as PruneRule<never>, seller.id, cut, config.batchSize));
        removed[rule.name]! += n;
        if (n === 0) break;
        await sleep(config.pauseMs);
      }
      // Between sellers too: a pass over many sellers never holds the loop.
      await new Promise((r) => setImmediate(r));
    }
  }
  return removed;
}
