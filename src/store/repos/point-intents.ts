import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { PointIntentTable } from '../schema-point-intents.js';

/** Payment intents as rows (the domain's records.ts maps the aggregate to and from them). */
export async function insertPointIntentRow(ex: Executor, row: PointIntentTable): Promise<void> {
  await deferWrite(ex, ex.insertInto('point_intents').values(row));
}

export async function findPointIntentRow(ex: Executor, id: string): Promise<PointIntentTable | undefined> {
  return ex.selectFrom('point_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Compare-and-set on version: false when somebody changed the intent since it was read. */
export async function casPointIntentRow(ex: Executor, row: PointIntentTable, expected: number): Promise<boolean> {
  const r = await ex
    .updateTable('point_intents')
    .set({ status: row.status, version: row.version, document: row.document, updated_at: row.updated_at })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A seller's intents in one of `statuses` last changed in [from, to) (seller clock), oldest first, at most `limit`. */
export async function pointIntentRowsChangedBetween(ex: Executor, sellerId: number, statuses: readonly string[], from: number, to: number, limit: number): Promise<PointIntentTable[]> {
  return ex
    .selectFrom('point_intents')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .where('updated_at', '>=', from)
    .where('updated_at', '<', to)
    .where('status', 'in', [...statuses])
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
