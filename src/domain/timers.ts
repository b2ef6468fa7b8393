import { newId } from '../core/ids.js';
import type { Ctx } from '../context.js';
import type { Tx } from '../store/db.js';
import { insertTimer, type TimerRow } from '../store/repos/timers.js';
import type { Kick } from './events.js';

/** What a timer does when due: a domain command run in the timer's transaction (the runner lives in jobs/). */
export type TimerHandler = (ctx: Ctx, tx: Tx, timer: TimerRow) => Promise<void>;

/**
 * A kind's handler for many due timers at once (100,000 orders expiring at one
 * instant): the effect of its TimerHandler on each, in a few statements. It
 * answers the timers it left to the one-by-one handler (the cases it does not
 * batch). If it throws (a lost race, anything), the runner rolls its writes
 * back and runs each timer alone.
 */
export type BulkTimerHandler = (ctx: Ctx, tx: Tx, timers: readonly TimerRow[]) => Promise<readonly TimerRow[]>;

export interface SellerClock {
  id: number;
  clock_offset_ms: number;
}

/**
 * Schedules a timer at a time on the seller's clock. It is stored on the wall
 * clock (seller time minus the seller's offset), so advancing the seller's
 * clock (which shifts pending timers) makes it come due at once.
 */
export async function scheduleAt(tx: Tx, kick: Kick, seller: SellerClock, kind: string, targetId: string, sellerTimeMs: number, nowSellerMs: number): Promise<void> {
  const dueAt = sellerTimeMs - seller.clock_offset_ms;
  await insertTimer(tx.ex, {
    id: newId('TMR', nowSellerMs),
    seller_id: seller.id,
    kind,
    target_id: targetId,
    due_at: dueAt,
    created_at: nowSellerMs,
  });
  tx.onCommit(() => kick.timers(dueAt));
}
