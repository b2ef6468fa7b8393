import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { PosTable } from '../schema.js';
import type { MpSellerOptionsTable } from '../schema-mp-orders.js';
import type { SellerRow } from './sellers.js';
import { verifiedRead, type TxReads } from '../verified-reads.js';

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

/**
 * What a QR order create reads first, in one statement (one round trip on PostgreSQL, inside its
 * transaction): the seller holding the access token, its POS by external id (undefined when it has
 * none), what a dynamic QR payload names besides the POS (its store's name and location, null when
 * it has no store), and the seller's Mercado Pago options row (undefined when never set).
 */
export interface OrderCreateRead {
  seller: SellerRow;
  pos: PosRow | undefined;
  store: { name: string; location: string } | null;
  options: MpSellerOptionsTable | undefined;
}

// Compiled once (prepared.ts). The POS's columns are prefixed: the seller's share their names.
const forOrderCreate = prepared({ tokenHash: true, externalId: true }, (db, p: { tokenHash: string; externalId: string }) =>
  db
    .selectFrom('credentials')
    .innerJoin('sellers', 'sellers.id', 'credentials.seller_id')
    .leftJoin('pos', (j) => j.onRef('pos.seller_id', '=', 'sellers.id').on('pos.external_id', '=', p.externalId))
    .leftJoin('stores', (j) => j.onRef('stores.id', '=', 'pos.store_id').onRef('stores.seller_id', '=', 'pos.seller_id'))
    .leftJoin('mp_seller_options as opt', 'opt.seller_id', 'sellers.id')
    .selectAll('sellers')
    .select([
      'pos.id as p_id', 'pos.store_id as p_store_id', 'pos.external_store_id as p_external_store_id', 'pos.external_id as p_external_id', 'pos.name as p_name',
      'pos.fixed_amount as p_fixed_amount', 'pos.category as p_category', 'pos.url as p_url', 'pos.uuid as p_uuid', 'pos.qr_token as p_qr_token', 'pos.status as p_status',
      'pos.date_created as p_date_created', 'pos.date_last_updated as p_date_last_updated',
    ])
    .select(['stores.name as store_name', 'stores.location as store_location'])
    .select(['opt.managed_wallet as opt_managed_wallet', 'opt.static_expiry_cap as opt_static_expiry_cap', 'opt.refund_answer as opt_refund_answer', 'opt.updated_at as opt_updated_at'])
    .where('credentials.token_hash', '=', p.tokenHash)
    .where('credentials.kind', '=', 'access_token'),
);

/**
 * `OrderCreateRead` for an access token (by its hash): undefined when no seller holds it. With
 * `reads` (PostgreSQL), a pair read before is checked in the transaction's next round trip
 * instead of read again (verified-reads.ts).
 */
export async function readForOrderCreate(ex: Executor, reads: TxReads | undefined, tokenHash: string, externalId: string): Promise<OrderCreateRead | undefined> {
  const row = await verifiedRead(ex, reads, forOrderCreate, { tokenHash, externalId }, `order-create\n${tokenHash}\n${externalId}`);
  if (!row) return undefined;
  // What is not the POS's, its store's or the options' is the seller's row (selectAll('sellers')).
  const { p_id, p_store_id, p_external_store_id, p_external_id, p_name, p_fixed_amount, p_category, p_url, p_uuid, p_qr_token, p_status, p_date_created, p_date_last_updated, store_name, store_location, opt_managed_wallet, opt_static_expiry_cap, opt_refund_answer, opt_updated_at, ...seller } = row;
  const pos: PosRow | undefined =
    p_id === null || p_external_id === null || p_name === null || p_fixed_amount === null || p_uuid === null || p_qr_token === null || p_status === null || p_date_created === null || p_date_last_updated === null
      ? undefined
      : { id: p_id, seller_id: seller.id, store_id: p_store_id, external_store_id: p_external_store_id, external_id: p_external_id, name: p_name, fixed_amount: p_fixed_amount, category: p_category, url: p_url, uuid: p_uuid, qr_token: p_qr_token, status: p_status, date_created: p_date_created, date_last_updated: p_date_last_updated };
  return {
    seller,
    pos,
    store: pos === undefined || store_name === null || store_location === null ? null : { name: store_name, location: store_location },
    options:
      opt_managed_wallet === null || opt_static_expiry_cap === null || opt_refund_answer === null || opt_updated_at === null
        ? undefined
        : { seller_id: seller.id, managed_wallet: opt_managed_wallet, static_expiry_cap: opt_static_expiry_cap, refund_answer: opt_refund_answer, updated_at: opt_updated_at },
  };
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
