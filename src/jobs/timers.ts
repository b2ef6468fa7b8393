import { sql } from 'kysely';
import type { Ctx } from '../context.js';
import { isRetryable, type Tx } from '../store/db.js';
import { claimDueTimers, failTimer, finishTimers, nextDueAt, type TimerRow } from '../store/repos/timers.js';

import type { BulkTimerHandler, TimerHandler } from '../domain/timers.js';

const MAX_HANDLER_ATTEMPTS = 5;
/** A handler losing a race (isRetryable) runs again at once, on fresh state, up to this many times in one batch. */
const CONFLICT_RETRIES = 8;
/** Batches in one drain that may leave the same timer due because it kept conflicting, before the drain stops and logs. */
const CONFLICT_BATCHES = 3;
/** How soon a drain that left a timer due looks again (a conflict, another process's batch holding it). */
const STILL_DUE_MS = 100;

export interface TimerRunnerOptions {
  /**
   * Due timers claimed per transaction (default 100 on SQLite, 200 on
   * PostgreSQL, where a batch of expiries run together by their bulk handler
   * costs about as much in round trips and statements whatever its size).
   */
  batchSize?: number;
  /**
   * Savepoints one batch may open (each handler, each retry and each bulk run
   * takes one; default 50 on PostgreSQL, unbounded on SQLite): on PostgreSQL
   * one that writes is a subtransaction, and past 64 in one transaction every
   * session's snapshots get slower. The rest of the claim stays due for the
   * next batch, as with the budget.
   */
  maxSavepoints?: number;
  /**
   * Batches run at once under a backlog (PostgreSQL only, default 4; SQLite
   * has one connection): a drain's first claim runs alone, and the lanes start
   * only when it leaves more due. A batch waits on round trips most of the
   * time; SKIP LOCKED gives concurrent batches disjoint timers.
   */
  lanes?: number;
  /**
   * A batch starts no new handler after this long (default 50 ms); the rest of
   * its claim stays due for the next batch. On SQLite a batch holds the one
   * connection, so this bounds how long requests wait behind a burst of expiries.
   */
  batchBudgetMs?: number;
  /** Handlers that run a batch's consecutive timers of one kind together (by kind); the others run one by one. */
  bulk?: Map<string, BulkTimerHandler>;
}

type Outcome = { ran: true } | { ran: false; conflict: true } | { ran: false; conflict: false; error: string };

/**
 * Runs due timers in batches: one transaction claims up to `batchSize` due
 * timers (locked with SKIP LOCKED on PostgreSQL, so any number of processes
 * may run this loop and one timer never runs twice) and runs each handler
 * inside its own savepoint (or, for a kind with a bulk handler, a run of them
 * in one savepoint). A handler that throws rolls back to its savepoint
 * only: its writes and its onCommit hooks are dropped, its failure is recorded
 * on its own row, and the batch's other timers commit. A handler that loses a
 * race (ConcurrencyConflict, PostgreSQL 40001/40P01) runs again on fresh state.
 * A crash mid-batch rolls everything back and the timers stay due. Handlers
 * check state and are no-ops when nothing is left to do.
 */
export class TimerRunner {
  private timer: NodeJS.Timeout | undefined;
  /** Wall-clock ms the sleeping runner wakes at (undefined while it drains or is stopped). */
  private wakeAt: number | undefined;
  /** The earliest due time a commit reported (scheduled) since the last drain began. */
  private told = Infinity;
  private running = false;
  private busy: Promise<void> | undefined;
  private again = false;
  private readonly batchSize: number;
  private readonly batchBudgetMs: number;
  private readonly maxSavepoints: number;
  private readonly lanes: number;
  private readonly bulk: Map<string, BulkTimerHandler>;

  /**
   * `pollMs` is the longest the runner sleeps (default 500 ms): how late it may find a timer nobody
   * told it about (stored by another process, by hand, or left due by a jump of the wall clock).
   * Otherwise it sleeps until the earliest pending timer, which it reads after each drain, or until
   * an earlier one a commit reports.
   */
  constructor(
    private readonly ctx: Ctx,
    private readonly handlers: Map<string, TimerHandler>,
    private readonly pollMs = 500,
    opts: TimerRunnerOptions = {},
  ) {
    const pg = ctx.store.dialect === 'postgres';
    this.batchSize = opts.batchSize ?? (pg ? 200 : 100);
    this.batchBudgetMs = opts.batchBudgetMs ?? 50;
    this.maxSavepoints = opts.maxSavepoints ?? (pg ? 50 : Infinity);
    this.lanes = pg ? (opts.lanes ?? 4) : 1;
    this.bulk = opts.bulk ?? new Map();
  }

  /** When the sleeping runner wakes next (wall clock); undefined while it drains or when stopped. */
  get nextWakeAt(): number | undefined {
    return this.wakeAt;
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wakeAt = undefined;
    await this.busy;
  }

  /**
   * A commit stored a timer due at `dueAtMs` (wall clock), or moved timers (no argument). A
   * sleeping runner wakes at that time if it is earlier than the time it was going to wake at;
   * one that is draining remembers it for its next sleep. A timer due later changes nothing:
   * waking for every stored timer cost each create order a claim transaction of its own,
   * competing with requests for the connection (PERFORMANCE.md).
   */
  scheduled(dueAtMs?: number): void {
    if (dueAtMs === undefined) return this.wake();
    this.told = Math.min(this.told, dueAtMs);
    if (this.wakeAt !== undefined && dueAtMs < this.wakeAt) this.sleep(dueAtMs);
  }

  wake(): void {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.wakeAt = undefined;
    this.told = Infinity;
    this.busy = this.drain().then(
      (next) => this.settle(next),
      () => this.settle(undefined),
    );
  }

  /** After a drain: at once if woken meanwhile, else asleep until the next due timer. */
  private settle(next: number | undefined): void {
    this.busy = undefined;
    if (!this.running) return;
    if (this.again) {
      this.again = false;
      this.wake();
      return;
    }
    const now = this.ctx.clock.realNow();
    // A pending timer already due after a drain was left by it (a handler that kept losing races,
    // another process's batch holding it): looked at again after a short while, not in a loop.
    const pending = next === undefined ? Infinity : next <= now ? now + STILL_DUE_MS : next;
    this.sleep(Math.min(pending, this.told));
  }

  /** Sleeps until `at` (wall clock), at most `pollMs`. */
  private sleep(at: number): void {
    clearTimeout(this.timer);
    const now = this.ctx.clock.realNow();
    const ms = Math.max(0, Math.min(at - now, this.pollMs));
    this.wakeAt = now + ms;
    this.timer = setTimeout(() => this.wake(), ms);
  }

  /**
   * Runs batches of due timers until none is left. One batch looks first; only when its claim
   * leaves more due (a backlog) do `lanes` concurrent loops share the rest. So a poll that finds
   * nothing costs one claim, not one per lane (on PostgreSQL each is a transaction's round trips).
   * Answers when the earliest pending timer is due, for the runner's sleep.
   */
  private async drain(): Promise<number | undefined> {
    const deferred = new Map<string, number>();
    if (await this.batch(deferred)) await Promise.all(Array.from({ length: this.lanes }, () => this.lane(deferred)));
    if (!this.running) return undefined;
    try {
      return await nextDueAt(this.ctx.store.db);
    } catch (e) {
      this.ctx.log.error({ err: e }, 'timer runner: reading the next due time failed');
      return undefined;
    }
  }

  private async lane(deferred: Map<string, number>): Promise<void> {
    while (await this.batch(deferred));
  }

  /** Claims and runs one batch: true when more may be due (the loop has yielded to the event loop since). */
  private async batch(deferred: Map<string, number>): Promise<boolean> {
    if (!this.running) return false;
    let batch: { claimed: number; left: number; conflicted: TimerRow[] };
    try {
      batch = await this.ctx.store.transaction((tx) => this.runBatch(tx));
    } catch (e) {
      // The database failed (or a conflict outside any handler outlived the store's retries): the timers stay due and run on the next wake.
      this.ctx.log.error({ err: e }, 'timer runner: claim failed');
      return false;
    }
    for (const t of batch.conflicted) {
      const n = (deferred.get(t.id) ?? 0) + 1;
      deferred.set(t.id, n);
      if (n >= CONFLICT_BATCHES) {
        this.ctx.log.error({ timer: t.id, kind: t.kind }, 'timer runner: a handler kept losing races; the timer stays due');
        return false;
      }
    }
    if (batch.claimed < this.batchSize && batch.left === 0 && batch.conflicted.length === 0) return false;
    // On SQLite every query completes synchronously, so without this the loop would run
    // batch after batch on microtasks alone: no request, signal or timer would be served until
    // every due timer had run (100,000 expiries: a minute). Requests get in between batches.
    await new Promise((r) => setImmediate(r));
    return true;
  }

  /**
   * Runs a claim in due order. Consecutive timers of a kind with a bulk
   * handler run together in one savepoint; what it leaves, or all of them if
   * it throws, run one by one in their place.
   */
  private async runBatch(tx: Tx): Promise<{ claimed: number; left: number; conflicted: TimerRow[] }> {
    const due = await claimDueTimers(tx.ex, tx.dialect, this.ctx.clock.realNow(), this.batchSize);
    const started = performance.now();
    const conflicted: TimerRow[] = [];
    const done: string[] = [];
    const queue = [...due];
    const alone = new Set<string>();
    const savepoints = { opened: 0 };
    let i = 0;
    while (i < queue.length && this.running) {
      if (i > 0 && (performance.now() - started > this.batchBudgetMs || savepoints.opened >= this.maxSavepoints)) break;
      const t = queue[i]!;
      const bulk = alone.has(t.id) ? undefined : this.bulk.get(t.kind);
      let j = i + 1;
      while (bulk && j < queue.length && queue[j]!.kind === t.kind) j++;
      if (bulk && j - i > 1) {
        const run = queue.slice(i, j);
        savepoints.opened++;
        const left = await this.runBulk(tx, bulk, run);
        const rest = left ?? run;
        const leftIds = new Set(rest.map((x) => x.id));
        for (const x of run) {
          if (leftIds.has(x.id)) alone.add(x.id);
          else done.push(x.id);
        }
        queue.splice(i, j - i, ...run.filter((x) => leftIds.has(x.id)));
        continue;
      }
      const outcome = await this.runOne(tx, t, savepoints);
      if (outcome.ran) done.push(t.id);
      else if (outcome.conflict) conflicted.push(t);
      else await this.recordFailure(tx, t, outcome.error);
      i++;
    }
    await finishTimers(tx.ex, tx.dialect, done);
    return { claimed: due.length, left: queue.length - i, conflicted };
  }

  /** A bulk handler in its own savepoint: the timers it left, or undefined if it threw (its writes and hooks dropped). */
  private async runBulk(tx: Tx, bulk: BulkTimerHandler, run: readonly TimerRow[]): Promise<readonly TimerRow[] | undefined> {
    const hooks: Array<() => void> = [];
    await sql`SAVEPOINT timer_bulk`.execute(tx.ex);
    try {
      const left = await bulk(this.ctx, { ex: tx.ex, dialect: tx.dialect, onCommit: (h) => hooks.push(h) }, run);
      await sql`RELEASE SAVEPOINT timer_bulk`.execute(tx.ex);
      for (const h of hooks) tx.onCommit(h);
      return left;
    } catch (e) {
      await sql`ROLLBACK TO SAVEPOINT timer_bulk`.execute(tx.ex);
      await sql`RELEASE SAVEPOINT timer_bulk`.execute(tx.ex);
      // A lost race is expected under load; anything else is a bug, but each timer still runs (and fails) on its own.
      if (!isRetryable(e)) this.ctx.log.error({ err: e, kind: run[0]!.kind, timers: run.length }, 'timer runner: a bulk handler failed; its timers run one by one');
      return undefined;
    }
  }

  /** One handler in its own savepoint; its onCommit hooks join the batch's only if it succeeded. */
  private async runOne(tx: Tx, t: TimerRow, savepoints: { opened: number }): Promise<Outcome> {
    const handler = this.handlers.get(t.kind);
    if (!handler) return { ran: false, conflict: false, error: `no handler for timer kind ${t.kind}` };
    for (let attempt = 1; ; attempt++) {
      // Past the batch's savepoints a lost race waits for the next batch, as one past its retries does.
      if (attempt > 1 && savepoints.opened >= this.maxSavepoints) return { ran: false, conflict: true };
      const hooks: Array<() => void> = [];
      savepoints.opened++;
      await sql`SAVEPOINT timer_handler`.execute(tx.ex);
      try {
        await handler(this.ctx, { ex: tx.ex, dialect: tx.dialect, onCommit: (h) => hooks.push(h) }, t);
        await sql`RELEASE SAVEPOINT timer_handler`.execute(tx.ex);
        for (const h of hooks) tx.onCommit(h);
        return { ran: true };
      } catch (e) {
        await sql`ROLLBACK TO SAVEPOINT timer_handler`.execute(tx.ex);
        await sql`RELEASE SAVEPOINT timer_handler`.execute(tx.ex);
        // A lost race is not a bug: run it again on fresh state (PostgreSQL reads committed rows anew at each statement).
        if (!isRetryable(e)) return { ran: false, conflict: false, error: (e as Error).stack ?? String(e) };
        if (attempt >= CONFLICT_RETRIES) return { ran: false, conflict: true };
      }
    }
  }

  /** A handler threw: a bug. Back off and retry a few times, then park the timer as failed (in the batch's transaction). */
  private async recordFailure(tx: Tx, t: TimerRow, error: string): Promise<void> {
    this.ctx.log.error({ timer: t.id, kind: t.kind, error }, 'timer handler failed');
    const giveUp = t.attempts + 1 >= MAX_HANDLER_ATTEMPTS;
    const retryAt = this.ctx.clock.realNow() + 1000 * 2 ** t.attempts;
    await failTimer(tx.ex, t, error, retryAt, giveUp);
  }
}
