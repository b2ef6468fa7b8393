import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyConflict, openStore, type Store, type Tx } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { loadConfig } from '../../src/config/config.js';

// SQLite only, whatever the project: group commit is the SQLite store's (src/store/group-commit.ts).
describe('SQLite group commit: transactions asked for in one turn share one COMMIT, each in its own savepoint', () => {
  let dir: string;
  let store: Store;
  /** Another connection to the same file: it sees only what is committed. */
  let reader: Database.Database;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-group-'));
    store = openStore({ dataDir: dir });
    await migrate(store);
    reader = new Database(path.join(dir, 'caja.db'), { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const put = (tx: Tx, key: string) => tx.ex.insertInto('settings').values({ key, value: 'v' }).execute();
  const committed = (key: string) => reader.prepare('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined;

  it('answers each transaction only once its COMMIT is done, and the ones that queued behind the first share it', async () => {
    const seenUncommitted: boolean[] = [];
    const answers = Array.from({ length: 20 }, (_, i) =>
      store
        .transaction(async (tx) => {
          await put(tx, `k${i}`);
          // The first transaction's row, read from another connection while a later one runs in the same group.
          if (i > 0) seenUncommitted.push(!committed('k0'));
          await new Promise((r) => setImmediate(r));
          return i;
        })
        .then((v) => {
          // Acknowledged: durable, visible to anyone.
          expect(committed(`k${v}`)).toBe(true);
          return v;
        }),
    );
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // At least some later transactions ran before the first one's COMMIT: they were grouped with it.
    expect(seenUncommitted.some(Boolean)).toBe(true);
  });

  it('groups what one turn of the event loop asks for, with no waiting inside the transactions, and commits a lone one alone', async () => {
    const stats = store.groupCommit!;
    const before = { ...stats };
    // Each asked for from its own callback of one turn, as the requests the event loop reads in one turn are.
    // better-sqlite3 answers in promise callbacks: started at once, each would reach its COMMIT before the next callback ran.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => new Promise<void>((done, fail) => setImmediate(() => store.transaction((tx) => put(tx, `t${i}`)).then(() => done(), fail)))),
    );
    expect(stats.groups - before.groups).toBe(1);
    expect(stats.members - before.members).toBe(10);
    await store.transaction((tx) => put(tx, 'lone'));
    expect(stats.groups - before.groups).toBe(2);
    expect(stats.members - before.members).toBe(11);
    for (let i = 0; i < 10; i++) expect(committed(`t${i}`)).toBe(true);
  });

  it('caps a group at 64 transactions: the rest commit in the next', async () => {
    const stats = store.groupCommit!;
    const before = { ...stats };
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.transaction((tx) => put(tx, `c${i}`))));
    // Two groups, or more when the machine is slow enough for a group's 10 ms to end it first.
    expect(stats.groups - before.groups).toBeGreaterThanOrEqual(2);
    expect(stats.largest).toBeLessThanOrEqual(64);
    expect(stats.members - before.members).toBe(100);
  });

  it('is on by default and CAJA_SQLITE_GROUP_COMMIT=off commits each transaction alone', async () => {
    const on = loadConfig({});
    expect(on.ok && on.value.sqliteGroupCommit).toBe(true);
    const off = loadConfig({ CAJA_SQLITE_GROUP_COMMIT: 'off' });
    expect(off.ok && off.value.sqliteGroupCommit).toBe(false);
    const aloneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-alone-'));
    const alone = openStore({ dataDir: aloneDir, groupCommit: false });
    try {
      expect(alone.groupCommit).toBeUndefined();
      await migrate(alone);
      await alone.transaction((tx) => put(tx, 'x'));
    } finally {
      await alone.close();
      fs.rmSync(aloneDir, { recursive: true, force: true });
    }
  });

  it('a transaction that throws rolls back alone; the others of its group commit', async () => {
    const boom = new Error('refused');
    const results = await Promise.allSettled([
      store.transaction((tx) => put(tx, 'a')),
      store.transaction(async (tx) => {
        await put(tx, 'b');
        throw boom;
      }),
      store.transaction((tx) => put(tx, 'c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBe(boom);
    expect([committed('a'), committed('b'), committed('c')]).toEqual([true, false, true]);
  });

  it('a lost compare-and-set runs again in a fresh savepoint; the first attempt leaves nothing', async () => {
    let attempts = 0;
    const hooks: string[] = [];
    const [, second] = await Promise.all([
      store.transaction((tx) => put(tx, 'other')),
      store.transaction(async (tx) => {
        attempts++;
        await put(tx, `attempt${attempts}`);
        tx.onCommit(() => hooks.push(`attempt${attempts}`));
        if (attempts === 1) throw new ConcurrencyConflict('probe');
        return 'done';
      }),
    ]);
    expect(second).toBe('done');
    expect(attempts).toBe(2);
    expect([committed('attempt1'), committed('attempt2'), committed('other')]).toEqual([false, true, true]);
    expect(hooks).toEqual(['attempt2']);
  });

  it('a transaction whose failure took the whole database transaction with it fails its group with its own error', async () => {
    const boom = new Error('disk full, say');
    const results = await Promise.allSettled([
      store.transaction((tx) => put(tx, 'before-loss')),
      store.transaction(async (tx) => {
        await put(tx, 'lost');
        // As SQLite does on SQLITE_FULL or SQLITE_IOERR: the transaction is gone, savepoints and all.
        await sql`ROLLBACK`.execute(tx.ex);
        throw boom;
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason)).toEqual([boom, boom]);
    expect([committed('before-loss'), committed('lost')]).toEqual([false, false]);
    await store.transaction((tx) => put(tx, 'after-loss'));
    expect(committed('after-loss')).toBe(true);
  });

  it('a COMMIT that fails fails every transaction of the group, and keeps none of their writes', async () => {
    const results = await Promise.allSettled([
      store.transaction(async (tx) => {
        // A credential of a seller that does not exist, its check deferred to COMMIT.
        await sql`PRAGMA defer_foreign_keys = ON`.execute(tx.ex);
        await tx.ex.insertInto('credentials').values({ token_hash: 'h', seller_id: 424242, kind: 'access_token', created_at: 0 }).execute();
        await new Promise((r) => setImmediate(r));
      }),
      store.transaction((tx) => put(tx, 'grouped')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committed('grouped')).toBe(false);
    // The store goes on: the next transaction commits.
    await store.transaction((tx) => put(tx, 'after'));
    expect(committed('after')).toBe(true);
  });
});
