import { sql } from 'kysely';
import type { Store } from './db.js';

export interface TableStats {
  table: string;
  rows: number;
  /** Table plus its indexes (and TOAST on PostgreSQL); undefined when the engine cannot tell. */
  bytes: number | undefined;
}

export interface StorageReport {
  tables: TableStats[];
  /** The whole database (SQLite: page_count × page_size; PostgreSQL: pg_database_size). */
  totalBytes: number;
  /** SQLite: pages freed by deletes, reused before the file grows again. */
  freeBytes?: number;
}

/** What is stored, table by table: rows (exact counts) and bytes. */
export async function storageReport(store: Store): Promise<StorageReport> {
  const db = store.db;
  if (store.dialect === 'postgres') {
    const tables = await sql<{ table: string; bytes: string }>`
      SELECT c.relname AS "table", pg_total_relation_size(c.oid)::text AS bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname`.execute(db);
    const total = await sql<{ n: string }>`SELECT pg_database_size(current_database())::text AS n`.execute(db);
    const out: TableStats[] = [];
    for (const t of tables.rows) out.push({ table: t.table, rows: await rows(store, t.table), bytes: Number(t.bytes) });
    return { tables: out, totalBytes: Number(total.rows[0]!.n) };
  }
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const bytes = await dbstatBytes(store);
  const pages = await sql<{ n: number; free: number }>`
    SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS n,
           (SELECT freelist_count FROM pragma_freelist_count()) * (SELECT page_size FROM pragma_page_size()) AS free`.execute(db);
  const out: TableStats[] = [];
  for (const t of tables.rows) out.push({ table: t.name, rows: await rows(store, t.name), bytes: bytes?.get(t.name) });
  return { tables: out, totalBytes: Number(pages.rows[0]!.n), freeBytes: Number(pages.rows[0]!.free) };
}

async function rows(store: Store, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(store.db);
  return Number(r.rows[0]!.n);
}

/**
 * Bytes per table and its indexes from SQLite's dbstat virtual table, when the
 * build has it (better-sqlite3's does); undefined otherwise, and the report
 * shows only the file's total (page_count × page_size).
 */
async function dbstatBytes(store: Store): Promise<Map<string, number> | undefined> {
  try {
    const r = await sql<{ tbl: string; bytes: number }>`
      SELECT m.tbl_name AS tbl, SUM(s.pgsize) AS bytes
      FROM dbstat s JOIN sqlite_master m ON m.name = s.name GROUP BY m.tbl_name`.execute(store.db);
    return new Map(r.rows.map((x) => [x.tbl, Number(x.bytes)]));
  } catch {
    return undefined;
  }
}
