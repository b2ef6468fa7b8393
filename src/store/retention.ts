import { sql, type RawBuilder } from 'kysely';
import { idFloor } from '../core/ids.js';
import type { Tx } from './db.js';

/**
 * Table-driven removal of what caja no longer needs to keep. A rule names a
 * table, the column that dates a row, and the conditions that make a row
 * finished; the pruner turns it into one small batch: select up to `limit`
 * keys of one seller, delete the rows that refer to them, delete them. Every
 * table pruned has seller_id, so each seller's rows are cut on that seller's
 * clock (an advanced test clock ages its own rows, nobody else's).
 */

/** Cutoffs for one seller: rows dated before them may go. */
export interface Cutoffs {
  /** On the seller's clock (created_at, updated_at, ids minted from them). */
  seller: number;
  /** On the wall clock (due_at, lease_until). */
  wall: number;
}

export type Cond =
  | { column: string; in: readonly string[] }
  | { column: string; before: keyof Cutoffs }
  /** No row of `table` whose columns (keys of `on`) equal this row's (values of `on`), optionally only those with `column` in `values`. */
  | { notExists: { table: string; on: Record<string, string>; only?: { column: string; in: readonly string[] } } };

/** Rows of another table that refer to a pruned row and go first (foreign keys). */
export interface ChildRule {
  table: string;
  /** The child's column holding the parent's key (or the value `from` derives). */
  column: string;
  /** Derives the referring value from the parent row (columns in the rule's `select`); the parent's key when absent. */
  from?: (row: Record<string, unknown>) => string | undefined;
  where?: ReadonlyArray<{ column: string; in: readonly string[] }>;
}

export interface PruneRule<K = unknown> {
  /** The family's name in reports and logs. */
  name: string;
  table: string;
  /** Key column, unique within a seller. */
  key: string;
  /** The indexed column dating the row (an index must lead with (seller_id, time), or time is the time-ordered key). */
  time: string;
  /** Which clock `time` is on. */
  clock: keyof Cutoffs;
  /** When `time` is a prefixed ULID key: compare it with the id minted at the cutoff. */
  idPrefix?: string;
  /** How long to keep a finished row, from the retention configuration. */
  keep: (config: K) => number;
  where?: readonly Cond[];
  /** Parent columns the children's `from` reads. */
  select?: readonly string[];
  children?: readonly ChildRule[];
}

const col = (name: string, table?: string) => (table ? sql.ref(`${table}.${name}`) : sql.ref(name));

function condition(c: Cond, table: string, cut: Cutoffs): RawBuilder<unknown> {
  if ('notExists' in c) {
    const { table: other, on, only } = c.notExists;
    const pairs = Object.entries(on).map(([theirs, ours]) => sql`${col(theirs, other)} = ${col(ours, table)}`);
    if (only) pairs.push(sql`${col(only.column, other)} IN (${sql.join(only.in)})`);
    return sql`NOT EXISTS (SELECT 1 FROM ${sql.table(other)} WHERE ${sql.join(pairs, sql` AND `)})`;
  }
  if ('in' in c) return sql`${col(c.column, table)} IN (${sql.join(c.in)})`;
  return sql`${col(c.column, table)} < ${cut[c.before]}`;
}

/**
 * Removes one batch of one seller's finished rows under `rule`; returns how
 * many rows went (the parents and their children). On PostgreSQL the batch is
 * claimed FOR UPDATE SKIP LOCKED: a row a request holds is left for next time.
 */
export async function pruneBatch(tx: Tx, rule: PruneRule<never>, sellerId: number, cut: Cutoffs, limit: number): Promise<number> {
  const t = rule.table;
  const limitAt = rule.idPrefix ? idFloor(rule.idPrefix, cut[rule.clock]) : cut[rule.clock];
  const conds = [sql`${col('seller_id', t)} = ${sellerId}`, sql`${col(rule.time, t)} < ${limitAt}`, ...(rule.where ?? []).map((c) => condition(c, t, cut))];
  const columns = [rule.key, ...(rule.select ?? [])].map((c) => col(c, t));
  const lock = tx.dialect === 'postgres' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
  const picked = await sql<Record<string, unknown>>`SELECT ${sql.join(columns)} FROM ${sql.table(t)} WHERE ${sql.join(conds, sql` AND `)} LIMIT ${limit}${lock}`.execute(tx.ex);
  const rows = picked.rows;
  if (rows.length === 0) return 0;
  let removed = 0;
  for (const child of rule.children ?? []) {
    const values = rows.map((r) => (child.from ? child.from(r) : (r[rule.key] as string))).filter((v): v is string => typeof v === 'string');
    if (values.length === 0) continue;
    const extra = (child.where ?? []).map((c) => sql` AND ${col(c.column)} IN (${sql.join(c.in)})`);
    const r = await sql`DELETE FROM ${sql.table(child.table)} WHERE ${col(child.column)} IN (${sql.join(values)})${sql.join(extra, sql``)}`.execute(tx.ex);
    removed += Number(r.numAffectedRows ?? 0);
  }
  const keys = rows.map((r) => r[rule.key] as string);
  const r = await sql`DELETE FROM ${sql.table(t)} WHERE seller_id = ${sellerId} AND ${col(rule.key)} IN (${sql.join(keys)})`.execute(tx.ex);
  return removed + Number(r.numAffectedRows ?? 0);
}

/** Sellers and their clock offsets: each seller's cutoffs come from its own clock. */
export async function sellerClocks(tx: Tx): Promise<Array<{ id: number; clock_offset_ms: number }>> {
  return tx.ex.selectFrom('sellers').select(['id', 'clock_offset_ms']).orderBy('id').execute();
}
