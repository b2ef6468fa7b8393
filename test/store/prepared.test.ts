import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { prepared } from '../../src/store/prepared.js';
import type { SellerRow } from '../../src/store/repos/sellers.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

// Two values of one type in one query: swapping them is still valid SQL, so only the rows tell.
const pair = prepared({ key: true, value: true }, (db, p: { key: string; value: string }) =>
  db.selectFrom('settings').select(['key', 'value']).where('key', '=', p.key).where('value', '=', p.value),
);
// The values in another order than the SQL's, and a constant Kysely binds itself.
const rename = prepared({ to: true, from: true }, (db, p: { from: string; to: string }) =>
  db.updateTable('settings').set({ value: p.to }).where('value', '=', p.from).where('key', '!=', 'never'),
);
const insertSetting = prepared({ key: true, value: true }, (db, p: { key: string; value: string }) => db.insertInto('settings').values(p));
const insertSeller = prepared(
  { id: true, site_id: true, name: true, nickname: true, email: true, application_id: true, public_key: true, webhook_secret: true, clock_offset_ms: true, created_at: true },
  (db, row: SellerRow) => db.insertInto('sellers').values(row),
);

describe('prepared queries (store/prepared.ts)', () => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await freshDatabase();
    store = openStore({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    await migrate(store);
    await store.db.insertInto('settings').values([{ key: 'x', value: 'y' }, { key: 'y', value: 'x' }]).execute();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('puts each value in its own place, every time', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await pair.run(store.db, { key: 'x', value: 'y' })).rows).toEqual([{ key: 'x', value: 'y' }]);
      expect((await pair.run(store.db, { value: 'x', key: 'y' })).rows).toEqual([{ key: 'y', value: 'x' }]);
      expect((await pair.run(store.db, { key: 'x', value: 'x' })).rows).toEqual([]);
    }
  });

  it('an update answers the rows it changed, as Kysely does', async () => {
    await insertSetting.run(store.db, { key: 'r1', value: 'old' });
    await insertSetting.run(store.db, { key: 'r2', value: 'old' });
    const r = await rename.run(store.db, { from: 'old', to: 'new' });
    expect(r.numAffectedRows).toBe(2n);
    expect((await pair.run(store.db, { key: 'r2', value: 'new' })).rows).toHaveLength(1);
    expect((await rename.run(store.db, { from: 'old', to: 'new' })).numAffectedRows).toBe(0n);
  });

  it("runs on a transaction's connection: its reads see its writes, a rollback undoes them", async () => {
    await expect(
      store.transaction(async (tx) => {
        await insertSetting.run(tx.ex, { key: 'tx', value: 'pending' });
        expect((await pair.run(tx.ex, { key: 'tx', value: 'pending' })).rows).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await pair.run(store.db, { key: 'tx', value: 'pending' })).rows).toEqual([]);
  });

  it('an undefined value is left to Kysely, which leaves the column out (its default applies)', async () => {
    const row = { id: 9001, site_id: 'MLA', name: 'n', nickname: 'N', email: 'e', application_id: 1, public_key: 'p', webhook_secret: 's', created_at: 1 };
    await insertSeller.run(store.db, { ...row, clock_offset_ms: undefined as unknown as number });
    const got = await store.db.selectFrom('sellers').selectAll().where('id', '=', 9001).executeTakeFirstOrThrow();
    expect(Number(got.clock_offset_ms)).toBe(0);
  });

  it('refuses, on first use, a value the builder consumed instead of binding it', () => {
    const bad = prepared({ id: true }, (db, p: { id: number }) => db.selectFrom('sellers').selectAll().where('id', '=', Number(p.id) + 1));
    expect(() => bad.run(store.db, { id: 1 })).toThrow(/does not use id/);
  });
});
