import { uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { DepayOrderRow } from '../../store/repos/depay-orders.js';
import { emitStatusEvent } from './events.js';
import { generatedPayer } from './identity.js';
import { PAYER_READ, type DepayStatus } from './status.js';
import { moveOrder, type MoveReason, type WrongStatus } from './transition.js';

/** One status change plus its callback, in the caller's transaction. */
export async function moveAndNotify(
  ctx: Ctx,
  tx: Tx,
  order: DepayOrderRow,
  path: readonly DepayStatus[],
  reason: MoveReason,
  at: number,
  set: Partial<DepayOrderRow> = {},
): Promise<Result<DepayOrderRow, WrongStatus>> {
  const moved = await moveOrder(tx, order, path, at, { reason, set });
  if (!moved.ok) return moved;
  // Its pending timers (expiry, stage outcome) re-read the order when due and find nothing to do.
  await emitStatusEvent(ctx, tx, moved.value, reason, at);
  return moved;
}

export const isDue = (order: DepayOrderRow, now: number): boolean => order.status === 'CREATED' && now >= order.expires_at;

/** Seed: CANCELED with "Order Expired" 10 minutes after creation. */
export const expireOrder = (ctx: Ctx, tx: Tx, order: DepayOrderRow, now: number) => moveAndNotify(ctx, tx, order, ['CANCELED'], 'expired', now);

export interface Payer {
  name?: string | undefined;
  taxId?: string | undefined;
  account?: string | undefined;
}

/**
 * The payer's answer, after WAITING_AMOUNT (the seed's history): approved → PROCESSING → COMPLETED ("Payment acreditado"
 * with user_tax_id and user_account), rejected → PROCESSING → REJECTED (the
 * seed: "rejected by the destination bank account"). The payer fields come
 * from the wallet, else plausible ones for the payer's country.
 */
export async function payOrder(ctx: Ctx, tx: Tx, order: DepayOrderRow, approved: boolean, payer: Payer | undefined, now: number) {
  const made = generatedPayer(order.qr_from);
  const set: Partial<DepayOrderRow> = {
    payment_id: uuid(),
    payer_name: payer?.name || made.name,
    payer_tax_id: payer?.taxId || made.taxId,
    payer_account: payer?.account || made.account,
    paid_at: approved ? now : null,
  };
  const path: DepayStatus[] = [...PAYER_READ, approved ? 'COMPLETED' : 'REJECTED'];
  return moveAndNotify(ctx, tx, order, path, approved ? 'paid' : 'payer_rejected', now, set);
}

export type CancelError = { code: 'already_canceled' } | { code: 'not_cancelable'; status: string };

/**
 * DELETE /v2/payins/qr/{order_id}: only a CREATED order can be canceled. An
 * order past its 10 minutes whose timer has not run yet is expired first (so
 * its expiration callback goes out) and then answers "already canceled".
 */
export async function cancelOrder(ctx: Ctx, tx: Tx, order: DepayOrderRow, now: number): Promise<Result<DepayOrderRow, CancelError>> {
  if (isDue(order, now)) {
    await expireOrder(ctx, tx, order, now);
    return err({ code: 'already_canceled' });
  }
  if (order.status === 'CANCELED') return err({ code: 'already_canceled' });
  const moved = await moveAndNotify(ctx, tx, order, ['CANCELED'], 'canceled', now);
  return moved.ok ? ok(moved.value) : err({ code: 'not_cancelable', status: moved.error.status });
}
