import { CompiledQuery } from 'kysely';
import { CHECK, DEFERRED } from './deferred.js';
import type { Executor } from './db.js';
import type { Prepared } from './prepared.js';

/**
 * Reads that a hot command repeats with the same answer (a QR create's
 * seller, POS, store and options; an event's webhook configuration), kept by
 * the process and checked instead
 * of read: on PostgreSQL a read is a round trip of its own before the
 * command's writes, and on this project's 2-core machine a round trip costs
 * both sides more CPU than the statement (PERFORMANCE.md).
 *
 * The first read of a key runs as itself and also returns a fingerprint of
 * its row (md5 of `row_to_json`). Later transactions take the remembered row
 * and send, as a held statement (deferred.ts: with the transaction's next
 * statement, usually its COMMIT), the same read again as a check: it fails
 * the transaction unless the read, in that statement's snapshot, returns a
 * row with that fingerprint. So what commits is exactly what a fresh read at
 * that point would have allowed; a transaction whose check fails is run
 * again from the start (`isRetryable`), with the remembered rows forgotten.
 *
 * A command that refuses (it throws, or answers an error the edge rolls
 * back) never reaches its COMMIT: the store sends the held check before it
 * rolls back (`verifyHeld`), so a refusal made from a stale row (a POS
 * created since, an option changed) is run again too.
 *
 * Only PostgreSQL with held statements uses it; elsewhere `Tx.reads` is
 * absent and the read runs every time.
 */
export class VerifiedReads {
  private readonly rows = new Map<string, { row: unknown; fp: string }>();

  constructor(private readonly capacity = 10_000) {}

  get(key: string): { row: unknown; fp: string } | undefined {
    return this.rows.get(key);
  }

  set(key: string, row: unknown, fp: string): void {
    // Bounded by the number of (token, POS) pairs in use: past it, start again.
    if (this.rows.size >= this.capacity && !this.rows.has(key)) this.rows.clear();
    this.rows.set(key, { row, fp });
  }

  clear(): void {
    this.rows.clear();
  }

  get size(): number {
    return this.rows.size;
  }
}

/** One transaction's use of the process's verified reads. */
export interface TxReads {
  readonly cache: VerifiedReads;
  /** Whether this transaction answered a read from the cache (a check is held). */
  checked: boolean;
}

/** The text a failed check raises; its SQLSTATE is 22P02 (a text that is not an integer). */
export const STALE_READ = 'caja: stale read';

/** A check found the remembered row changed: the transaction is run again with fresh reads. */
export function isStaleRead(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return err?.code === '22P02' && typeof err.message === 'string' && err.message.includes(STALE_READ);
}

const FP = 'caja_fp';

/**
 * `query` as a verified read: its first row, or undefined. `key` names what
 * the values select (same key, same values). Without `reads` (SQLite, or
 * PostgreSQL without held statements) it is the plain query.
 */
export async function verifiedRead<P extends object, O>(ex: Executor, reads: TxReads | undefined, query: Prepared<P, O>, values: P, key: string): Promise<O | undefined> {
  if (!reads) return (await query.run(ex, values)).rows[0];
  const compiled = query.compiled(ex, values);
  if (!compiled) return (await query.run(ex, values)).rows[0];
  const { sql, parameters } = compiled;
  const hit = reads.cache.get(key);
  if (hit) {
    // Not constant-folded: the CASE's condition reads tables, so the cast runs (and fails) only at execution.
    const check = `select cast(case when exists (select 1 from (${sql}) r where md5(row_to_json(r)::text) = $${parameters.length + 1}) then '1' else '${STALE_READ}' end as int) as ok`;
    await ex.executeQuery(CompiledQuery.raw(DEFERRED + CHECK + check, [...parameters, hit.fp]));
    reads.checked = true;
    return hit.row as O;
  }
  const row = (await ex.executeQuery(CompiledQuery.raw(`select r.*, md5(row_to_json(r)::text) as ${FP} from (${sql}) r`, [...parameters]))).rows[0] as
    | (Record<string, unknown> & { [FP]: string })
    | undefined;
  if (!row) return undefined;
  const { [FP]: fp, ...rest } = row;
  reads.cache.set(key, rest, fp);
  return rest as O;
}

/**
 * Before a transaction that answered from the cache rolls back: sends its held
 * check (with whatever else is held) so that a stale row surfaces as a stale
 * read, which is run again, instead of as the refusal it caused. Any other
 * failure of the held statements is the caller's own error's business.
 */
export async function verifyHeld(ex: Executor, reads: TxReads | undefined): Promise<void> {
  if (!reads?.checked) return;
  try {
    await ex.executeQuery(CompiledQuery.raw('select 1', []));
  } catch (e) {
    if (isStaleRead(e)) throw e;
  }
}
