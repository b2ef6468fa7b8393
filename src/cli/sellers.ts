import { systemClock } from '../core/clock.js';
import { issueAccessToken } from '../domain/sellers/seller.js';
import { configOrExit } from '../server.js';
import { openStore, type Store } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { listSellers } from '../store/repos/sellers.js';

/** The database of the configuration in the environment, migrated (the same one `caja serve` uses). */
async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const config = configOrExit(process.env);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(store);
    return await run(store);
  } finally {
    await store.close();
  }
}

/** `caja sellers`: every seller, oldest first (tokens are never stored, so none is shown). */
export async function printSellers(): Promise<void> {
  const rows = await withStore((store) => listSellers(store.db, 1000, 0));
  if (rows.length === 0) {
    console.log('no sellers yet: start caja (it creates a demo seller) or POST /sandbox/sellers');
    return;
  }
  console.log('user_id     site  name');
  for (const s of rows) console.log(`${String(s.id).padEnd(11)} ${s.site_id.padEnd(5)} ${s.name}`);
  console.log('\nA new access token for one of them: caja token <user_id>');
}

/** `caja token <user_id>`: another access token for the seller; earlier ones stay valid. */
export async function printNewToken(userId: string | undefined): Promise<void> {
  if (!userId || !/^[0-9]{1,15}$/.test(userId)) {
    console.error('usage: caja token <user_id>   (caja sellers lists them)');
    process.exit(2);
  }
  const issued = await withStore((store) => store.transaction((tx) => issueAccessToken(tx, systemClock, Number(userId))));
  if (!issued) {
    console.error(`no seller ${userId} (caja sellers lists them)`);
    process.exit(1);
  }
  console.log(`access token for ${issued.seller.id} (${issued.seller.site_id}, ${issued.seller.name}); earlier tokens stay valid:`);
  console.log(issued.accessToken);
}
