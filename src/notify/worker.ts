import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context.js';
import { claimDue, nextClaimableAt, recordAttempts, releaseLease, type AttemptOutcome, type AttemptRow, type DeliveryRow, type FinishedAttempt } from '../store/repos/deliveries.js';
import type { SellerRow } from '../store/repos/sellers.js';
import type { WebhookConfigRow } from '../store/repos/webhook-configs.js';
import type { Sender } from './http.js';
import type { DeliveryKind } from './types.js';

export interface WorkerOptions {
  concurrency: number;
  timeoutMs: number;
  /**
   * The longest the worker sleeps (default 1 s): how late it may find work nobody announced (another
   * process's delivery, a dead worker's lease that ran out). Otherwise it sleeps until the next
   * delivery nobody holds comes due: a retry it recorded, or the earliest one it reads (`sleep`).
   */
  pollMs?: number;
}

const RESPONSE_EXCERPT = 2048;
// Attempts recorded by one statement (PostgreSQL) or one transaction (SQLite) at most.
const RECORD_BATCH = 256;
// How soon a worker that found a delivery due but could not claim it (a race with another worker) looks again.
const STILL_DUE_MS = 50;
// The next due time is read at most this often (the old poll's period): a busy worker, whose
// attempts finish between commits, would otherwise pay a read per delivery (measured: -12% saturated).
const REREAD_MS = 200;
// A lease outlives the longest attempt by this margin (up to 10 s), so only a dead worker's lease expires.
const leaseMs = (timeoutMs: number) => timeoutMs + Math.max(1000, Math.min(10_000, timeoutMs));

/**
 * Sends due deliveries at least once. Work is leased in the database, so
 * several processes share it, and a worker that dies mid-attempt leaves a
 * lease that expires and the delivery is tried again.
 */
export class DeliveryWorker {
  readonly owner = `w-${randomUUID()}`;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking = false;
  private again = false;
  private current: Promise<void> | undefined;
  /** Counts wake-ups: a sleep worked out before one must not replace the wake-up it scheduled. */
  private wakes = 0;
  /** When the next due time was last read (wall clock). */
  private readAt = -Infinity;
  /** The earliest retry this worker recorded since (it is due before that read would know of it). */
  private retryAt = Infinity;
  private toRecord: Array<{ x: FinishedAttempt; done: (recorded: boolean) => void; fail: (e: unknown) => void }> = [];
  private recording = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly kinds: Map<string, DeliveryKind>,
    private readonly sender: Sender,
    private readonly opts: WorkerOptions,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** Stops claiming and waits for a claim and the attempts under way to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
    await Promise.allSettled([...this.inFlight]);
  }

  wake(): void {
    if (!this.running) return;
    this.wakes++;
    if (this.ticking) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    this.ticking = true;
    try {
      do {
        this.again = false;
        const room = this.opts.concurrency - this.inFlight.size;
        if (room <= 0) break;
        const now = this.ctx.clock.realNow();
        const claimed = await claimDue(this.ctx.store.db, this.ctx.store.dialect, this.owner, now, leaseMs(this.opts.timeoutMs), room);
        if (!this.running) {
          // Stopped while claiming: give the leases back rather than start attempts.
          for (const c of claimed) await releaseLease(this.ctx.store.db, this.owner, c.delivery.id);
          break;
        }
        // Signing needs each seller's secret, clock and options: read with the claim, once per batch.
        for (const c of claimed) this.track(this.attempt(c.delivery, c.seller, c.config));
        if (claimed.length === room) this.again = true;
      } while (this.again && this.running);
    } catch (e) {
      this.ctx.log.error({ err: e }, 'delivery worker: claim failed');
    } finally {
      this.ticking = false;
      if (this.running) await this.sleep();
    }
  }

  /**
   * Until the next delivery nobody holds comes due, at most `pollMs`: the earlier of a read of the
   * database (not while attempts are in flight, which wake the worker when they finish, and at
   * most every REREAD_MS) and the retries this worker recorded since. Before, it polled every
   * 200 ms: five claims a second for an idle caja (docs/PERFORMANCE.md, "Two passes before").
   */
  private async sleep(): Promise<void> {
    const wakes = this.wakes;
    const cap = this.opts.pollMs ?? 1000;
    const now = this.ctx.clock.realNow();
    let next = this.retryAt;
    // Due already: the claim after this sleep takes it (or another worker did).
    if (next <= now) this.retryAt = Infinity;
    if (this.inFlight.size === 0 && now - this.readAt >= REREAD_MS) {
      try {
        this.readAt = now;
        this.retryAt = Infinity;
        next = (await nextClaimableAt(this.ctx.store.db, now)) ?? Infinity;
      } catch (e) {
        this.ctx.log.error({ err: e }, 'delivery worker: reading the next due delivery failed');
      }
    }
    const ms = Math.min(cap, next <= now ? STILL_DUE_MS : next - now);
    // Woken while reading: that wake-up stands.
    if (this.running && wakes === this.wakes) this.schedule(ms);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.wake();
    });
  }

  /**
   * The attempt row and the delivery's outcome, atomically and only under this
   * worker's lease. Attempts that finish while a record is under way wait for
   * it and are recorded together: one statement on PostgreSQL, one transaction
   * on SQLite, however many attempts finished meanwhile.
   */
  private record(d: DeliveryRow, attempt: AttemptRow, outcome: AttemptOutcome): Promise<boolean> {
    if (outcome.due_at !== null) this.retryAt = Math.min(this.retryAt, outcome.due_at);
    return new Promise((done, fail) => {
      this.toRecord.push({ x: { d, attempt, outcome }, done, fail });
      if (!this.recording) {
        this.recording = true;
        // After this turn's other completions, so that they share the statement.
        setImmediate(() => void this.recordQueued());
      }
    });
  }

  private async recordQueued(): Promise<void> {
    const { store } = this.ctx;
    const write = (finished: FinishedAttempt[]) =>
      store.dialect === 'postgres'
        ? recordAttempts(store.db, store.dialect, this.owner, finished)
        : store.transaction((tx) => recordAttempts(tx.ex, tx.dialect, this.owner, finished));
    while (this.toRecord.length) {
      const batch = this.toRecord.splice(0, RECORD_BATCH);
      try {
        const recorded = await write(batch.map((b) => b.x));
        batch.forEach((b, i) => b.done(recorded[i]!));
      } catch (e) {
        if (batch.length === 1) {
          batch[0]!.fail(e);
          continue;
        }
        // One attempt the database refuses must not take its neighbours down: each alone.
        for (const b of batch) {
          try {
            b.done((await write([b.x]))[0]!);
          } catch (e1) {
            b.fail(e1);
          }
        }
      }
    }
    this.recording = false;
  }

  /** A delivery no attempt can ever send (its kind is gone, its seller deleted): recorded as failed once, never claimed again. */
  private async unsendable(d: DeliveryRow, why: string): Promise<void> {
    const realNow = this.ctx.clock.realNow();
    this.ctx.log.warn({ delivery: d.id }, `delivery cannot be sent: ${why}`);
    await this.record(
      d,
      { delivery_id: d.id, number: d.attempt_count + 1, started_at: realNow, duration_ms: 0, request_url: d.url ?? '', request_headers: '{}', request_body: d.body, response_status: null, response_body: null, error: why },
      { status: 'failed', due_at: null, last_error: why, updated_at: realNow },
    );
  }

  private async attempt(d: DeliveryRow, seller: SellerRow | undefined, webhookConfig: WebhookConfigRow | undefined): Promise<void> {
    try {
      const kind = this.kinds.get(d.kind);
      if (!kind || !seller || !d.url) return await this.unsendable(d, !kind ? `unknown delivery kind ${d.kind}` : !seller ? `seller ${d.seller_id} no longer exists` : 'no URL');
      if (!this.running) return await releaseLease(this.ctx.store.db, this.owner, d.id);
      const startedAt = this.ctx.clock.realNow() + seller.clock_offset_ms;
      const req = kind.prepare(d, { seller, webhookConfig, now: startedAt });
      const res = await this.sender.send(req.url, req.headers, req.body);
      const ok = res.status !== null && res.status >= 200 && res.status <= 299;
      const retriesLeft = kind.retrySchedule.length - d.attempt_count;
      const realNow = this.ctx.clock.realNow();
      const error = ok ? null : (res.error ?? `HTTP ${res.status}`);
      const recorded = await this.record(
        d,
        {
          delivery_id: d.id,
          number: d.attempt_count + 1,
          started_at: startedAt,
          duration_ms: res.durationMs,
          request_url: req.url,
          request_headers: JSON.stringify(req.headers),
          request_body: req.body,
          response_status: res.status,
          // PostgreSQL's text refuses NUL; the excerpt is for reading, so it shows U+FFFD instead on both databases.
          response_body: res.body === null ? null : res.body.slice(0, RESPONSE_EXCERPT).replaceAll('\u0000', '\uFFFD'),
          error,
        },
        {
          status: ok ? 'delivered' : retriesLeft > 0 ? 'pending' : 'failed',
          due_at: ok || retriesLeft <= 0 ? null : realNow + kind.retrySchedule[d.attempt_count]!,
          last_error: error,
          updated_at: realNow + seller.clock_offset_ms,
        },
      );
      if (!recorded) this.ctx.log.warn({ delivery: d.id }, 'delivery lease lost before the attempt was recorded; another worker owns it');
    } catch (e) {
      this.ctx.log.error({ err: e, delivery: d.id }, 'delivery attempt failed unexpectedly');
    }
  }
}
