// Bytes written per request type: N order creates, N wallet payments, then N
// payments whose webhook is delivered (minus a payment without one = a
// delivery). SQLite: bytes the caja process dirtied in files (/proc write_bytes,
// WAL frames and checkpoints); PostgreSQL: WAL generated (pg_current_wal_lsn).
//   node bin/run-ts.js bench/storage-bytes.ts [--db sqlite|postgres] [--n 1000]
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { randomUUID } from 'node:crypto';
import { startEmbeddedPostgres, type RunningPostgres } from '../test/support/embedded-pg.js';
import { ADMIN, json, postgresTarget, receiver, sqliteTarget, startServer } from './lib.js';
import { shop } from './orders.js';
import { dbProbe, procStats } from './soak/probe.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, n: { type: 'string', default: '1000' } } });
const N = Number(values.n);
let embedded: RunningPostgres | undefined;
if (values.db === 'postgres') embedded = await startEmbeddedPostgres({ fast: false });
const target = embedded ? postgresTarget(embedded.url) : sqliteTarget();
const env = { ...(await target.fresh()), PORT: '0', LOG_LEVEL: 'warn', CAJA_SEED: 'off', CAJA_ADMIN_TOKEN: ADMIN };
const rx = await receiver();
const caja = await startServer('bin/caja.js', ['serve'], env);
const db = await dbProbe(env);
const { seller, token, pos } = await shop(caja.url);
const pool = new Pool(caja.url, { connections: 8 });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function post(path: string, body: unknown): Promise<Record<string, any>> {
  const res = await pool.request({ method: 'POST', path, headers: { ...headers, 'x-idempotency-key': randomUUID() }, body: JSON.stringify(body) });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${text}`);
  return JSON.parse(text) as Record<string, any>;
}
const create = (i: number) =>
  post('/v1/orders', { type: 'qr', external_reference: `b_${i}`, total_amount: '50.00', config: { qr: { external_pos_id: pos, mode: 'dynamic' } }, transactions: { payments: [{ amount: '50.00' }] } });

async function inParallel<T>(items: T[], fn: (x: T) => Promise<unknown>, width = 8): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const elapsed: number[] = [];
async function measure(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  const before = embedded ? (await db.size()).walBytes : procStats(caja.child.pid!).writeBytes;
  await fn();
  elapsed.push(performance.now() - t0);
  // Let the worker and timers settle before reading.
  await new Promise((r) => setTimeout(r, 1500));
  const after = embedded ? (await db.size()).walBytes : procStats(caja.child.pid!).writeBytes;
  return (after - before) / N;
}

await inParallel(range(200), (i) => create(-i - 1)); // warm-up
const orders: Array<Record<string, any>> = [];
const perCreate = await measure(() => inParallel(range(N), async (i) => void orders.push(await create(i))));
const later: Array<Record<string, any>> = [];
await inParallel(range(N), async (i) => void later.push(await create(N + i)));
const pay = (o: Record<string, any>) => post('/sandbox/wallet/pay', { qr_data: o.type_response.qr_data });
const perPay = await measure(() => inParallel(orders, pay));
await json(caja.url, 'PUT', `/sandbox/sellers/${seller.user_id}/webhooks`, { token, body: { url: rx.url, topics: ['order'] } });
const perPayDelivered = await measure(async () => {
  await inParallel(later, pay);
  while (rx.arrivals.length < N) await new Promise((r) => setTimeout(r, 50));
});
const kb = (b: number) => (b / 1024).toFixed(1);
console.log(`${values.db}: bytes written per request (KB), n=${N}`);
console.log(`  create ${kb(perCreate)}  pay ${kb(perPay)}  pay+webhook ${kb(perPayDelivered)}  delivery ${kb(perPayDelivered - perPay)}`);
console.log(`  seconds per phase (CPU-bound, a rough check only): ${elapsed.map((e) => (e / 1000).toFixed(1)).join(' / ')}`);
console.log(`  database ${kb((await db.size()).dbBytes)} KB`);
await pool.close();
await db.close();
await caja.stop();
await rx.close();
await embedded?.stop();
