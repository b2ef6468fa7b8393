import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL is copied back into the database file by a checkpoint, which
 * writes the pages and fsyncs the file. With the default auto-checkpoint it
 * runs inside whichever COMMIT crosses 1000 pages: on the event loop, every
 * few hundred creates, stalling every request in flight for the length of a
 * write and an fsync (the create p99 stall, docs/PERFORMANCE.md). Here the
 * main connection checkpoints only past a far higher bound (db.ts); a worker
 * thread with its own connection, at the lowest priority (WORKER_NICE), runs
 * PASSIVE checkpoints (they never wait for, and never block, the writer): once a second when something was
 * written, and at once under a burst of writes (every 500 rows), passes
 * repeated until one finds nothing new, so that the commit which crosses the
 * bound finds almost every frame already copied. The thread starts on the
 * first tick with writes, so short-lived stores (tests) never start one.
 * Closing the main connection (the last one) checkpoints what is left, as before.
 */
export interface Checkpointer {
  /** A statement is about to run on the main connection: a ticker stopped for quiet starts again if rows were written since. */
  poke(): void;
  close(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
// The lowest priority for this thread alone (Linux: a thread is a task with its own id; elsewhere
// nothing changes): the copy runs when the event loop leaves the core free.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, workerData.nice);
} catch {}
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  let error = null;
  try {
    // A writer that kept appending during a pass left frames behind it: passes go on (at most 50)
    // until one finds nothing new or cannot copy everything (a reader still needs older frames).
    let before = -1;
    for (let i = 0; i < 50; i++) {
      const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
      if (r.busy || r.log === before || r.checkpointed < r.log) break;
      before = r.log;
    }
  } catch (e) { error = String(e && e.message || e); }
  parentPort.postMessage({ error });
});
`;

/**
 * The checkpoint thread's nice value. On a core it shares with the event loop (the pinned
 * layout) at the default priority it took about 12% of the core under a create load, in many
 * small passes, each repeated while the writer appended; at 19 it runs in the loop's idle moments,
 * copies each page once for many commits, and took about 2%: in six alternating pairs, more
 * creates in all six and a p99 4-21 ms lower (docs/PERFORMANCE.md, "The pass before"). Starved, it
 * leaves the copy to the commit that crosses the main connection's bound (db.ts), as before there
 * was a thread.
 */
const WORKER_NICE = 19;

/** How often the main thread looks at how much it wrote (a prepared `total_changes()`, about a microsecond). */
const TICK_MS = 50;
/**
 * Ticks in a row with nothing written and nothing left to copy after which the ticker stops until
 * the next statement (`poke`): a quiet caja is not woken twenty times a second for nothing, which
 * on this project's 2-core VMs cost about 4 ms of CPU a second (docs/PERFORMANCE.md, "Two passes before").
 */
const QUIET_TICKS = 20;

export interface CheckpointTiming {
  /** A checkpoint at least this often while anything is written (ms). */
  everyMs?: number;
  /** And at once (within TICK_MS) after this many rows written since the last one began. */
  burstRows?: number;
}

/** `changes` counts the rows the main connection has written (SQLite's total_changes()). */
export function startCheckpointer(file: string, changes: () => number, onError: (e: Error) => void, timing: CheckpointTiming = {}): Checkpointer {
  const everyMs = timing.everyMs ?? 1000;
  const burstRows = timing.burstRows ?? 500;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | undefined;
  let seen = 0;
  let last = Date.now();
  let busy = false;
  let closed = false;
  let quiet = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (busy || closed) return;
    const now = changes();
    if (now === seen) {
      // Everything written was handed to a checkpoint: after a while, stop looking.
      if (++quiet >= QUIET_TICKS) {
        clearInterval(timer);
        timer = undefined;
      }
      return;
    }
    quiet = 0;
    // Under a burst of writes the WAL grows by thousands of pages a second: copy it as it comes
    // (every `burstRows` rows written), or the main connection's bound (db.ts) is crossed and the
    // commit that crosses it checkpoints on the event loop. Otherwise once every `everyMs`.
    const t = Date.now();
    if (now - seen < burstRows && t - last < everyMs) return;
    seen = now;
    last = t;
    busy = true;
    if (!worker) {
      worker = new Worker(WORKER, { eval: true, workerData: { driver, file, nice: WORKER_NICE } });
      worker.unref();
      worker.on('message', (m: { error: string | null }) => {
        busy = false;
        if (m.error) onError(new Error(`WAL checkpoint failed: ${m.error}`));
      });
      worker.on('error', (e) => {
        busy = false;
        worker = undefined;
        onError(e);
      });
    }
    worker.postMessage('checkpoint');
  };
  const start = () => {
    quiet = 0;
    timer = setInterval(tick, Math.min(everyMs, TICK_MS));
    timer.unref();
  };
  start();
  return {
    poke() {
      // Only rows written since the last checkpoint began restart it (a statement that wrote none,
      // such as the delivery worker's empty claim five times a second, does not). A statement pokes
      // before it runs, so its own rows start the ticker at the next statement (its COMMIT).
      if (!timer && !closed && changes() !== seen) start();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      timer = undefined;
      const w = worker;
      worker = undefined;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage('close');
      // A checkpoint in flight finishes first; the thread then closes its connection and exits.
      const timeout = setTimeout(() => void w.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
