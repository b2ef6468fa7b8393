import { sql, type Selectable } from 'kysely';
import type { DialectName, Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { TimerTable } from '../schema.js';

export type TimerRow = Selectable<TimerTable>;

export interface NewTimer {
  id: string;
  seller_id: number;
  kind: string;
  target_id: string;
  /** Wall-clock ms. */
  due_at: number;
  created_at: number;
}

// Most commands schedule a timer: compiled once (prepared.ts).
const insert = prepared({ id: true, seller_id: true, kind: true, target_id: true, due_at: true, created_at: true }, (db, t: NewTimer) =>
  db.insertInto('timers').values({ ...t, status: 'pending', attempts: 0, last_error: null }),
);

export async function insertTimer(ex: Executor, t: NewTimer): Promise<void> {
  await insert.write(ex, t);
}

/**
 * Up to `limit` due timers, earliest first, locked for the caller's
 * transaction. SKIP LOCKED lets another process take the next ones instead of
 * waiting (PostgreSQL): two runners never claim the same timer while either
 * transaction is open, and a timer finished by one no longer matches for the
 * other. SQLite has one writer at a time anyway.
 */
export async function claimDueTimers(ex: Executor, dialect: DialectName, now: number, limit: number): Promise<TimerRow[]> {
  let q = ex
    .selectFrom('timers')
    .selectAll()
    .where('status', '=', sql.lit('pending'))
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit);
  if (dialect === 'postgres') q = q.forUpdate().skipLocked();
  return q.execute();
}

/** When the earliest pending timer is due (wall-clock ms), or undefined when none is pending. */
export async function nextDueAt(ex: Executor): Promise<number | undefined> {
  const row = await ex.selectFrom('timers').select('due_at').where('status', '=', sql.lit('pending')).orderBy('due_at').limit(1).executeTakeFirst();
  return row?.due_at;
}

/** Marks a batch's timers done in one statement (one statement text whatever the count, so one prepared statement). */
export async function finishTimers(ex: Executor, dialect: DialectName, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (dialect === 'postgres') await sql`UPDATE timers SET status = 'done' WHERE id = ANY(${[...ids]}::text[])`.execute(ex);
  else await sql`UPDATE timers SET status = 'done' WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(ex);
}

/** A handler threw (a bug): try again later, give up after a few attempts. */
export async function failTimer(ex: Executor, t: TimerRow, error: string, retryAt: number, giveUp: boolean): Promise<void> {
  await ex
    .updateTable('timers')
    .set({ attempts: t.attempts + 1, last_error: error.slice(0, 1000), due_at: retryAt, status: giveUp ? 'failed' : 'pending' })
    .where('id', '=', t.id)
    .execute();
}

/** A seller's clock moved forward: its pending timers come due that much sooner. */
export async function shiftTimers(ex: Executor, sellerId: number, deltaMs: number): Promise<void> {
  await ex
    .updateTable('timers')
    .set((eb) => ({ due_at: eb('due_at', '-', deltaMs) }))
    .where('seller_id', '=', sellerId)
    .where('status', '=', 'pending')
    .execute();
}

