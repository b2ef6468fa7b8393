import { sql } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { MpOrderTable } from '../schema-mp-orders.js';

/**
 * Mercado Pago orders as rows: searchable columns plus the JSON document
 * (the domain's records.ts maps the aggregate to and from them).
 */
// The create and get of an order: compiled once (prepared.ts).
const insertRow = prepared(
  { id: true, seller_id: true, type: true, pos_id: true, external_pos_id: true, mode: true, external_reference: true, currency: true, total_amount: true, status: true, status_detail: true, expires_at: true, version: true, created_at: true, updated_at: true, document: true },
  (db, row: MpOrderTable) => db.insertInto('mp_orders').values(row),
);
const findRow = prepared({ sellerId: true, id: true }, (db, p: { sellerId: number; id: string }) =>
  db.selectFrom('mp_orders').selectAll().where('id', '=', p.id).where('seller_id', '=', p.sellerId),
);

export async function insertOrderRow(ex: Executor, row: MpOrderTable): Promise<void> {
  await insertRow.run(ex, row);
}

export async function findOrderRow(ex: Executor, sellerId: number, id: string): Promise<MpOrderTable | undefined> {
  return (await findRow.run(ex, { sellerId, id })).rows[0];
}

/** For timers, which know an order only by id. */
export async function findOrderRowById(ex: Executor, id: string): Promise<MpOrderTable | undefined> {
  return ex.selectFrom('mp_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Compare-and-set on version: false when somebody changed the order since it was read. */
export async function casOrderRow(ex: Executor, row: MpOrderTable, expected: number): Promise<boolean> {
  const r = await ex
    .updateTable('mp_orders')
    .set({ status: row.status, status_detail: row.status_detail, version: row.version, document: row.document, updated_at: row.updated_at })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The newest open static or hybrid order of a POS (what its printed QR falls back to). */
export async function openOrderRowOfPos(ex: Executor, posId: number): Promise<MpOrderTable | undefined> {
  return ex
    .selectFrom('mp_orders')
    .selectAll()
    .where('pos_id', '=', posId)
    .where('status', '=', sql.lit('created'))
    .where('mode', 'in', ['static', 'hybrid'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
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

export async function searchOrderRows(ex: Executor, q: OrderSearch): Promise<{ total: number; rows: MpOrderTable[] }> {
  let base = ex.selectFrom('mp_orders').where('seller_id', '=', q.sellerId).where('created_at', '>=', q.from).where('created_at', '<=', q.to);
  if (q.externalReference !== undefined) base = base.where('external_reference', '=', q.externalReference);
  if (q.type !== undefined) base = base.where('type', '=', q.type);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  if (q.statusDetail !== undefined) base = base.where('status_detail', '=', q.statusDetail);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', q.sortOrder).orderBy('id', q.sortOrder).limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}
