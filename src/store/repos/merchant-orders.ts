import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { MerchantOrderTable } from '../schema-legacy-qr.js';

/** merchant_orders as rows (the domain's records.ts maps the aggregate to and from them). */
export async function insertMerchantOrderRow(ex: Executor, row: MerchantOrderTable): Promise<void> {
  await deferWrite(ex, ex.insertInto('merchant_orders').values(row));
}

export async function findMerchantOrderRow(ex: Executor, id: number): Promise<MerchantOrderTable | undefined> {
  return ex.selectFrom('merchant_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The merchant_orders of one charge, newest first. */
export async function merchantOrderRowsOfCharge(ex: Executor, chargeId: string): Promise<MerchantOrderTable[]> {
  return ex.selectFrom('merchant_orders').selectAll().where('charge_id', '=', chargeId).orderBy('date_created', 'desc').orderBy('id', 'desc').execute();
}

export async function casMerchantOrderRow(ex: Executor, row: MerchantOrderTable, expected: number): Promise<boolean> {
  const r = await ex
    .updateTable('merchant_orders')
    .set({ status: row.status, external_reference: row.external_reference, version: row.version, document: row.document, last_updated: row.last_updated })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface MerchantOrderSearch {
  sellerId: number;
  status?: string | undefined;
  preferenceId?: string | undefined;
  applicationId?: string | undefined;
  sponsorId?: number | undefined;
  externalReference?: string | undefined;
  siteId?: string | undefined;
  marketplace?: string | undefined;
  createdFrom: number;
  createdTo?: number | undefined;
  updatedFrom?: number | undefined;
  updatedTo?: number | undefined;
  limit: number;
  offset: number;
}

export async function searchMerchantOrderRows(ex: Executor, q: MerchantOrderSearch): Promise<{ total: number; rows: MerchantOrderTable[] }> {
  let base = ex.selectFrom('merchant_orders').where('seller_id', '=', q.sellerId).where('date_created', '>=', q.createdFrom);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  if (q.preferenceId !== undefined) base = base.where('preference_id', '=', q.preferenceId);
  if (q.applicationId !== undefined) base = base.where('application_id', '=', q.applicationId);
  if (q.sponsorId !== undefined) base = base.where('sponsor_id', '=', q.sponsorId);
  if (q.externalReference !== undefined) base = base.where('external_reference', '=', q.externalReference);
  if (q.siteId !== undefined) base = base.where('site_id', '=', q.siteId);
  if (q.marketplace !== undefined) base = base.where('marketplace', '=', q.marketplace);
  if (q.createdTo !== undefined) base = base.where('date_created', '<=', q.createdTo);
  if (q.updatedFrom !== undefined) base = base.where('last_updated', '>=', q.updatedFrom);
  if (q.updatedTo !== undefined) base = base.where('last_updated', '<=', q.updatedTo);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('date_created', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}
