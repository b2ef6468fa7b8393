import { sql } from 'kysely';
import type { Store } from './db.js';

/**
 * SQLite planner statistics in caja's database: the `sqlite_stat*` tables that ANALYZE (or
 * `PRAGMA optimize`) writes and that hold rows. caja never makes them; its statements are written
 * for SQLite's planner without statistics and prepared once (db.ts, prepared.ts). With them,
 * better-sqlite3's SQLite (built with STAT4) prepares a held statement again whenever a value
 * bound to it could change its plan, at nearly every call: a get's statement took 42 µs instead
 * of 10 µs in a loop (docs/PERFORMANCE.md, "This pass"). PostgreSQL's statistics are its own
 * business (autovacuum keeps them): none are reported there.
 */
export async function plannerStatistics(store: Store): Promise<string[]> {
  if (store.dialect !== 'sqlite') return [];
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY name`.execute(store.db);
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(store.db);
    if (Number(row.rows[0]?.n ?? 0) > 0) found.push(name);
  }
  return found;
}
