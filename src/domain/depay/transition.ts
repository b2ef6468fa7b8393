import type { Updateable } from 'kysely';
import { err, ok, type Result } from '../../core/result.js';
import { ConcurrencyConflict, type Tx } from '../../store/db.js';
import { casDepayOrder, insertDepayStatuses, type DepayOrderRow } from '../../store/repos/depay-orders.js';
import type { DepayOrderTable } from '../../store/schema-depay.js';
import { canWalk, type DepayStatus } from './status.js';

export interface WrongStatus {
  code: 'wrong_status';
  status: DepayStatus;
}

/** Why an order reached a status, kept in its history (it picks the callback's message). */
export type MoveReason = 'expired' | 'canceled' | 'preview_rejected' | 'payer_rejected' | 'stage_failed' | 'paid' | 'refund';

/**
 * The one guard every status change goes through: the allow-list (status.ts)
 * for each step, then a compare-and-set on the version read with the order.
 * Losing the race throws ConcurrencyConflict, so the store retries the whole
 * transaction, which then reads the winner's state and decides again; on
 * both engines a pay racing a cancel or an expiry ends in one status.
 */
export async function moveOrder(
  tx: Tx,
  order: DepayOrderRow,
  path: readonly DepayStatus[],
  at: number,
  opts: { reason?: MoveReason; set?: Updateable<DepayOrderTable> } = {},
): Promise<Result<DepayOrderRow, WrongStatus>> {
  const from = order.status as DepayStatus;
  if (!canWalk(from, path)) return err({ code: 'wrong_status', status: from });
  const to = path[path.length - 1]!;
  const version = order.version + path.length;
  const set = { ...opts.set, status: to, version, updated_at: at };
  if (!(await casDepayOrder(tx.ex, order.id, order.version, set))) throw new ConcurrencyConflict(`depay order ${order.id}`);
  await insertDepayStatuses(
    tx.ex,
    path.map((status, i) => ({ order_id: order.id, seq: order.version + i + 1, status, reason: i === path.length - 1 ? (opts.reason ?? null) : null, created_at: at })),
  );
  return ok({ ...order, ...set } as DepayOrderRow);
}

/** A change that is not a status change (a refund's reservation) still bumps the version, so it races safely too. */
export async function bumpOrder(tx: Tx, order: DepayOrderRow, at: number, set: Updateable<DepayOrderTable>): Promise<DepayOrderRow> {
  const next = { ...set, version: order.version + 1, updated_at: at };
  if (!(await casDepayOrder(tx.ex, order.id, order.version, next))) throw new ConcurrencyConflict(`depay order ${order.id}`);
  return { ...order, ...next } as DepayOrderRow;
}
