import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

// SQLite only, whatever the project: on PostgreSQL there is no WAL of caja's to checkpoint.
describe('SQLite checkpoints', () => {
  it('a commit never checkpoints; the background thread copies the WAL into the database file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-ckpt-'));
    const store = openStore({ dataDir: dir });
    try {
      await migrate(store);
      const dbSize = () => fs.statSync(path.join(dir, 'caja.db')).size;
      const before = dbSize();
      for (let i = 0; i < 50; i++) {
        await store.transaction(async (tx) => {
          for (let j = 0; j < 40; j++) await tx.ex.insertInto('settings').values({ key: `k-${i}-${j}`, value: 'x'.repeat(3000) }).execute();
        });
      }
      // About 6 MB committed, past the default auto-checkpoint's 1000 pages: still all in the WAL.
      expect(dbSize()).toBe(before);
      const deadline = Date.now() + 10_000;
      while (dbSize() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(dbSize()).toBeGreaterThan(before + 5_000_000);
      const n = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k-%'`.execute(store.db);
      expect(Number(n.rows[0]!.n)).toBe(2000);
    } finally {
      await store.close();
    }
    // Closed cleanly: the WAL was folded in and removed, and the thread is gone (the file opens alone).
    expect(fs.existsSync(path.join(dir, 'caja.db-wal'))).toBe(false);
  });
});
