// A soak: steady mixed traffic against one caja process for some minutes,
// printing per interval the server's memory, latency percentiles per request
// type, database and WAL size, and bytes written. Usage:
//   npm run soak -- [--minutes 5] [--rate 50] [--interval 15] [--db sqlite|postgres]
// Retention and every other CAJA_* setting pass through from the environment,
// e.g. CAJA_RETAIN_MP_ORDERS=1m CAJA_RETAIN_MP_PAID_ORDERS=1m CAJA_RETENTION_INTERVAL=10s.
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres, type RunningPostgres } from '../test/support/embedded-pg.js';
import { ADMIN, percentile, postgresTarget, receiver, sqliteTarget, startServer } from './lib.js';
import { dbProbe, mb, procStats } from './soak/probe.js';
import { Traffic, type Kind } from './soak/traffic.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    rate: { type: 'string', default: '50' },
    interval: { type: 'string', default: '15' },
    db: { type: 'string', default: 'sqlite' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const intervalS = Number(values.interval);
if (!(minutes > 0 && rate > 0 && intervalS > 0) || !['sqlite', 'postgres'].includes(values.db!)) {
  console.error('usage: npm run soak -- [--minutes N] [--rate orders-per-second] [--interval seconds] [--db sqlite|postgres]');
  process.exit(2);
}

const passthrough = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('CAJA_')) as Array<[string, string]>);
let embedded: RunningPostgres | undefined;
if (values.db === 'postgres') embedded = await startEmbeddedPostgres({ fast: false });
const target = embedded ? postgresTarget(embedded.url) : sqliteTarget();
const env = { ...(await target.fresh()), ...passthrough, PORT: '0', LOG_LEVEL: 'warn', CAJA_SEED: 'off', CAJA_ADMIN_TOKEN: ADMIN };
const rx = await receiver();
const caja = await startServer('bin/caja.js', ['serve'], env);
const pid = caja.child.pid!;
const db = await dbProbe(env);
const traffic = await Traffic.open(caja.url, rx.url);
console.log(`soak: ${values.db}, ${rate} orders/s + 1 Depay QR/s for ${minutes} min; retention from env: ${Object.keys(passthrough).filter((k) => k.includes('RETAIN') || k.includes('RETENTION')).map((k) => `${k}=${passthrough[k]}`).join(' ') || 'defaults'}`);
console.log('  t(s)   rss MB  db MB  wal MB  written MB  MB/min  req    ' + (['create', 'get', 'pay', 'cancel', 'refund', 'depay'] as Kind[]).map((k) => `${k} p50/p99/max`.padEnd(22)).join(''));

const start = performance.now();
const end = start + minutes * 60_000;
const inflight = new Set<Promise<void>>();
const track = (p: Promise<void>) => {
  inflight.add(p);
  void p.finally(() => inflight.delete(p));
};
const base = procStats(pid);
let last = { at: start, written: base.writeBytes };
let nextReport = start + intervalS * 1000;
let nextDepay = start;
let i = 0;
while (performance.now() < end) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  track(traffic.scenario());
  i++;
  const now = performance.now();
  if (now >= nextDepay) {
    track(traffic.depay());
    nextDepay += 1000;
  }
  if (now >= nextReport) {
    nextReport += intervalS * 1000;
    const p = procStats(pid);
    const s = await db.size();
    const cols = (['create', 'get', 'pay', 'cancel', 'refund', 'depay'] as Kind[]).map((k) => {
      const xs = (traffic.latencies.get(k) ?? []).sort((a, b) => a - b);
      return `${percentile(xs, 50).toFixed(1)}/${percentile(xs, 99).toFixed(1)}/${(xs.at(-1) ?? NaN).toFixed(0)}`.padEnd(22);
    });
    const requests = [...traffic.latencies.values()].reduce((a, xs) => a + xs.length, 0);
    traffic.latencies.clear();
    const perMin = ((p.writeBytes - last.written) / ((now - last.at) / 60_000));
    last = { at: now, written: p.writeBytes };
    console.log(
      `${((now - start) / 1000).toFixed(0).padStart(6)} ${mb(p.rssBytes).padStart(8)} ${mb(s.dbBytes).padStart(6)} ${mb(s.walBytes).padStart(7)} ${mb(p.writeBytes - base.writeBytes).padStart(11)} ${mb(perMin).padStart(7)}  ${String(requests).padEnd(6)} ${cols.join('')}`,
    );
  }
}
await Promise.all(inflight);
const drainedBy = Date.now() + 10_000;
while (rx.arrivals.length === 0 && Date.now() < drainedBy) await new Promise((r) => setTimeout(r, 100));
console.log(`done: ${i} order scenarios, ${traffic.failures} failed requests${traffic.failures ? ` (last: ${traffic.lastFailure})` : ''}, ${rx.arrivals.length} notifications received`);
await traffic.close();
await db.close();
await caja.stop();
await rx.close();
await embedded?.stop();

