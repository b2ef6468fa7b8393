import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { DepayOrderStatusTable, DepayOrderTable } from '../schema-depay.js';

export type DepayOrderRow = Selectable<DepayOrderTable>;
export type DepayOrderStatusRow = Selectable<DepayOrderStatusTable>;

export async function insertDepayOrder(ex: Executor, row: Insertable<DepayOrderTable>): Promise<void> {
  await deferWrite(ex, ex.insertInto('depay_orders').values(row));
}

export async function getDepayOrder(ex: Executor, id: string): Promise<DepayOrderRow | undefined> {
  return ex.selectFrom('depay_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another seller's order is not found, like an unknown one. */
export async function findSellerDepayOrder(ex: Executor, sellerId: number, id: string): Promise<DepayOrderRow | undefined> {
  return ex.selectFrom('depay_orders').selectAll().where('id', '=', id).where('seller_id', '=', sellerId).executeTakeFirst();
}

export async function depayOrderByReference(ex: Executor, sellerId: number, externalReference: string): Promise<DepayOrderRow | undefined> {
  return ex.selectFrom('depay_orders').selectAll().where('seller_id', '=', sellerId).where('external_reference', '=', externalReference).executeTakeFirst();
}

/** Compare-and-set: applies only if nobody moved the order since `version` was read; false otherwise. */
export async function casDepayOrder(ex: Executor, id: string, version: number, set: Updateable<DepayOrderTable>): Promise<boolean> {
  const r = await ex.updateTable('depay_orders').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertDepayStatuses(ex: Executor, rows: DepayOrderStatusRow[]): Promise<void> {
  if (rows.length) await deferWrite(ex, ex.insertInto('depay_order_statuses').values(rows));
}

export async function depayStatusHistory(ex: Executor, orderId: string): Promise<DepayOrderStatusRow[]> {
  return ex.selectFrom('depay_order_statuses').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
}

export interface DepayOrderSearch {
  sellerId: number;
  /** Seller-clock ms, [from, to). */
  from: number;
  to: number;
  status?: string | undefined;
}

export async function searchDepayOrders(ex: Executor, q: DepayOrderSearch): Promise<DepayOrderRow[]> {
  let sel = ex
    .selectFrom('depay_orders')
    .selectAll()
    .where('seller_id', '=', q.sellerId)
    .where('created_at', '>=', q.from)
    .where('created_at', '<', q.to);
  if (q.status) sel = sel.where('status', '=', q.status);
  return sel.orderBy('created_at').orderBy('id').execute();
}

/** A seller's newest orders first (the dashboard's list; index depay_orders_seller_created). */
export async function latestDepayOrders(ex: Executor, sellerId: number, limit: number, offset: number): Promise<DepayOrderRow[]> {
  return ex.selectFrom('depay_orders').selectAll().where('seller_id', '=', sellerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
