import { sql } from 'kysely';
import type { Executor } from '../db.js';
import type { InstoreIntentTable } from '../schema-instore-intents.js';

/** Instore intents as rows (the domain's records.ts maps the aggregate to and from them). */
export async function insertIntentRow(ex: Executor, row: InstoreIntentTable): Promise<void> {
  await ex.insertInto('instore_intents').values(row).execute();
}

export async function findIntentRow(ex: Executor, id: string): Promise<InstoreIntentTable | undefined> {
  return ex.selectFrom('instore_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest OPENED intent of a kind on a POS (the printed QR falls back to it). */
export async function newestOpenedIntentRowOfPos(ex: Executor, posId: number, kind: string): Promise<InstoreIntentTable | undefined> {
  return ex.selectFrom('instore_intents').selectAll().where('pos_id', '=', posId).where('status', '=', sql.lit('OPENED')).where('kind', '=', kind).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
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
