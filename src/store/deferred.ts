import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './db.js';

/**
 * Marks a write whose answer nobody reads (no returned rows, no count): inside
 * a PostgreSQL transaction it is held and sent with the transaction's next
 * statement, in the same round trip (pg-client.ts). Elsewhere (SQLite, outside
 * a transaction) it runs at once; the comment is all SQLite sees of it.
 *
 * Its failure (a unique index, a foreign key) then fails that next statement
 * or the COMMIT instead of this call, so a write whose failure the caller
 * handles itself must not be deferred; a failure that fails the whole
 * transaction (retried, or refused at the edge by `uniquely`) may be.
 */
export const DEFERRED = '/* deferred */ ';

/** Runs `query` as a deferred write (above). */
export async function deferWrite(ex: Executor, query: Compilable<unknown>): Promise<void> {
  const c = query.compile();
  await ex.executeQuery(CompiledQuery.raw(DEFERRED + c.sql, [...c.parameters]));
}

/**
 * Marks a held check (verified-reads.ts): a `select ... as ok` that fails
 * unless what it checks holds. It is held like a deferred write, and merged
 * into the inserts that follow it (pg-client.ts).
 */
export const CHECK = '/* check */ ';
