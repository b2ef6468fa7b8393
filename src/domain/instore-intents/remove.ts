import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findPosByExternalId } from '../../store/repos/pos.js';
import { getSeller } from '../../store/repos/sellers.js';
import type { Seller } from '../sellers/seller.js';
import type { TimerHandler } from '../timers.js';
import { emitIntentFinal } from './events.js';
import { isLapsed, moveIntent, type InstoreIntent, type IntentKind, type IntentStatus } from './intent.js';
import { findIntent } from './records.js';
import { leavePrinted } from './slot.js';
import { leaveTerminal } from './terminal-side.js';

/** Ends an unpaid intent (CANCELED or EXPIRED): frees what it held (printed QR, terminal) and notifies the final state. */
export async function endIntent(ctx: Ctx, tx: Tx, i: InstoreIntent, to: 'CANCELED' | 'EXPIRED', now: number): Promise<Result<InstoreIntent, { code: 'wrong_status'; status: IntentStatus }>> {
  const moved = await moveIntent(tx, i, [{ status: to, detail: to === 'CANCELED' ? 'canceled_by_api' : 'expired' }], now);
  if (!moved.ok) return moved;
  await leavePrinted(tx, moved.value, now);
  await leaveTerminal(tx, moved.value, now);
  await emitIntentFinal(ctx, tx, { ...moved.value, status: to }, now);
  return ok(moved.value);
}

export type FindIntentError = { code: 'not_found' } | { code: 'pos_not_found' };

/** The seller's intent of a kind; on the .../qr/pos/{external_id} variant the POS must exist and hold it. */
export async function sellersIntent(tx: Tx, seller: Seller, id: string, kind: IntentKind, externalPosId?: string): Promise<Result<InstoreIntent, FindIntentError>> {
  if (externalPosId !== undefined) {
    const pos = await findPosByExternalId(tx.ex, seller.id, externalPosId);
    if (!pos) return err({ code: 'pos_not_found' });
    const i = await findIntent(tx.ex, id);
    return i && i.seller_id === seller.id && i.kind === kind && i.pos_id === pos.id ? ok(i) : err({ code: 'not_found' });
  }
  const i = await findIntent(tx.ex, id);
  return i && i.seller_id === seller.id && i.kind === kind ? ok(i) : err({ code: 'not_found' });
}

export type CancelIntentError = FindIntentError | { code: 'not_opened'; status: IntentStatus };

/**
 * DELETE: "Cancels an intent that is in the OPENED status and not sent yet to
 * terminal" (the yaml); one on the terminal is canceled on the device (seed
 * 001). An OPENED intent whose hour is up is not OPENED any more.
 */
export async function cancelIntent(ctx: Ctx, tx: Tx, seller: Seller, id: string, kind: IntentKind, externalPosId?: string): Promise<Result<InstoreIntent, CancelIntentError>> {
  const found = await sellersIntent(tx, seller, id, kind, externalPosId);
  if (!found.ok) return found;
  const now = sellerNow(ctx.clock, seller);
  const i = found.value;
  if (i.status !== 'OPENED' || isLapsed(i, now)) return err({ code: 'not_opened', status: isLapsed(i, now) ? 'EXPIRED' : i.status });
  const done = await endIntent(ctx, tx, i, 'CANCELED', now);
  return done.ok ? done : err({ code: 'not_opened', status: done.error.status });
}

/** After the hour an intent nobody processed expires (OPENED, or Point's ON_TERMINAL with no card). */
export const expireIntent: TimerHandler = async (ctx, tx, timer) => {
  const i = await findIntent(tx.ex, timer.target_id);
  if (!i || (i.status !== 'OPENED' && i.status !== 'ON_TERMINAL')) return;
  const seller = await getSeller(tx.ex, i.seller_id);
  await endIntent(ctx, tx, i, 'EXPIRED', ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0));
};
