import { beforeAll } from 'vitest';
import { insertTimer } from '../../src/store/repos/timers.js';
import { testbed } from './harness.js';

/**
 * For tests that run their own TimerRunner: a caja without its background
 * loops and one seller (started before the file's tests, closed after), the
 * timers table, and due timers to run.
 */
export function timerTestbed() {
  const caja = testbed({ workers: false });
  let sellerId = 0;
  beforeAll(async () => {
    sellerId = (await caja.seller('MLA')).user_id;
  });
  const db = () => caja.runtime.ctx.store.db;
  return {
    caja,
    get sellerId() {
      return sellerId;
    },
    db,
    timer: (id: string) => db().selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Due timers `<prefix>_<i>` of these kinds, a millisecond apart in this order (the claim runs them so); their target is their own id. */
    async due(prefix: string, kinds: readonly string[]): Promise<string[]> {
      const now = Date.now();
      const ids = kinds.map((_, i) => `${prefix}_${i}`);
      for (const [i, id] of ids.entries()) await insertTimer(db(), { id, seller_id: sellerId, kind: kinds[i]!, target_id: id, due_at: now - 1000 + i, created_at: now });
      return ids;
    },
  };
}
