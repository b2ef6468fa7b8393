import type BetterSqlite3 from 'better-sqlite3';
import type pgModule from 'pg';
import { privateDataDir, privateSqliteFiles, sqliteFile } from '../config/private-files.js';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import { lazyRequire } from '../core/lazy.js';
import { startCheckpointer, type CheckpointTiming } from './checkpointer.js';
import { registerDirectReads } from './direct-reads.js';
import { groupCommit, type GroupCommitStats } from './group-commit.js';
import { pipelinedClients } from './pg-client.js';
import type { Database } from './schema.js';
import { isStaleRead, verifyHeld, VerifiedReads, type TxReads } from './verified-reads.js';

// Each process loads only its own database's driver.
const sqliteDriver = lazyRequire<typeof BetterSqlite3>('better-sqlite3');
const pgDriver = lazyRequire<typeof pgModule>('pg');

export type DialectName = 'sqlite' | 'postgres';
/** Anything repositories can run a query on: the database or a transaction. */
export type Executor = Kysely<Database>;

/** A unit of work: one database transaction plus what to do once it commits. */
export interface Tx {
  readonly ex: Transaction<Database>;
  readonly dialect: DialectName;
  /** Runs after a successful commit (e.g. wake the delivery worker). */
  onCommit(fn: () => void): void;
  /**
   * Reads a batch shares (`recall`), present only where nothing in the batch
   * changes what they read: the outbox's emitMany reads each seller's webhook
   * configuration once.
   */
  readonly memo?: Map<string, unknown>;
  /** PostgreSQL with held statements: reads checked instead of repeated (verified-reads.ts). */
  readonly reads?: TxReads;
}

/** `read()` once per key within a batch that carries a memo (Tx.memo); otherwise every time. */
export function recall<T>(tx: Tx, key: string, read: () => Promise<T>): Promise<T> {
  if (!tx.memo) return read();
  let p = tx.memo.get(key) as Promise<T> | undefined;
  if (!p) tx.memo.set(key, (p = read()));
  return p;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** SQLite with group commit: COMMITs and the transactions they covered, since the store opened. */
  readonly groupCommit?: GroupCommitStats;
}

/** Thrown when a guarded update found the row changed underneath; the transaction is retried. */
export class ConcurrencyConflict extends Error {
  constructor(what: string) {
    super(`concurrent update of ${what}`);
  }
}

// PostgreSQL serialization_failure and deadlock_detected: safe to retry.
const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 8;

/** A conflict the store retries the whole transaction for (a lost compare-and-set, PostgreSQL 40001/40P01, a stale verified read). */
export function isRetryable(e: unknown): boolean {
  if (e instanceof ConcurrencyConflict || isStaleRead(e)) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  /** Where the embedded SQLite file lives (ignored for Postgres). */
  dataDir: string;
  poolSize?: number;
  /** SQLite: transactions asked for in one turn of the event loop share one COMMIT (group-commit.ts); on by default. */
  groupCommit?: boolean;
  /** PostgreSQL: BEGIN and deferred writes are held and sent with the transaction's next statement (pg-client.ts); on by default. */
  pgPipeline?: boolean;
  /** Errors of idle PostgreSQL connections (a restart, a terminated backend) or of SQLite's background checkpoint: reported, never fatal. */
  onConnectionError?: (e: Error) => void;
  /** SQLite: when the background checkpoint runs (default: every second with writes, at once after 500 rows). */
  checkpoints?: CheckpointTiming;
}

export function openStore(opts: StoreOptions): Store {
  if (opts.databaseUrl) {
    const pipelined = opts.pgPipeline !== false;
    // Verified reads hold their check for the next statement: only with held statements.
    return wrap(openPostgres(opts.databaseUrl, opts.poolSize ?? 10, pipelined, opts.onConnectionError), 'postgres', pipelined ? new VerifiedReads() : undefined);
  }
  // The file holds webhook secrets: the directory, the database, its WAL and SHM are the user's only.
  privateDataDir(opts.dataDir);
  const dbFile = sqliteFile(opts.dataDir);
  privateSqliteFiles(dbFile, true);
  const file = new (sqliteDriver())(dbFile);
  // Every page a commit dirties is appended to the WAL whole, and a request
  // dirties 15-20 pages of small rows: 1 KiB pages write about half the bytes
  // of 4 KiB ones (PERFORMANCE.md, "Bytes written"). Takes effect on a new file only.
  file.pragma('page_size = 1024');
  file.pragma('journal_mode = WAL');
  privateSqliteFiles(dbFile, false);
  // A reused WAL that once grew is cut back to this size.
  file.pragma('journal_size_limit = 16777216');
  // WAL + NORMAL: commits survive a process crash; only an OS crash can lose the last ones.
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // Checkpoints run on a worker thread (see checkpointer.ts). A commit checkpoints only past 10,000
  // WAL pages (10 MB; default 1000), a bound for when writes never pause long enough for the
  // thread's PASSIVE checkpoint to let the WAL restart (under a steady load, every 10,000 pages);
  // by then the thread has copied nearly every page, so that commit copies few and restarts the WAL.
  file.pragma('wal_autocheckpoint = 10000');
  const totalChanges = file.prepare('SELECT total_changes() AS n').pluck();
  const checkpointer = startCheckpointer(dbFile, () => totalChanges.get() as number, opts.onConnectionError ?? (() => {}), opts.checkpoints);
  const store = wrap(new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(file, checkpointer.poke) }) }), 'sqlite');
  registerDirectReads(store.db, file);
  const close = async () => (await checkpointer.close(), await store.close());
  if (opts.groupCommit === false) return { ...store, close };
  const group = groupCommit(store.db, { maxMembers: 64, maxMs: 10, maxAttempts: MAX_ATTEMPTS, retryable: isRetryable });
  return { ...store, transaction: group.transaction, groupCommit: group.stats, close };
}

/**
 * Kysely prepares every query afresh; SQLite's parse and plan then cost more
 * than running the statement (measured: about 40 µs of a create order's
 * budget, per statement). Queries of one shape compile to one SQL text, so a
 * small cache of prepared statements removes that. Safe because the SQLite
 * connection is used by one query at a time. Kysely's driver uses only
 * `prepare` and `close`, so this is a plain object with those two (a Proxy's
 * trap on every statement cost about 1% of a get's CPU).
 */
function cachingStatements(db: BetterSqlite3.Database, onStatement: () => void): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string) {
      onStatement();
      let stmt = cache.get(text);
      if (!stmt) {
        if (cache.size >= 1000) cache.clear();
        stmt = db.prepare(text);
        cache.set(text, stmt);
      }
      return stmt;
    },
    close: () => void db.close(),
  };
}

function openPostgres(url: string, max: number, pipelined: boolean, onError: (e: Error) => void = () => {}): Kysely<Database> {
  const pg = pgDriver();
  // pg-client.ts sends a transaction's held statements together: pg writes queued queries
  // at once only in its pipeline mode (pg 8.20+; not yet in @types/pg).
  const pipeline = { pipeline: pipelined } as pgModule.PoolConfig;
  const pool = new pg.Pool({
    ...pipeline,
    connectionString: url,
    max,
    // int8 columns hold epoch ms and ids, all within Number.MAX_SAFE_INTEGER.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // Without a listener, an idle connection's error (PostgreSQL restarting, an administrator
  // terminating backends, a connection still closing when the pool has ended) is an uncaught
  // exception that kills the process. The pool drops that connection and opens another.
  pool.on('error', onError);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pipelinedClients(pool, pipelined) }) });
}

function wrap(db: Kysely<Database>, dialect: DialectName, cache?: VerifiedReads): Store {
  return {
    db,
    dialect,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const hooks: Array<() => void> = [];
        try {
          const result = await db.transaction().execute(async (ex) => {
            const reads = cache && { cache, checked: false };
            try {
              return await fn({ ex, dialect, onCommit: (h) => hooks.push(h), reads });
            } catch (e) {
              // A refusal made from a remembered row counts only if that row still holds.
              await verifyHeld(ex, reads);
              throw e;
            }
          });
          for (const h of hooks) h();
          return result;
        } catch (e) {
          // A remembered row changed: forget them all (a rare event) and read afresh.
          if (isStaleRead(e)) cache?.clear();
          if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
        }
      }
    },
    close: () => db.destroy(),
  };
}

/** A unique index refused a row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
