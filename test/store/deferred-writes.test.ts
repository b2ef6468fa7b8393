import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { openStore, type Store, type Tx } from '../../src/store/db.js';
import { deferWrite } from '../../src/store/deferred.js';
import { migrate } from '../../src/store/migrate.js';
import { prepared } from '../../src/store/prepared.js';
import { freshDatabase, testDialect, type TestDatabase } from '../support/database.js';

const insertSetting = prepared({ key: true, value: true }, (db, p: { key: string; value: string }) => db.insertInto('settings').values(p));
const put = (tx: Tx, key: string, value = 'v') => insertSetting.write(tx.ex, { key, value });
const get = (tx: Tx, key: string) => tx.ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();

/** Write system calls on sockets made by this process while `fn` runs: on PostgreSQL, one per round trip. */
async function socketWrites<T>(fn: () => Promise<T>): Promise<{ value: T; writes: number }> {
  const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
  const [write, writev] = [proto._write, proto._writev];
  let writes = 0;
  proto._write = function (this: unknown, ...a: unknown[]) {
    writes++;
    return write.apply(this, a);
  };
  proto._writev = function (this: unknown, ...a: unknown[]) {
    writes++;
    return writev.apply(this, a);
  };
  try {
    return { value: await fn(), writes };
  } finally {
    [proto._write, proto._writev] = [write, writev];
  }
}

// A deferred write (store/deferred.ts) on PostgreSQL is held and sent with the transaction's next
// statement (store/pg-client.ts); on SQLite it runs at once. What a transaction commits, reads and
// fails with is the same on both; only the round trips differ.
describe('deferred writes', () => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await freshDatabase();
    // One connection: every transaction below reuses what the previous one left on it.
    store = openStore({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, poolSize: 1 });
    await migrate(store);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });
  afterEach(async () => {
    await store.db.deleteFrom('settings').execute();
  });
  const stored = async () => (await store.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()).map((r) => `${r.key}=${r.value}`);

  it('are read by the same transaction, commit with it, and on PostgreSQL go with the next statement: BEGIN, two writes and a read in one round trip', async () => {
    await store.transaction(async (tx) => get(tx, 'warm')); // the connection is open and its statements named
    const { value, writes } = await socketWrites(() =>
      store.transaction(async (tx) => {
        await put(tx, 'a');
        await deferWrite(tx.ex, tx.ex.insertInto('settings').values({ key: 'b', value: 'w' }));
        return get(tx, 'b');
      }),
    );
    expect(value).toEqual({ value: 'w' });
    expect(await stored()).toEqual(['a=v', 'b=w']);
    // PostgreSQL: [BEGIN, insert, insert, select] then [COMMIT]; unheld, 5. SQLite opens no socket.
    expect(writes).toBe(testDialect === 'postgres' ? 2 : 0);
  });

  it('that end a transaction go with its COMMIT', async () => {
    await store.transaction(async (tx) => get(tx, 'warm'));
    const { writes } = await socketWrites(() =>
      store.transaction(async (tx) => {
        await get(tx, 'x');
        await put(tx, 'c1');
        await put(tx, 'c2');
      }),
    );
    expect(await stored()).toEqual(['c1=v', 'c2=v']);
    expect(writes).toBe(testDialect === 'postgres' ? 2 : 0);
  });

  it('a transaction that sent nothing ends without a round trip', async () => {
    await store.transaction(async (tx) => get(tx, 'warm'));
    const { writes } = await socketWrites(async () => {
      await store.transaction(async () => undefined);
      await expect(
        store.transaction(async (tx) => {
          await put(tx, 'never');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    });
    expect(writes).toBe(0);
    expect(await stored()).toEqual([]);
  });

  it('one that fails fails the transaction with its own error (not the aborted transaction\'s), at the next statement, and nothing is kept', async () => {
    await store.db.insertInto('settings').values({ key: 'taken', value: 'v' }).execute();
    const reads: unknown[] = [];
    const failure = await store
      .transaction(async (tx) => {
        await put(tx, 'fresh');
        await put(tx, 'taken'); // PostgreSQL: held, it fails with the read below
        reads.push(await get(tx, 'fresh'));
      })
      .catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toMatch(testDialect === 'postgres' ? /^23505$/ : /^SQLITE_CONSTRAINT/);
    expect(reads).toEqual([]);
    expect(await stored()).toEqual(['taken=v']);
    // The connection goes on.
    await store.transaction(async (tx) => put(tx, 'after'));
    expect(await stored()).toEqual(['after=v', 'taken=v']);
  });

  it('one that fails at the COMMIT fails the transaction with its own error; the COMMIT kept nothing', async () => {
    await store.db.insertInto('settings').values({ key: 'taken', value: 'v' }).execute();
    const failure = await store
      .transaction(async (tx) => {
        await get(tx, 'x');
        await put(tx, 'fresh');
        await put(tx, 'taken');
      })
      .catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toMatch(testDialect === 'postgres' ? /^23505$/ : /^SQLITE_CONSTRAINT/);
    expect(await stored()).toEqual(['taken=v']);
    await store.transaction(async (tx) => put(tx, 'after'));
    expect(await stored()).toEqual(['after=v', 'taken=v']);
  });

  it('ROLLBACK TO SAVEPOINT undoes the ones held since the savepoint, and the transaction goes on', async () => {
    await store.db.insertInto('settings').values({ key: 'taken', value: 'v' }).execute();
    await store.transaction(async (tx) => {
      await put(tx, 'before');
      await sql`SAVEPOINT s`.execute(tx.ex);
      await put(tx, 'undone');
      // PostgreSQL holds it (it would fail the transaction if it were sent); SQLite refuses it at once.
      await put(tx, 'taken').catch((e: unknown) => {
        if (testDialect === 'postgres') throw e;
      });
      await sql`ROLLBACK TO SAVEPOINT s`.execute(tx.ex);
      await sql`RELEASE SAVEPOINT s`.execute(tx.ex);
      await put(tx, 'after');
    });
    expect(await stored()).toEqual(['after=v', 'before=v', 'taken=v']);
  });

  it('is on by default; CAJA_PG_PIPELINE=off sends every statement on its own', async () => {
    const on = loadConfig({});
    const off = loadConfig({ CAJA_PG_PIPELINE: 'off' });
    expect(on.ok && on.value.pgPipeline).toBe(true);
    expect(off.ok && off.value.pgPipeline).toBe(false);
    const plain = openStore({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, poolSize: 1, pgPipeline: false });
    try {
      await plain.transaction(async (tx) => get(tx, 'warm'));
      const { value, writes } = await socketWrites(() =>
        plain.transaction(async (tx) => {
          await put(tx, 'p1');
          await put(tx, 'p2');
          return get(tx, 'p2');
        }),
      );
      expect(value).toEqual({ value: 'v' });
      // BEGIN, two inserts, the select, COMMIT.
      expect(writes).toBe(testDialect === 'postgres' ? 5 : 0);
    } finally {
      await plain.close();
    }
    expect(await stored()).toEqual(['p1=v', 'p2=v']);
  });

  it('outside a transaction, one runs at once', async () => {
    await insertSetting.write(store.db, { key: 'now', value: 'v' });
    await deferWrite(store.db, store.db.insertInto('settings').values({ key: 'now2', value: 'v' }));
    expect(await stored()).toEqual(['now=v', 'now2=v']);
  });
});
