// The scale scenarios of bench/scale.ts (also run by bench/run.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore, type Store } from '../src/store/db.js';
import { cloneOrders } from './bulk.js';
import { ADMIN, cajaEnv, json, load, receiver, ROOT, serveCaja, type Load, type Target } from './lib.js';
import { shop } from './orders.js';

const loadavg = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const cpuMs = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(x[11]) + Number(x[12])) * 1000) / 100;
};

const ORDER = (pos: string) => ({
  type: 'qr',
  external_reference: 'bench_scale',
  total_amount: '50.00',
  description: 'Benchmark',
  expiration_time: 'PT30M',
  config: { qr: { external_pos_id: pos, mode: 'dynamic' } },
  transactions: { payments: [{ amount: '50.00' }] },
});

/** A database with a shop and `n` orders (one created through the API, the rest copied); caja is stopped. */
async function loaded(target: Target, n: number, expiration = 'PT30M') {
  const env = cajaEnv(await target.fresh());
  const caja = await serveCaja(env);
  let token: string;
  let userId: number;
  let template: string;
  try {
    const s = await shop(caja.url);
    token = s.token;
    userId = s.seller.user_id as number;
    template = (await json(caja.url, 'POST', '/v1/orders', { token, body: { ...ORDER(s.pos), expiration_time: expiration }, headers: { 'x-idempotency-key': randomUUID() } })).id as string;
  } finally {
    await caja.stop();
  }
  const t0 = performance.now();
  const ids = n > 1 ? await cloneOrders(env, template, n - 1, (d) => d % 100_000 === 0 && console.log(`  loaded ${d}`)) : [];
  const loadSeconds = (performance.now() - t0) / 1000;
  return { env, token, userId, ids: [template, ...ids], loadSeconds };
}

export interface ExpiryResult {
  db: string;
  n: number;
  loadSeconds: number;
  /** From the clock-advance request to the last expiry committed. */
  seconds: number;
  /** With a webhook receiver (`--webhook`): from the clock-advance request to the last `order.expired` webhook received. */
  deliveredSeconds?: number;
  expired: number;
  events: number;
  deliveries: number;
  cajaCpuSeconds: number;
  loadavg: string;
}

async function count(store: Store, q: string): Promise<number> {
  const { sql } = await import('kysely');
  const r = await sql<{ n: number | string }>`${sql.raw(q)}`.execute(store.db);
  return Number(r.rows[0]!.n);
}

/**
 * `webhook`: the seller's webhook points at a receiver in this process, so every expiry is also
 * delivered (signed, over HTTP); the result then has the time until the last one arrived.
 */
export async function benchExpiry(target: Target, n: number, webhook = false): Promise<ExpiryResult> {
  const { env, token, userId, loadSeconds } = await loaded(target, n);
  console.log(`  ${n} orders loaded in ${loadSeconds.toFixed(1)} s`);
  const caja = await serveCaja(env);
  const probe = openStore({ dataDir: env.CAJA_DATA_DIR!, databaseUrl: env.DATABASE_URL, poolSize: 1 });
  const rx = webhook ? await receiver() : undefined;
  try {
    if (rx) await json(caja.url, 'PUT', `/sandbox/sellers/${userId}/webhooks`, { token, body: { url: rx.url, topics: ['order'] } });
    const avg = loadavg();
    const cpu0 = cpuMs(caja.child.pid!);
    const t0 = performance.now();
    await json(caja.url, 'POST', '/sandbox/clock/advance', { token, body: { seconds: 31 * 60 } });
    const deadline = Date.now() + 600_000;
    while ((await count(probe, "SELECT COUNT(*) AS n FROM timers WHERE status = 'pending'")) > 0) {
      if (Date.now() > deadline) throw new Error('expiry: not done in 10 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - t0) / 1000;
    while (rx && rx.arrivals.length < n) {
      if (Date.now() > deadline) throw new Error(`expiry: ${rx.arrivals.length} of ${n} webhooks in 10 minutes`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const deliveredSeconds = rx ? (performance.now() - t0) / 1000 : undefined;
    const cajaCpuSeconds = (cpuMs(caja.child.pid!) - cpu0) / 1000;
    return {
      db: target.name,
      n,
      loadSeconds,
      seconds,
      deliveredSeconds,
      expired: await count(probe, "SELECT COUNT(*) AS n FROM mp_orders WHERE status = 'expired'"),
      events: await count(probe, "SELECT COUNT(*) AS n FROM events WHERE type = 'mp.order.expired'"),
      deliveries: await count(probe, "SELECT COUNT(*) AS n FROM deliveries WHERE topic = 'order'"),
      cajaCpuSeconds,
      loadavg: avg,
    };
  } finally {
    await probe.close();
    await caja.stop();
    await rx?.close();
    fs.rmSync(env.CAJA_DATA_DIR!, { recursive: true, force: true });
  }
}

export interface StoredResult {
  db: string;
  stored: number;
  loadSeconds: number;
  rounds: Array<{ empty: { create: Load; get: Load; getHot: Load }; full: { create: Load; get: Load; getHot: Load }; loadavg: string }>;
}

/**
 * Reads a SQLite database's files once, start to end, so that the run starts with them in the OS's
 * page cache, as on a server with memory to spare. The 2-core machines this runs on give back page
 * cache that has not been read for a while even with most memory free: a 3.1 GB database was
 * 2.2 GB resident minutes after it was written, and lost about 100 MB more in 20 s (fincore); a
 * read of an evicted page goes to the disk, and a run then measured the disk as much as caja.
 */
function warm(env: Record<string, string>): void {
  const dir = env.CAJA_DATA_DIR;
  if (!dir || env.DATABASE_URL) return;
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const name of ['caja.db', 'caja.db-wal']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const fd = fs.openSync(file, 'r');
    try {
      while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
    } finally {
      fs.closeSync(fd);
    }
  }
}

async function measure(env: Record<string, string>, token: string, ids: string[], seconds: number) {
  warm(env);
  const caja = await serveCaja(env);
  try {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const body = JSON.stringify({ ...ORDER('BENCHPOS1'), expiration_time: undefined });
    const create = await load({ url: caja.url, duration: seconds, requests: [{ method: 'POST', path: '/v1/orders', body, setupRequest: (r) => ({ ...r, headers: { ...headers, 'x-idempotency-key': randomUUID() } }) }] }, caja.child.pid);
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    const get = await load({ url: caja.url, duration: seconds, requests: [{ method: 'GET', headers, setupRequest: (r) => ({ ...r, path: `/v1/orders/${pick()}` }) }] }, caja.child.pid);
    // The same 200 orders on both databases: what the number stored changes, apart from the working set.
    const hot = ids.slice(0, 200);
    const getHot = await load({ url: caja.url, duration: seconds, requests: [{ method: 'GET', headers, setupRequest: (r) => ({ ...r, path: `/v1/orders/${hot[Math.floor(Math.random() * hot.length)]!}` }) }] }, caja.child.pid);
    return { create, get, getHot };
  } finally {
    await caja.stop();
  }
}

type Loaded = Awaited<ReturnType<typeof loaded>>;

/**
 * SQLite only, to compare builds on one loaded database: `keep` is a
 * directory where the two databases are left (and reused by the next run
 * given the same directory) instead of being removed.
 */
async function loadedOrKept(target: Target, n: number, keep: string | undefined, name: string): Promise<Loaded> {
  const dir = keep && path.join(keep, name);
  if (dir && fs.existsSync(path.join(dir, 'bench-meta.json'))) {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'bench-meta.json'), 'utf8')) as Omit<Loaded, 'env'>;
    return { ...meta, env: cajaEnv({ CAJA_DATA_DIR: dir }) };
  }
  // The longest expiration (3600 hours): the stored orders' timers must not come due during the run.
  const l = await loaded(target, n, 'PT3600H');
  if (!dir) return l;
  fs.mkdirSync(keep!, { recursive: true });
  fs.renameSync(l.env.CAJA_DATA_DIR!, dir);
  fs.writeFileSync(path.join(dir, 'bench-meta.json'), JSON.stringify({ token: l.token, ids: l.ids, loadSeconds: l.loadSeconds }));
  return { ...l, env: { ...l.env, CAJA_DATA_DIR: dir } };
}

export async function benchStored(target: Target, m: number, seconds: number, rounds = 2, keep?: string): Promise<StoredResult> {
  if (keep && target.name !== 'sqlite') throw new Error('--keep is for SQLite');
  const empty = await loadedOrKept(target, 200, keep, 'empty');
  const full = await loadedOrKept(target, m, keep, `full-${m}`);
  console.log(`  ${m} orders loaded in ${full.loadSeconds.toFixed(1)} s`);
  const out: StoredResult = { db: target.name, stored: m, loadSeconds: full.loadSeconds, rounds: [] };
  for (let i = 0; i < rounds; i++) {
    const avg = loadavg();
    // Alternating, so a change in colleagues' load hits both sides alike.
    const e = await measure(empty.env, empty.token, empty.ids, seconds);
    const f = await measure(full.env, full.token, full.ids, seconds);
    out.rounds.push({ empty: e, full: f, loadavg: `${avg} → ${loadavg()}` });
    console.log(JSON.stringify(out.rounds.at(-1)));
  }
  if (!keep) for (const d of [empty, full]) fs.rmSync(d.env.CAJA_DATA_DIR!, { recursive: true, force: true });
  return out;
}

const r0 = (x: number) => Math.round(x).toLocaleString('en');
const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(0)}%`;

export function scaleReport(expiry: ExpiryResult[], stored: StoredResult[]): string {
  const lines = [`Measured by \`bench/scale.ts\` on ${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} cores, Node ${process.version}. The load average (1, 5, 15 min) is noted with every number: the machine is shared, so absolute numbers are unreliable; ratios within one run less so.`, ''];
  if (expiry.length) {
    lines.push('### 100,000 orders expiring at one instant', '');
    lines.push('Copies of one dynamic QR order (PT30M) bulk-loaded through the store, caja started, the seller\'s clock advanced 31 minutes: time from the advance request to the last expiry committed (order expired, `order.expired` event and its delivery row in the outbox, timer done; without a webhook the delivery is recorded as skipped). With `--webhook` the seller\'s webhook points at a receiver in the bench process, and "all delivered" is the time until the last `order.expired` webhook arrived.', '');
    lines.push('| database | orders | expired, events, deliveries | time | per second | all delivered | caja CPU | load average |', '|---|---|---|---|---|---|---|---|');
    for (const e of expiry) lines.push(`| ${e.db} | ${r0(e.n)} | ${r0(e.expired)}, ${r0(e.events)}, ${r0(e.deliveries)} | ${e.seconds.toFixed(1)} s | ${r0(e.n / e.seconds)}/s | ${e.deliveredSeconds === undefined ? 'no webhook' : `${e.deliveredSeconds.toFixed(1)} s`} | ${e.cajaCpuSeconds.toFixed(1)} s | ${e.loadavg} |`);
    lines.push('', 'Target (issue 14): all expired and notified within 10 s.', '');
  }
  if (stored.length) {
    lines.push('### 1 million stored orders', '');
    lines.push('Create and get throughput (autocannon, 50 connections) on a database with a shop and 200 orders against one with the same shop and M bulk-loaded orders (each with its QR code, pending expiry timer, idempotency record and history), alternating, the same seller. "Get" reads random orders of the whole set (on the full database a working set of M orders, larger than any cache); the file of each database is read once before its measure, so that both start in the page cache of the OS; "get, 200" reads random orders among 200 of them on both (the same working set: what the number stored changes by itself).', '');
    lines.push('| database | stored | round | create empty | create full | change | get empty | get full | change | get, 200: empty | full | change | CPU/create empty, full | CPU/get empty, full | CPU/get, 200: empty, full | load average |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    const us = (x?: number) => (x ? `${Math.round(x)} µs` : '-');
    for (const s of stored) {
      for (const [i, r] of s.rounds.entries()) {
        lines.push(
          `| ${s.db} | ${r0(s.stored)} | ${i + 1} | ${r0(r.empty.create.rps)}/s | ${r0(r.full.create.rps)}/s | ${pct(r.full.create.rps, r.empty.create.rps)} | ${r0(r.empty.get.rps)}/s | ${r0(r.full.get.rps)}/s | ${pct(r.full.get.rps, r.empty.get.rps)} | ${r0(r.empty.getHot.rps)}/s | ${r0(r.full.getHot.rps)}/s | ${pct(r.full.getHot.rps, r.empty.getHot.rps)} | ${us(r.empty.create.cpuUs)}, ${us(r.full.create.cpuUs)} | ${us(r.empty.get.cpuUs)}, ${us(r.full.get.cpuUs)} | ${us(r.empty.getHot.cpuUs)}, ${us(r.full.getHot.cpuUs)} | ${r.loadavg} |`,
        );
      }
    }
    lines.push('', 'Target (issue 14): 1 million stored orders change create and get throughput by less than 10%.', '');
  }
  return lines.join('\n');
}

export function writeScaleBlock(text: string): void {
  const file = path.join(ROOT, 'docs/PERFORMANCE.md');
  const current = fs.readFileSync(file, 'utf8');
  const start = '<!-- scale:start -->';
  const end = '<!-- scale:end -->';
  const block = `${start}\n${text}\n${end}`;
  fs.writeFileSync(file, current.includes(start) ? current.slice(0, current.indexOf(start)) + block + current.slice(current.indexOf(end) + end.length) : `${current.trimEnd()}\n\n## Scale\n\n${block}\n`);
}

