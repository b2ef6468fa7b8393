import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { DepayRefundTable } from '../schema-depay.js';

export type DepayRefundRow = Selectable<DepayRefundTable>;

export async function insertDepayRefund(ex: Executor, row: DepayRefundRow): Promise<void> {
  await deferWrite(ex, ex.insertInto('depay_refunds').values(row));
}

export async function getDepayRefund(ex: Executor, id: string): Promise<DepayRefundRow | undefined> {
  return ex.selectFrom('depay_refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function depayRefundsOf(ex: Executor, orderId: string): Promise<DepayRefundRow[]> {
  return ex.selectFrom('depay_refunds').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
}

/** Settles a refund only from the status it was read in; false if someone else did. */
export async function casDepayRefund(ex: Executor, id: string, fromStatus: string, toStatus: string, at: number): Promise<boolean> {
  const r = await ex.updateTable('depay_refunds').set({ status: toStatus, updated_at: at }).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
