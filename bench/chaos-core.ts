import net from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { spawnCaja, type CajaProcess } from '../test/support/process.js';
import { Receiver } from '../test/support/receiver.js';

/**
 * kill -9 under load (issue 12): creates and wallet payments run against a real `caja serve` that is killed at random
 * moments and restarted on the same database; afterwards every acknowledged write must exist, no idempotent create
 * may have doubled, no order may be paid twice, and every committed event must reach the receiver.
 */
export interface ChaosOptions {
  /** postgres:// URL of an empty database, or undefined for SQLite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  kills: number;
  /** Random time between a start and its kill. */
  minGapMs: number;
  maxGapMs: number;
  concurrency: number;
  seed: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  database: string;
  seed: number;
  kills: number;
  seconds: number;
  createsAcked: number;
  paysAcked: number;
  /** Requests cut by a kill (or refused while caja was down), then retried. */
  retried: number;
  /** Retried creates answered from the idempotency record (the first attempt had committed). */
  replayed: number;
  events: number;
  deliveries: number;
  /** Deliveries the receiver saw more than once (at least once is the contract). */
  redelivered: number;
  /** Longest time from a kill to the next successful answer. */
  maxRecoveryMs: number;
  problems: string[];
}

const ADMIN = 'chaos-admin-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small seeded generator (mulberry32), so a run's kill moments can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

type Rows = Array<Record<string, unknown>>;

function reader(opts: ChaosOptions): { query(text: string): Promise<Rows>; close(): Promise<void> } {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1 });
    return { query: async (text) => (await pool.query(text)).rows as Rows, close: () => pool.end() };
  }
  const db = new BetterSqlite3(`${opts.dataDir}/caja.db`, { readonly: true, fileMustExist: true });
  return { query: async (text) => db.prepare(text).all() as Rows, close: async () => void db.close() };
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  const log = opts.log ?? (() => {});
  const rnd = random(opts.seed);
  const problems: string[] = [];
  const rx = await Receiver.start();
  const port = await freePort();
  const env = {
    PORT: String(port),
    CAJA_PUBLIC_URL: `http://127.0.0.1:${port}`,
    CAJA_DATA_DIR: opts.dataDir,
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    CAJA_ADMIN_TOKEN: ADMIN,
    CAJA_SEED: 'off',
    // A killed attempt's lease expires after timeout + 1 s; retries come quickly.
    CAJA_WEBHOOK_TIMEOUT_MS: '1000',
    CAJA_WEBHOOK_RETRY_SCHEDULE: '1s,1s,2s,5s,10s',
  };
  const base = `http://127.0.0.1:${port}`;
  let caja: CajaProcess = await spawnCaja(env);
  const started = performance.now();

  const call = async (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
  };

  const seller = (await call('POST', '/sandbox/sellers', ADMIN, { site_id: 'MLA', name: 'Chaos' })).body;
  const token = seller.access_token as string;
  const store = (await call('POST', `/users/${seller.user_id}/stores`, token, { name: 'Chaos', external_id: 'CHAOS1', location: { street_name: 'Calle', street_number: '1', city_name: 'Buenos Aires', state_name: 'Capital Federal', latitude: -34.6, longitude: -58.4 } })).body;
  const posExternal = 'CHAOSPOS1';
  const pos = await call('POST', '/pos', token, { name: 'Caja 1', fixed_amount: true, store_id: Number(store.id), external_store_id: 'CHAOS1', external_id: posExternal });
  if (pos.status >= 300) throw new Error(`chaos setup: POS ${pos.status} ${JSON.stringify(pos.body)}`);
  await call('PUT', `/sandbox/sellers/${seller.user_id}/webhooks`, token, { url: rx.url, topics: ['order', 'payment', 'merchant_order', 'topic_merchant_order_wh'] });

  const createsAcked = new Map<string, string>();
  const paysAcked = new Set<string>();
  let retried = 0;
  let replayed = 0;
  let killedAt: number | undefined;
  let maxRecoveryMs = 0;
  let running = true;
  const answered = () => {
    if (killedAt !== undefined) {
      maxRecoveryMs = Math.max(maxRecoveryMs, performance.now() - killedAt);
      killedAt = undefined;
    }
  };

  /** Sends until an answer arrives: a network error means a kill (or caja still starting); the same request is sent again. */
  const persist = async (send: () => Promise<{ status: number; body: Record<string, any> }>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await send();
        answered();
        return { ...res, cut: attempt > 0 };
      } catch {
        retried++;
        await sleep(50);
      }
    }
  };

  let n = 0;
  const worker = async (w: number) => {
    while (running) {
      const key = `chaos-${opts.seed}-${w}-${n++}`;
      const body = { type: 'qr', external_reference: key, total_amount: '10.00', config: { qr: { external_pos_id: posExternal, mode: 'dynamic' } }, transactions: { payments: [{ amount: '10.00' }] } };
      const created = await persist(() => call('POST', '/v1/orders', token, body, { 'x-idempotency-key': key }));
      if (created.status !== 201) {
        problems.push(`create ${key}: ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
        continue;
      }
      if (created.cut) replayed++;
      const id = created.body.id as string;
      const earlier = createsAcked.get(key);
      if (earlier && earlier !== id) problems.push(`create ${key} answered two ids: ${earlier} and ${id}`);
      createsAcked.set(key, id);
      // Ask the same key again now and then: an idempotent replay must answer the same order.
      if (rnd() < 0.2) {
        const again = await persist(() => call('POST', '/v1/orders', token, body, { 'x-idempotency-key': key }));
        if (again.body.id !== id) problems.push(`replay of ${key} answered ${String(again.body.id)} instead of ${id}`);
      }
      const qr = created.body.type_response?.qr_data as string;
      const paid = await persist(() => call('POST', '/sandbox/wallet/pay', undefined, { qr_data: qr }));
      // 409 after a cut request: the first attempt had paid.
      if (paid.status === 201 || (paid.status === 409 && paid.cut)) paysAcked.add(id);
      else problems.push(`pay ${id}: ${paid.status} ${JSON.stringify(paid.body).slice(0, 200)}`);
    }
  };

  const workers = Array.from({ length: opts.concurrency }, (_, w) => worker(w));
  for (let k = 0; k < opts.kills; k++) {
    await sleep(opts.minGapMs + rnd() * (opts.maxGapMs - opts.minGapMs));
    killedAt = performance.now();
    await caja.kill('SIGKILL');
    log(`kill ${k + 1}/${opts.kills} after ${createsAcked.size} creates and ${paysAcked.size} payments acknowledged`);
    caja = await spawnCaja(env);
  }
  await sleep(opts.minGapMs);
  running = false;
  await Promise.all(workers);

  const db = reader(opts);
  const inList = (ids: Iterable<string>) => [...ids].map((id) => `'${id.replace(/'/g, "''")}'`).join(',') || "''";
  try {
    const found = new Set((await db.query(`SELECT id FROM mp_orders WHERE id IN (${inList(createsAcked.values())})`)).map((r) => r.id as string));
    for (const [key, id] of createsAcked) if (!found.has(id)) problems.push(`acknowledged create ${key} → ${id} is missing`);
    for (const r of await db.query('SELECT external_reference, count(*) AS n FROM mp_orders GROUP BY external_reference HAVING count(*) > 1')) {
      problems.push(`idempotent create doubled: ${String(r.external_reference)} × ${String(r.n)}`);
    }
    for (const r of await db.query(`SELECT id, status FROM mp_orders WHERE id IN (${inList(paysAcked)})`)) {
      if (r.status !== 'processed') problems.push(`acknowledged payment of ${String(r.id)} but the order is ${String(r.status)}`);
    }
    for (const r of await db.query("SELECT resource_id, count(*) AS n FROM events WHERE type LIKE '%processed%' GROUP BY resource_id HAVING count(*) > 1")) {
      problems.push(`order paid twice: ${String(r.resource_id)} has ${String(r.n)} processed events`);
    }
    for (const r of await db.query('SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)')) {
      problems.push(`event ${String(r.id)} has no delivery`);
    }
    // Every committed event reaches the receiver: wait for the deliveries (a killed attempt's lease must expire first).
    const deadline = Date.now() + 60_000;
    let pending: Rows = [];
    do {
      // A skipped delivery had nowhere to go (a topic not enabled): recorded with its reason, not lost.
      pending = await db.query("SELECT id, status FROM deliveries WHERE status NOT IN ('delivered', 'skipped')");
      if (pending.length) await sleep(250);
    } while (pending.length && Date.now() < deadline);
    for (const r of pending) problems.push(`delivery ${String(r.id)} is ${String(r.status)}, not delivered`);
    const deliveries = await db.query("SELECT request_id FROM deliveries WHERE status <> 'skipped'");
    const seen = new Map<string, number>();
    for (const r of rx.received) {
      const id = String(r.headers['x-request-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    for (const d of deliveries) if (!seen.has(d.request_id as string)) problems.push(`delivery ${String(d.request_id)} never reached the receiver`);
    const events = Number((await db.query('SELECT count(*) AS n FROM events'))[0]!.n);
    return {
      database: opts.databaseUrl ? 'postgres' : 'sqlite',
      seed: opts.seed,
      kills: opts.kills,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      createsAcked: createsAcked.size,
      paysAcked: paysAcked.size,
      retried,
      replayed,
      events,
      deliveries: deliveries.length,
      redelivered: [...seen.values()].filter((c) => c > 1).length,
      maxRecoveryMs: Math.round(maxRecoveryMs),
      problems,
    };
  } finally {
    await db.close();
    await caja.kill('SIGTERM');
    await rx.close();
  }
}
