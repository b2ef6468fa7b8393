// `node bin/run-ts.js bench/notify.ts`: only the notifications part of `npm run bench`, on
// SQLite and PostgreSQL (embedded, durable settings); prints the results, writes nothing.
// BENCH_SECONDS (default 10), BENCH_ONLY=sqlite|postgres, BENCH_CAJA_PROF=<dir> and BENCH_CAJA_ENV as in lib.ts's serveCaja and cajaEnv.
import os from 'node:os';
import { startEmbeddedPostgres } from '../test/support/embedded-pg.js';
import { postgresTarget, sqliteTarget } from './lib.js';
import { benchNotifications } from './notifications.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.env.BENCH_ONLY?.split(',');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

if (!only || only.includes('sqlite')) {
  console.log(`sqlite (load ${load()})`, JSON.stringify(await benchNotifications(sqliteTarget(), seconds)), `(load ${load()})`);
}
if (!only || only.includes('postgres')) {
  const pg = await startEmbeddedPostgres({ fast: false });
  try {
    console.log(`postgres (load ${load()})`, JSON.stringify(await benchNotifications(postgresTarget(pg.url), seconds)), `(load ${load()})`);
  } finally {
    await pg.stop();
  }
}
