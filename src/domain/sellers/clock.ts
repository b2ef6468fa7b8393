import { sellerNow } from '../../core/clock.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { shiftDeliveries } from '../../store/repos/deliveries.js';
import { addClockOffset } from '../../store/repos/sellers.js';
import { shiftTimers } from '../../store/repos/timers.js';
import type { Seller } from './seller.js';

/** Ten years: far beyond any window caja models (refunds: 180 days), small enough to stay exact. */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 86_400;

/**
 * Moves a seller's clock forward. Time only moves forward (like Stripe's test
 * clocks), so nothing already scheduled can end up in the future again.
 */
export async function advanceClock(ctx: Ctx, tx: Tx, seller: Seller, seconds: number): Promise<number> {
  const deltaMs = seconds * 1000;
  const offset = await addClockOffset(tx.ex, seller.id, deltaMs);
  // Everything due on this seller's clock comes due that much sooner, in the same commit.
  await shiftTimers(tx.ex, seller.id, deltaMs);
  await shiftDeliveries(tx.ex, seller.id, deltaMs);
  tx.onCommit(ctx.kick.timers);
  tx.onCommit(ctx.kick.deliveries);
  return sellerNow(ctx.clock, { clock_offset_ms: offset });
}
