import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { StoreTable } from '../schema.js';

export type StoreRow = Selectable<StoreTable>;

export async function insertStore(ex: Executor, row: StoreRow): Promise<void> {
  await ex.insertInto('stores').values(row).execute();
}

// A store by id (the Stores API's reads and writes): compiled once (prepared.ts).
const find = prepared({ sellerId: true, id: true }, (db, p: { sellerId: number; id: number }) =>
  db.selectFrom('stores').selectAll().where('seller_id', '=', p.sellerId).where('id', '=', p.id),
);

/** A POS unlinked from its deleted store has store_id null: no store. */
export async function findStore(ex: Executor, sellerId: number, id: number | null): Promise<StoreRow | undefined> {
  if (id === null) return undefined;
  return (await find.run(ex, { sellerId, id })).rows[0];
}

export async function findStoreByExternalId(ex: Executor, sellerId: number, externalId: string): Promise<StoreRow | undefined> {
  return ex
    .selectFrom('stores')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function updateStore(ex: Executor, row: StoreRow): Promise<void> {
  await ex
    .updateTable('stores')
    .set({
      external_id: row.external_id,
      name: row.name,
      location: row.location,
      business_hours: row.business_hours,
      date_last_updated: row.date_last_updated,
    })
    .where('id', '=', row.id)
    .execute();
}

export async function deleteStore(ex: Executor, id: number): Promise<void> {
  await ex.deleteFrom('stores').where('id', '=', id).execute();
}

export interface StoreSearch {
  sellerId: number;
  externalId?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchStores(ex: Executor, q: StoreSearch): Promise<{ total: number; rows: StoreRow[] }> {
  let base = ex.selectFrom('stores').where('seller_id', '=', q.sellerId);
  if (q.externalId !== undefined) base = base.where('external_id', '=', q.externalId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}
