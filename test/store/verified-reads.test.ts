import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { prepared } from '../../src/store/prepared.js';
import { isStaleRead, verifiedRead, VerifiedReads } from '../../src/store/verified-reads.js';
import { testDialect } from '../support/database.js';
import { storeTestbed } from '../support/store.js';
import { recorded } from '../support/statements.js';

const setting = prepared({ key: true }, (db, p: { key: string }) => db.selectFrom('settings').select(['key', 'value']).where('key', '=', p.key));

describe('VerifiedReads', () => {
  it('starts again past its capacity', () => {
    const cache = new VerifiedReads(2);
    cache.set('a', 1, 'fa');
    cache.set('b', 2, 'fb');
    cache.set('b', 3, 'fb2');
    expect(cache.size).toBe(2);
    cache.set('c', 4, 'fc');
    expect(cache.size).toBe(1);
    expect(cache.get('c')).toEqual({ row: 4, fp: 'fc' });
  });
  it('knows a failed check from other errors', () => {
    expect(isStaleRead({ code: '22P02', message: 'invalid input syntax for type integer: "caja: stale read"' })).toBe(true);
    expect(isStaleRead({ code: '22P02', message: 'invalid input syntax for type integer: "x"' })).toBe(false);
    expect(isStaleRead(new Error('caja: stale read'))).toBe(false);
  });
});

describe('a verified read in a transaction', () => {
  const t = storeTestbed({ poolSize: 1 });
  let store: Store;
  beforeAll(async () => {
    store = t.store;
    await store.db.insertInto('settings').values({ key: 'vr', value: 'one' }).execute();
  });

  const read = () => store.transaction(async (tx) => ({ row: await verifiedRead(tx.ex, tx.reads, setting, { key: 'vr' }, 'vr'), remembered: tx.reads !== undefined }));

  it('is read once, then checked with the next statement; a changed row runs the transaction again with a fresh read', async () => {
    expect((await read()).row).toEqual({ key: 'vr', value: 'one' });
    const again = await recorded(read);
    expect(again.value.row).toEqual({ key: 'vr', value: 'one' });
    // Only PostgreSQL remembers (with held statements); SQLite reads every time.
    expect(again.value.remembered).toBe(testDialect === 'postgres');
    if (testDialect === 'postgres') expect(again.texts).toEqual([expect.stringMatching(/^\/\* check \*\/ select cast\(case when exists \(select 1 from \(select "key", "value" from "settings"/)]);
    await store.db.updateTable('settings').set({ value: 'two' }).where('key', '=', 'vr').execute();
    let attempts = 0;
    const changed = await recorded(() =>
      store.transaction(async (tx) => {
        attempts++;
        return verifiedRead(tx.ex, tx.reads, setting, { key: 'vr' }, 'vr');
      }),
    );
    // The first attempt answered the remembered row and its COMMIT's check failed: nothing it did counts.
    expect(changed.value).toEqual({ key: 'vr', value: 'two' });
    expect(attempts).toBe(testDialect === 'postgres' ? 2 : 1);
    expect((await read()).row).toEqual({ key: 'vr', value: 'two' });
  });

  it('a row gone: undefined, and nothing remembered for it', async () => {
    await store.db.deleteFrom('settings').where('key', '=', 'vr').execute();
    expect((await read()).row).toBeUndefined();
    expect((await read()).row).toBeUndefined();
  });
});
