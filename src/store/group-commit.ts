import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Tx } from './db.js';

export interface GroupCommitOptions {
  /** Most transactions one COMMIT covers. */
  maxMembers: number;
  /** A group stops taking members this long after its first began (ms), so no answer waits long for its COMMIT. */
  maxMs: number;
  /** Attempts of one transaction that keeps losing a compare-and-set. */
  maxAttempts: number;
  /** A failure worth running the transaction again for (the store's rule). */
  retryable: (e: unknown) => boolean;
}

/** Counts since the store opened: COMMITs, the transactions they covered, and the most one COMMIT covered. */
export interface GroupCommitStats {
  groups: number;
  members: number;
  largest: number;
}

interface Member {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
  attempt: number;
}

export interface GroupCommit {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  readonly stats: GroupCommitStats;
}

/**
 * SQLite group commit. SQLite has one writer and caja one connection, so
 * transactions already run one after another; each paid its own BEGIN and
 * COMMIT, and a COMMIT (the WAL frames of every page the transaction dirtied)
 * is the largest single cost of a create order (PERFORMANCE.md).
 *
 * better-sqlite3 is synchronous, so a transaction started at once runs to its
 * COMMIT in promise callbacks, before the event loop reads another request:
 * nothing ever queues behind it. Instead a transaction waits for the end of
 * the event loop's current turn (`setImmediate`), by which time the requests
 * read in the same turn have asked for theirs too; they run in one database
 * transaction, each inside its own savepoint, one at a time:
 *
 * - a transaction that throws rolls back to its savepoint and fails alone (a
 *   lost compare-and-set runs again, in a new savepoint, as the store retries);
 * - every member is answered, and its onCommit hooks run, only after the
 *   shared COMMIT: nothing is acknowledged before it is durable;
 * - if BEGIN, a savepoint or the COMMIT itself fails (disk full, I/O), every
 *   member of the group fails with that error and nothing of it is kept.
 *
 * An idle caja's lone transaction waits only for the rest of its turn.
 */
export function groupCommit(db: Kysely<Database>, opts: GroupCommitOptions): GroupCommit {
  const queue: Member[] = [];
  const stats: GroupCommitStats = { groups: 0, members: 0, largest: 0 };
  let scheduled = false;
  let draining = false;

  async function drain(): Promise<void> {
    scheduled = false;
    draining = true;
    try {
      while (queue.length > 0) await runGroup();
    } finally {
      draining = false;
      // runGroup settles every member it takes; should it ever throw, what is left still runs.
      if (queue.length > 0 && !scheduled) {
        scheduled = true;
        setImmediate(() => void drain());
      }
    }
  }

  async function runGroup(): Promise<void> {
    const committed: Array<{ member: Member; result: unknown; hooks: Array<() => void> }> = [];
    let current: Member | undefined;
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (e) {
      for (const m of queue.splice(0)) m.reject(e);
      return;
    }
    const started = performance.now();
    try {
      while (queue.length > 0 && committed.length < opts.maxMembers && (committed.length === 0 || performance.now() - started < opts.maxMs)) {
        current = queue.shift()!;
        const hooks: Array<() => void> = [];
        await sql`SAVEPOINT caja_member`.execute(trx);
        let result: unknown;
        try {
          result = await current.fn({ ex: trx, dialect: 'sqlite', onCommit: (h) => hooks.push(h) });
        } catch (e) {
          try {
            await sql`ROLLBACK TO SAVEPOINT caja_member`.execute(trx);
            await sql`RELEASE SAVEPOINT caja_member`.execute(trx);
          } catch {
            // SQLite rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR...): the group fails with the member's own error.
            throw e;
          }
          if (opts.retryable(e) && current.attempt < opts.maxAttempts) {
            current.attempt++;
            queue.unshift(current);
          } else current.reject(e);
          current = undefined;
          continue;
        }
        await sql`RELEASE SAVEPOINT caja_member`.execute(trx);
        committed.push({ member: current, result, hooks });
        current = undefined;
      }
      await trx.commit().execute();
    } catch (e) {
      // SQLite may already have rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR...).
      await trx.rollback().execute().catch(() => undefined);
      current?.reject(e);
      for (const c of committed) c.member.reject(e);
      return;
    }
    stats.groups++;
    stats.members += committed.length;
    stats.largest = Math.max(stats.largest, committed.length);
    for (const c of committed) {
      try {
        for (const h of c.hooks) h();
        c.member.resolve(c.result);
      } catch (e) {
        c.member.reject(e);
      }
    }
  }

  return {
    stats,
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        queue.push({ fn: fn as (tx: Tx) => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject, attempt: 1 });
        // A drain under way takes it (its loop runs until the queue is empty).
        if (!draining && !scheduled) {
          scheduled = true;
          setImmediate(() => void drain());
        }
      }),
  };
}
