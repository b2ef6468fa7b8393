import { idFloor } from '../../core/ids.js';
import type { Logger } from '../../log/logger.js';
import type { ChangeProbeRow, ProbeTarget } from '../../store/repos/changes.js';

/**
 * How far back the probe looks at a seller's events (on its clock). Wider than
 * any commit delay, so an event committed late is still seen; an event that
 * ages out of it changes the marker once (one extra refresh).
 */
const EVENT_WINDOW_MS = 10 * 60_000;

export type Listener = () => void;

export interface FeedOptions {
  /** How often the shared probe runs while anyone listens. */
  intervalMs: number;
  /** At most this many open streams per process; more are refused (the client retries). */
  maxListeners: number;
  /** At most this many per seller, so one tab storm cannot take every slot. */
  maxPerSeller: number;
}

/**
 * One poller per process for every dashboard stream: each interval it runs a
 * single probe for the sellers someone is watching and wakes only the
 * listeners of the sellers whose marker changed. Several caja processes on one
 * PostgreSQL each run their own probe, so a change made by any of them reaches
 * every stream (an in-process signal alone would miss the others' writes).
 */
export class ChangeFeed {
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly markers = new Map<number, string>();
  // Clock offsets only grow, so 0 (before the first probe) is a safe, wider floor.
  private readonly offsets = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private count = 0;
  /** Probes run (tests read it: one per interval, whatever the number of listeners). */
  probes = 0;

  constructor(
    private readonly probe: (targets: readonly ProbeTarget[]) => Promise<ChangeProbeRow[]>,
    private readonly log: Logger,
    private readonly opts: FeedOptions,
    private readonly realNow: () => number = Date.now,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Adds a listener, or answers undefined when the bounds are reached. The returned function removes it. */
  subscribe(sellerId: number, listener: Listener): (() => void) | undefined {
    const set = this.listeners.get(sellerId) ?? new Set<Listener>();
    if (this.count >= this.opts.maxListeners || set.size >= this.opts.maxPerSeller) return undefined;
    set.add(listener);
    this.listeners.set(sellerId, set);
    this.count++;
    this.schedule();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      set.delete(listener);
      this.count--;
      if (set.size === 0) {
        this.listeners.delete(sellerId);
        this.markers.delete(sellerId);
        this.offsets.delete(sellerId);
      }
      if (this.count === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.running || this.count === 0) return;
    this.timer = setTimeout(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    try {
      const ids = [...this.listeners.keys()];
      this.probes++;
      const real = this.realNow();
      const rows = await this.probe(ids.map((id) => ({ sellerId: id, eventFloor: idFloor('EVT', real + (this.offsets.get(id) ?? 0) - EVENT_WINDOW_MS) })));
      const now = new Map<number, string[]>();
      for (const r of rows) {
        now.set(r.seller_id, [...(now.get(r.seller_id) ?? []), r.marker]);
        if (r.offset_ms !== undefined && this.listeners.has(r.seller_id)) this.offsets.set(r.seller_id, r.offset_ms);
      }
      for (const id of ids) {
        const marker = (now.get(id) ?? []).sort().join(',');
        const before = this.markers.get(id);
        const set = this.listeners.get(id);
        if (!set) continue;
        this.markers.set(id, marker);
        // The first probe of a newly watched seller also wakes its listeners: whatever
        // changed between the page's first load and this baseline is fetched again.
        if (before !== marker) for (const l of [...set]) l();
      }
    } catch (e) {
      this.log.warn({ err: e }, 'dashboard change probe failed; retrying');
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
