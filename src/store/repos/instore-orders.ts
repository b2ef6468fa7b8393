import { sql } from 'kysely';
import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { InstoreOrderTable } from '../schema-legacy-qr.js';

/** Legacy in-store orders as rows (the domain's records.ts maps the aggregate to and from them). */
export async function insertInstoreOrderRow(ex: Executor, row: InstoreOrderTable): Promise<void> {
  await deferWrite(ex, ex.insertInto('instore_orders').values(row));
}

export async function findInstoreOrderRow(ex: Executor, id: string): Promise<InstoreOrderTable | undefined> {
  return ex.selectFrom('instore_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open legacy order of a POS (at most one: a new one replaces it). */
export async function openInstoreOrderRowOfPos(ex: Executor, posId: number): Promise<InstoreOrderTable | undefined> {
  return ex.selectFrom('instore_orders').selectAll().where('pos_id', '=', posId).where('status', '=', sql.lit('open')).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** Compare-and-set on version: false when somebody changed the order since it was read. */
export async function casInstoreOrderRow(ex: Executor, row: InstoreOrderTable, expected: number): Promise<boolean> {
  const r = await ex
    .updateTable('instore_orders')
    .set({ status: row.status, version: row.version, document: row.document, updated_at: row.updated_at })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A seller's legacy in-store orders, newest first (an index seek on (seller_id, created_at)). */
export async function latestInstoreOrderRows(ex: Executor, sellerId: number, limit: number, offset: number): Promise<InstoreOrderTable[]> {
  return ex.selectFrom('instore_orders').selectAll().where('seller_id', '=', sellerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
