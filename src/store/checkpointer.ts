import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL is copied back into the database file by a checkpoint, which
 * writes the pages and fsyncs the file. With the default auto-checkpoint it
 * runs inside whichever COMMIT crosses 1000 pages: on the event loop, every
 * few hundred creates, stalling every request in flight for the length of a
 * write and an fsync (the create p99 stall, docs/PERFORMANCE.md). Here the
 * main connection checkpoints only past a far higher bound (db.ts); a worker
 * thread with its own connection
 * runs a PASSIVE checkpoint (never waits for, and never blocks, the writer)
 * once a second when something was written. The thread starts on the first
 * tick with writes, so short-lived stores (tests) never start one. Closing the
 * main connection (the last one) checkpoints what is left, as before.
 */
export interface Checkpointer {
  close(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  let error = null;
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { error = String(e && e.message || e); }
  parentPort.postMessage({ error });
});
`;

/** `changes` counts the rows the main connection has written (SQLite's total_changes()). */
export function startCheckpointer(file: string, changes: () => number, onError: (e: Error) => void, everyMs = 1000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | undefined;
  let seen = 0;
  let busy = false;
  let closed = false;
  const tick = () => {
    if (busy || closed) return;
    const now = changes();
    if (now === seen) return;
    seen = now;
    busy = true;
    if (!worker) {
      worker = new Worker(WORKER, { eval: true, workerData: { driver, file } });
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
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async close() {
      closed = true;
      clearInterval(timer);
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
