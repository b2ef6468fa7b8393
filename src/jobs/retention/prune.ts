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
  /** A rule that failed (a bug): reported, and the pass goes on with the next rule. Thrown when absent. */
  onError?: (rule: string, e: unknown) => void;
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
    removed[rule.name] = 0;
    try {
      for (const seller of sellers) {
        removed[rule.name]! += await pruneSeller(store, config, rule, seller, opts.realNow, running);
        // Between sellers too: a pass over many sellers never holds the loop.
        await new Promise((r) => setImmediate(r));
      }
    } catch (e) {
      if (!opts.onError) throw e;
      opts.onError(rule.name, e);
    }
    if (!running()) break;
  }
  return removed;
}

/** One rule for one seller: batches until none is left (or the process stops). */
async function pruneSeller(
  store: Store,
  config: RetentionConfig,
  rule: PruneRule<RetentionConfig>,
  seller: { id: number; clock_offset_ms: number },
  realNow: () => number,
  running: () => boolean,
): Promise<number> {
  const keep = rule.keep(config);
  let removed = 0;
  while (running()) {
    const now = realNow();
    const cut = { seller: now + seller.clock_offset_ms - keep, wall: now - keep };
    const n = await store.transaction((tx) => pruneBatch(tx, rule as PruneRule<never>, seller.id, cut, config.batchSize));
    removed += n;
    if (n === 0) break;
    await sleep(config.pauseMs);
  }
  return removed;
}
