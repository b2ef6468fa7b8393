import { sql } from 'kysely';
import type { MpOrder } from '../../domain/mp-orders/order.js';
import type { Executor } from '../db.js';
import type { MpOrderTable } from '../schema-mp-orders.js';

const COLUMNS = ['id', 'seller_id', 'type', 'pos_id', 'external_pos_id', 'mode', 'external_reference', 'currency', 'total_amount', 'status', 'status_detail', 'expires_at', 'version', 'created_at', 'updated_at'] as const;

function toRow(o: MpOrder): MpOrderTable {
  const row = Object.fromEntries(COLUMNS.map((c) => [c, o[c]])) as unknown as MpOrderTable;
  row.document = JSON.stringify(o);
  return row;
}

const fromRow = (r: MpOrderTable): MpOrder => ({ ...(JSON.parse(r.document) as MpOrder), version: r.version });

export async function insertOrder(ex: Executor, o: MpOrder): Promise<void> {
  await ex.insertInto('mp_orders').values(toRow(o)).execute();
}

export async function findOrder(ex: Executor, sellerId: number, id: string): Promise<MpOrder | undefined> {
  const r = await ex.selectFrom('mp_orders').selectAll().where('id', '=', id).where('seller_id', '=', sellerId).executeTakeFirst();
  return r && fromRow(r);
}

/**
 * Saves a changed order if nobody else changed it since it was read: a
 * compare-and-set on version (the lifecycle helper throws ConcurrencyConflict
 * on false, and the whole transaction is retried on fresh state).
 */
export async function saveOrder(ex: Executor, o: MpOrder, expected: number): Promise<boolean> {
  const row = toRow(o);
  const r = await ex
    .updateTable('mp_orders')
    .set({ status: row.status, status_detail: row.status_detail, version: row.version, document: row.document, updated_at: row.updated_at })
    .where('id', '=', o.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The newest open order a POS's static QR leads to (static or hybrid mode). */
export async function findOpenOrderOfPos(ex: Executor, posId: number): Promise<MpOrder | undefined> {
  const r = await ex
    .selectFrom('mp_orders')
    .selectAll()
    .where('pos_id', '=', posId)
    .where('status', '=', sql.lit('created'))
    .where('mode', 'in', ['static', 'hybrid'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && fromRow(r);
}

export interface OrderSearch {
  sellerId: number;
  from: number;
  to: number;
  externalReference?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  statusDetail?: string | undefined;
  sortOrder: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function searchOrders(ex: Executor, q: OrderSearch): Promise<{ total: number; orders: MpOrder[] }> {
  let base = ex.selectFrom('mp_orders').where('seller_id', '=', q.sellerId).where('created_at', '>=', q.from).where('created_at', '<=', q.to);
  if (q.externalReference !== undefined) base = base.where('external_reference', '=', q.externalReference);
  if (q.type !== undefined) base = base.where('type', '=', q.type);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  if (q.statusDetail !== undefined) base = base.where('status_detail', '=', q.statusDetail);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', q.sortOrder).orderBy('id', q.sortOrder).limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), orders: rows.map(fromRow) };
}

/** For timers, which know an order only by id. */
export async function findOrderById(ex: Executor, id: string): Promise<MpOrder | undefined> {
  const r = await ex.selectFrom('mp_orders').selectAll().where('id', '=', id).executeTakeFirst();
  return r && fromRow(r);
}
