import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { InstoreIntentTable } from '../schema-instore-intents.js';

/** Instore intents as rows (the domain's records.ts maps the aggregate to and from them). */
export async function insertIntentRow(ex: Executor, row: InstoreIntentTable): Promise<void> {
  await deferWrite(ex, ex.insertInto('instore_intents').values(row));
}

export async function findIntentRow(ex: Executor, id: string): Promise<InstoreIntentTable | undefined> {
  return ex.selectFrom('instore_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Compare-and-set on version: false when somebody changed the intent since it was read. */
export async function casIntentRow(ex: Executor, row: InstoreIntentTable, expected: number): Promise<boolean> {
  const r = await ex
    .updateTable('instore_intents')
    .set({ status: row.status, version: row.version, document: row.document, updated_at: row.updated_at })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A seller's newest intents (the dashboard's list), by the (seller_id, created_at) index. */
export async function latestIntentRows(ex: Executor, sellerId: number, limit: number, offset: number): Promise<InstoreIntentTable[]> {
  return ex.selectFrom('instore_intents').selectAll().where('seller_id', '=', sellerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
