import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { PosTable } from '../schema.js';

export type PosRow = Selectable<PosTable>;

export async function insertPos(ex: Executor, row: PosRow): Promise<void> {
  await ex.insertInto('pos').values(row).execute();
}

export async function findPos(ex: Executor, sellerId: number, id: number): Promise<PosRow | undefined> {
  return ex.selectFrom('pos').selectAll().where('seller_id', '=', sellerId).where('id', '=', id).executeTakeFirst();
}

// Every QR order create looks its POS up: compiled once (prepared.ts).
const byExternalId = prepared({ sellerId: true, externalId: true }, (db, p: { sellerId: number; externalId: string }) =>
  db.selectFrom('pos').selectAll().where('seller_id', '=', p.sellerId).where('external_id', '=', p.externalId),
);

export async function findPosByExternalId(ex: Executor, sellerId: number, externalId: string): Promise<PosRow | undefined> {
  return (await byExternalId.run(ex, { sellerId, externalId })).rows[0];
}

/** What a dynamic QR payload names besides its POS: its store's name and location (null when it has no store). */
export interface PosWithStore {
  pos: PosRow;
  store: { name: string; location: string } | null;
}

// A QR order create reads its POS and the POS's store: one statement, compiled once (prepared.ts).
const withStoreByExternalId = prepared({ sellerId: true, externalId: true }, (db, p: { sellerId: number; externalId: string }) =>
  db
    .selectFrom('pos')
    .leftJoin('stores', (j) => j.onRef('stores.id', '=', 'pos.store_id').onRef('stores.seller_id', '=', 'pos.seller_id'))
    .selectAll('pos')
    .select(['stores.name as store_name', 'stores.location as store_location'])
    .where('pos.seller_id', '=', p.sellerId)
    .where('pos.external_id', '=', p.externalId),
);

/** `findPosByExternalId` with its store (a POS unlinked from a deleted store has none). */
export async function findPosWithStoreByExternalId(ex: Executor, sellerId: number, externalId: string): Promise<PosWithStore | undefined> {
  const row = (await withStoreByExternalId.run(ex, { sellerId, externalId })).rows[0];
  if (!row) return undefined;
  const { store_name, store_location, ...pos } = row;
  return { pos, store: store_name === null || store_location === null ? null : { name: store_name, location: store_location } };
}

/** For the public QR image URLs: the 64-hex uuid is the capability, as in Mercado Pago's URLs. */
export async function findPosByUuid(ex: Executor, id: number, uuid: string): Promise<PosRow | undefined> {
  return ex.selectFrom('pos').selectAll().where('id', '=', id).where('uuid', '=', uuid).executeTakeFirst();
}

/** Whether a POS id exists at all, whoever owns it (POS v2 tells "not yours" from "not found"). */
export async function posExists(ex: Executor, id: number): Promise<boolean> {
  return (await ex.selectFrom('pos').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function countPosOfStore(ex: Executor, storeId: number): Promise<number> {
  const row = await ex
    .selectFrom('pos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updatePos(ex: Executor, row: PosRow): Promise<void> {
  const { id, ...rest } = row;
  await ex.updateTable('pos').set(rest).where('id', '=', id).execute();
}

export async function renameExternalStoreId(ex: Executor, storeId: number, externalStoreId: string): Promise<void> {
  await ex.updateTable('pos').set({ external_store_id: externalStoreId }).where('store_id', '=', storeId).execute();
}

/** Deleting a store unlinks its POS: they keep their QR and their orders, without a store. */
export async function unlinkPosOfStore(ex: Executor, storeId: number): Promise<number> {
  const r = await ex.updateTable('pos').set({ store_id: null, external_store_id: null }).where('store_id', '=', storeId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deletePos(ex: Executor, id: number): Promise<void> {
  await ex.deleteFrom('pos').where('id', '=', id).execute();
}

export interface PosSearch {
  sellerId: number;
  externalId?: string | undefined;
  externalStoreId?: string | undefined;
  storeId?: number | undefined;
  category?: number | undefined;
  limit: number;
  offset: number;
}

export async function searchPos(ex: Executor, q: PosSearch): Promise<{ total: number; rows: PosRow[] }> {
  let base = ex.selectFrom('pos').where('seller_id', '=', q.sellerId);
  if (q.externalId !== undefined) base = base.where('external_id', '=', q.externalId);
  if (q.externalStoreId !== undefined) base = base.where('external_store_id', '=', q.externalStoreId);
  if (q.storeId !== undefined) base = base.where('store_id', '=', q.storeId);
  if (q.category !== undefined) base = base.where('category', '=', q.category);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}
