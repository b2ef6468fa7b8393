import type { Selectable, Updateable } from 'kysely';
import type { Executor } from '../db.js';
import type { TerminalTable } from '../schema-terminals.js';

export type TerminalRow = Selectable<TerminalTable>;

/** A terminal with what the APIs show of its POS (null once the POS is gone). */
export interface TerminalView extends TerminalRow {
  external_pos_id: string | null;
}

export async function insertTerminal(ex: Executor, row: TerminalRow): Promise<void> {
  await ex.insertInto('terminals').values(row).execute();
}

export async function findTerminal(ex: Executor, sellerId: number, id: string): Promise<TerminalRow | undefined> {
  return ex.selectFrom('terminals').selectAll().where('seller_id', '=', sellerId).where('id', '=', id).executeTakeFirst();
}

/** Compare-and-set on version; false when another writer got there first. */
export async function casTerminal(ex: Executor, id: string, version: number, set: Updateable<TerminalTable>): Promise<boolean> {
  const r = await ex.updateTable('terminals').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface TerminalSearch {
  sellerId: number;
  storeId?: number | undefined;
  posId?: number | undefined;
  limit: number;
  offset: number;
}

export async function searchTerminals(ex: Executor, q: TerminalSearch): Promise<{ total: number; rows: TerminalView[] }> {
  let base = ex.selectFrom('terminals as t').leftJoin('pos as p', 'p.id', 't.pos_id').where('t.seller_id', '=', q.sellerId);
  if (q.storeId !== undefined) base = base.where('t.store_id', '=', q.storeId);
  if (q.posId !== undefined) base = base.where('t.pos_id', '=', q.posId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('t')
    .select('p.external_id as external_pos_id')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(total.n), rows };
}

export async function findTerminalView(ex: Executor, sellerId: number, id: string): Promise<TerminalView | undefined> {
  return ex
    .selectFrom('terminals as t')
    .leftJoin('pos as p', 'p.id', 't.pos_id')
    .selectAll('t')
    .select('p.external_id as external_pos_id')
    .where('t.seller_id', '=', sellerId)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** A POS moved to another store takes its terminals along. */
export async function moveTerminalsToStore(ex: Executor, posId: number, storeId: number): Promise<void> {
  await ex.updateTable('terminals').set((eb) => ({ store_id: storeId, version: eb('version', '+', 1) })).where('pos_id', '=', posId).where('store_id', '!=', storeId).execute();
}
