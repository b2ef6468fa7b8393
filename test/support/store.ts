import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { freshDatabase, type TestDatabase } from './database.js';

/**
 * A migrated store on a fresh database, opened before the file's (or the describe's) tests and
 * closed and dropped after them: for tests of the store itself, below caja.
 */
export function storeTestbed(opts: { poolSize: number }): { readonly store: Store; readonly db: TestDatabase } {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await freshDatabase();
    store = openStore({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, poolSize: opts.poolSize });
    await migrate(store);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });
  return {
    get store() {
      return store;
    },
    get db() {
      return db;
    },
  };
}
