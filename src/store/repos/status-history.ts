import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { StatusHistoryTable } from '../schema-counter.js';

export type StatusHistoryRow = Selectable<StatusHistoryTable>;

export async function insertStatusHistory(ex: Executor, rows: StatusHistoryRow[]): Promise<void> {
  if (rows.length) await deferWrite(ex, ex.insertInto('status_history').values(rows));
}

export async function statusHistory(ex: Executor, aggregate: string, id: string): Promise<StatusHistoryRow[]> {
  return ex.selectFrom('status_history').selectAll().where('aggregate', '=', aggregate).where('aggregate_id', '=', id).orderBy('seq').execute();
}
