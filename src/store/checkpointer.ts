import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

// Plain CommonJS so the worker needs no TypeScript loader. Its own connection
// runs PASSIVE checkpoints: they copy WAL frames into the database and fsync
// it without taking the writer lock, so requests on the main thread never wait
// on them; busy_timeout 0 skips a round rather than waiting.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const run = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    run();
    db.close();
    parentPort.close();
  }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * SQLite checkpoints off the event loop. With the default auto-checkpoint, the
 * commit that fills 1,000 WAL pages copies them into the database and fsyncs it
 * on the main thread: measured as whole-process stalls of 0.2-1.1 s under load
 * (issue 16). The main connection keeps only a far backstop (db.ts); this
 * worker checkpoints every `everyMs`, so the WAL stays small and is reused.
 */
export function startCheckpointer(dataDir: string, onError: (message: string) => void, everyMs = 1000): Checkpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file: path.join(dataDir, 'caja.db'), everyMs } });
  worker.unref();
  worker.on('message', (m: { error?: string }) => m.error && onError(m.error));
  worker.on('error', (e) => onError(e.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      await worker.terminate();
    },
  };
}
