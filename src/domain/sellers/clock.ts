import { sellerNow } from '../../core/clock.js';
import type { Ctx } from '../../context.js';
import { addClockOffset } from '../../store/repos/sellers.js';
import type { Seller } from './seller.js';

/** Ten years: far beyond any window caja models (refunds: 180 days), small enough to stay exact. */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 86_400;

/**
 * Moves a seller's clock forward. Time only moves forward (like Stripe's test
 * clocks), so nothing already scheduled can end up in the future again.
 */
export async function advanceClock(ctx: Ctx, seller: Seller, seconds: number): Promise<number> {
  const deltaMs = seconds * 1000;
  const offset = await ctx.store.transaction(async (tx) => addClockOffset(tx.ex, seller.id, deltaMs));
  return sellerNow(ctx.clock, { clock_offset_ms: offset });
}
