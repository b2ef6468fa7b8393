import type BetterSqlite3 from 'better-sqlite3';
import type { Executor } from './db.js';

/**
 * A read run on SQLite's connection at once, as arrays, instead of through
 * Kysely (a chain of promises, a mutex, an object per row with a property per
 * column). On a poll of an order that chain and those objects were about a
 * tenth of the get's CPU (docs/PERFORMANCE.md, "The pass before").
 *
 * Only outside a transaction: SQLite's one connection is shared, and while a
 * transaction is open on it (a group commit between its BEGIN and COMMIT) a
 * statement run on it would see that transaction's uncommitted writes. Then
 * `run` answers undefined and the caller reads through Kysely, which waits for
 * the connection as before. Outside one, a statement is its own read
 * transaction, which is what Kysely would run.
 */
export interface DirectReads {
  /** The rows as arrays of column values, in the select list's order; undefined inside a transaction. */
  run(sql: string, parameters: readonly unknown[]): unknown[][] | undefined;
}

const byDatabase = new WeakMap<Executor, DirectReads>();

/** SQLite's store registers its database (db.ts); a transaction (another object) has none. */
export function registerDirectReads(db: Executor, file: BetterSqlite3.Database): void {
  const statements = new Map<string, BetterSqlite3.Statement>();
  byDatabase.set(db, {
    run(sql, parameters) {
      if (file.inTransaction) return undefined;
      let stmt = statements.get(sql);
      if (!stmt) {
        if (statements.size >= 100) statements.clear();
        stmt = file.prepare(sql).raw(true);
        statements.set(sql, stmt);
      }
      return stmt.all(parameters) as unknown[][];
    },
  });
}

/** The executor's direct reads: SQLite's database outside a transaction only. */
export function directReadsOf(ex: Executor): DirectReads | undefined {
  return byDatabase.get(ex);
}
