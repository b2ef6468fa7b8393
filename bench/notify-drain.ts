// `node bin/run-ts.js bench/notify-drain.ts`: the delivery worker alone. N pending webhook
// deliveries are written straight into a fresh database (copies of one real delivery, new
// ids), then caja starts and drains them to a local receiver answering 200. Measures the
// worker's rate and its cost per delivery (caja's CPU, PostgreSQL's CPU, caja's write system
// calls: its webhook plus its database round trips), with no HTTP command in the way.
// BENCH_DRAIN (default 10000), BENCH_ONLY=sqlite|postgres, BENCH_CAJA_PROF=<dir>. Prints, writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import { openStore } from '../src/store/db.js';
import { newId } from '../src/core/ids.js';
import { startEmbeddedPostgres } from '../test/support/embedded-pg.js';
import { ADMIN, json, postgresTarget, receiver, serveCaja, sqliteTarget, startServer, type Target } from './lib.js';
import { postgresCpuMs } from './notifications.js';

const N = Number(process.env.BENCH_DRAIN ?? 10_000);
const only = process.env.BENCH_ONLY?.split(',');
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const proc = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  return { cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / 100, writes: Number(/syscw: (\d+)/.exec(io)![1]) };
};
const env0 = { PORT: '0', LOG_LEVEL: 'warn', CAJA_SEED: 'off', CAJA_ADMIN_TOKEN: ADMIN };

async function drain(target: Target) {
  const rx = await receiver();
  const env: Record<string, string> = { ...(await target.fresh()), ...env0 };
  // One real delivery through the API, then caja stops.
  let caja = await startServer('bin/caja.js', ['serve'], env);
  try {
    const seller = await json(caja.url, 'POST', '/sandbox/sellers', { token: ADMIN, body: { site_id: 'MLA' } });
    const token = seller.access_token as string;
    await json(caja.url, 'PUT', `/sandbox/sellers/${seller.user_id}/webhooks`, { token, body: { url: rx.url, topics: ['order'] } });
    await json(caja.url, 'POST', '/sandbox/notifications/test', { token, body: { topic: 'order', data_id: 'ORD01DRAIN0000000000000000000' } });
    while (rx.arrivals.length < 1) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await caja.stop();
  }
  // N pending copies of it.
  const store = openStore({ dataDir: env.CAJA_DATA_DIR!, databaseUrl: env.DATABASE_URL });
  try {
    const template = await store.db.selectFrom('deliveries').selectAll().executeTakeFirstOrThrow();
    const now = Date.now();
    for (let i = 0; i < N; i += 500) {
      const rows = Array.from({ length: Math.min(500, N - i) }, () => ({
        ...template,
        id: newId('DLV', now),
        status: 'pending' as const,
        attempt_count: 0,
        due_at: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
      }));
      await store.db.insertInto('deliveries').values(rows).execute();
    }
  } finally {
    await store.close();
  }
  rx.arrivals.length = 0;
  // BENCH_CAJA_PROF=<dir>: the draining caja runs with --cpu-prof (serveCaja).
  caja = await serveCaja(env);
  try {
    // From the "listening" line: the worker may have sent a few already.
    const pid = caja.child.pid!;
    const before = proc(pid);
    const db0 = target.name === 'postgres' ? postgresCpuMs() : 0;
    const sentBefore = rx.arrivals.length;
    const deadline = Date.now() + 300_000;
    while (rx.arrivals.length < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const after = proc(pid);
    const n = rx.arrivals.length - sentBefore;
    const first = rx.arrivals[sentBefore]?.at ?? NaN;
    const last = rx.arrivals.at(-1)?.at ?? NaN;
    return {
      delivered: rx.arrivals.length,
      perSecond: Math.round((n / (last - first)) * 1000),
      cpuUsPerDelivery: Math.round(((after.cpuMs - before.cpuMs) * 1000) / n),
      dbCpuUsPerDelivery: target.name === 'postgres' ? Math.round(((postgresCpuMs() - db0) * 1000) / n) : 0,
      writesPerDelivery: Math.round(((after.writes - before.writes) / n) * 100) / 100,
    };
  } finally {
    await caja.stop();
    await rx.close();
  }
}

if (!only || only.includes('sqlite')) console.log(`drain sqlite (load ${loadavg()})`, JSON.stringify(await drain(sqliteTarget())), `(load ${loadavg()})`);
if (!only || only.includes('postgres')) {
  const pg = await startEmbeddedPostgres({ fast: false });
  try {
    console.log(`drain postgres (load ${loadavg()})`, JSON.stringify(await drain(postgresTarget(pg.url))), `(load ${loadavg()})`);
  } finally {
    await pg.stop();
  }
}
