import fs from 'node:fs';
import { ADMIN, cajaEnv, json, load, paced, percentile, receiver, serveCaja, WARMUP_SECONDS, type Target } from './lib.js';

export interface NotificationsResult {
  /** At a steady 500 events/s (one every 2 ms): commit-to-receipt latency. */
  rate: number;
  sent: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  /** Saturated: events committed and delivered per second, as fast as caja goes. */
  saturatedPerSecond: number;
  /** caja's CPU (user + system) per event at 500/s, from the request to the recorded attempt, µs. */
  cpuUs: number;
  /** The same when saturated. */
  saturatedCpuUs: number;
  /**
   * caja's write system calls per event at 500/s (/proc/<pid>/io syscw): its answer, its webhook
   * and every database round trip (each query, BEGIN and COMMIT is one write on PostgreSQL).
   */
  writes: number;
  /** PostgreSQL's CPU per event at 500/s (all its processes: backends, WAL writer...), µs; 0 on SQLite. */
  dbCpuUs: number;
}

/** ppid, name and CPU ms of a process, or undefined if it is gone. */
function procStat(pid: string): { ppid: string; name: string; cpuMs: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: fields[1]!, name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 };
  } catch {
    return undefined;
  }
}

/** CPU of the postgres processes descending from this bench process (the embedded server it started; not a colleague's), ms. */
export function postgresCpuMs(): number {
  const mine = (pid: string): boolean => {
    for (let p = pid, hops = 0; p !== '0' && p !== '1' && hops < 10; hops++) {
      if (p === String(process.pid)) return true;
      const st = procStat(p);
      if (!st) return false;
      p = st.ppid;
    }
    return false;
  };
  let ms = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const st = procStat(pid);
    if (st?.name === 'postgres' && mine(pid)) ms += st.cpuMs;
  }
  return ms;
}

function writesOf(pid: number): number {
  return Number(/syscw: (\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
}

function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function drained(arrivals: unknown[], expected: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (arrivals.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** Waits until no webhook arrived for 500 ms. */
async function quiet(arrivals: unknown[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (arrivals.length !== seen && Date.now() < deadline) {
    seen = arrivals.length;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function benchNotifications(target: Target, seconds: number): Promise<NotificationsResult> {
  const rx = await receiver();
  const caja = await serveCaja(cajaEnv(await target.fresh()));
  const pid = caja.child.pid!;
  try {
    const seller = await json(caja.url, 'POST', '/sandbox/sellers', { token: ADMIN, body: { site_id: 'MLA' } });
    const token = seller.access_token as string;
    await json(caja.url, 'PUT', `/sandbox/sellers/${seller.user_id}/webhooks`, { token, body: { url: rx.url, topics: ['order'] } });
    const request = {
      method: 'POST' as const,
      path: '/sandbox/notifications/test',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ topic: 'order', data_id: 'ORD01BENCH0000000000000000000' }),
    };
    const rate = 500;
    await paced(caja.url, rate, WARMUP_SECONDS, request);
    await drained(rx.arrivals, rate * WARMUP_SECONDS);
    rx.arrivals.length = 0;
    let cpu0 = cpuMsOf(pid);
    const writes0 = writesOf(pid);
    const db0 = target.name === 'postgres' ? postgresCpuMs() : 0;
    const sent = await paced(caja.url, rate, seconds, request);
    await drained(rx.arrivals, sent);
    const cpuUs = ((cpuMsOf(pid) - cpu0) * 1000) / Math.max(1, rx.arrivals.length);
    const writes = (writesOf(pid) - writes0) / Math.max(1, rx.arrivals.length);
    const dbCpuUs = target.name === 'postgres' ? ((postgresCpuMs() - db0) * 1000) / Math.max(1, rx.arrivals.length) : 0;
    const latencies = rx.arrivals.map((a) => a.at - a.created).sort((a, b) => a - b);
    const delivered = rx.arrivals.length;

    // Saturated: load() runs WARMUP_SECONDS then `seconds` at 50 connections; every delivery
    // of both counts, from the load's start to the last arrival (the queue drained).
    rx.arrivals.length = 0;
    cpu0 = cpuMsOf(pid);
    const t0 = Date.now();
    await load({ url: caja.url, duration: seconds, connections: 50, requests: [request] });
    await quiet(rx.arrivals, 60_000);
    const last = rx.arrivals.at(-1)?.at ?? Date.now();
    const saturatedCpuUs = ((cpuMsOf(pid) - cpu0) * 1000) / Math.max(1, rx.arrivals.length);
    return {
      rate,
      sent,
      delivered,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      saturatedPerSecond: Math.round(rx.arrivals.length / ((last - t0) / 1000)),
      cpuUs: Math.round(cpuUs),
      saturatedCpuUs: Math.round(saturatedCpuUs),
      writes: Math.round(writes * 10) / 10,
      dbCpuUs: Math.round(dbCpuUs),
    };
  } finally {
    await caja.stop();
    await rx.close();
  }
}
