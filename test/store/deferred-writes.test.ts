import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { openStore, type Store, type Tx } from '../../src/store/db.js';
import { DEFERRED, deferWrite } from '../../src/store/deferred.js';
import { mergeInserts } from '../../src/store/pg-client.js';
import { prepared } from '../../src/store/prepared.js';
import { testDialect, type TestDatabase } from '../support/database.js';
import { recorded } from '../support/statements.js';
import { storeTestbed } from '../support/store.js';

const insertSetting = prepared({ key: true, value: true }, (db, p: { key: string; value: string }) => db.insertInto('settings').values(p));
const put = (tx: Tx, key: string, value = 'v') => insertSetting.write(tx.ex, { key, value });
const get = (tx: Tx, key: string) => tx.ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();



/** A deferred write of raw SQL text in the shape Kysely compiles an insert to (`$n` becomes `?` on SQLite). */
const deferRaw = (tx: Tx, text: string, values: unknown[]) =>
  tx.ex.executeQuery(CompiledQuery.raw(DEFERRED + (testDialect === 'postgres' ? text : text.replace(/\$\d+/g, '?')), values));

describe('mergeInserts', () => {
  const ins = (table: string, n: number, from = 1) => ({ text: `insert into "${table}" ("a", "b") values ${Array.from({ length: n }, (_, i) => `($${from + 2 * i}, $${from + 2 * i + 1})`).join(', ')}`, values: Array.from({ length: 2 * n }, (_, i) => `${table}${i}`) });
  it('makes one statement of consecutive plain inserts, renumbering each one\'s parameters after the ones before it', () => {
    const merged = mergeInserts([{ text: 'begin', values: undefined }, ins('t1', 1), ins('t2', 2), ins('t3', 1)]);
    expect(merged).toEqual([
      { text: 'begin', values: undefined },
      { text: 'with "w0" as (insert into "t1" ("a", "b") values ($1, $2)), "w1" as (insert into "t2" ("a", "b") values ($3, $4), ($5, $6)) insert into "t3" ("a", "b") values ($7, $8)', values: ['t10', 't11', 't20', 't21', 't22', 't23', 't30', 't31'] },
    ]);
  });
  const check = (n: number) => ({ text: `/* check */ select cast(case when exists (select 1 from "t" where "a" = $1) then '1' else 'caja: stale read' end as int) as ok`, values: [`k${n}`] });
  it('takes the checks held just before a run into its statement, read by the last insert\'s RETURNING', () => {
    expect(mergeInserts([check(1), ins('t1', 1), ins('t2', 1)])).toEqual([
      {
        text: `with "c0" as (select cast(case when exists (select 1 from "t" where "a" = $1) then '1' else 'caja: stale read' end as int) as ok), "w0" as (insert into "t1" ("a", "b") values ($2, $3)) insert into "t2" ("a", "b") values ($4, $5) returning (select ok from "c0")`,
        values: ['k1', 't10', 't11', 't20', 't21'],
      },
    ]);
    // Two checks and one insert: both are read.
    expect(mergeInserts([check(1), check(2), ins('t1', 1)])[0]!.text).toMatch(/^with "c0" as \(.*\$1.*\), "c1" as \(.*\$2.*\) insert into "t1" \("a", "b"\) values \(\$3, \$4\) returning \(select ok from "c0"\) \+ \(select ok from "c1"\)$/);
  });
  it('keeps a check that no insert follows, or that follows one, as its own statement', () => {
    const update = { text: 'update "t" set "a" = $1 where "b" = $2', values: [1, 2] };
    expect(mergeInserts([check(1)])).toEqual([check(1)]);
    expect(mergeInserts([check(1), update, ins('t1', 1)])).toEqual([check(1), update, ins('t1', 1)]);
    expect(mergeInserts([ins('t1', 1), check(1)])).toEqual([ins('t1', 1), check(1)]);
  });
  it('keeps everything else as it is, and in order: an update, an insert with a literal, a select or ON CONFLICT ends a run', () => {
    const others = [
      { text: 'update "t" set "a" = $1 where "b" = $2', values: [1, 2] },
      { text: `insert into "t" ("a", "b") values ($1, 'x')`, values: [1] },
      { text: 'insert into "t" ("a", "b") select "a", "b" from "u" where "c" = $1', values: [1] },
      { text: 'insert into "t" ("a", "b") values ($1, $2) on conflict do nothing', values: [1, 2] },
      { text: 'insert into "t" ("a", "b") values ($1, $2) returning "a"', values: [1, 2] },
    ];
    for (const other of others) {
      const batch = [ins('t1', 1), other, ins('t2', 1)];
      expect(mergeInserts(batch)).toEqual(batch);
    }
  });
  it('starts a new statement before PostgreSQL\'s 65,535 parameters', () => {
    const merged = mergeInserts([ins('t1', 20_000), ins('t2', 20_000), ins('t3', 1)]);
    expect(merged.map((m) => m.values!.length)).toEqual([40_000, 40_002]);
    expect(merged[1]!.text).toMatch(/^with "w0" as \(insert into "t2" .*\) insert into "t3" \("a", "b"\) values \(\$40001, \$40002\)$/);
  });
});

// A deferred write (store/deferred.ts) on PostgreSQL is held and sent with the transaction's next
// statement (store/pg-client.ts); on SQLite it runs at once. What a transaction commits, reads and
// fails with is the same on both; only the round trips differ.
describe('deferred writes', () => {
  // One connection: every transaction below reuses what the previous one left on it.
  const t = storeTestbed({ poolSize: 1 });
  let store: Store;
  let db: TestDatabase;
  beforeAll(() => {
    ({ store, db } = t);
  });
  afterEach(async () => {
    await store.db.deleteFrom('settings').execute();
  });
  const stored = async () => (await store.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()).map((r) => `${r.key}=${r.value}`);

  it('are read by the same transaction, commit with it, and on PostgreSQL go with the next statement: BEGIN, two writes and a read in one round trip', async () => {
    await store.transaction(async (tx) => get(tx, 'warm')); // the connection is open and its statements named
    const { value, writes } = await recorded(() =>
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
    const { writes } = await recorded(() =>
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
    const { writes } = await recorded(async () => {
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

  it('that are consecutive plain inserts go as one statement on PostgreSQL: the same rows, a foreign key checked at its end, a duplicate still 23505', async () => {
    await sql`CREATE TABLE IF NOT EXISTS merge_parent (id TEXT PRIMARY KEY, n BIGINT NOT NULL)`.execute(store.db);
    await sql`CREATE TABLE IF NOT EXISTS merge_child (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES merge_parent (id))`.execute(store.db);
    await store.transaction(async (tx) => get(tx, 'warm'));
    const { texts } = await recorded(() =>
      store.transaction(async (tx) => {
        await deferRaw(tx, 'insert into "merge_parent" ("id", "n") values ($1, $2), ($3, $4)', ['p1', 1, 'p2', 2]);
        await deferRaw(tx, 'insert into "merge_child" ("id", "parent_id") values ($1, $2)', ['c1', 'p1']);
        await put(tx, 'm1');
      }),
    );
    expect(await stored()).toEqual(['m1=v']);
    expect((await sql<{ id: string; n: number | string }>`SELECT id, n FROM merge_parent ORDER BY id`.execute(store.db)).rows.map((r) => `${r.id}:${Number(r.n)}`)).toEqual(['p1:1', 'p2:2']);
    expect((await sql<{ id: string; parent_id: string }>`SELECT id, parent_id FROM merge_child`.execute(store.db)).rows).toEqual([{ id: 'c1', parent_id: 'p1' }]);
    // PostgreSQL: the three inserts as one statement, which is the whole transaction (no BEGIN, no
    // COMMIT: one statement is its own transaction). SQLite runs each insert at once.
    expect(texts.filter((t) => t.includes('insert into')).length).toBe(testDialect === 'postgres' ? 1 : 3);
    if (testDialect === 'postgres') expect(texts.length).toBe(1);
    if (testDialect === 'postgres') expect(texts[0]).toMatch(/^with "w0" as \(insert into "merge_parent" .*\), "w1" as \(insert into "merge_child" .*\) insert into "settings" /);
    // A child whose parent is nowhere fails the whole statement; a duplicate key keeps its own code.
    const orphan = await store.transaction(async (tx) => {
      await deferRaw(tx, 'insert into "merge_parent" ("id", "n") values ($1, $2)', ['p3', 3]);
      await deferRaw(tx, 'insert into "merge_child" ("id", "parent_id") values ($1, $2)', ['c2', 'nobody']);
    }).catch((e: unknown) => e);
    expect((orphan as { code?: string }).code).toMatch(testDialect === 'postgres' ? /^23503$/ : /^SQLITE_CONSTRAINT/);
    const duplicate = await store.transaction(async (tx) => {
      await put(tx, 'm2');
      await put(tx, 'm1');
    }).catch((e: unknown) => e);
    expect((duplicate as { code?: string }).code).toMatch(testDialect === 'postgres' ? /^23505$/ : /^SQLITE_CONSTRAINT/);
    expect(await stored()).toEqual(['m1=v']);
    expect((await sql<{ id: string }>`SELECT id FROM merge_parent ORDER BY id`.execute(store.db)).rows.map((r) => r.id)).toEqual(['p1', 'p2']);
    await sql`DROP TABLE merge_child`.execute(store.db);
    await sql`DROP TABLE merge_parent`.execute(store.db);
  });

  it('is on by default; CAJA_PG_PIPELINE=off sends every statement on its own', async () => {
    const on = loadConfig({});
    const off = loadConfig({ CAJA_PG_PIPELINE: 'off' });
    expect(on.ok && on.value.pgPipeline).toBe(true);
    expect(off.ok && off.value.pgPipeline).toBe(false);
    const plain = openStore({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, poolSize: 1, pgPipeline: false });
    try {
      await plain.transaction(async (tx) => get(tx, 'warm'));
      const { value, writes } = await recorded(() =>
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

// Transactions that are one statement each, committing in the same turn of the event loop, go
// as one PostgreSQL transaction in one write (pg-client.ts commitTogether); a failing member
// sends them all again alone. SQLite has its own group commit; the outcomes are the same.
describe('one-statement transactions committed together', () => {
  const t = storeTestbed({ poolSize: 4 });
  let store: Store;
  beforeAll(async () => {
    store = t.store;
    // Every connection open and its statements named.
    await Promise.all([1, 2, 3, 4].map((i) => store.transaction(async (tx) => get(tx, `warm${i}`))));
  });
  const stored = async () => (await store.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()).map((r) => `${r.key}=${r.value}`);
  const one = (key: string) => store.transaction(async (tx) => put(tx, key));

  it('share one BEGIN, one COMMIT and one write on PostgreSQL', async () => {
    const r = await recorded(() => Promise.all([one('t1'), one('t2'), one('t3')]));
    expect(await stored()).toEqual(['t1=v', 't2=v', 't3=v']);
    if (testDialect === 'postgres') {
      expect(r.texts.map((t) => t.split(' ')[0])).toEqual(['begin', 'insert', 'insert', 'insert', 'commit']);
      expect(r.writes).toBe(1);
    }
  });

  it('a member that fails fails alone: the others are kept, it gets its own error, and nothing of it is kept', async () => {
    await one('taken');
    const r = await recorded(() => Promise.allSettled([one('u1'), one('taken'), one('u2')]));
    const [a, b, c] = r.value;
    expect(a.status).toBe('fulfilled');
    expect(c.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(((b as PromiseRejectedResult).reason as { code?: string }).code).toMatch(testDialect === 'postgres' ? /^23505$/ : /^SQLITE_CONSTRAINT/);
    expect(await stored()).toEqual(['t1=v', 't2=v', 't3=v', 'taken=v', 'u1=v', 'u2=v']);
    // PostgreSQL: the group (rolled back at the duplicate), then each member alone.
    if (testDialect === 'postgres') expect(r.texts.map((t) => t.split(' ')[0])).toEqual(['begin', 'insert', 'insert', 'insert', 'commit', 'insert', 'insert', 'insert']);
  });

  it('a lone one is sent alone, without BEGIN and COMMIT', async () => {
    const r = await recorded(() => one('lone'));
    if (testDialect === 'postgres') expect(r.texts.map((t) => t.split(' ')[0])).toEqual(['insert']);
    expect(await stored()).toContain('lone=v');
  });
});
