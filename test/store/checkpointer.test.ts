import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { startCheckpointer, type CheckpointTiming } from '../../src/store/checkpointer.js';
import { until } from '../support/receiver.js';

/** About 6 MB of commits: past the default auto-checkpoint's 1000 pages, within caja's 10,000. */
async function write(store: Store): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await store.transaction(async (tx) => {
      for (let j = 0; j < 40; j++) await tx.ex.insertInto('settings').values({ key: `k-${i}-${j}`, value: 'x'.repeat(3000) }).execute();
    });
  }
}

async function withStore(checkpoints: CheckpointTiming, fn: (store: Store, dbSize: () => number) => Promise<void>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-ckpt-'));
  const store = openStore({ dataDir: dir, checkpoints });
  try {
    await migrate(store);
    await fn(store, () => fs.statSync(path.join(dir, 'caja.db')).size);
  } finally {
    await store.close();
  }
  return dir;
}

// SQLite only, whatever the project: on PostgreSQL there is no WAL of caja's to checkpoint.
describe('SQLite checkpoints', () => {
  it('a quiet store stops looking at what it wrote after a second; a statement after a write starts it again, one after none does not', async () => {
    let looks = 0;
    let written = 0;
    // No checkpoint is ever due (an hour, no burst), so no thread opens the file: only the ticker runs.
    const checkpointer = startCheckpointer(path.join(os.tmpdir(), 'caja-ckpt-never', 'caja.db'), () => (looks++, written), () => {}, { everyMs: 3_600_000, burstRows: Infinity });
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      await until(async () => {
        const before = looks;
        await pause(200);
        return looks === before;
      }, 5_000, 'the ticker to stop');
      const stopped = looks;
      expect(stopped).toBeGreaterThanOrEqual(20);
      await pause(300);
      expect(looks).toBe(stopped);
      // A statement that wrote nothing since leaves it stopped.
      checkpointer.poke();
      await pause(300);
      expect(looks).toBe(stopped + 1);
      written = 1;
      checkpointer.poke();
      checkpointer.poke();
      await until(() => looks >= stopped + 6, 2_000, 'the ticker to start again');
    } finally {
      await checkpointer.close();
    }
  });

  it('commits do not checkpoint (on the event loop) at the default\'s 1000 pages', async () => {
    await withStore({ everyMs: 3_600_000, burstRows: Infinity }, async (store, dbSize) => {
      const before = dbSize();
      await write(store);
      expect(dbSize()).toBe(before);
    });
  });

  it('a burst of writes is copied as it comes, without waiting for the next second', async () => {
    await withStore({ everyMs: 3_600_000, burstRows: 500 }, async (store, dbSize) => {
      const before = dbSize();
      await write(store);
      const deadline = Date.now() + 20_000;
      while (dbSize() < before + 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(dbSize()).toBeGreaterThan(before + 5_000_000);
    });
  });

  // Linux only: elsewhere caja leaves the thread's priority as it is (and /proc is not there).
  it.skipIf(process.platform !== 'linux')('the copying thread runs at the lowest priority, the event loop at its own', async () => {
    const nice = (task: string) => {
      const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const main = nice(String(process.pid));
    await withStore({ everyMs: 3_600_000, burstRows: 500 }, async (store) => {
      await write(store);
      await until(() => fs.readdirSync('/proc/self/task').some((t) => nice(t) === 19), 10_000, 'a thread at nice 19');
      expect(nice(String(process.pid))).toBe(main);
    });
  });

  it('the background thread copies the WAL into the database file; closing folds in the rest', async () => {
    const dir = await withStore({ everyMs: 100, burstRows: Infinity }, async (store, dbSize) => {
      const before = dbSize();
      await write(store);
      const deadline = Date.now() + 20_000;
      while (dbSize() < before + 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(dbSize()).toBeGreaterThan(before + 5_000_000);
      const n = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k-%'`.execute(store.db);
      expect(Number(n.rows[0]!.n)).toBe(2000);
    });
    expect(fs.existsSync(path.join(dir, 'caja.db-wal'))).toBe(false);
  });
});
