import type { Updateable } from 'kysely';
import type { Result } from '../../core/result.js';
import type { Tx } from '../../store/db.js';
import { casDepayOrder, insertDepayStatuses, type DepayOrderRow } from '../../store/repos/depay-orders.js';
import type { DepayOrderTable } from '../../store/schema-depay.js';
import type { WrongStatus as Refused } from '../lifecycle/machine.js';
import { bump, move } from '../lifecycle/move.js';
import { DEPAY_MACHINE, type DepayStatus } from './status.js';

export type WrongStatus = Refused<DepayStatus>;

/** Why an order reached a status, kept in its history (it picks the callback's message). */
export type MoveReason = 'expired' | 'canceled' | 'preview_rejected' | 'payer_rejected' | 'stage_failed' | 'paid' | 'refund';

type Row = DepayOrderRow & { status: DepayStatus };
const save = (tx: Tx) => (next: Row | DepayOrderRow, expected: number) => {
  const { id: _id, ...set } = next;
  return casDepayOrder(tx.ex, next.id, expected, set);
};

/**
 * Every Depay status change goes through the lifecycle helper: the allow-list
 * (status.ts) for each step, a compare-and-set on the version read with the
 * order, and the history Depay's API serves (its own table, one row per step,
 * the last carrying the reason). On both engines a pay racing a cancel or an
 * expiry ends in one status.
 */
export async function moveOrder(
  tx: Tx,
  order: DepayOrderRow,
  path: readonly DepayStatus[],
  at: number,
  opts: { reason?: MoveReason; set?: Updateable<DepayOrderTable> } = {},
): Promise<Result<DepayOrderRow, WrongStatus>> {
  const steps = path.map((status, i) => ({ status, detail: i === path.length - 1 ? (opts.reason ?? null) : null }));
  return move<DepayStatus, Row>(tx, DEPAY_MACHINE, order as Row, steps, (o) => ({ ...o, ...opts.set, updated_at: at }) as Row, {
    at,
    save: save(tx),
    history: (rows) => insertDepayStatuses(tx.ex, rows.map((r) => ({ order_id: r.aggregate_id, seq: r.seq, status: r.status, reason: r.detail, created_at: r.created_at }))),
  });
}

/** A change that is not a status change (a refund's reservation) still bumps the version, so it races safely too. */
export async function bumpOrder(tx: Tx, order: DepayOrderRow, at: number, set: Updateable<DepayOrderTable>): Promise<DepayOrderRow> {
  return bump('depay order', order, (o) => ({ ...o, ...set, updated_at: at }) as DepayOrderRow, save(tx));
}
