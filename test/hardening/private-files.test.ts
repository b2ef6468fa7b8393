import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../src/config/admin-token.js';
import { openStore } from '../../src/store/db.js';

/** Issue 12: the SQLite file holds webhook secrets; it, its WAL and SHM, the admin token and the data directory are the user's only. */
describe('secrets on disk', () => {
  const mode = (p: string) => fs.statSync(p).mode & 0o777;

  it('a new data directory is 0700; caja.db, its WAL and SHM and admin-token are 0600 whatever the umask', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-perm-'));
    const dir = path.join(parent, 'data');
    const old = process.umask(0o022);
    try {
      const store = openStore({ dataDir: dir });
      await store.db.schema.createTable('t').addColumn('a', 'integer').execute();
      expect(mode(dir)).toBe(0o700);
      for (const f of ['caja.db', 'caja.db-wal', 'caja.db-shm']) expect(mode(path.join(dir, f)), f).toBe(0o600);
      const token = resolveAdminToken(undefined, dir);
      expect(mode(token.file!)).toBe(0o600);
      await store.close();
    } finally {
      process.umask(old);
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it("an existing data directory of caja's, made before this rule, is tightened at start", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-perm-'));
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'caja.db'), '');
    fs.chmodSync(path.join(dir, 'caja.db'), 0o644);
    try {
      const store = openStore({ dataDir: dir });
      await store.close();
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, 'caja.db'))).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
