import type { Ctx } from '../context.js';
import { isRetryable, type Tx } from '../store/db.js';
import { claimDueTimer, failTimer, finishTimer, type TimerRow } from '../store/repos/timers.js';

import type { TimerHandler } from '../domain/timers.js';

const MAX_HANDLER_ATTEMPTS = 5;

/**
 * Runs due timers. Each runs in its own transaction with the timer row locked
 * (SKIP LOCKED on PostgreSQL), so any number of processes may run this loop,
 * a crash mid-handler rolls back and the timer stays due, and one timer never
 * runs twice. Handlers check state and are no-ops when nothing is left to do.
 */
export class TimerRunner {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly handlers: Map<string, TimerHandler>,
    private readonly pollMs = 100,
  ) {}

  start(): void {
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.busy;
  }

  wake(): void {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.busy = this.drain().finally(() => {
      this.busy = undefined;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.timer = setTimeout(() => this.wake(), this.pollMs);
    });
  }

  /** Runs due timers until none is left. */
  private async drain(): Promise<void> {
    while (this.running) {
      let ran: TimerRow | undefined;
      try {
        ran = await this.ctx.store.transaction(async (tx) => {
          const t = await claimDueTimer(tx.ex, tx.dialect, this.ctx.clock.realNow());
          if (!t) return undefined;
          const handler = this.handlers.get(t.kind);
          if (!handler) throw new TimerError(t, `no handler for timer kind ${t.kind}`);
          try {
            await handler(this.ctx, tx, t);
          } catch (e) {
            // A lost race is not a bug: the store retries the whole transaction on fresh state.
            if (isRetryable(e)) throw e;
            throw new TimerError(t, (e as Error).stack ?? String(e));
          }
          await finishTimer(tx.ex, t.id);
          return t;
        });
      } catch (e) {
        if (!(e instanceof TimerError)) {
          // Still conflicting after the store's retries, or the database failed: the timer stays due and runs on the next wake.
          this.ctx.log.error({ err: e }, 'timer runner: claim failed');
          return;
        }
        await this.recordFailure(e);
        continue;
      }
      if (!ran) return;
    }
  }

  /** A handler threw: a bug. Back off and retry a few times, then park the timer as failed. */
  private async recordFailure(e: TimerError): Promise<void> {
    this.ctx.log.error({ timer: e.timer.id, kind: e.timer.kind, error: e.message }, 'timer handler failed');
    const giveUp = e.timer.attempts + 1 >= MAX_HANDLER_ATTEMPTS;
    const retryAt = this.ctx.clock.realNow() + 1000 * 2 ** e.timer.attempts;
    await this.ctx.store.transaction((tx) => failTimer(tx.ex, e.timer, e.message, retryAt, giveUp));
  }
}

class TimerError extends Error {
  constructor(
    readonly timer: TimerRow,
    message: string,
  ) {
    super(message);
  }
}
